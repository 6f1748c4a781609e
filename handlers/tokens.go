package handlers

import (
	"context"
	"sync"
)

// createdTokens remembers which endpoint each wizard's client token created, so that a second
// Create endpoint with the same token — a double click, the back button — goes to that endpoint.
// A second submit that arrives while the first is still with EC2 waits for it: without that, it
// would read the account after EC2 made the endpoint but before the first submit recorded it,
// find the new route in the chosen tables, and report a conflict with its own endpoint.
type createdTokens struct {
	mu      sync.Mutex
	entries map[string]*tokenEntry
	order   []*tokenEntry
}

// tokenEntry is one token's create: done closes when it ends; id is the endpoint it made.
type tokenEntry struct {
	token string
	done  chan struct{}
	id    string
}

// maxRememberedTokens bounds the memory: the oldest tokens are forgotten first.
const maxRememberedTokens = 10000

// claim makes the caller the one that creates the endpoint for token (entry set), or returns
// the endpoint an earlier submit with the token created (id set), waiting for it if it is still
// running. When that earlier submit failed, the caller may try again and claims the token.
func (c *createdTokens) claim(ctx context.Context, token string) (entry *tokenEntry, id string, err error) {
	for {
		c.mu.Lock()
		e, ok := c.entries[token]
		if !ok {
			e = &tokenEntry{token: token, done: make(chan struct{})}
			c.add(e)
			c.mu.Unlock()
			return e, "", nil
		}
		c.mu.Unlock()
		select {
		case <-e.done:
		case <-ctx.Done():
			return nil, "", ctx.Err()
		}
		if e.id != "" {
			return nil, e.id, nil
		}
	}
}

// finish records what a claimed create made: an endpoint id, or "" when it failed, in which
// case the token is forgotten so that Create endpoint can be pressed again.
func (c *createdTokens) finish(e *tokenEntry, id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e.id = id
	close(e.done)
	if id == "" && c.entries[e.token] == e {
		delete(c.entries, e.token)
	}
}

// add stores e, forgetting the oldest entry when full. The caller holds mu.
func (c *createdTokens) add(e *tokenEntry) {
	if c.entries == nil {
		c.entries = map[string]*tokenEntry{}
	}
	if len(c.order) >= maxRememberedTokens {
		oldest := c.order[0]
		c.order = c.order[1:]
		if c.entries[oldest.token] == oldest {
			delete(c.entries, oldest.token)
		}
	}
	c.entries[e.token] = e
	c.order = append(c.order, e)
}

// forgetAll forgets every token, as after the demo account is rebuilt. Creates still running
// finish on entries no longer held, and a later submit with their token starts afresh.
func (c *createdTokens) forgetAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.entries)
	c.order = nil
}
