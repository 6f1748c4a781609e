package vpc

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestFlightStopsWhenEveryCallerLeft: a shared call outlives a caller that leaves while another
// waits, and is cancelled once the last caller has left, so that an abandoned page does not go
// on retrying against EC2; the next caller starts a call of its own.
func TestFlightStopsWhenEveryCallerLeft(t *testing.T) {
	var g flights[string]
	started := make(chan context.Context, 2)
	call := func(ctx context.Context) (string, error) {
		started <- ctx
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(500 * time.Millisecond):
			return "answer", nil
		}
	}

	t.Run("one of two callers leaves", func(t *testing.T) {
		leaving, leave := context.WithCancel(context.Background())
		first := make(chan error, 1)
		go func() { _, _, err := g.do(leaving, "k", time.Minute, call); first <- err }()
		<-started
		second := make(chan string, 1)
		go func() { v, _, _ := g.do(context.Background(), "k", time.Minute, call); second <- v }()
		time.Sleep(50 * time.Millisecond) // the second caller joins
		leave()
		if err := <-first; !errors.Is(err, context.Canceled) {
			t.Errorf("the caller who left: %v, want context.Canceled", err)
		}
		// A cancelled call answers "": the answer shows the call went on for the one who stayed.
		if got := <-second; got != "answer" {
			t.Errorf("the caller who stayed: %q, want the shared answer", got)
		}
	})

	t.Run("every caller leaves", func(t *testing.T) {
		ctx, leave := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { g.do(ctx, "k", time.Minute, call); close(done) }()
		callCtx := <-started
		leave()
		<-done
		select {
		case <-callCtx.Done():
		case <-time.After(time.Second):
			t.Fatal("the call went on with nobody waiting for it")
		}
		v, led, err := g.do(context.Background(), "k", time.Minute, call)
		<-started
		if v != "answer" || !led || err != nil {
			t.Errorf("the next caller: %q, led %v, %v; want a call of its own that answers", v, led, err)
		}
	})
}
