package vpc

import (
	"context"
	"sync"
	"time"
)

// ReadLog collects how old the answers given to the reads made with one context were, so that
// a page can say "data as of …" when some of it came from the cache. It is safe for concurrent
// use: a Service makes calls concurrently.
type ReadLog struct {
	mu     sync.Mutex
	oldest time.Time
	cached bool
}

type readLogKey struct{}

// TrackReads returns ctx carrying a new ReadLog, which the reads made with the returned context
// (or one derived from it) report to.
func TrackReads(ctx context.Context) (context.Context, *ReadLog) {
	l := &ReadLog{}
	return context.WithValue(ctx, readLogKey{}, l), l
}

// CachedSince returns when the oldest cached answer given to a read on the log's context was
// fetched from EC2, and false when every answer came fresh from EC2.
func (l *ReadLog) CachedSince() (time.Time, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.oldest, l.cached
}

// ReadLogFrom returns the ReadLog ctx carries, or nil.
func ReadLogFrom(ctx context.Context) *ReadLog {
	l, _ := ctx.Value(readLogKey{}).(*ReadLog)
	return l
}

// noteCached records an answer fetched at fetched; a nil log records nothing.
func (l *ReadLog) noteCached(fetched time.Time) {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.cached || fetched.Before(l.oldest) {
		l.oldest, l.cached = fetched, true
	}
}
