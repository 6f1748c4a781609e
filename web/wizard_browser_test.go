package web

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The wizard in Chromium, driven by what a person sees: labels, row texts, button names.

// wizardCurrentStep waits until the wizard shows the step labelled label and the page has put
// the focus where a step puts it (its heading, or the error summary): the browser moves the focus
// after the page shows, and a key pressed before that would go elsewhere.
func wizardCurrentStep(label string) chromedp.Action[chromedp.Void] {
	shown := chromedp.WaitVisible(`//nav[@aria-label="Steps"]//li[@aria-current="step"]//span[@class="step-label" and normalize-space()="` + label + `"]`)
	focused := chromedp.Poll[bool](`!!document.activeElement && document.activeElement.matches("form.wizard h2[autofocus], .error-summary[autofocus]")`)
	return func(ctx context.Context, target *chromedp.Target) (chromedp.Void, error) {
		var none chromedp.Void
		if _, err := shown(ctx, target); err != nil {
			return none, err
		}
		_, err := focused(ctx, target)
		return none, err
	}
}

// pressWizardButton clicks the wizard's button that reads label.
func pressWizardButton(label string) chromedp.Action[chromedp.Void] {
	return chromedp.Click(`//form[contains(@class,"wizard")]//button[normalize-space()="`+label+`" and not(@aria-hidden="true")]`, chromedp.NodeVisible)
}

// wizardDisableJavaScript turns off the tab's scripts, as a person who blocks them would.
func wizardDisableJavaScript(t *testing.T, tb *tab) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("disable JavaScript: %v", err)
	}
}

// wizardEnableJavaScript lets the tab run scripts again.
func wizardEnableJavaScript(t *testing.T, tb *tab) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false}); err != nil {
		t.Fatalf("enable JavaScript: %v", err)
	}
}

// wizardOptionValue is the value of the option that reads like text (a regular expression) in the
// list labelled label.
func wizardOptionValue(t *testing.T, tb *tab, label, text string) string {
	t.Helper()
	return eval[string](t, tb, fmt.Sprintf(`(() => {
		const label = [...document.querySelectorAll("label")].find(l => l.textContent.trim() === %q);
		const opt = [...document.getElementById(label.htmlFor).options].find(o => new RegExp(%q).test(o.text.trim()));
		return opt ? opt.value : "";
	})()`, label, text))
}

// checkWizardHighlightedRoutes checks the endpoint page: every route table shown has exactly one
// highlighted route, visible, to the endpoint.
func checkWizardHighlightedRoutes(t *testing.T, tb *tab, wantTables int) string {
	t.Helper()
	path := eval[string](t, tb, "location.pathname + location.search")
	m := regexp.MustCompile(`^/endpoints/(vpce-[0-9a-f]+)\?done=created$`).FindStringSubmatch(path)
	if m == nil {
		t.Fatalf("after Create endpoint: at %s, want /endpoints/vpce-…?done=created", path)
	}
	type tableLook struct {
		ID          string
		Highlighted int
		Width       float64
		Height      float64
		Text        string
	}
	tables := eval[[]tableLook](t, tb, `[...document.querySelectorAll("table[id^='routes-']")].map(table => {
		const rows = table.querySelectorAll("tbody tr.endpoint-route");
		const box = rows.length ? rows[0].getBoundingClientRect() : {width: 0, height: 0};
		return {ID: table.id, Highlighted: rows.length, Width: box.width, Height: box.height, Text: rows.length ? rows[0].innerText : ""};
	})`)
	if len(tables) != wantTables {
		t.Errorf("route tables on the endpoint page: got %d, want %d", len(tables), wantTables)
	}
	for _, look := range tables {
		if look.Highlighted != 1 {
			t.Errorf("%s: got %d highlighted routes, want 1", look.ID, look.Highlighted)
		}
		if look.Width <= 0 || look.Height <= 0 {
			t.Errorf("%s: the highlighted route's box is %vx%v, want it visible", look.ID, look.Width, look.Height)
		}
		if !strings.Contains(look.Text, m[1]) || !strings.Contains(look.Text, "Gateway endpoint") || !strings.Contains(look.Text, "pl-63a5400a (com.amazonaws.us-east-1.s3") {
			t.Errorf("%s: the highlighted route reads %q, want pl-63a5400a (com.amazonaws.us-east-1.s3, …) to %s, labelled Gateway endpoint", look.ID, look.Text, m[1])
		}
	}
	// The success banner names the endpoint and links each route table EC2 changed.
	type bannerLook struct {
		Text  string
		Links []string
	}
	banner := eval[bannerLook](t, tb, `(() => { const b = document.querySelector("main .flash-success[role=status]");
		return b ? {Text: b.innerText, Links: [...b.querySelectorAll("a")].map(a => a.getAttribute("href"))} : {Text: "", Links: []}; })()`)
	if !strings.Contains(banner.Text, "Endpoint "+m[1]+" created.") {
		t.Errorf("success banner: got %q, want it to say Endpoint %s created.", banner.Text, m[1])
	}
	var wantLinks []string
	for _, look := range tables {
		wantLinks = append(wantLinks, "/route-tables/"+strings.TrimPrefix(look.ID, "routes-"))
	}
	if !slices.Equal(banner.Links, wantLinks) {
		t.Errorf("success banner links: got %q, want %q", banner.Links, wantLinks)
	}
	return m[1]
}

// checkWizardRoutesInEC2 checks through the EC2 API that both tutorial tables route S3 to id.
func checkWizardRoutesInEC2(t *testing.T, c *console, id string) {
	t.Helper()
	a := c.demo.Account
	out, err := wizardEC2(t, c).DescribeRouteTables(t.Context(), &ec2.DescribeRouteTablesInput{RouteTableIds: []string{a.PrivateRouteTableID, a.MainRouteTableID}})
	if err != nil {
		t.Fatalf("DescribeRouteTables: %v", err)
	}
	for _, rt := range out.RouteTables {
		if !slices.ContainsFunc(rt.Routes, func(r types.Route) bool {
			return aws.ToString(r.DestinationPrefixListId) == wizardS3PrefixList && aws.ToString(r.GatewayId) == id
		}) {
			t.Errorf("%s has no route %s → %s", aws.ToString(rt.RouteTableId), wizardS3PrefixList, id)
		}
	}
	if eps := wizardEndpointsInEC2(t, c); len(eps) != 1 {
		t.Errorf("endpoints in EC2: got %q, want one", wizardEndpointIDs(eps))
	}
}

func TestWizardInBrowser(t *testing.T) {
	t.Parallel() // independent: its own servers
	browser := startBrowser(t)

	for _, js := range []bool{true, false} {
		name := "the tutorial path with JavaScript"
		if !js {
			name = "the tutorial path without JavaScript"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel() // each path has its own console and tab
			c := newConsole(t).noRedirects()
			tb := newTab(t, browser)
			if !js {
				wizardDisableJavaScript(t, tb)
			}
			tb.do(t, "open Create endpoint", chromedp.Navigate(c.URL+"/endpoints/new"), wizardCurrentStep("Service category"))
			// What a step shows follows the radio button chosen, with or without JavaScript.
			checkWizardShown(t, tb, "AWS services", map[string]bool{"#service-name": false})
			tb.do(t, "choose Find service by name", chromedp.Click(`//input[@id="category-name"]`, chromedp.NodeVisible))
			checkWizardShown(t, tb, "Find service by name", map[string]bool{"#service-name": true})
			tb.do(t, "choose AWS services and go on",
				chromedp.Click(`//label[starts-with(normalize-space(), "AWS services")]`, chromedp.NodeVisible),
				pressWizardButton("Next"), wizardCurrentStep("Service name"))
			tb.do(t, "choose com.amazonaws.us-east-1.s3, Gateway, and go on",
				chromedp.Click(`//table[.//th[normalize-space()="Service name"]]//tr[td[normalize-space()="`+wizardS3+`"] and td[normalize-space()="Gateway"]]//input[@type="radio"]`, chromedp.NodeVisible))
			checkWizardChosenRowMarked(t, tb)
			tb.do(t, "go on", pressWizardButton("Next"), wizardCurrentStep("VPC"))
			vpcID := wizardOptionValue(t, tb, "VPC", `^vpc-[0-9a-f]+ \| First-VPC · 10\.10\.0\.0/16$`)
			if vpcID != c.demo.Account.VPCID {
				t.Fatalf("the option reading vpc-… | First-VPC has value %q, want %s", vpcID, c.demo.Account.VPCID)
			}
			tb.do(t, "choose First-VPC and go on",
				chromedp.SetValue(`//select[@id=//label[normalize-space()="VPC"]/@for]`, vpcID, chromedp.NodeVisible),
				pressWizardButton("Next"), wizardCurrentStep("Configure route tables"))
			tb.do(t, "tick RT-Private",
				chromedp.Click(`//table[.//th[normalize-space()="Route table ID"]]//tr[td[normalize-space()="RT-Private"]]//input[@type="checkbox"]`, chromedp.NodeVisible))
			// The line saying where a table's subnets stay shows only while the table is left out
			// (CSS, with or without JavaScript).
			notes := eval[map[string]bool](t, tb, `Object.fromEntries([...document.querySelectorAll("table#route-tables tbody tr")].map(tr =>
				[tr.cells[2].innerText.trim(), !!tr.querySelector("p.left-out-note") && tr.querySelector("p.left-out-note").getClientRects().length > 0]))`)
			if !notes["First-RT"] || notes["RT-Private"] {
				t.Errorf("left-out lines shown: %v; want First-RT's (left out) and not RT-Private's (ticked)", notes)
			}
			tb.do(t, "tick First-RT and go on",
				chromedp.Click(`//table[.//th[normalize-space()="Route table ID"]]//tr[td[normalize-space()="First-RT"]]//input[@type="checkbox"]`, chromedp.NodeVisible),
				pressWizardButton("Next"), wizardCurrentStep("Policy"))
			checkWizardShown(t, tb, "Full Access", map[string]bool{".policy-document": true, "#policy": false, ".templates": false})
			tb.do(t, "choose Custom", chromedp.Click(`//input[@id="policy-custom"]`, chromedp.NodeVisible))
			checkWizardShown(t, tb, "Custom", map[string]bool{".policy-document": false, "#policy": true, ".templates": true})
			if js {
				// The policy is checked as it is typed, and a mistake is placed by line and column.
				tb.do(t, "type a policy with a stray comma", chromedp.SendKeys(`//textarea[@id="policy"]`, "{\"Statement\": [\n  {\"Effect\": \"Allow\",}\n]}", chromedp.NodeVisible))
				if got := eval[string](t, tb, `document.getElementById("policy-check").textContent`); !strings.HasPrefix(got, "Line 2, column 22: ") {
					t.Errorf("the check as you type says %q, want the stray comma's line 2, column 22", got)
				}
				eval[bool](t, tb, `(document.getElementById("policy").value = "", true)`)
				tb.do(t, "make it valid", chromedp.SendKeys(`//textarea[@id="policy"]`, "{}"))
				if got := eval[string](t, tb, `document.getElementById("policy-check").textContent`); got != "Valid JSON." {
					t.Errorf("the check as you type says %q of {}, want Valid JSON.", got)
				}
			}
			tb.do(t, "choose Full Access and go on",
				chromedp.Click(`//label[strong[normalize-space()="Full Access"]]`, chromedp.NodeVisible),
				pressWizardButton("Next"), wizardCurrentStep("Tags"))
			tb.do(t, "name it First-Endpoint and go on",
				chromedp.SendKeys(`//input[@id="tag-value-0"]`, "First-Endpoint", chromedp.NodeVisible),
				pressWizardButton("Next"), wizardCurrentStep("Review"))
			if got := eval[string](t, tb, `document.querySelector("dl.summary").innerText`); !strings.Contains(got, "Name = First-Endpoint") || !strings.Contains(got, "First-VPC") {
				t.Errorf("review summary: got %q, want the Name tag and First-VPC", got)
			}
			tb.do(t, "Create endpoint", pressWizardButton("Create endpoint"), chromedp.WaitVisible(`//table[starts-with(@id,"routes-")]//tr[contains(@class,"endpoint-route")]`))
			id := checkWizardHighlightedRoutes(t, tb, 2)
			checkWizardRoutesInEC2(t, c, id)
			tb.checkNoConsoleErrors(t)
		})
	}

	// Without JavaScript, Enter in a field does what the step's way forward does: on step 1 it
	// goes on (even from a radio button), in the service filter box it filters, on a service's
	// radio button it goes on.
	t.Run("Enter without JavaScript", func(t *testing.T) {
		c := newConsole(t).noRedirects()
		tb := newTab(t, browser)
		wizardDisableJavaScript(t, tb)
		tb.do(t, "open Create endpoint", chromedp.Navigate(c.URL+"/endpoints/new"), wizardCurrentStep("Service category"))
		tb.do(t, "focus AWS services", chromedp.Focus(`//input[@id="category-aws"]`, chromedp.NodeVisible))
		if got := wizardPressEnter(t, tb); got != "Service name" {
			t.Fatalf("Enter on the AWS services radio button: got step %s, want Service name", got)
		}
		tb.do(t, "wait for the step's focus", wizardCurrentStep("Service name"))
		tb.do(t, "type dynamodb in the filter box", chromedp.SendKeys(`//input[@id="service-query"]`, "dynamodb", chromedp.NodeVisible))
		if got := wizardPressEnter(t, tb); got != "Service name" {
			t.Fatalf("Enter in the filter box: got step %s, want Service name, filtered", got)
		}
		names := eval[[]string](t, tb, `[...document.querySelectorAll("table#services tbody tr td:nth-child(2)")].map(td => td.innerText.trim())`)
		if len(names) == 0 || slices.ContainsFunc(names, func(n string) bool { return !strings.Contains(n, "dynamodb") }) {
			t.Errorf("services after Enter in the filter box: got %q, want only dynamodb's", names)
		}
		// On a service's radio button, Enter goes on with it.
		tb.do(t, "choose the DynamoDB gateway", chromedp.Click(`//input[@type="radio"][@value="com.amazonaws.us-east-1.dynamodb|Gateway"]`, chromedp.NodeVisible))
		if got := wizardPressEnter(t, tb); got != "VPC" {
			t.Fatalf("Enter on a service's radio button: got step %s, want VPC", got)
		}
	})

	// Before each step put the focus on its heading, the tutorial took 121 Tab presses by hand
	// and 128 by this walk.
	t.Run("keyboard only, counting Tab presses", func(t *testing.T) {
		c := newConsole(t).noRedirects()
		tabs := wizardTutorialTabPresses(t, newTab(t, browser), c)
		t.Logf("the tutorial, keyboard only: %d Tab presses", tabs)
		if tabs >= 121 {
			t.Errorf("the tutorial took %d Tab presses, want fewer than the 121 it took before each step focused its heading", tabs)
		}
	})

	t.Run("keyboard only", func(t *testing.T) {
		c := newConsole(t).noRedirects()
		a := c.demo.Account
		tb := newTab(t, browser)
		tb.do(t, "open Create endpoint", chromedp.Navigate(c.URL+"/endpoints/new"), wizardCurrentStep("Service category"))

		checkWizardTabStops(t, tb, "Service category")
		wizardTabTo(t, tb, "Next", `document.activeElement.value === "next"`)
		tb.do(t, "press Enter on Next", chromedp.KeyEvent(kb.Enter), wizardCurrentStep("Service name"))

		checkWizardTabStops(t, tb, "Service name")
		wizardTabTo(t, tb, "the service radio buttons", `document.activeElement.name === "service"`)
		// As many presses as the table has rows: the catalog is AWS's list, well over a hundred.
		for range eval[int](t, tb, `document.querySelectorAll("input[name=service]").length`) {
			if eval[bool](t, tb, `document.activeElement.value === "`+wizardS3+`|Gateway" && document.activeElement.checked`) {
				break
			}
			tb.do(t, "press the down arrow", chromedp.KeyEvent(kb.ArrowDown))
		}
		if got := eval[string](t, tb, `document.activeElement.value`); got != wizardS3+"|Gateway" {
			t.Fatalf("the down arrow stopped at %q, never at %s|Gateway", got, wizardS3)
		}
		wizardTabTo(t, tb, "Next", `document.activeElement.value === "next"`)
		tb.do(t, "press Enter on Next", chromedp.KeyEvent(kb.Enter), wizardCurrentStep("VPC"))

		checkWizardTabStops(t, tb, "VPC")
		wizardTabTo(t, tb, "the VPC list", `document.activeElement.id === "vpc"`)
		for range 10 {
			if eval[bool](t, tb, `document.activeElement.value === "`+a.VPCID+`"`) {
				break
			}
			tb.do(t, "press the down arrow", chromedp.KeyEvent(kb.ArrowDown))
		}
		wizardTabTo(t, tb, "Next", `document.activeElement.value === "next"`)
		tb.do(t, "press Enter on Next", chromedp.KeyEvent(kb.Enter), wizardCurrentStep("Configure route tables"))

		// One step by keyboard alone: Space ticks each table, Enter on Next goes on.
		checkWizardTabStops(t, tb, "Configure route tables")
		for _, id := range []string{a.PrivateRouteTableID, a.MainRouteTableID} {
			wizardTabTo(t, tb, id, `document.activeElement.value === "`+id+`"`)
			tb.do(t, "press Space", chromedp.KeyEvent(" "))
			if !eval[bool](t, tb, `document.activeElement.checked`) {
				t.Errorf("Space did not tick %s", id)
			}
		}
		wizardTabTo(t, tb, "Next", `document.activeElement.value === "next"`)
		tb.do(t, "press Enter on Next", chromedp.KeyEvent(kb.Enter), wizardCurrentStep("Policy"))

		// Enter on a radio button submits the form with its default button, which must go on,
		// not press a policy template.
		checkWizardTabStops(t, tb, "Policy")
		wizardTabTo(t, tb, "Full Access", `document.activeElement.id === "policy-full"`)
		if got := wizardPressEnter(t, tb); got != "Tags" {
			t.Errorf("Enter on Full Access: got step %s with policy %q, want Tags (Enter must press Next, the form's default button)",
				got, eval[string](t, tb, `(document.querySelector("input[name=policy_mode]:checked") || {}).value || ""`))
			wizardTabTo(t, tb, "the policy radio buttons", `document.activeElement.name === "policy_mode"`)
			for range 2 {
				if eval[bool](t, tb, `document.activeElement.id === "policy-full"`) {
					break
				}
				tb.do(t, "press the up arrow", chromedp.KeyEvent(kb.ArrowUp))
			}
			tb.do(t, "clear the template", chromedp.SetValue(`//textarea[@id="policy"]`, ""))
			wizardTabTo(t, tb, "Next", `document.activeElement.value === "next"`)
			tb.do(t, "press Enter on Next", chromedp.KeyEvent(kb.Enter), wizardCurrentStep("Tags"))
		}

		// Enter in a text box submits the form with its default button, which must go on.
		checkWizardTabStops(t, tb, "Tags")
		wizardTabTo(t, tb, "the Name tag's value", `document.activeElement.id === "tag-value-0"`)
		tb.do(t, "type First-Endpoint", chromedp.KeyEvent("First-Endpoint"))
		if got := wizardPressEnter(t, tb); got != "Review" {
			keys := eval[[]string](t, tb, `[...document.querySelectorAll("input[name=tag_key]")].map(i => i.value)`)
			t.Errorf("Enter in the Name tag's value: got step %s with tag keys %q, want the review (Enter must press Next, the form's default button)", got, keys)
			tb.do(t, "type the value again", chromedp.SendKeys(`//input[@id="tag-value-0"]`, "First-Endpoint"))
			wizardTabTo(t, tb, "Next", `document.activeElement.value === "next"`)
			tb.do(t, "press Enter on Next", chromedp.KeyEvent(kb.Enter))
		}
		tb.do(t, "wait for the review", wizardCurrentStep("Review"))
		if got := eval[string](t, tb, `document.querySelector("dl.summary").innerText`); !strings.Contains(got, "Name = First-Endpoint") {
			t.Errorf("review summary: got %q, want the Name tag typed", got)
		}

		checkWizardTabStops(t, tb, "Review")
		wizardTabTo(t, tb, "Create endpoint", `document.activeElement.value === "create"`)
		tb.do(t, "press Enter on Create endpoint", chromedp.KeyEvent(kb.Enter),
			chromedp.WaitVisible(`//table[starts-with(@id,"routes-")]//tr[contains(@class,"endpoint-route")]`))
		id := checkWizardHighlightedRoutes(t, tb, 2)
		checkWizardRoutesInEC2(t, c, id)
		tb.checkNoConsoleErrors(t)
	})
}

// wizardTutorialTabPresses runs the tutorial with the keyboard alone, from each step's heading
// (where the focus lands) to the control it needs and on to Next, and counts the Tab presses.
func wizardTutorialTabPresses(t *testing.T, tb *tab, c *console) int {
	t.Helper()
	a := c.demo.Account
	tabs := 0
	arrowTo := func(what, want string) {
		for range eval[int](t, tb, `document.querySelectorAll("input[name=service], #vpc option").length`) {
			if eval[bool](t, tb, `document.activeElement.value === "`+want+`"`) {
				return
			}
			tb.do(t, "press the down arrow", chromedp.KeyEvent(kb.ArrowDown))
		}
		t.Fatalf("the down arrow never reached %s", what)
	}
	next := func(step string) {
		tabs += wizardTabTo(t, tb, "Next", `document.activeElement.value === "next"`)
		tb.do(t, "press Enter on Next", chromedp.KeyEvent(kb.Enter), wizardCurrentStep(step))
	}
	tb.do(t, "open Create endpoint", chromedp.Navigate(c.URL+"/endpoints/new"), wizardCurrentStep("Service category"))
	next("Service name")
	tabs += wizardTabTo(t, tb, "the service radio buttons", `document.activeElement.name === "service"`)
	arrowTo(wizardS3, wizardS3+"|Gateway")
	next("VPC")
	tabs += wizardTabTo(t, tb, "the VPC list", `document.activeElement.id === "vpc"`)
	arrowTo("First-VPC", a.VPCID)
	next("Configure route tables")
	for _, id := range []string{a.PrivateRouteTableID, a.MainRouteTableID} {
		tabs += wizardTabTo(t, tb, id, `document.activeElement.value === "`+id+`"`)
		tb.do(t, "press Space", chromedp.KeyEvent(" "))
	}
	next("Policy")
	next("Tags")
	tabs += wizardTabTo(t, tb, "the Name tag's value", `document.activeElement.id === "tag-value-0"`)
	tb.do(t, "type First-Endpoint", chromedp.KeyEvent("First-Endpoint"))
	next("Review")
	tabs += wizardTabTo(t, tb, "Create endpoint", `document.activeElement.value === "create"`)
	tb.do(t, "press Enter on Create endpoint", chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(`//table[starts-with(@id,"routes-")]//tr[contains(@class,"endpoint-route")]`))
	checkWizardRoutesInEC2(t, c, checkWizardHighlightedRoutes(t, tb, 2))
	return tabs
}

// checkWizardShown checks which of the selectors are shown (rendered) with the answer chosen.
func checkWizardShown(t *testing.T, tb *tab, chosen string, want map[string]bool) {
	t.Helper()
	for selector, shown := range want {
		got := eval[bool](t, tb, `(() => { const el = document.querySelector(`+strconv.Quote(selector)+`); return !!el && el.getClientRects().length > 0; })()`)
		if got != shown {
			t.Errorf("%s chosen: %s shown = %v, want %v", chosen, selector, got, shown)
		}
	}
}

// checkWizardChosenRowMarked checks that the row of the chosen radio button stands out from the
// rows not chosen.
func checkWizardChosenRowMarked(t *testing.T, tb *tab) {
	t.Helper()
	got := eval[[]string](t, tb, `(() => {
		const chosen = document.querySelector("table.data input[type=radio]:checked").closest("tr").querySelector("td");
		const other = document.querySelector("table.data tr:has(input[type=radio]:not(:checked)) td");
		return [getComputedStyle(chosen).backgroundColor, getComputedStyle(other).backgroundColor];
	})()`)
	if got[0] == got[1] {
		t.Errorf("the chosen row's background is %s, as the other rows': want it marked", got[0])
	}
}

// wizardPressEnter presses Enter, waits for the page the form's submit brings, and returns its step.
func wizardPressEnter(t *testing.T, tb *tab) string {
	t.Helper()
	// A page load drops the marker.
	eval[bool](t, tb, `(document.body.dataset.before = "yes", true)`)
	tb.do(t, "press Enter", chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(`//body[not(@data-before)]//nav[@aria-label="Steps"]//li[@aria-current="step"]`))
	return eval[string](t, tb, `document.querySelector('nav[aria-label="Steps"] li[aria-current="step"] .step-label').textContent.trim()`)
}

// wizardMaxTabStops bounds a walk with Tab through one page.
const wizardMaxTabStops = 200

// wizardFocusKey names the focused element by its position in the document, or -1 for none.
const wizardFocusKey = `(() => { const el = document.activeElement; return !el || el === document.body ? -1 : [...document.querySelectorAll("*")].indexOf(el); })()`

// wizardTabTo presses Tab until the condition (JavaScript) holds, and says how many presses it took.
func wizardTabTo(t *testing.T, tb *tab, what, condition string) int {
	t.Helper()
	for i := range wizardMaxTabStops {
		tb.do(t, "press Tab", chromedp.KeyEvent(kb.Tab))
		if eval[bool](t, tb, condition) {
			return i + 1
		}
	}
	t.Fatalf("Tab never reached %s", what)
	return 0
}

// checkWizardFocusOnHeading checks that the step just loaded has put the focus on its heading,
// so that a keyboard user starts at the step and not at the top of the page.
func checkWizardFocusOnHeading(t *testing.T, tb *tab, heading string) {
	t.Helper()
	got := eval[string](t, tb, `(() => { const el = document.activeElement;
		return el && el.matches("form.wizard h2") ? el.textContent.trim() : "not a heading: " + (el ? el.outerHTML.slice(0, 80) : "nothing"); })()`)
	if got != heading {
		t.Errorf("focus after the %s step loaded: got %q, want its heading", heading, got)
	}
}

// checkWizardTabStops walks the page with Tab from the top until the focus comes back
// round, and checks that it reached every control of the wizard's form: each input, select,
// textarea and button, and each group of radio buttons (Tab stops on one of a group, the
// chosen one, and the arrows move within it). Controls taken out of the Tab order on purpose
// (tabindex="-1") and controls not shown for the answers chosen are left out.
func checkWizardTabStops(t *testing.T, tb *tab, step string) {
	t.Helper()
	// Start from the top of the page, as after it loads.
	eval[bool](t, tb, `(document.activeElement && document.activeElement.blur(), window.scrollTo(0, 0), true)`)
	tb.do(t, "reload the page to start from the top", chromedp.Reload(), wizardCurrentStep(step))
	checkWizardFocusOnHeading(t, tb, step)
	var stops []int
	seen := map[int]bool{}
	for range wizardMaxTabStops {
		tb.do(t, "press Tab", chromedp.KeyEvent(kb.Tab))
		key := eval[int](t, tb, wizardFocusKey)
		if key >= 0 && seen[key] {
			break
		}
		if key >= 0 {
			seen[key] = true
			stops = append(stops, key)
		}
		if key < 0 && len(stops) > 0 {
			break // the focus left the page: one round is done
		}
	}
	type control struct {
		Key     int
		Name    string
		Type    string
		Value   string
		Checked bool
		Label   string
	}
	controls := eval[[]control](t, tb, `(() => {
		const all = [...document.querySelectorAll("*")];
		return [...document.querySelectorAll("form.wizard input, form.wizard select, form.wizard textarea, form.wizard button")]
			// checkVisibility leaves out what a closed <details> holds (Show as code's Copy
			// buttons): Chromium lays it out, hidden, and Tab reaches it once it is opened.
			.filter(el => el.type !== "hidden" && !el.disabled && el.tabIndex >= 0 && el.checkVisibility())
			.map(el => ({Key: all.indexOf(el), Name: el.name || "", Type: el.type || "", Value: el.value || "",
				Checked: !!el.checked, Label: (el.labels && el.labels.length ? el.labels[0].innerText : el.innerText || el.ariaLabel || "").trim()}));
	})()`)
	if len(controls) == 0 {
		t.Fatalf("%s: no controls found in form.wizard", step)
	}
	radioGroups := map[string][]control{}
	for _, ctl := range controls {
		if ctl.Type == "radio" {
			radioGroups[ctl.Name] = append(radioGroups[ctl.Name], ctl)
			continue
		}
		if !seen[ctl.Key] {
			t.Errorf("%s: Tab never reaches the %s %q (%s=%q); %d Tab stops", step, ctl.Type, ctl.Label, ctl.Name, ctl.Value, len(stops))
		}
	}
	for name, group := range radioGroups {
		reached := slices.IndexFunc(group, func(c control) bool { return seen[c.Key] })
		if reached < 0 {
			t.Errorf("%s: Tab never reaches the radio buttons %s", step, name)
			continue
		}
		if chosen := slices.IndexFunc(group, func(c control) bool { return c.Checked }); chosen >= 0 && chosen != reached {
			t.Errorf("%s: Tab stops on radio %q of %s, want the chosen one %q", step, group[reached].Value, name, group[chosen].Value)
		}
	}
	t.Logf("%s: %d Tab stops reach all %d controls (%s)", step, len(stops), len(controls), strconv.Itoa(len(radioGroups))+" radio groups")
}
