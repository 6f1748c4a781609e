// Package web is the console's HTTP layer: the route table, the middleware stack, the adapter
// that turns handler errors into pages, the static files and the server's lifecycle.
package web

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"time"

	"github.com/go-chi/chi/v5"

	"endpointconsole/handlers"
)

// Config is how the server listens and what it allows.
type Config struct {
	// Addr is the listen address, e.g. 127.0.0.1:8080.
	Addr string
	// ReadOnly removes every route that changes the account.
	ReadOnly bool
}

// Server is the console's HTTP server.
type Server struct {
	log      *slog.Logger
	readOnly bool
	handlers *handlers.Handlers
	router   chi.Router
	handler  http.Handler
	http     *http.Server
}

// New builds the server around h.
func New(cfg Config, h *handlers.Handlers, log *slog.Logger) *Server {
	s := &Server{log: log, readOnly: cfg.ReadOnly, handlers: h}
	// CrossOriginProtection refuses state-changing requests sent by other sites' pages (CSRF).
	s.router = s.routes(h)
	csrf := http.NewCrossOriginProtection()
	// A refused request gets the console's own page, with the security headers.
	csrf.SetDenyHandler(securityHeaders(http.HandlerFunc(h.Forbidden)))
	s.handler = csrf.Handler(s.router)
	s.http = &http.Server{
		Addr:              cfg.Addr,
		Handler:           s.handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	return s
}

// Handler is the whole console as an http.Handler, for tests.
func (s *Server) Handler() http.Handler { return s.handler }

// Routes lists every route the server registered, as "METHOD /pattern" sorted, so that tests
// can check the route table itself: in read-only mode no mutating route may exist.
func (s *Server) Routes() []string {
	var out []string
	chi.Walk(s.router, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		out = append(out, method+" "+route)
		return nil
	})
	slices.Sort(out)
	return out
}

// Listen opens the listening socket, so that a bad address fails before anything else starts.
func (s *Server) Listen() (net.Listener, error) {
	return net.Listen("tcp", s.http.Addr)
}

// Serve serves on ln until ctx is done, then shuts down gracefully: in-flight requests get up
// to ten seconds to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- s.http.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.http.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
