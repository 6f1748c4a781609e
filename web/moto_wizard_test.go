package web

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/chromedp/chromedp"

	"endpointconsole/ec2test"
	"endpointconsole/vpc"
)

// The tutorial in Chromium on moto, as a new user runs it with -backend aws -endpoint-url: moto
// ignores DryRun, so the review must not run the permission check there (it would create the
// endpoint), must say so, and must not show a conflict of the console's own making.

const wizardDynamoDB = "com.amazonaws.us-east-1.dynamodb"

// TestWizardOnMotoInBrowser creates the tutorial's S3 gateway endpoint in RT-Private and
// First-RT, going back from the review once, then a DynamoDB gateway endpoint in the same two
// tables, and checks in moto that each table routes each service to its endpoint and that no
// other endpoint was ever made.
func TestWizardOnMotoInBrowser(t *testing.T) {
	t.Parallel() // independent: its own console and tab, on a moto account of its own
	browser := startBrowser(t)
	c := newConsole(t, onMoto(ec2test.SharedMoto(t)))
	tb := newTab(t, browser)

	s3 := createGatewayInBrowser(t, tb, c, wizardS3, "First-Endpoint", true)
	checkMotoEndpointPage(t, tb, c, s3, wizardS3)
	ddb := createGatewayInBrowser(t, tb, c, wizardDynamoDB, "DynamoDB-Endpoint", false)
	checkMotoEndpointPage(t, tb, c, ddb, wizardDynamoDB)

	a := c.demo.Account
	lists, err := c.demo.Service.PrefixLists(t.Context())
	if err != nil {
		t.Fatalf("read the prefix lists: %v", err)
	}
	want := []string{
		motoPrefixListID(t, lists, wizardS3) + " → " + s3,
		motoPrefixListID(t, lists, wizardDynamoDB) + " → " + ddb,
	}
	slices.Sort(want)
	ec2c := wizardEC2(t, c)
	out, err := ec2c.DescribeRouteTables(t.Context(), &ec2.DescribeRouteTablesInput{RouteTableIds: []string{a.PrivateRouteTableID, a.MainRouteTableID}})
	if err != nil {
		t.Fatalf("DescribeRouteTables: %v", err)
	}
	if len(out.RouteTables) != 2 {
		t.Fatalf("DescribeRouteTables: got %d tables, want 2", len(out.RouteTables))
	}
	for _, rt := range out.RouteTables {
		var got []string
		for _, r := range rt.Routes {
			if r.DestinationPrefixListId != nil {
				got = append(got, aws.ToString(r.DestinationPrefixListId)+" → "+aws.ToString(r.GatewayId))
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("prefix-list routes of %s in moto: got %q, want %q", aws.ToString(rt.RouteTableId), got, want)
		}
	}
	eps := wizardEndpointsInEC2(t, c)
	if got, want := slices.Sorted(slices.Values(wizardEndpointIDs(eps))), slices.Sorted(slices.Values([]string{s3, ddb})); !slices.Equal(got, want) {
		t.Errorf("endpoints in moto: got %q, want only %q (a permission check must create none)", got, want)
	}
	for _, e := range eps {
		if got := slices.Sorted(slices.Values(e.RouteTableIds)); !slices.Equal(got, slices.Sorted(slices.Values([]string{a.PrivateRouteTableID, a.MainRouteTableID}))) {
			t.Errorf("%s route tables: got %q, want RT-Private and First-RT", aws.ToString(e.VpcEndpointId), got)
		}
	}
	tb.checkNoConsoleErrors(t)
}

// createGatewayInBrowser goes through the wizard as the tutorial does — AWS services, the
// service's Gateway row, First-VPC, RT-Private and First-RT, Full Access, a Name tag — checks the
// review, presses Create endpoint and returns the new endpoint's id. With backAndForth it leaves
// the review for the Tags step and comes back first, which runs the review's checks twice.
func createGatewayInBrowser(t *testing.T, tb *tab, c *console, service, name string, backAndForth bool) string {
	t.Helper()
	tb.do(t, "open Create endpoint", chromedp.Navigate(c.URL+"/endpoints/new"), wizardCurrentStep("Service category"))
	tb.do(t, "choose AWS services and go on",
		chromedp.Click(`//label[starts-with(normalize-space(), "AWS services")]`, chromedp.NodeVisible),
		pressWizardButton("Next"), wizardCurrentStep("Service name"))
	tb.do(t, "choose "+service+", Gateway, and go on",
		chromedp.Click(`//table[.//th[normalize-space()="Service name"]]//tr[td[normalize-space()="`+service+`"] and td[normalize-space()="Gateway"]]//input[@type="radio"]`, chromedp.NodeVisible),
		pressWizardButton("Next"), wizardCurrentStep("VPC"))
	vpcID := wizardOptionValue(t, tb, "VPC", `^vpc-[0-9a-f]+ \| First-VPC · 10\.10\.0\.0/16$`)
	if vpcID != c.demo.Account.VPCID {
		t.Fatalf("the option reading vpc-… | First-VPC has value %q, want %s", vpcID, c.demo.Account.VPCID)
	}
	tb.do(t, "choose First-VPC and go on",
		chromedp.SetValue(`//select[@id=//label[normalize-space()="VPC"]/@for]`, vpcID, chromedp.NodeVisible),
		pressWizardButton("Next"), wizardCurrentStep("Configure route tables"))
	tb.do(t, "tick RT-Private and First-RT and go on",
		chromedp.Click(`//table[.//th[normalize-space()="Route table ID"]]//tr[td[normalize-space()="RT-Private"]]//input[@type="checkbox"]`, chromedp.NodeVisible),
		chromedp.Click(`//table[.//th[normalize-space()="Route table ID"]]//tr[td[normalize-space()="First-RT"]]//input[@type="checkbox"]`, chromedp.NodeVisible),
		pressWizardButton("Next"), wizardCurrentStep("Policy"))
	tb.do(t, "choose Full Access and go on",
		chromedp.Click(`//label[strong[normalize-space()="Full Access"]]`, chromedp.NodeVisible),
		pressWizardButton("Next"), wizardCurrentStep("Tags"))
	tb.do(t, "name it "+name+" and go on",
		chromedp.SendKeys(`//input[@id="tag-value-0"]`, name, chromedp.NodeVisible),
		pressWizardButton("Next"), wizardCurrentStep("Review"))
	checkMotoReview(t, tb, service, name)
	if backAndForth {
		tb.do(t, "go back to Tags and on to the review again",
			pressWizardButton("Previous"), wizardCurrentStep("Tags"),
			pressWizardButton("Next"), wizardCurrentStep("Review"))
		checkMotoReview(t, tb, service, name)
	}
	tb.do(t, "Create endpoint", pressWizardButton("Create endpoint"),
		chromedp.WaitVisible(`//table[starts-with(@id,"routes-")]//tr[contains(@class,"endpoint-route")]`))
	path := eval[string](t, tb, "location.pathname + location.search")
	m := regexp.MustCompile(`^/endpoints/(vpce-[0-9a-f]+)\?done=created$`).FindStringSubmatch(path)
	if m == nil {
		t.Fatalf("after Create endpoint for %s: at %s, want /endpoints/vpce-…?done=created", service, path)
	}
	return m[1]
}

// checkMotoReview checks the review on moto: the permission panel says the check could not be
// made, no conflict is reported, and Create endpoint is offered.
func checkMotoReview(t *testing.T, tb *tab, service, name string) {
	t.Helper()
	type reviewLook struct {
		Summary     string
		Permission  string
		InfoShown   bool
		Conflicts   []string
		FieldErrors []string
		CanCreate   bool
	}
	got := eval[reviewLook](t, tb, `(() => {
		const panel = document.querySelector('section[aria-labelledby="permission-heading"] .panel-body');
		return {
			Summary: document.querySelector("dl.summary").innerText,
			Permission: panel ? panel.innerText.trim() : "",
			InfoShown: !!(panel && panel.querySelector("p.field-info")),
			Conflicts: [...document.querySelectorAll(".panel-header h2")].filter(h => h.textContent.includes("Conflicts")).map(h => h.parentElement.parentElement.innerText),
			FieldErrors: [...document.querySelectorAll(".field-error")].map(e => e.innerText),
			CanCreate: !!document.querySelector('form.wizard button[value="create"]'),
		};
	})()`)
	if !strings.Contains(got.Summary, service) || !strings.Contains(got.Summary, "Name = "+name) {
		t.Errorf("review summary: got %q, want %s and the Name tag %s", got.Summary, service, name)
	}
	if got.Permission != vpc.ErrDryRunIgnored.Message || !got.InfoShown {
		t.Errorf("permission check on moto: got %q (shown as information: %v), want %q as information", got.Permission, got.InfoShown, vpc.ErrDryRunIgnored.Message)
	}
	if len(got.Conflicts) > 0 || len(got.FieldErrors) > 0 {
		t.Errorf("review of %s on moto: conflicts %q, errors %q; want none", service, got.Conflicts, got.FieldErrors)
	}
	if !got.CanCreate {
		t.Errorf("review of %s on moto offers no Create endpoint button", service)
	}
}

// checkMotoEndpointPage checks the endpoint page Create endpoint led to: both tables, each with
// exactly one highlighted route, from the service's prefix list to the endpoint.
func checkMotoEndpointPage(t *testing.T, tb *tab, c *console, id, service string) {
	t.Helper()
	lists, err := c.demo.Service.PrefixLists(t.Context())
	if err != nil {
		t.Fatalf("read the prefix lists: %v", err)
	}
	dest := fmt.Sprintf("%s (%s", motoPrefixListID(t, lists, service), service)
	type tableLook struct {
		ID          string
		Highlighted []string
	}
	tables := eval[[]tableLook](t, tb, `[...document.querySelectorAll("table[id^='routes-']")].map(table => ({
		ID: table.id, Highlighted: [...table.querySelectorAll("tbody tr.endpoint-route")].map(r => r.innerText),
	}))`)
	if len(tables) != 2 {
		t.Errorf("%s page: got %d route tables, want 2", id, len(tables))
	}
	for _, look := range tables {
		if len(look.Highlighted) != 1 {
			t.Errorf("%s page, %s: got %d highlighted routes %q, want 1", id, look.ID, len(look.Highlighted), look.Highlighted)
			continue
		}
		if row := look.Highlighted[0]; !strings.Contains(row, id) || !strings.Contains(row, dest) {
			t.Errorf("%s page, %s: the highlighted route reads %q, want %s…) to %s", id, look.ID, row, dest, id)
		}
	}
}

// motoPrefixListID is the id of the backend's AWS-managed prefix list for service (moto's ids
// are random).
func motoPrefixListID(t *testing.T, lists map[string]vpc.PrefixList, service string) string {
	t.Helper()
	pl, ok := vpc.PrefixListByName(lists, service)
	if !ok {
		t.Fatalf("the backend has no prefix list named %s", service)
	}
	return pl.ID
}
