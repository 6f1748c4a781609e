package web

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestOrganizationAuditInBrowser: the audit of all accounts in Chromium. With JavaScript the
// progress bar moves in place while the sweep runs, and the result replaces it by itself; without
// JavaScript the page refreshes itself to the same result. The running page, the result and
// another account's page with the account switcher pass axe and fit a phone, with no console
// error; choosing an account in the switcher goes there at once.
func TestOrganizationAuditInBrowser(t *testing.T) {
	t.Parallel() // independent: its own console and tabs
	browser := startBrowser(t)
	script := axeScript(t)
	c := organizationConsole(t)
	const path = "/audit?scope=organization"
	// hold keeps the backend's answers to action (every answer, EC2 and STS, for "") until the
	// returned release is called, so that the sweep is still running while its running page is
	// checked, however slow the machine.
	hold := func(action string) (release func()) {
		gate := make(chan struct{})
		c.ec2.onAnswered(func(a string, _ bool) {
			if action == "" || a == action {
				<-gate
			}
		})
		return func() { close(gate) }
	}

	checks := func(t *testing.T, tb *tab, name string) {
		t.Helper()
		for _, vp := range []viewport{desktop, phone} {
			tb.do(t, "set the window to "+vp.name, chromedp.EmulateViewport(vp.width, vp.height))
			for _, v := range runAxe(t, tb, script) {
				t.Errorf("%s at %s: axe %s (%s) on %d element(s), first %s: %s", name, vp.name, v.ID, v.Impact, v.Nodes, v.Target, v.Help)
			}
			checkIDsUnbroken(t, tb, name, vp)
			checkLabelsBesideControls(t, tb, name, vp)
			if vp == phone {
				checkNothingWiderThanTheWindow(t, tb, name)
			}
		}
	}

	t.Run("with JavaScript", func(t *testing.T) {
		tb := newTab(t, browser)
		// Every Region's audit waits on its NAT gateways, so the sweep gets as far as opening the
		// accounts: 3 parts known at first, then 5 (two Regions each, Sandbox failed).
		release := hold("DescribeNatGateways")
		tb.do(t, "open the audit of all accounts", chromedp.Navigate(c.URL+path+"&again=1"), chromedp.WaitReady("[data-sweep-progress] progress"))
		start := eval[float64](t, tb, `performance.timeOrigin`)
		tb.do(t, "wait for the bar to follow the accounts' opening", chromedp.Poll[chromedp.Void](
			`document.querySelector("progress").max == 5 && document.querySelector(".sweep-counts").textContent.startsWith("1 of 5 done, 1 failed")`,
			chromedp.WithPollingTimeout(actionTimeout)))
		if got := eval[float64](t, tb, `performance.timeOrigin`); got != start {
			t.Errorf("the page reloaded to move its bar; the script should move it in place")
		}
		checks(t, tb, "the running audit")
		release()
		tb.do(t, "wait for the result", chromedp.WaitReady(".sweep-part"))
		if got := eval[float64](t, tb, `performance.timeOrigin`); got == start {
			t.Errorf("the result did not load by itself")
		}
		if n := eval[int](t, tb, `document.querySelectorAll(".sweep-part").length`); n != 4 {
			t.Errorf("%d account × Region tables, want 4", n)
		}
		checks(t, tb, "the audit of all accounts")
		tb.checkNoConsoleErrors(t)

		tb.do(t, "choose the Workloads account",
			chromedp.EmulateViewport(desktop.width, desktop.height),
			chromedp.Evaluate[chromedp.Void](`(() => {
				const s = document.querySelector("select#account-switch");
				s.value = "`+workloadsID+`";
				s.dispatchEvent(new Event("change"));
			})()`),
			chromedp.WaitReady("nav.audit-scopes"))
		if got, want := eval[string](t, tb, "location.pathname"), "/accounts/"+workloadsID+"/regions/us-east-1/audit"; got != want {
			t.Errorf("after choosing Workloads: at %s, want %s", got, want)
		}
		checks(t, tb, "the Workloads account's audit")
		tb.checkNoConsoleErrors(t)
	})

	t.Run("without JavaScript", func(t *testing.T) {
		tb := newTab(t, browser)
		wizardDisableJavaScript(t, tb)
		release := hold("")
		tb.do(t, "open the audit of all accounts", chromedp.Navigate(c.URL+path+"&again=1"), chromedp.WaitReady("[data-sweep-progress] progress"))
		release()
		tb.do(t, "wait for the page to refresh to the result", chromedp.WaitReady(".sweep-part"))
		// Axe runs as a script: allowed again for the check alone, on the page built without it.
		wizardEnableJavaScript(t, tb)
		checks(t, tb, "the audit of all accounts without JavaScript")
	})
}
