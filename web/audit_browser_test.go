package web

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Where the browser test leaves pictures of First-VPC's audit page and of its diagram alone
// (at twice the size), for a person to look at; they are not part of the repository.
const (
	auditScreenshotPath   = "/tmp/audit.png"
	diagramScreenshotPath = "/tmp/audit-diagram.png"
)

// TestAuditBrowser opens First-VPC's audit page in Chromium: the diagram is drawn and visible,
// with a box per subnet, the page logs no error (a CSP violation included), and "Fix it" leads
// into the wizard.
func TestAuditBrowser(t *testing.T) {
	t.Parallel() // independent: its own console and tab
	browser := startBrowser(t)
	c := newConsole(t)
	a := c.demo.Account
	tb := newTab(t, browser)
	tb.do(t, "open First-VPC's audit", chromedp.Navigate(c.URL+"/audit/vpcs/"+a.VPCID+"?s3_gb=1000&ddb_gb=200"),
		chromedp.WaitVisible(chromedp.CSS(`svg.vpc-diagram-svg`)))

	type box struct{ Width, Height float64 }
	type diagramLook struct {
		SVG          box
		Subnets      []box
		SubnetNames  []string
		Lines        int
		Stylesheet   bool
		PageOverflow float64
	}
	look := eval[diagramLook](t, tb, `(() => {
		const size = el => { const r = el.getBoundingClientRect(); return {Width: r.width, Height: r.height}; };
		const svg = document.querySelector('svg.vpc-diagram-svg');
		const subnets = [...svg.querySelectorAll("g.dg-subnet")];
		return {
			SVG: size(svg),
			Subnets: subnets.map(g => size(g.querySelector("rect"))),
			SubnetNames: subnets.map(g => g.querySelector("text").textContent),
			Lines: svg.querySelectorAll("polyline").length,
			// console.css styles the diagram: a rect with no fill rule would be black.
			Stylesheet: getComputedStyle(svg.querySelector("g.dg-subnet rect")).fill !== "rgb(0, 0, 0)",
			PageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
		};
	})()`)
	t.Logf("diagram: %+v", look)
	if look.SVG.Width <= 0 || look.SVG.Height <= 0 {
		t.Errorf("the diagram's box: got %vx%v, want a visible diagram", look.SVG.Width, look.SVG.Height)
	}
	if len(look.Subnets) != 5 {
		t.Errorf("subnet boxes: got %d, want First-VPC's 5 (%q)", len(look.Subnets), look.SubnetNames)
	}
	for i, b := range look.Subnets {
		if b.Width <= 0 || b.Height <= 0 {
			t.Errorf("subnet box %q: got %vx%v, want it visible", look.SubnetNames[i], b.Width, b.Height)
		}
	}
	for _, name := range auditSubnetNames(a) {
		if !strings.Contains(strings.Join(look.SubnetNames, " "), name) {
			t.Errorf("the diagram's subnet boxes %q do not show %s", look.SubnetNames, name)
		}
	}
	if look.Lines == 0 {
		t.Errorf("the diagram draws no path")
	}
	if !look.Stylesheet {
		t.Errorf("the diagram's boxes are filled black: console.css did not apply")
	}
	if look.PageOverflow > 0 {
		t.Errorf("the page scrolls sideways by %vpx at 1280px: the diagram should scroll inside its region", look.PageOverflow)
	}

	for path, shot := range map[string]chromedp.Action[[]byte]{
		auditScreenshotPath:   chromedp.FullScreenshot(100),
		diagramScreenshotPath: chromedp.ScreenshotScale(chromedp.CSS(`svg.vpc-diagram-svg`), 2),
	} {
		ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
		png, err := chromedp.Run(ctx, shot)
		cancel()
		if err != nil {
			t.Fatalf("screenshot %s: %v", path, err)
		}
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Errorf("write the screenshot: %v", err)
		}
	}
	tb.checkNoConsoleErrors(t)

	t.Run("Fix it opens the wizard", func(t *testing.T) {
		tb.do(t, "click Fix it on the S3 NAT finding",
			chromedp.Click(`//li[@id="finding-nat-without-gateway-endpoint:s3:`+a.PrivateRouteTableID+`"]//a[normalize-space()="Fix it"]`, chromedp.NodeVisible),
			chromedp.WaitReady(chromedp.CSS(`form input[name="token"]`)),
		)
		if got := eval[string](t, tb, "location.pathname"); got != "/endpoints/new" {
			t.Errorf("after Fix it: got %s, want /endpoints/new", got)
		}
		got := eval[[]string](t, tb, `[...document.querySelectorAll('form input[type=hidden][name="route_tables"], form input[type=hidden][name="vpc"]')].map(i => i.value)`)
		if strings.Join(got, " ") != a.VPCID+" "+a.PrivateRouteTableID {
			t.Errorf("the wizard carries %q, want First-VPC and RT-Private", got)
		}
		tb.checkNoConsoleErrors(t)
	})
}
