package handlers

import (
	"testing"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// TestPageOfRows: a query's matches are paged 100 a page, a page past the end is the last one and
// a page before the first the first; every row is on exactly one page.
func TestPageOfRows(t *testing.T) {
	rows := make([]int, 250)
	for i := range rows {
		rows[i] = i
	}
	for _, tt := range []struct {
		number, wantNumber, wantFirst, wantLen int
		wantMore                               bool
	}{
		{1, 1, 0, 100, true},
		{2, 2, 100, 100, true},
		{3, 3, 200, 50, false},
		{99, 3, 200, 50, false},
		{0, 1, 0, 100, true},
		{-4, 1, 0, 100, true},
	} {
		got := pageOfRows(rows, tt.number)
		if got.Number != tt.wantNumber || len(got.Items) != tt.wantLen || got.Items[0] != tt.wantFirst || got.More != tt.wantMore {
			t.Errorf("page %d: got page %d of %d rows from %d, more %v; want page %d of %d from %d, more %v",
				tt.number, got.Number, len(got.Items), got.Items[0], got.More, tt.wantNumber, tt.wantLen, tt.wantFirst, tt.wantMore)
		}
	}
	if got := pageOfRows([]int(nil), 3); got.Number != 1 || len(got.Items) != 0 || got.More {
		t.Errorf("no rows: got %+v, want an empty first page", got)
	}
}

// TestPager: the links keep the filters that are set, drop the empty ones, and change ?page=;
// the first page has no Previous, the last no Next; EC2's pages (total unknown) say so.
func TestPager(t *testing.T) {
	page := func(number, n int, more bool) vpc.ListPage[int] {
		return vpc.ListPage[int]{Items: make([]int, n), Number: number, Size: 100, More: more}
	}
	filters := map[string]string{"vpc": "vpc-1", "q": "", "state": "available"}
	for _, tt := range []struct {
		name string
		rows listRows[int]
		want views.Pager
	}{
		{"first of EC2's", listRows[int]{page: page(1, 100, true), total: -1},
			views.Pager{Noun: "Things", First: 1, Last: 100, Total: -1, Next: "/things?page=2&state=available&vpc=vpc-1", EC2Order: true, Size: 100}},
		{"middle of EC2's", listRows[int]{page: page(2, 100, true), total: -1},
			views.Pager{Noun: "Things", First: 101, Last: 200, Total: -1, Prev: "/things?page=1&state=available&vpc=vpc-1",
				Next: "/things?page=3&state=available&vpc=vpc-1", EC2Order: true, Size: 100}},
		{"last of a query's", listRows[int]{page: page(3, 50, false), total: 250},
			views.Pager{Noun: "Things", First: 201, Last: 250, Total: 250, Prev: "/things?page=2&state=available&vpc=vpc-1", Size: 100}},
		{"only page", listRows[int]{page: page(1, 7, false), total: 7},
			views.Pager{Noun: "Things", First: 1, Last: 7, Total: 7, Size: 100}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := pager("Things", "/things", filters, tt.rows); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
