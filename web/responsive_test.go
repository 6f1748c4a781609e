package web

import (
	"slices"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestSmallScreenMarkup checks, on every page, what the narrow layout is made of: the menu's
// entries again in a closed <details> (the top menu, which works without JavaScript), and every
// table inside a region that scrolls: focusable and labelled, so a keyboard scrolls it and a
// screen reader names it. The browser tests check how it looks.
func TestSmallScreenMarkup(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	for _, lp := range layoutPages {
		t.Run(lp.name, func(t *testing.T) {
			p := c.getOK(t, lp.path(t, c))

			menu := p.doc.Find("details.topnav")
			if menu.Length() != 1 {
				t.Fatalf("got %d details.topnav, want the one top menu", menu.Length())
			}
			if _, open := menu.Attr("open"); open {
				t.Errorf("the top menu is open when the page loads; want it closed")
			}
			if got := text(menu.ChildrenFiltered("summary")); got != "Menu" {
				t.Errorf("the top menu's summary: got %q, want Menu", got)
			}
			var entries []string
			menu.Find("nav ul li a").Each(func(_ int, a *goquery.Selection) { entries = append(entries, text(a)) })
			if !slices.Equal(entries, navEntries) {
				t.Errorf("top menu entries: got %q, want the side menu's %q", entries, navEntries)
			}

			p.doc.Find("table.data").Each(func(_ int, table *goquery.Selection) {
				id, _ := table.Attr("id")
				region := table.Parent()
				if !region.Is("div.table-scroll") {
					t.Errorf("table %q is not directly inside a div.table-scroll", id)
					return
				}
				role, _ := region.Attr("role")
				tabindex, _ := region.Attr("tabindex")
				label, _ := region.Attr("aria-label")
				if role != "region" || tabindex != "0" || label == "" {
					t.Errorf("table %q: its scroll container has role=%q tabindex=%q aria-label=%q, want region, 0 and a label", id, role, tabindex, label)
				}
			})
		})
	}
}
