package web

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/go-chi/chi/v5"

	"endpointconsole/ec2test"
)

// screenshotPath is where the browser test leaves a picture of the highlighted route table,
// for a person to look at; it is not part of the repository.
const screenshotPath = "/tmp/route-table.png"

// actionTimeout bounds one browser step; the browser itself lives as long as the test.
const actionTimeout = 20 * time.Second

// chromiumPath finds Debian's Chromium: its headless shell when installed (the same Blink and
// V8 without the browser's windowing layer, which halves the CPU the browser tests cost), else
// the full browser in headless mode. Without either the browser tests skip, except under CI=true,
// where they must run.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"chromium-headless-shell", "chromium", "chromium-browser"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium is not installed, and CI=true requires the browser tests to run (apt-get install chromium-headless-shell)")
	}
	t.Skip("Chromium is not installed; skipping the browser tests (apt-get install chromium-headless-shell to run them)")
	return ""
}

// sharedBrowser is the one headless Chromium of the package's browser tests: each test opens
// tabs of its own in it (newTab), which is as isolated as the tests need and saves starting a
// browser per test. TestMain stops it.
var sharedBrowser struct {
	once    sync.Once
	ctx     context.Context
	err     error
	stop    func()
	dataDir string
}

// startBrowser returns the shared browser's context, starting it on first use. The first action
// runs on a context without a deadline: a deadline there would stop the whole browser.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath(t)
	b := &sharedBrowser
	b.once.Do(func() {
		b.dataDir, b.err = os.MkdirTemp("", "endpoint-console-chromium-")
		if b.err != nil {
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path),
			chromedp.NoSandbox, // the tests run as root on these machines
			chromedp.DisableGPU,
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.NoFirstRun,
			chromedp.UserDataDir(b.dataDir),
			chromedp.WindowSize(1280, 900),
		)
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel := chromedp.NewContext(allocCtx)
		b.ctx, b.stop = ctx, func() { cancel(); cancelAlloc(); os.RemoveAll(b.dataDir) }
		b.err = chromedp.Do(ctx)
	})
	if b.err != nil {
		t.Fatalf("start Chromium: %v", b.err)
	}
	return b.ctx
}

// TestMain stops the shared browser and the shared moto_server once every test has run. Every
// backend of these tests speaks plain HTTP on loopback, so a CA bundle named by the machine's
// environment is of no use to them; unset, it is not parsed again for each of the hundreds of
// EC2 clients the tests make.
func TestMain(m *testing.M) {
	os.Unsetenv("AWS_CA_BUNDLE")
	code := m.Run()
	if sharedBrowser.stop != nil {
		sharedBrowser.stop()
	}
	ec2test.StopSharedMoto()
	os.Exit(code)
}

// tab opens a new tab of the browser that records every console error, uncaught exception and
// browser log error of its pages; a CSP violation is one of those.
type tab struct {
	ctx    context.Context
	mu     sync.Mutex
	errors []string
}

func newTab(t *testing.T, browser context.Context) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	tb := &tab{ctx: ctx}
	err := chromedp.Listen(ctx, func(ev any) {
		var msg string
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				msg = fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg = fmt.Sprintf("uncaught exception at %s:%d: %s", d.URL, d.LineNumber, d.Text)
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError {
				msg = fmt.Sprintf("browser log (%s) %s: %s", ev.Entry.Source, ev.Entry.URL, ev.Entry.Text)
			}
		}
		if msg != "" {
			tb.mu.Lock()
			tb.errors = append(tb.errors, msg)
			tb.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	return tb
}

// do runs the actions with a timeout of their own.
func (tb *tab) do(t *testing.T, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, tb *tab, expression string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expression))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expression, err)
	}
	return v
}

// consoleErrors returns what the tab's pages logged as errors so far.
func (tb *tab) consoleErrors() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.errors...)
}

// checkNoConsoleErrors fails the test on any error the pages logged, after letting late
// messages (such as a stylesheet refused by the CSP) arrive.
func (tb *tab) checkNoConsoleErrors(t *testing.T) {
	t.Helper()
	tb.do(t, "let late console messages arrive", chromedp.Sleep(200*time.Millisecond))
	for _, e := range tb.consoleErrors() {
		t.Errorf("console error: %s", e)
	}
}

func TestBrowser(t *testing.T) {
	t.Parallel() // independent: its own servers
	browser := startBrowser(t)
	c := newConsole(t, withExtraRoutes(func(r chi.Router) {
		// A page that breaks the CSP, to prove the console listener sees violations.
		r.Get("/test/inline", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<!DOCTYPE html><html><head><title>t</title><style>body{color:red}</style></head>`+
				`<body><p>inline</p><script>document.title = "ran"</script></body></html>`)
		})
	}))
	a := c.demo.Account
	ep := createS3Endpoint(t, c.demo, a.PrivateRouteTableID)

	t.Run("the console listener sees CSP violations", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.do(t, "open a page with inline script and style", chromedp.Navigate(c.URL+"/test/inline"), chromedp.Sleep(300*time.Millisecond))
		if got := eval[string](t, tb, "document.title"); got == "ran" {
			t.Errorf("the inline script ran; the CSP did not apply")
		}
		errs := tb.consoleErrors()
		var csp int
		for _, e := range errs {
			if strings.Contains(e, "Content Security Policy") {
				csp++
			}
		}
		t.Logf("console errors of the page: %q", errs)
		if csp < 2 {
			t.Errorf("CSP violations seen: got %d, want 2 (script and style); all errors: %q", csp, errs)
		}
	})

	t.Run("from the route tables to the highlighted route", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.do(t, "open the route tables", chromedp.Navigate(c.URL+"/route-tables"), chromedp.WaitVisible(chromedp.CSS("table#route-tables")))

		// Keyboard: Tab from the top of the page reaches the skip link first, then (past the
		// header's brand, Region switcher and Go button) the navigation, and Enter follows a link.
		var focused []string
		for range 12 {
			tb.do(t, "press Tab", chromedp.KeyEvent(kb.Tab))
			focused = append(focused, eval[string](t, tb, "document.activeElement.textContent.trim()"))
		}
		t.Logf("Tab stops: %q", focused)
		if focused[0] != "Skip to content" {
			t.Errorf("first Tab stop: got %q, want the skip link", focused[0])
		}
		for _, entry := range navEntries {
			if !slices.Contains(focused, entry) {
				t.Errorf("Tab does not reach the navigation entry %q; Tab stops: %q", entry, focused)
			}
		}

		// Click the RT-Private row's link, as a person picks the table by its name.
		tb.do(t, "click RT-Private",
			chromedp.Click(`//table[@id="route-tables"]//tr[td[normalize-space()="RT-Private"]]//a`, chromedp.NodeVisible),
			chromedp.WaitVisible(chromedp.CSS("table#routes")),
		)
		if got, want := eval[string](t, tb, "location.pathname"), "/route-tables/"+a.PrivateRouteTableID; got != want {
			t.Fatalf("after the click: got %s, want %s", got, want)
		}

		type rowLook struct {
			Width, Height       float64
			Background          string
			NormalBackground    string
			Text                string
			BadgeVisible        bool
			HighlightedRowCount int
		}
		look := eval[rowLook](t, tb, `(() => {
			const row = document.querySelector("table#routes tbody tr.endpoint-route");
			const normal = document.querySelector("table#routes tbody tr:not(.endpoint-route)");
			const box = row.getBoundingClientRect();
			const badge = row.querySelector(".route-badge").getBoundingClientRect();
			return {
				Width: box.width, Height: box.height,
				Background: getComputedStyle(row.cells[0]).backgroundColor,
				NormalBackground: getComputedStyle(normal.cells[0]).backgroundColor,
				Text: row.innerText,
				BadgeVisible: badge.width > 0 && badge.height > 0,
				HighlightedRowCount: document.querySelectorAll("table#routes tr.endpoint-route").length,
			};
		})()`)
		if look.HighlightedRowCount != 1 {
			t.Errorf("highlighted rows: got %d, want 1", look.HighlightedRowCount)
		}
		if look.Width <= 0 || look.Height <= 0 {
			t.Errorf("the highlighted row's box: got %vx%v, want a visible row", look.Width, look.Height)
		}
		if look.Background == look.NormalBackground {
			t.Errorf("the highlighted row's background %s is the same as a normal row's", look.Background)
		}
		if !strings.Contains(look.Text, "Gateway endpoint") || !strings.Contains(look.Text, ep.ID) {
			t.Errorf("the highlighted row reads %q, want the endpoint %s and \"Gateway endpoint\"", look.Text, ep.ID)
		}
		if !look.BadgeVisible {
			t.Errorf("the Gateway endpoint label has no size: it is not visible")
		}

		ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
		defer cancel()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		if err := os.WriteFile(screenshotPath, png, 0o644); err != nil {
			t.Errorf("write the screenshot: %v", err)
		}
		tb.checkNoConsoleErrors(t)
	})

	t.Run("keyboard Enter follows a navigation link", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.do(t, "open the dashboard", chromedp.Navigate(c.URL+"/"), chromedp.WaitVisible(chromedp.CSS("table#resources")))
		tb.do(t, "focus Route tables and press Enter",
			chromedp.Focus(chromedp.CSS(`nav.sidenav a[href="/route-tables"]`)),
			chromedp.KeyEvent(kb.Enter),
			chromedp.WaitVisible(chromedp.CSS("table#route-tables")),
		)
		if got := eval[string](t, tb, "location.pathname"); got != "/route-tables" {
			t.Errorf("after Enter: got %s, want /route-tables", got)
		}
		tb.checkNoConsoleErrors(t)
	})

	t.Run("live filter", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.do(t, "open the route tables", chromedp.Navigate(c.URL+"/route-tables"), chromedp.WaitVisible(chromedp.CSS("#route-tables-filter")))
		// A page load would drop this marker.
		eval[bool](t, tb, "window.noPageLoad = true")
		tb.do(t, "type Private", chromedp.SendKeys(chromedp.CSS("#route-tables-filter"), "Private"))
		type filtered struct {
			Visible  []string
			Hidden   int
			Count    string
			Marker   bool
			Location string
		}
		got := eval[filtered](t, tb, `(() => {
			const rows = [...document.querySelectorAll("table#route-tables tbody tr")];
			return {
				Visible: rows.filter(r => !r.hidden && r.offsetHeight > 0).map(r => r.cells[0].innerText.trim()),
				Hidden: rows.filter(r => r.hidden).length,
				Count: document.getElementById("route-tables-count").textContent,
				Marker: window.noPageLoad === true,
				Location: location.pathname + location.search,
			};
		})()`)
		if len(got.Visible) != 1 || got.Visible[0] != "RT-Private" {
			t.Errorf("visible rows: got %q, want [RT-Private]", got.Visible)
		}
		if got.Hidden != 2 {
			t.Errorf("hidden rows: got %d, want 2", got.Hidden)
		}
		if got.Count != "1 match" {
			t.Errorf("match count: got %q, want %q", got.Count, "1 match")
		}
		if !got.Marker || got.Location != "/route-tables" {
			t.Errorf("the page reloaded (marker %v, location %s); the filter must work in place", got.Marker, got.Location)
		}
		tb.checkNoConsoleErrors(t)
	})

	for _, tt := range []struct {
		name   string
		submit chromedp.Action[chromedp.Void]
	}{
		{"press Enter", chromedp.KeyEvent(kb.Enter)},
		{"click Filter", chromedp.Click(`//form[@role="search"]//button[normalize-space()="Filter"]`, chromedp.NodeVisible)},
	} {
		t.Run("without JavaScript, "+tt.name, func(t *testing.T) {
			tb := newTab(t, browser)
			ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
			defer cancel()
			if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
				t.Fatalf("disable JavaScript: %v", err)
			}
			tb.do(t, "open the route tables", chromedp.Navigate(c.URL+"/route-tables"), chromedp.WaitVisible(chromedp.CSS("#route-tables-filter")))
			tb.do(t, "type Private", chromedp.SendKeys(chromedp.CSS("#route-tables-filter"), "Private"))
			if got := eval[int](t, tb, `document.querySelectorAll("table#route-tables tbody tr:not([hidden])").length`); got != 3 {
				t.Errorf("rows before submitting: got %d, want all 3 (no script filters them)", got)
			}
			tb.do(t, "submit the filter", tt.submit,
				chromedp.WaitVisible(chromedp.CSS(`input#route-tables-filter[value="Private"]`)))
			if got, want := eval[string](t, tb, "location.pathname + location.search"), "/route-tables?vpc=&q=Private"; got != want { // one form: All VPCs, and the text
				t.Errorf("location: got %s, want %s", got, want)
			}
			names := eval[[]string](t, tb, `[...document.querySelectorAll("table#route-tables tbody tr")].map(r => r.cells[0].innerText.trim())`)
			if len(names) != 1 || names[0] != "RT-Private" {
				t.Errorf("rows of the server-filtered page: got %q, want [RT-Private]", names)
			}
			tb.checkNoConsoleErrors(t)
		})
	}
}
