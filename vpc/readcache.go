package vpc

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
)

const (
	// sharedReadTimeout bounds a shared read, which runs without its first caller's cancellation:
	// long enough for the SDK's retries (six attempts, backoff capped at 4s), short enough that a
	// stuck connection does not hold every later identical read.
	sharedReadTimeout = time.Minute
	// maxCacheEntries bounds the cache whatever the TTL: the console reads a few dozen distinct
	// things per Region, so a cache this full is being fed by something unexpected.
	maxCacheEntries = 10_000
)

// readCache is the EC2 call budget: identical reads in flight at once are made once, reads are
// kept for ttl, and writes drop the reads they may have changed.
//
// Generations keep a person's own change visible: every write bumps the generation of the reads
// it drops, a read stores its answer only if the generation it started in is still current, and
// reads are shared only within one generation, so a read that starts after a write never joins
// one that started before it.
type readCache struct {
	ttl      time.Duration
	observer Observer
	now      func() time.Time
	flights  flights[answer]

	mu         sync.Mutex
	writes     uint64            // bumped by every write
	everything uint64            // bumped by writes that drop every read
	byAction   map[string]uint64 // bumped by writes that drop the reads of one action
	entries    map[string]cacheEntry
	lastSweep  time.Time
}

// generation is the state of the writes a read of one action depends on.
type generation struct{ everything, action uint64 }

type cacheEntry struct {
	action  string
	answer  answer
	fetched time.Time
	expires time.Time
}

// answer is what one operation returned. Its result is an SDK output that several callers
// receive: each gets a shallow copy (see copyFor), and the vpc conversion code only reads them.
type answer struct {
	result   any
	metadata middleware.Metadata
}

// copyFor returns the answer to give one caller. The SDK sets ResultMetadata on the output it
// returns, so each caller needs an output struct of its own; the slices and pointers inside
// are shared, read-only.
func (a answer) copyFor() (middleware.InitializeOutput, middleware.Metadata) {
	return middleware.InitializeOutput{Result: shallowCopy(a.result)}, a.metadata.Clone()
}

func newReadCache(ttl time.Duration, observer Observer) *readCache {
	return &readCache{ttl: ttl, observer: observer, now: time.Now, byAction: map[string]uint64{}, entries: map[string]cacheEntry{}}
}

// bypassKey marks a context whose reads go to EC2 every time (Ping).
type bypassKey struct{}

func withoutReadSharing(ctx context.Context) context.Context {
	return context.WithValue(ctx, bypassKey{}, true)
}

// handle is the readSharer middleware.
func (c *readCache) handle(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
	action := awsmiddleware.GetOperationName(ctx)
	if isDryRun(in.Parameters) {
		return next.HandleInitialize(ctx, in)
	}
	if !isRead(action) {
		out, md, err := next.HandleInitialize(ctx, in)
		// Even a failed write may have changed something (a timeout after EC2 acted).
		c.dropAfterWrite(action)
		return out, md, err
	}
	if ctx.Value(bypassKey{}) != nil {
		return next.HandleInitialize(ctx, in)
	}
	key, ok := readKey(action, in.Parameters)
	if !ok {
		return next.HandleInitialize(ctx, in)
	}
	return c.read(ctx, action, key, in, next)
}

// read answers a read from the cache, from an identical read in flight, or from EC2.
func (c *readCache) read(ctx context.Context, action, key string, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
	if err := ctx.Err(); err != nil {
		return middleware.InitializeOutput{}, middleware.Metadata{}, err
	}
	c.mu.Lock()
	gen := c.generationLocked(action)
	entry, cached := c.entries[key]
	cached = cached && c.now().Before(entry.expires)
	c.mu.Unlock()
	if cached {
		c.lookup(action, true)
		ReadLogFrom(ctx).noteCached(entry.fetched)
		out, md := entry.answer.copyFor()
		return out, md, nil
	}

	// Only a caller that leaves stops waiting; the read goes on for the others (and for the
	// cache), until the last one leaves.
	a, led, err := c.flights.do(ctx, fmt.Sprintf("%d.%d %s", gen.everything, gen.action, key), sharedReadTimeout,
		func(ctx context.Context) (answer, error) { return c.fetch(ctx, action, key, gen, in, next) })
	c.lookup(action, !led)
	if err != nil {
		return middleware.InitializeOutput{}, a.metadata, err
	}
	out, md := a.copyFor()
	return out, md, nil
}

// fetch makes the shared read, on the flight's context: it keeps the first caller's values,
// which the SDK's middleware relies on, but not its cancellation.
func (c *readCache) fetch(ctx context.Context, action, key string, gen generation, in middleware.InitializeInput, next middleware.InitializeHandler) (answer, error) {
	// The first caller may leave and reuse its input while the read goes on.
	in.Parameters = shallowCopy(in.Parameters)
	fetched := c.now()
	out, md, err := next.HandleInitialize(ctx, in)
	a := answer{result: out.Result, metadata: md}
	if err == nil && c.ttl > 0 {
		c.store(key, action, gen, a, fetched)
	}
	return a, err
}

// store keeps a, unless a write happened since the read started: then a may not show it.
func (c *readCache) store(key, action string, gen generation, a answer, fetched time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.generationLocked(action) != gen {
		return
	}
	c.sweepLocked()
	if len(c.entries) >= maxCacheEntries {
		return
	}
	c.entries[key] = cacheEntry{action: action, answer: a, fetched: fetched, expires: fetched.Add(c.ttl)}
}

// sweepLocked removes expired entries, at most once per TTL, so the cache holds at most what
// was read within about two TTLs.
func (c *readCache) sweepLocked() {
	now := c.now()
	if now.Sub(c.lastSweep) < c.ttl {
		return
	}
	c.lastSweep = now
	for key, e := range c.entries {
		if !now.Before(e.expires) {
			delete(c.entries, key)
		}
	}
}

// endpointWrites are the writes whose effects show only in endpoints and route tables (EC2 adds
// and removes the endpoints' routes); any other write drops every read.
var endpointWrites = map[string][]string{
	"CreateVpcEndpoint":  {"DescribeVpcEndpoints", "DescribeRouteTables"},
	"ModifyVpcEndpoint":  {"DescribeVpcEndpoints", "DescribeRouteTables"},
	"DeleteVpcEndpoints": {"DescribeVpcEndpoints", "DescribeRouteTables"},
}

func (c *readCache) dropAfterWrite(write string) {
	actions, ok := endpointWrites[write]
	if !ok {
		c.dropAll()
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.writes++
	for _, action := range actions {
		c.byAction[action]++
	}
	for key, e := range c.entries {
		for _, action := range actions {
			if e.action == action {
				delete(c.entries, key)
			}
		}
	}
}

// dropAll drops every read, as a write that may have changed anything does.
func (c *readCache) dropAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.writes++
	c.everything++
	clear(c.entries)
}

// writeCount is the number of writes so far: what is derived from reads is valid while it holds.
func (c *readCache) writeCount() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.writes
}

func (c *readCache) generationLocked(action string) generation {
	return generation{everything: c.everything, action: c.byAction[action]}
}

func (c *readCache) lookup(action string, hit bool) {
	if c.observer != nil {
		c.observer.CacheLookup(action, hit)
	}
}

// isRead reports whether an EC2 action only reads.
func isRead(action string) bool {
	return strings.HasPrefix(action, "Describe") || strings.HasPrefix(action, "Get")
}

// isDryRun reports whether an SDK input sets DryRun: such calls only check permissions.
func isDryRun(params any) bool {
	v := reflect.ValueOf(params)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return false
	}
	f := v.Elem().FieldByName("DryRun")
	if !f.IsValid() {
		return false
	}
	dryRun, ok := f.Interface().(*bool)
	return ok && dryRun != nil && *dryRun
}

// readKey identifies a read: the action and its input as JSON. EC2 inputs are plain structs of
// pointers, strings, numbers, enums (strings), times and slices of such structs (Filters),
// with no maps or interfaces, so their JSON holds every field they send (see TestReadKey).
func readKey(action string, params any) (string, bool) {
	b, err := json.Marshal(params)
	if err != nil {
		return "", false
	}
	return action + " " + string(b), true
}

// shallowCopy returns a pointer to a copy of the struct v points to; anything else unchanged.
func shallowCopy(v any) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return v
	}
	cp := reflect.New(rv.Elem().Type())
	cp.Elem().Set(rv.Elem())
	return cp.Interface()
}
