package handlers

import "sync"

// createdTokens remembers which endpoint each wizard's client token created, so that a second
// Create endpoint with the same token (a double click that arrives after the first finished, the
// back button) goes straight to that endpoint. Without it, the second submit would find the first
// one's routes in the chosen tables and report a conflict with itself. EC2's own ClientToken
// idempotency covers two submits in flight at once.
type createdTokens struct {
	mu    sync.Mutex
	ids   map[string]string
	order []string
}

// maxRememberedTokens bounds the memory: the oldest tokens are forgotten first.
const maxRememberedTokens = 10000

func (c *createdTokens) lookup(token string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	id, ok := c.ids[token]
	return id, ok
}

func (c *createdTokens) remember(token, endpointID string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ids == nil {
		c.ids = map[string]string{}
	}
	if _, ok := c.ids[token]; ok {
		return
	}
	if len(c.order) >= maxRememberedTokens {
		delete(c.ids, c.order[0])
		c.order = c.order[1:]
	}
	c.ids[token] = endpointID
	c.order = append(c.order, token)
}
