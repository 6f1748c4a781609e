// Package web is the console's HTTP layer: the route table, the middleware stack, the adapter
// that turns handler errors into pages, the static files and the server's lifecycle.
package web

import (
	"cmp"
	"context"
	"errors"
	"fmt"
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
	// AllowedHosts are names the console answers to besides the loopback names, IP addresses
	// and the host of Addr (".example.com" for every name under example.com).
	AllowedHosts []string
	// Auth says who the visitors are; the zero value is no authentication.
	Auth Auth
	// ShutdownTimeout is how long a stop waits for the requests in flight (default 60s).
	ShutdownTimeout time.Duration
	// Metrics are served at /metrics; nil gives the server metrics of its own.
	Metrics *Metrics
}

// Server is the console's HTTP server.
type Server struct {
	log      *slog.Logger
	readOnly bool
	// shutdownTimeout bounds how long Serve waits, once stopped, for the requests in flight.
	shutdownTimeout time.Duration
	metrics         *Metrics
	hosts           hostAllowList
	auth            Auth
	handlers        *handlers.Handlers
	router          chi.Router
	handler         http.Handler
	http            *http.Server
}

// New builds the server around h.
func New(cfg Config, h *handlers.Handlers, log *slog.Logger) *Server {
	s := &Server{log: log, readOnly: cfg.ReadOnly, handlers: h, hosts: newHostAllowList(cfg.Addr, cfg.AllowedHosts), auth: cfg.Auth,
		shutdownTimeout: cmp.Or(cfg.ShutdownTimeout, 60*time.Second), metrics: cfg.Metrics}
	if s.metrics == nil {
		s.metrics = NewMetrics()
	}
	s.router = s.routes(h)
	s.handler = s.router
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

// Serve serves on ln until ctx is done, then shuts down gracefully: it stops accepting, and the
// requests in flight get up to the shutdown timeout to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- s.http.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("stopping: letting the requests in flight finish", "timeout", s.shutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), s.shutdownTimeout)
	defer cancel()
	if err := s.http.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("requests were still running after the shutdown timeout of %v (raise -shutdown-timeout): %w", s.shutdownTimeout, err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
