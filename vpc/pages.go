package vpc

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/aws/smithy-go"
)

// PageSize is how many rows a list page holds: EC2's MaxResults for each page read. 100 is within
// every list's range (DescribeRouteTables takes 5–100, the others 5–1000).
const PageSize = 100

// PageRequest asks for one page of a list: the Number-th (counted from 1) of Size items.
//
// Pages are numbered, not named by EC2's NextToken, so that a page's URL (?page=3) is short,
// can be shared and bookmarked, and still works tomorrow: EC2's tokens are long, opaque and
// expire, and a Previous link would need the whole trail of them in the URL. The Service
// remembers the token that starts each page it has read (pageTokens); a page whose token it does
// not know (after a restart, from a colleague's link) is reached by walking forward from the
// last page it knows, one call a page, each shared and cached like any read.
type PageRequest struct {
	Number int
	// Size is 5–100; 0 is PageSize.
	Size int
}

func (r PageRequest) size() int32 {
	if r.Size < 5 || r.Size > PageSize {
		return PageSize
	}
	return int32(r.Size)
}

// ListPage is one page of a list, as EC2 paged it: the pages follow EC2's order, and the Items
// of one page are sorted by name then ID within the page. Number is the page read: the one asked
// for, or the last page when the list ends before it. More says another page follows.
type ListPage[T any] struct {
	Items  []T
	Number int
	Size   int
	More   bool
}

// describePage is one Describe call of a list: the items from token on (size at most), and the
// token that starts what follows ("" at the end).
type describePage[T any] func(ctx context.Context, token string, size int32) ([]T, string, error)

// readPage reads page req.Number of the list named key (the action and its filters), starting
// from the last page before it whose token the Service knows.
func readPage[T any](ctx context.Context, s *Service, key string, req PageRequest, describe describePage[T]) (ListPage[T], error) {
	size := req.size()
	want := max(req.Number, 1)
	key = fmt.Sprintf("%s size=%d", key, size)
	n, token := s.pages.start(key, want)
	restarted, skipped := false, 0
	for {
		items, next, err := describe(ctx, token, size)
		if err != nil {
			if token != "" && !restarted && expiredToken(err) {
				// EC2's tokens expire: start again from the first page.
				s.pages.forget(key)
				n, token, restarted = 1, "", true
				continue
			}
			return ListPage[T]{}, err
		}
		if len(items) == 0 && next != "" && skipped < maxEmptyAnswers {
			// With filters, EC2 may answer a page with no items and a token: the page goes on there.
			token, skipped = next, skipped+1
			continue
		}
		skipped = 0
		s.pages.remember(key, n, next)
		if n == want || next == "" {
			return ListPage[T]{Items: items, Number: n, Size: int(size), More: next != ""}, nil
		}
		n, token = n+1, next
	}
}

func expiredToken(err error) bool {
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	switch apiErr.ErrorCode() {
	case "InvalidNextToken", "InvalidPaginationToken":
		return true
	}
	return false
}

const (
	// maxEmptyAnswers bounds the empty answers with a token one page follows (see readPage).
	maxEmptyAnswers = 5
	// maxRememberedLists bounds pageTokens: a list is one action with one set of filters (each
	// VPC's route tables are one), so this many is far more than people browse at once.
	maxRememberedLists = 1000
	// maxRememberedPages bounds the tokens kept for one list: 100,000 rows at 100 a page. Pages
	// beyond it are reached by walking from the last one kept.
	maxRememberedPages = 1000
)

// pageTokens remembers, per list, the NextToken that starts each of its pages. Its zero value
// is ready to use.
type pageTokens struct {
	mu sync.Mutex
	// starts[key][i] starts page i+1; starts[key][0] is "", the first page.
	starts map[string][]string
}

// start returns the last page up to number whose token is known, and that token.
func (t *pageTokens) start(key string, number int) (int, string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	known := t.starts[key]
	if len(known) == 0 {
		return 1, ""
	}
	n := min(number, len(known))
	return n, known[n-1]
}

// remember records that page number of key is followed by the page next starts ("" when page
// number is the last).
func (t *pageTokens) remember(key string, number int, next string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.starts == nil {
		t.starts = map[string][]string{}
	}
	known, ok := t.starts[key]
	if !ok {
		if len(t.starts) >= maxRememberedLists {
			// Forget one list at random (Go's map order): it costs a walk, never a wrong page.
			for k := range t.starts {
				delete(t.starts, k)
				break
			}
		}
		known = []string{""}
	}
	if number > len(known) {
		return // not reached from a known page; cannot happen through readPage
	}
	switch {
	case next == "":
		known = known[:number] // the list ends here now
	case number < len(known):
		known[number] = next
	case number < maxRememberedPages:
		known = append(known, next)
	}
	t.starts[key] = known
}

func (t *pageTokens) forget(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.starts, key)
}

func (t *pageTokens) forgetAll() {
	t.mu.Lock()
	defer t.mu.Unlock()
	clear(t.starts)
}
