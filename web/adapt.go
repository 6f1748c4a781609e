package web

import (
	"net/http"

	"endpointconsole/handlers"
)

// handlerFunc is a page handler: it writes the page, or returns why it could not.
type handlerFunc func(http.ResponseWriter, *http.Request) error

// adapt is the one place errors become pages: the status comes from the error's code, server
// errors are logged once with the request id, and the person sees a sentence, never a stack.
func (s *Server) adapt(h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		if r.Context().Err() != nil {
			// The client went away (closed the tab, pressed Stop): nobody reads an answer, and
			// the failed EC2 call is its consequence, not a server error. The access log records
			// the request as 499.
			return
		}
		if status := handlers.ErrorStatus(err); status >= 500 {
			s.log.Error("request failed", "request_id", w.Header().Get("X-Request-Id"), "path", r.URL.Path, "status", status, "err", err)
		}
		s.handlers.Error(w, r, err)
	}
}
