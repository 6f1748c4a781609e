package handlers

import (
	"context"
	"net/http"
	"sync"
	"time"

	"endpointconsole/vpc"
)

// readinessEvery is how often /readyz asks EC2 at most: probes may come every second from
// several places, and each answer within this time reuses the last check.
const readinessEvery = 5 * time.Second

// readiness remembers the last check of EC2, so that probes cost at most one call per
// readinessEvery whatever their rate.
type readiness struct {
	mu      sync.Mutex
	checked time.Time
	err     error
	every   time.Duration
}

// check returns the outcome of the last check, or checks again when it is older than every.
// Probes that arrive during a check wait for it rather than making their own.
func (rd *readiness) check(ctx context.Context, ping func(context.Context) error) error {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	if !rd.checked.IsZero() && time.Since(rd.checked) < rd.every {
		return rd.err
	}
	checkCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), rd.every)
	defer cancel()
	rd.err = ping(checkCtx)
	rd.checked = time.Now()
	return rd.err
}

// Readyz answers the readiness probe: 200 while EC2 answers, 503 with the reason while it
// doesn't (unreachable, credentials refused, throttled).
func (h *Handlers) Readyz(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := h.ready.check(r.Context(), h.pinger.Ping); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, werr := w.Write([]byte("EC2 is not answering: " + vpc.ErrorMessage(err) + "\n"))
		return werr
	}
	_, err := w.Write([]byte("ok\n"))
	return err
}
