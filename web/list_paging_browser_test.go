package web

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"endpointconsole/vpc/seed"
)

// TestPagedListsInABrowser: the list pages of an account larger than a page — with their pager,
// and the VPC filter as a text box — pass axe and keep each filter label beside its control at
// the desktop and the phone width, and nothing is wider than the phone's window. Without
// JavaScript, the keyboard follows Next and Previous (plain links): focus, Enter.
func TestPagedListsInABrowser(t *testing.T) {
	t.Parallel()
	c := newConsole(t, withSeed(seed.Options{ExtraVPCs: 125}))
	for _, v := range c.demo.Account.ExtraVPCs[:55] {
		for _, service := range []string{"s3", "dynamodb"} {
			createGatewayEndpoint(t, c, v.VPCID, service, v.PrivateRouteTableID, "")
		}
	}
	browser := startBrowser(t)
	script := axeScript(t)
	paths := []string{
		"/route-tables?page=2", "/route-tables?vpc=" + c.demo.Account.VPCID, "/vpcs?page=2", "/subnets?page=2",
		"/internet-gateways?page=2", "/nat-gateways", "/endpoints?page=2", "/route-tables?q=scale-vpc-0&page=2",
	}
	for _, vp := range []viewport{desktop, phone} {
		t.Run(vp.name, func(t *testing.T) {
			tb := newTab(t, browser)
			tb.do(t, "set the window to "+vp.name, chromedp.EmulateViewport(vp.width, vp.height))
			for _, path := range paths {
				tb.do(t, "open "+path, chromedp.Navigate(c.URL+path), chromedp.WaitReady("main h1"))
				for _, v := range runAxe(t, tb, script) {
					t.Errorf("%s at %s: axe %s (%s) on %d element(s), first %s: %s", path, vp.name, v.ID, v.Impact, v.Nodes, v.Target, v.Help)
				}
				checkLabelsBesideControls(t, tb, path, vp)
				if vp == phone {
					checkNothingWiderThanTheWindow(t, tb, path)
				}
			}
			tb.checkNoConsoleErrors(t)
		})
	}

	t.Run("the live filter says it filters this page", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.do(t, "open the route tables", chromedp.Navigate(c.URL+"/route-tables"), chromedp.WaitVisible(chromedp.CSS("#route-tables-filter")))
		tb.do(t, "type main", chromedp.SendKeys(chromedp.CSS("#route-tables-filter"), "main"))
		got := eval[string](t, tb, `document.getElementById("route-tables-count").textContent`)
		if !strings.HasSuffix(got, " on this page; press Enter to search every page") {
			t.Errorf("live filter status %q, want it to say it counts this page only", got)
		}
	})

	t.Run("keyboard without JavaScript", func(t *testing.T) {
		tb := newTab(t, browser)
		ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
		defer cancel()
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatalf("disable JavaScript: %v", err)
		}
		tb.do(t, "open the route tables", chromedp.Navigate(c.URL+"/route-tables"), chromedp.WaitVisible(chromedp.CSS("table#route-tables")))
		for _, step := range []struct{ link, want, status string }{
			{"next", "?page=2", "Route tables 101–"}, {"next", "?page=3", "Route tables 201–"},
			{"prev", "?page=2", "Route tables 101–"}, {"prev", "?page=1", "Route tables 1–"},
		} {
			tb.do(t, "focus "+step.link+" and press Enter",
				chromedp.Focus(chromedp.CSS(`nav.pager a[rel=`+step.link+`]`)),
				chromedp.KeyEvent(kb.Enter),
				chromedp.WaitVisible(`//nav[contains(@class,"pager")]/span[starts-with(normalize-space(),"`+step.status+`")]`),
			)
			if got := eval[string](t, tb, "location.search"); got != step.want {
				t.Errorf("after Enter on %s: at %s, want %s", step.link, got, step.want)
			}
		}
	})
}
