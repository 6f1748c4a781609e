package web

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Accessibility and small screens, checked in Chromium on every page of layoutPages and every
// step of the wizard's tutorial path: axe-core finds no violation at a desktop and a phone
// width, and at the phone width nothing makes the page wider than the window.

// axeScriptPath is axe-core's browser build, vendored (see web/testdata/README.md).
const axeScriptPath = "testdata/axe.min.js"

// viewport is a window size a person uses the console at.
type viewport struct {
	name          string
	width, height int64
}

var (
	desktop = viewport{"1366px", 1366, 768}
	phone   = viewport{"390px", 390, 844}
)

// pageCheck checks the page open in tb; name says which page or wizard state it is.
type pageCheck func(t *testing.T, tb *tab, name string)

// forEveryPageAndWizardStep opens every page of layoutPages, then walks the wizard's tutorial
// path with JavaScript (an error state included) to the new endpoint's page, at the size vp,
// and runs check on each.
func forEveryPageAndWizardStep(t *testing.T, browser context.Context, vp viewport, check pageCheck) {
	t.Helper()
	tb := newTab(t, browser)
	tb.do(t, "set the window to "+vp.name, chromedp.EmulateViewport(vp.width, vp.height))
	forEveryPage(t, tb, newConsole(t), "", check, func(layoutPage) bool { return true })
	// The wizard on a console of its own: its endpoint must not meet the pages' one.
	forEveryWizardStep(t, tb, newConsole(t).noRedirects(), "", check)
}

// forEveryPage opens the pages of layoutPages that keep says, on console c, and runs check on
// each; who names the console in the check's page names ("read-only: dashboard").
func forEveryPage(t *testing.T, tb *tab, c *console, who string, check pageCheck, keep func(layoutPage) bool) {
	t.Helper()
	for _, lp := range layoutPages {
		if keep(lp) {
			tb.do(t, "open "+who+lp.name, chromedp.Navigate(c.URL+lp.path(t, c)), chromedp.WaitReady("main h1"))
			check(t, tb, who+lp.name)
		}
	}
}

// forEveryWizardStep walks the wizard's tutorial path on console w, an error state included, to
// the new endpoint's page, and runs check on each step.
func forEveryWizardStep(t *testing.T, tb *tab, w *console, who string, check pageCheck) {
	t.Helper()
	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		tb.do(t, what, actions...)
		check(t, tb, who+"wizard: "+what)
	}
	step("Service category", chromedp.Navigate(w.URL+"/endpoints/new"), wizardCurrentStep("Service category"))
	tb.do(t, "choose AWS services", chromedp.Click(`//label[starts-with(normalize-space(), "AWS services")]`, chromedp.NodeVisible))
	step("Service name", pressWizardButton("Next"), wizardCurrentStep("Service name"))
	step("Service name with an error (no service chosen)", pressWizardButton("Next"), chromedp.WaitVisible(chromedp.CSS(".error-summary")))
	tb.do(t, "choose com.amazonaws.us-east-1.s3, Gateway",
		chromedp.Click(`//table[.//th[normalize-space()="Service name"]]//tr[td[normalize-space()="`+wizardS3+`"] and td[normalize-space()="Gateway"]]//input[@type="radio"]`, chromedp.NodeVisible))
	step("VPC", pressWizardButton("Next"), wizardCurrentStep("VPC"))
	tb.do(t, "choose First-VPC", chromedp.SetValue(`//select[@id=//label[normalize-space()="VPC"]/@for]`, w.demo.Account.VPCID, chromedp.NodeVisible))
	step("Configure route tables", pressWizardButton("Next"), wizardCurrentStep("Configure route tables"))
	tb.do(t, "tick RT-Private and First-RT",
		chromedp.Click(`//table[.//th[normalize-space()="Route table ID"]]//tr[td[normalize-space()="RT-Private"]]//input[@type="checkbox"]`, chromedp.NodeVisible),
		chromedp.Click(`//table[.//th[normalize-space()="Route table ID"]]//tr[td[normalize-space()="First-RT"]]//input[@type="checkbox"]`, chromedp.NodeVisible))
	step("Policy", pressWizardButton("Next"), wizardCurrentStep("Policy"))
	tb.do(t, "choose Full Access", chromedp.Click(`//label[strong[normalize-space()="Full Access"]]`, chromedp.NodeVisible))
	step("Tags", pressWizardButton("Next"), wizardCurrentStep("Tags"))
	tb.do(t, "name it First-Endpoint",
		chromedp.SendKeys(`//input[@id="tag-value-0"]`, "First-Endpoint", chromedp.NodeVisible))
	step("Review", pressWizardButton("Next"), wizardCurrentStep("Review"))
	step("Review, shown as code", chromedp.Click(`//details[@id="show-as-code"]/summary`, chromedp.NodeVisible), chromedp.WaitVisible(`#code-terraform`))
	step("the created endpoint", pressWizardButton("Create endpoint"),
		chromedp.WaitVisible(`//table[starts-with(@id,"routes-")]//tr[contains(@class,"endpoint-route")]`))
}

// sendHeaders makes every request of the tab carry headers, as an authenticating proxy adds them.
func sendHeaders(t *testing.T, tb *tab, headers network.Headers) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: headers}); err != nil {
		t.Fatalf("set the request headers: %v", err)
	}
}

// axeViolation is one rule axe-core finds broken on a page.
type axeViolation struct {
	ID     string
	Impact string
	Nodes  int
	Target string // the first element breaking it
	Help   string
}

// runAxe injects axe-core into the page (once per page) and returns its violations.
func runAxe(t *testing.T, tb *tab, axeScript string) []axeViolation {
	t.Helper()
	if !eval[bool](t, tb, `typeof window.axe === "object"`) {
		tb.do(t, "inject axe-core", chromedp.Evaluate[chromedp.Void](axeScript))
	}
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {resultTypes: ["violations"]}).then(r =>
		r.violations.map(v => ({ID: v.id, Impact: v.impact || "", Nodes: v.nodes.length,
			Target: v.nodes.length ? v.nodes[0].target.join(" ") : "", Help: v.help})))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("run axe-core: %v", err)
	}
	return v
}

// The pages and wizard states checked in Chromium: axe-core finds no violation (each is listed:
// rule, impact, how many elements, the first of them), no id is broken across lines, no filter
// label leaves its control, and at the phone width nothing is wider than the window. Each window
// size is a test of its own, so that the three walks run side by side.

// TestEveryPageInABrowserAt1366 checks every page and wizard state at a desktop width.
func TestEveryPageInABrowserAt1366(t *testing.T) {
	t.Parallel() // independent: its own consoles and tabs
	checkEveryPageAt(t, desktop)
}

// TestEveryPageInABrowserAt390 checks every page and wizard state at a phone width.
func TestEveryPageInABrowserAt390(t *testing.T) {
	t.Parallel() // independent: its own consoles and tabs
	checkEveryPageAt(t, phone)
}

// checkEveryPageAt opens each page and wizard state once at the size vp and runs every check of
// that size there.
func checkEveryPageAt(t *testing.T, vp viewport) {
	browser := startBrowser(t)
	script := axeScript(t)
	counts := map[string][2]int{} // axe rule → pages, elements
	forEveryPageAndWizardStep(t, browser, vp, func(t *testing.T, tb *tab, name string) {
		t.Helper()
		for _, v := range runAxe(t, tb, script) {
			t.Errorf("%s at %s: axe %s (%s) on %d element(s), first %s: %s", name, vp.name, v.ID, v.Impact, v.Nodes, v.Target, v.Help)
			n := counts[v.ID]
			counts[v.ID] = [2]int{n[0] + 1, n[1] + v.Nodes}
		}
		checkIDsUnbroken(t, tb, name, vp)
		checkLabelsBesideControls(t, tb, name, vp)
		if vp == phone {
			checkNothingWiderThanTheWindow(t, tb, name)
		}
	})
	for rule, n := range counts {
		t.Logf("%s: axe %s on %d pages, %d elements", vp.name, rule, n[0], n[1])
	}
}

// axeScript is axe-core's browser build.
func axeScript(t *testing.T) string {
	t.Helper()
	script, err := os.ReadFile(axeScriptPath)
	if err != nil {
		t.Fatalf("read axe-core: %v", err)
	}
	return string(script)
}

// TestEveryPageInABrowserReadOnlyViewerNoScript: the pages as a read-only console and a viewer see
// them (no actions), and the wizard without JavaScript — the server's own markup — pass axe and
// keep their ids whole, at the desktop width.
func TestEveryPageInABrowserReadOnlyViewerNoScript(t *testing.T) {
	t.Parallel() // independent: its own consoles and tabs
	browser := startBrowser(t)
	script := axeScript(t)
	check := func(t *testing.T, tb *tab, name string) {
		t.Helper()
		for _, v := range runAxe(t, tb, script) {
			t.Errorf("%s: axe %s (%s) on %d element(s), first %s: %s", name, v.ID, v.Impact, v.Nodes, v.Target, v.Help)
		}
		checkIDsUnbroken(t, tb, name, desktop)
	}
	readable := func(lp layoutPage) bool { return !lp.readWriteOnly }
	tb := newTab(t, browser)
	tb.do(t, "set the window to "+desktop.name, chromedp.EmulateViewport(desktop.width, desktop.height))
	forEveryPage(t, tb, newConsole(t, withReadOnly(true)), "read-only: ", check, readable)

	sendHeaders(t, tb, network.Headers{"X-Forwarded-User": "vera", "X-Forwarded-Email": "vera@example.com"}) // a viewer
	forEveryPage(t, tb, newConsole(t, withAuth(teamAuth(loopbackProxies))), "viewer: ", check, readable)
	sendHeaders(t, tb, network.Headers{})

	// Axe runs as a script: the page is built without JavaScript, then scripts are allowed
	// again for the check alone (console.js does not run on a page already loaded).
	wizardDisableJavaScript(t, tb)
	forEveryWizardStep(t, tb, newConsole(t).noRedirects(), "without JavaScript: ", func(t *testing.T, tb *tab, name string) {
		t.Helper()
		wizardEnableJavaScript(t, tb)
		check(t, tb, name)
		wizardDisableJavaScript(t, tb)
	})
}

// checkIDsUnbroken: an id, a CIDR, a service name or a resource name (vpce-0917…, 10.10.0.0/16,
// com.amazonaws.us-east-1.s3, RT-Private) is never broken across two lines, at a hyphen or
// anywhere else; it moves whole to the next line. Text that scrolls (pre, textarea) and text
// for screen readers only are left out.
func checkIDsUnbroken(t *testing.T, tb *tab, name string, vp viewport) {
	t.Helper()
	broken := eval[[]string](t, tb, `(() => {
		const id = /^(?:[a-z]+-[0-9a-f]{8,17}|\d+\.\d+\.\d+\.\d+\/\d+|com\.amazonaws\.[a-z0-9.-]+|[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+)$/;
		const broken = [];
		const range = document.createRange();
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const el = n.parentElement;
			if (!el || el.closest("pre, textarea, script, style, svg, .visually-hidden") || el.getClientRects().length === 0) continue;
			for (const m of n.textContent.matchAll(/\S+/g)) {
				const lead = m[0].match(/^[("'\[]*/)[0].length;
				const word = m[0].slice(lead).replace(/[)"'\],.:;]+$/, "");
				if (!id.test(word)) continue;
				range.setStart(n, m.index + lead);
				range.setEnd(n, m.index + lead + word.length);
				const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom)));
				if (lines.size > 1) broken.push(word + " in " + el.tagName.toLowerCase() + (el.className ? "." + String(el.className).trim().split(/\s+/).join(".") : ""));
			}
		}
		return broken.slice(0, 8);
	})()`)
	if len(broken) > 0 {
		t.Errorf("%s at %s: broken across lines: %s", name, vp.name, strings.Join(broken, "; "))
	}
}

// checkLabelsBesideControls: in a filter bar, each label is on the line of the control it names,
// however the bar wraps.
func checkLabelsBesideControls(t *testing.T, tb *tab, name string, vp viewport) {
	t.Helper()
	apart := eval[[]string](t, tb, `[...document.querySelectorAll("form.filter-form label[for]:not(.visually-hidden)")].filter(l => {
		const c = document.getElementById(l.htmlFor);
		if (!c || l.getClientRects().length === 0) return false;
		const a = l.getBoundingClientRect(), b = c.getBoundingClientRect();
		return a.bottom <= b.top || b.bottom <= a.top; // no vertical overlap: different lines
	}).map(l => l.textContent.trim())`)
	if len(apart) > 0 {
		t.Errorf("%s at %s: filter labels on another line than their control: %q", name, vp.name, apart)
	}
}

// checkNothingWiderThanTheWindow: the page must not scroll sideways (wide tables scroll inside
// their own region instead).
func checkNothingWiderThanTheWindow(t *testing.T, tb *tab, name string) {
	t.Helper()
	type fit struct {
		ScrollWidth, InnerWidth int
		Overflowing             []string
	}
	got := eval[fit](t, tb, `(() => {
		// The outermost elements reaching past the window that no scrolling ancestor holds.
		// An element absolutely positioned is clipped only by its containing block and above.
		const clipped = el => {
			let abs = ["absolute", "fixed"].includes(getComputedStyle(el).position);
			for (let p = el.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
				const style = getComputedStyle(p);
				if (abs && style.position === "static") continue;
				abs = false;
				if (style.overflowX !== "visible") return true;
			}
			return false;
		};
		const over = [...document.body.querySelectorAll("*")].filter(el =>
			el.getBoundingClientRect().right > window.innerWidth + 0.5 && !clipped(el) &&
			!(el.parentElement && el.parentElement.getBoundingClientRect().right > window.innerWidth + 0.5 && !clipped(el.parentElement)));
		const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "") +
			" (" + Math.round(el.getBoundingClientRect().right) + " px)";
		return {ScrollWidth: document.documentElement.scrollWidth, InnerWidth: window.innerWidth, Overflowing: over.slice(0, 5).map(name)};
	})()`)
	if got.ScrollWidth > got.InnerWidth {
		t.Errorf("%s at %s: the page is %d px wide in a %d px window; too wide: %s", name, phone.name, got.ScrollWidth, got.InnerWidth, strings.Join(got.Overflowing, ", "))
	}
}

// TestTopMenuOnANarrowWindow: at 390 px, with JavaScript off, the side menu is gone, a closed
// Menu disclosure takes its place and opens to the same links; the route table's wide table
// scrolls inside its region, not the page. At 1366 px the side menu is back and the top menu gone.
func TestTopMenuOnANarrowWindow(t *testing.T) {
	t.Parallel() // independent: its own console and tab
	browser := startBrowser(t)
	c := newConsole(t)
	tb := newTab(t, browser)
	wizardDisableJavaScript(t, tb)

	type menus struct {
		SideMenu, TopMenu, TopLinks bool
		RoutesScroll, PageScroll    int
	}
	const look = `(() => {
		const shown = el => !!el && el.checkVisibility({visibilityProperty: true});
		const routes = document.querySelector("table#routes").closest(".table-scroll");
		return {
			SideMenu: shown(document.querySelector("nav.sidenav")),
			TopMenu: shown(document.querySelector("details.topnav > summary")),
			TopLinks: shown(document.querySelector('details.topnav nav a[href="/subnets"]')),
			RoutesScroll: routes.scrollWidth - routes.clientWidth,
			PageScroll: document.documentElement.scrollWidth - window.innerWidth,
		};
	})()`
	rt := c.URL + "/route-tables/" + c.demo.Account.PrivateRouteTableID

	tb.do(t, "open RT-Private at "+phone.name, chromedp.EmulateViewport(phone.width, phone.height), chromedp.Navigate(rt), chromedp.WaitReady("table#routes"))
	got := eval[menus](t, tb, look)
	if got.SideMenu || !got.TopMenu || got.TopLinks {
		t.Errorf("at %s: side menu shown %v, top menu shown %v, its links shown %v; want only the closed top menu", phone.name, got.SideMenu, got.TopMenu, got.TopLinks)
	}
	if got.RoutesScroll <= 0 || got.PageScroll > 0 {
		t.Errorf("at %s: the routes table scrolls %d px in its region and the page %d px; want the table to scroll, not the page", phone.name, got.RoutesScroll, got.PageScroll)
	}
	tb.do(t, "open the menu", chromedp.Click("details.topnav > summary", chromedp.NodeVisible))
	if got := eval[menus](t, tb, look); !got.TopLinks {
		t.Errorf("at %s: the top menu's links are hidden after opening it", phone.name)
	}
	tb.do(t, "follow Subnets", chromedp.Click(`details.topnav nav a[href="/subnets"]`, chromedp.NodeVisible), chromedp.WaitReady("table#subnets"))
	if got := eval[string](t, tb, "location.pathname"); got != "/subnets" {
		t.Errorf("after Subnets in the top menu: at %s, want /subnets", got)
	}

	tb.do(t, "open RT-Private at "+desktop.name, chromedp.EmulateViewport(desktop.width, desktop.height), chromedp.Navigate(rt), chromedp.WaitReady("table#routes"))
	if got := eval[menus](t, tb, look); !got.SideMenu || got.TopMenu {
		t.Errorf("at %s: side menu shown %v, top menu shown %v; want the side menu only", desktop.name, got.SideMenu, got.TopMenu)
	}
	tb.checkNoConsoleErrors(t)
}
