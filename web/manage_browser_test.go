package web

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"endpointconsole/ec2test"
)

// TestBrowserManageEndpoints drives the delete confirmation and Manage route tables in
// Chromium, as a person clicks through them, on the console's own JavaScript and CSP.
func TestBrowserManageEndpoints(t *testing.T) {
	t.Parallel() // independent: its own servers
	browser := startBrowser(t)
	c := newConsole(t)
	a := c.demo.Account
	api := ec2test.Client(t, c.demo.URL)

	t.Run("a wrong word is refused", func(t *testing.T) {
		ep := createS3Endpoint(t, c.demo, a.PrivateRouteTableID)
		tb := newTab(t, browser)
		tb.do(t, "open the confirm page", chromedp.Navigate(c.URL+"/endpoints/delete?id="+ep.ID), chromedp.WaitVisible(chromedp.CSS("input#confirm")))
		tb.do(t, "type a wrong word and click Delete",
			chromedp.SendKeys(chromedp.CSS("input#confirm"), "remove"),
			chromedp.Click(`//form//button[normalize-space()="Delete"]`, chromedp.NodeVisible),
			chromedp.WaitVisible(chromedp.CSS("#error-confirm")))
		if got, want := eval[string](t, tb, `document.getElementById("error-confirm").textContent.trim()`), `"remove" is not the word delete; nothing has been deleted.`; got != want {
			t.Errorf("message: got %q, want %q", got, want)
		}
		if got := eval[string](t, tb, `document.getElementById("confirm").value`); got != "remove" {
			t.Errorf("the field holds %q, want the word typed kept", got)
		}
		if _, found := describeEndpointViaAPI(t, api, ep.ID); !found {
			t.Fatalf("the endpoint was deleted without the confirmation")
		}
		// The 422 answer is the one error the browser may log here, and it logs it.
		tb.do(t, "let late console messages arrive", chromedp.Sleep(200*time.Millisecond))
		for _, e := range tb.consoleErrors() {
			if !strings.Contains(e, "status of 422") {
				t.Errorf("console error: %s", e)
			}
		}
		// RT-Private takes one S3 endpoint: make room for the next case.
		if _, err := c.demo.Service.DeleteEndpoints(t.Context(), []string{ep.ID}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("delete with the typed confirmation", func(t *testing.T) {
		ep := createS3Endpoint(t, c.demo, a.PrivateRouteTableID)
		tb := newTab(t, browser)
		tb.do(t, "open the endpoint", chromedp.Navigate(c.URL+"/endpoints/"+ep.ID), chromedp.WaitVisible(chromedp.CSS("nav.actions")))
		tb.do(t, "click Delete VPC endpoint",
			chromedp.Click(`//nav[@aria-label="Actions"]//a[normalize-space()="Delete VPC endpoint"]`, chromedp.NodeVisible),
			chromedp.WaitVisible(chromedp.CSS("input#confirm")))
		if got := eval[[]string](t, tb, `[...document.querySelectorAll("form section.panel li")].map(li => li.textContent.trim())`); len(got) != 4 {
			t.Errorf("the confirm page lists %q, want the route and the three private subnets", got)
		}

		tb.do(t, "type delete and click Delete",
			chromedp.SendKeys(chromedp.CSS("input#confirm"), "delete"),
			chromedp.Click(`//form//button[normalize-space()="Delete"]`, chromedp.NodeVisible),
			chromedp.WaitVisible(chromedp.CSS("table#endpoints")))
		loc, err := url.Parse(eval[string](t, tb, "location.href"))
		if err != nil {
			t.Fatal(err)
		}
		if loc.Path != "/endpoints" || loc.Query().Get("deleted") != ep.ID {
			t.Errorf("after Delete: got %s, want /endpoints?deleted=%s", loc, ep.ID)
		}
		if got, want := eval[string](t, tb, `document.querySelector("main .flash[role=status]").innerText.trim()`), "Deleted "+ep.ID+"."; got != want {
			t.Errorf("flash: got %q, want %q", got, want)
		}
		// EC2 still describes it, as deleting: the list shows it greyed, with nothing to tick.
		if ids := eval[[]string](t, tb, `[...document.querySelectorAll("table#endpoints tbody tr:not(.endpoint-deleted) a")].map(a => a.textContent.trim())`); slices.Contains(ids, ep.ID) {
			t.Errorf("the list still shows %s as a live endpoint", ep.ID)
		}
		if n := eval[int](t, tb, `document.querySelectorAll("table#endpoints input[type=checkbox][value='`+ep.ID+`']").length`); n != 0 {
			t.Errorf("the list offers %d checkboxes for the deleted %s, want none", n, ep.ID)
		}
		if _, found := describeEndpointViaAPI(t, api, ep.ID); found {
			t.Errorf("EC2 still has %s", ep.ID)
		}
		wantEndpointRoutes(t, api, map[string][]string{a.PrivateRouteTableID: {}})
		tb.checkNoConsoleErrors(t)
	})

	t.Run("manage route tables with the preview", func(t *testing.T) {
		ep := createS3Endpoint(t, c.demo, a.PrivateRouteTableID)
		tb := newTab(t, browser)
		tb.do(t, "open the endpoint", chromedp.Navigate(c.URL+"/endpoints/"+ep.ID), chromedp.WaitVisible(chromedp.CSS("nav.actions")))
		tb.do(t, "click Manage route tables",
			chromedp.Click(`//nav[@aria-label="Actions"]//a[normalize-space()="Manage route tables"]`, chromedp.NodeVisible),
			chromedp.WaitVisible(chromedp.CSS("table#manage-route-tables")))
		tb.do(t, "tick First-RT", chromedp.Click(chromedp.CSS(`input[name=route_tables][value="`+a.MainRouteTableID+`"]`), chromedp.NodeVisible))
		tb.do(t, "click Preview changes",
			chromedp.Click(`//button[normalize-space()="Preview changes"]`, chromedp.NodeVisible),
			chromedp.WaitVisible(chromedp.CSS("section#preview")))
		type preview struct {
			Adds, Removes []string
			Ticked        []string
		}
		got := eval[preview](t, tb, `({
			Adds: [...document.querySelectorAll("#preview .change-add p:first-child")].map(p => p.innerText.trim()),
			Removes: [...document.querySelectorAll("#preview .change-remove")].map(d => d.innerText.trim()),
			Ticked: [...document.querySelectorAll("input[name=route_tables]:checked")].map(i => i.value),
		})`)
		wantAdd := "Add to " + a.MainRouteTableID + " First-RT: " + s3Destination + " → this endpoint"
		if !slices.Equal(got.Adds, []string{wantAdd}) {
			t.Errorf("preview adds: got %q, want %q", got.Adds, wantAdd)
		}
		if len(got.Removes) != 0 {
			t.Errorf("preview removes: got %q, want none (RT-Private stays ticked)", got.Removes)
		}
		if want := []string{a.MainRouteTableID, a.PrivateRouteTableID}; !slices.Equal(got.Ticked, want) {
			t.Errorf("ticked after the preview: got %q, want %q", got.Ticked, want)
		}
		wantEndpointRoutes(t, api, map[string][]string{a.MainRouteTableID: {}})

		tb.do(t, "click Modify route tables",
			chromedp.Click(`//button[normalize-space()="Modify route tables"]`, chromedp.NodeVisible),
			chromedp.WaitVisible(chromedp.CSS("h3.table-title .change-badge")))
		loc, err := url.Parse(eval[string](t, tb, "location.href"))
		if err != nil {
			t.Fatal(err)
		}
		if loc.Path != "/endpoints/"+ep.ID || loc.Query().Get("tab") != "route-tables" || loc.Query().Get("added") != a.MainRouteTableID {
			t.Errorf("after saving: got %s, want the endpoint's Route tables tab with First-RT added", loc)
		}
		type rowLook struct {
			Badged          string
			Width, Height   float64
			Visible         bool
			Text            string
			HighlightedRows int
		}
		look := eval[rowLook](t, tb, `(() => {
			const badge = document.querySelector("h3.table-title .change-badge");
			const row = document.querySelector("table#routes-`+a.MainRouteTableID+` tbody tr.endpoint-route");
			row.scrollIntoView();
			const box = row.getBoundingClientRect();
			const style = getComputedStyle(row);
			return {
				Badged: badge.closest("h3").querySelector("a").textContent.trim(),
				Width: box.width, Height: box.height,
				Visible: style.visibility === "visible" && style.display !== "none" && box.top >= 0 && box.bottom <= innerHeight,
				Text: row.innerText,
				HighlightedRows: document.querySelectorAll("table#routes-`+a.MainRouteTableID+` tr.endpoint-route").length,
			};
		})()`)
		if look.Badged != a.MainRouteTableID {
			t.Errorf("the Route added badge is on %q, want First-RT %s", look.Badged, a.MainRouteTableID)
		}
		if look.HighlightedRows != 1 || look.Width <= 0 || look.Height <= 0 || !look.Visible {
			t.Errorf("First-RT's highlighted route: %d rows, %vx%v, visible %v; want one visible row", look.HighlightedRows, look.Width, look.Height, look.Visible)
		}
		if !strings.Contains(look.Text, "pl-63a5400a") || !strings.Contains(look.Text, ep.ID) || !strings.Contains(look.Text, "Gateway endpoint") {
			t.Errorf("the highlighted row reads %q, want pl-63a5400a → %s, labelled Gateway endpoint", look.Text, ep.ID)
		}
		wantEndpointRoutes(t, api, map[string][]string{
			a.MainRouteTableID:    {"pl-63a5400a → " + ep.ID},
			a.PrivateRouteTableID: {"pl-63a5400a → " + ep.ID},
		})
		tb.checkNoConsoleErrors(t)
	})
}
