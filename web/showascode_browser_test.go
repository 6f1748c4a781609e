package web

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// TestBrowserCopyShownCode clicks an endpoint page's Copy button in Chromium: the button that
// is hidden without JavaScript shows, the block's text lands on the clipboard and the block's
// status says Copied.
func TestBrowserCopyShownCode(t *testing.T) {
	t.Parallel() // independent: its own servers
	b := startBrowser(t)
	c := newConsole(t)
	id := c.endpoint(t)
	tb := newTab(t, b)
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	// A browser grants writes on a click; the headless shell only when told to, as it has no
	// window to focus. Reading is for the test itself.
	for _, permission := range []string{"clipboard-write", "clipboard-read"} {
		if _, err := chromedp.Call(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: permission}, Setting: browser.PermissionSettingGranted, Origin: c.URL,
		}); err != nil {
			t.Fatalf("grant %s: %v", permission, err)
		}
	}
	tb.do(t, "open the endpoint as code", chromedp.Navigate(c.URL+"/endpoints/"+id+"?tab=code"), chromedp.WaitVisible(chromedp.CSS("#code-terraform")))
	tb.do(t, "click the Terraform block's Copy", chromedp.Click(`//button[@data-copy="code-terraform"]`, chromedp.NodeVisible))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("code-terraform-status").textContent !== ""`)); err != nil {
		t.Fatalf("wait for the status after Copy: %v", err)
	}
	if got := eval[string](t, tb, `document.getElementById("code-terraform-status").textContent`); got != "Copied" {
		t.Fatalf("status after Copy: %q, want Copied", got)
	}
	copied, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("read the clipboard: %v", err)
	}
	if want := eval[string](t, tb, `document.getElementById("code-terraform").textContent`); copied != want || want == "" {
		t.Errorf("the clipboard holds\n%s\nwant the block's text\n%s", copied, want)
	}
	for _, e := range tb.consoleErrors() {
		t.Errorf("console error: %s", e)
	}
}
