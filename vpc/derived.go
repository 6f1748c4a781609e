package vpc

import (
	"context"
	"strconv"
	"sync"
	"time"
)

// Shared returns the value compute derives from the Service's reads (the Region's audit), shared
// the way the read cache shares the reads themselves: callers that ask under one key at once
// compute it once, and the value is kept as long as the oldest read it was made from, and dropped
// by any write. Without it, 16 people loading the audit of a large Region hold 16 audits in memory
// at once. key names the value, one kept per key; callers only read what they get.
func (s *Service) Shared(ctx context.Context, key string, compute func(context.Context) (any, error)) (any, error) {
	d, _ := s.derived.LoadOrStore(key, &derived{reads: s.calls.cache})
	return d.(*derived).get(ctx, compute)
}

// derived is one value Shared keeps.
type derived struct {
	reads   *readCache
	flights flights[derivedResult]

	mu      sync.Mutex
	kept    bool
	value   any
	writes  uint64    // reads.writeCount() when value was computed
	oldest  time.Time // the fetch time of the oldest read it was made from
	cached  bool      // whether any of those reads came from the cache
	expires time.Time
}

type derivedResult struct {
	value  any
	oldest time.Time
	cached bool
}

// get returns the kept value, the one being computed, or computes it. The value is shared: the
// callers only read it.
func (d *derived) get(ctx context.Context, compute func(context.Context) (any, error)) (any, error) {
	writes := d.reads.writeCount()
	d.mu.Lock()
	if d.kept && d.writes == writes && d.reads.now().Before(d.expires) {
		v, oldest := d.value, d.oldest
		d.mu.Unlock()
		ReadLogFrom(ctx).noteCached(oldest)
		return v, nil
	}
	d.mu.Unlock()

	r, _, err := d.flights.do(ctx, strconv.FormatUint(writes, 10), sharedReadTimeout, func(ctx context.Context) (derivedResult, error) {
		ctx, log := TrackReads(ctx)
		start := d.reads.now()
		v, err := compute(ctx)
		r := derivedResult{value: v, oldest: start}
		if since, ok := log.CachedSince(); ok {
			r.oldest, r.cached = since, true
		}
		if err == nil {
			d.keep(r, writes)
		}
		return r, err
	})
	if err == nil && r.cached {
		ReadLogFrom(ctx).noteCached(r.oldest)
	}
	return r.value, err
}

// keep stores r unless a write happened since the computation started, or nothing is kept.
func (d *derived) keep(r derivedResult, writes uint64) {
	if d.reads.ttl <= 0 || d.reads.writeCount() != writes {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.kept, d.value, d.writes, d.oldest, d.cached = true, r.value, writes, r.oldest, r.cached
	d.expires = r.oldest.Add(d.reads.ttl)
}
