package views

import "strconv"

// Pager is where a list page stands among the list's pages, and its Previous and Next links:
// plain links (paths with their query, which the page's Href puts in its Region), so that
// paging works without JavaScript and keeps the filters.
type Pager struct {
	// Noun names the rows, capitalised: "Route tables".
	Noun string
	// First and Last are the rows shown, counted from 1 over the whole list; Last < First when
	// the page has none.
	First, Last int
	// Total is the number of rows in all pages, or -1 when it is not known (EC2 pages the list,
	// and only its last page says where it ends).
	Total int
	// Prev and Next are the paths of the pages before and after, "" where there is none.
	Prev, Next string
	// EC2Order says that the pages follow EC2's order, and that rows are sorted by name only
	// within a page; false when the whole list was read and sorted (a text filter).
	EC2Order bool
	// Size is how many rows a page holds.
	Size int
}

// Paged reports whether the list has more than one page.
func (pg Pager) Paged() bool { return pg.Prev != "" || pg.Next != "" }

// Status says which rows are shown: "Route tables 101–200", "… of 253" when the total is known.
func (pg Pager) Status() string {
	if pg.Last < pg.First {
		return ""
	}
	s := pg.Noun + " " + rowRange(pg.First, pg.Last)
	if pg.Total >= 0 {
		s += " of " + strconv.Itoa(pg.Total)
	}
	return s
}

// prevLabel and nextLabel name the rows the links lead to, for screen readers: the visible
// text is "Previous" or "Next".
func (pg Pager) prevLabel() string {
	first := max(1, pg.First-pg.Size)
	return pg.Noun + " " + rowRange(first, first+pg.Size-1)
}

func (pg Pager) nextLabel() string {
	first := pg.Last + 1
	if pg.Last < pg.First {
		first = pg.First
	}
	if pg.Total < 0 {
		// Only EC2 knows where the list ends.
		return pg.Noun + " from " + strconv.Itoa(first)
	}
	return pg.Noun + " " + rowRange(first, min(first+pg.Size-1, pg.Total))
}

func rowRange(first, last int) string {
	return strconv.Itoa(first) + "–" + strconv.Itoa(last)
}

// headingCount is the count next to a list's heading: every row's when known, else the rows
// this page shows ("(101–200)"). It also keeps the section's name apart from its table's.
func (pg Pager) headingCount(shown int) string {
	switch {
	case pg.Total >= 0:
		return countLabel(pg.Total)
	case pg.Paged() && pg.Last >= pg.First:
		return "(" + rowRange(pg.First, pg.Last) + ")"
	case pg.Paged():
		return ""
	}
	return countLabel(shown)
}
