package vpc

import (
	"context"
	"sync"
	"time"
)

// flights makes one call per key for the callers that ask while it runs, like singleflight,
// with two differences that matter for EC2: one caller leaving does not cancel the call for the
// others (it runs without the first caller's cancellation), and the call is cancelled once every
// caller has left, so that nobody's abandoned page goes on retrying against a throttled EC2.
type flights[T any] struct {
	mu      sync.Mutex
	running map[string]*flight[T]
}

type flight[T any] struct {
	done    chan struct{}
	val     T
	err     error
	waiters int
	cancel  context.CancelFunc
}

// do returns what call returned for key, from the call in flight or from a new one, and whether
// this caller started it. The call gets a context with ctx's values, no cancellation of its own
// but timeout, and cancelled when no caller waits any longer.
func (g *flights[T]) do(ctx context.Context, key string, timeout time.Duration, call func(context.Context) (T, error)) (val T, led bool, err error) {
	if err := ctx.Err(); err != nil {
		return val, false, err
	}
	g.mu.Lock()
	if g.running == nil {
		g.running = map[string]*flight[T]{}
	}
	f, ok := g.running[key]
	if !ok {
		callCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
		f = &flight[T]{done: make(chan struct{}), cancel: cancel}
		g.running[key] = f
		led = true
		go func() {
			defer cancel()
			f.val, f.err = call(callCtx)
			g.forget(key, f)
			close(f.done)
		}()
	}
	f.waiters++
	g.mu.Unlock()

	select {
	case <-f.done:
		return f.val, led, f.err
	case <-ctx.Done():
		g.mu.Lock()
		f.waiters--
		if f.waiters == 0 {
			f.cancel()
			g.forgetLocked(key, f)
		}
		g.mu.Unlock()
		return val, led, ctx.Err()
	}
}

// forget removes f from the running calls, if it is still the one running for key.
func (g *flights[T]) forget(key string, f *flight[T]) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.forgetLocked(key, f)
}

func (g *flights[T]) forgetLocked(key string, f *flight[T]) {
	if g.running[key] == f {
		delete(g.running, key)
	}
}
