package web

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestRegionSwitcherInBrowser chooses us-west-2 in the header's switcher on a route table's
// page: with JavaScript, choosing is enough; without, the Go button does it. Both land on the
// route tables of us-west-2.
func TestRegionSwitcherInBrowser(t *testing.T) {
	t.Parallel() // independent: its own console and tabs
	browser := startBrowser(t)
	c := newConsole(t)
	rt := c.URL + "/route-tables/" + c.demo.Account.PrivateRouteTableID
	const want = west + "/route-tables"

	t.Run("with JavaScript", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.do(t, "open RT-Private", chromedp.Navigate(rt), chromedp.WaitReady("table#routes"))
		// As a person's choice does: the value changes, then "change" fires, once.
		tb.do(t, "choose us-west-2",
			chromedp.Evaluate[chromedp.Void](`(() => {
				const s = document.querySelector("select#region-switch");
				s.value = "us-west-2";
				s.dispatchEvent(new Event("change"));
			})()`),
			chromedp.WaitReady("table#route-tables"))
		if got := eval[string](t, tb, "location.pathname"); got != want {
			t.Errorf("after choosing us-west-2: at %s, want %s", got, want)
		}
		tb.checkNoConsoleErrors(t)
	})
	t.Run("without JavaScript", func(t *testing.T) {
		tb := newTab(t, browser)
		wizardDisableJavaScript(t, tb)
		tb.do(t, "open RT-Private", chromedp.Navigate(rt), chromedp.WaitReady("table#routes"))
		tb.do(t, "choose us-west-2 and Go",
			chromedp.SetValue("select#region-switch", "us-west-2", chromedp.NodeVisible),
			chromedp.Click("form.region-switch button[type=submit]", chromedp.NodeVisible),
			chromedp.WaitReady("table#route-tables"))
		if got := eval[string](t, tb, "location.pathname"); got != want {
			t.Errorf("after Go: at %s, want %s", got, want)
		}
	})
}
