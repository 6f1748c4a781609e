package web

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"endpointconsole/ec2test"
	"endpointconsole/vpc"
	"endpointconsole/vpc/seed"
)

// The Create endpoint wizard, driven through HTTP as a browser drives it: each answer is read
// back from the form of the page before, and the whole form is posted with the button pressed.

const (
	wizardS3  = "com.amazonaws.us-east-1.s3"
	wizardSSM = "com.amazonaws.us-east-1.ssm"
	// wizardS3PrefixList is the real us-east-1 S3 prefix list, which fakeec2 seeds (moto's is random).
	wizardS3PrefixList = "pl-63a5400a"
)

// wizardSession is one person going through the wizard: the form of the page shown last, which
// the next post sends back with the button pressed.
type wizardSession struct {
	c *console
	// form is what the page shown last would post: every named control of form.wizard with
	// its value (checked boxes only, the selected option, the textarea's text).
	form url.Values
	// last is the answer to the last request.
	last page
}

// startWizard opens Create endpoint.
func startWizard(tb testing.TB, c *console) *wizardSession {
	tb.Helper()
	req, err := http.NewRequest(http.MethodGet, c.URL+"/endpoints/new", nil)
	if err != nil {
		tb.Fatal(err)
	}
	s := &wizardSession{c: c}
	s.receive(tb, c.do(tb, req))
	if s.last.status != http.StatusOK {
		tb.Fatalf("GET /endpoints/new: got status %d, want 200:\n%s", s.last.status, s.last.body)
	}
	return s
}

// post sends the form of the page shown last, with the values in set replacing the form's (a
// nil or empty slice removes the field), and the button action pressed.
func (s *wizardSession) post(tb testing.TB, action string, set map[string][]string) page {
	tb.Helper()
	return s.submit(tb, action, s.with(set))
}

// with is the form of the page shown last with set applied.
func (s *wizardSession) with(set map[string][]string) url.Values {
	form := url.Values{}
	for k, v := range s.form {
		form[k] = slices.Clone(v)
	}
	for k, v := range set {
		if len(v) == 0 {
			delete(form, k)
		} else {
			form[k] = slices.Clone(v)
		}
	}
	return form
}

// submit posts form with the button action pressed, exactly as given.
func (s *wizardSession) submit(tb testing.TB, action string, form url.Values) page {
	tb.Helper()
	body := url.Values{}
	for k, v := range form {
		body[k] = v
	}
	body.Set("action", action)
	req, err := http.NewRequest(http.MethodPost, s.c.URL+"/endpoints/new", strings.NewReader(body.Encode()))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	s.receive(tb, s.c.do(tb, req))
	return s.last
}

func (s *wizardSession) receive(tb testing.TB, p page) {
	s.last = p
	if f := p.doc.Find("form.wizard"); f.Length() == 1 {
		s.form = readWizardForm(f)
	}
}

// step is the step the page shown last is.
func (s *wizardSession) step() string { return s.form.Get("step") }

// advance presses Next with each step's answers until the wizard shows step until.
func (s *wizardSession) advance(tb testing.TB, answers map[string]url.Values, until string) {
	tb.Helper()
	for range 10 {
		if s.step() == until {
			return
		}
		from := s.step()
		p := s.post(tb, "next", answers[from])
		if p.status != http.StatusOK {
			tb.Fatalf("Next on step %s: got status %d, want 200; the page says: %s", from, p.status, wizardMessages(p.doc))
		}
		if s.step() == from {
			tb.Fatalf("Next on step %s stayed there; the page says: %s", from, wizardMessages(p.doc))
		}
	}
	tb.Fatalf("step %s not reached; the wizard is at %s", until, s.step())
}

// wizardCreatedID is the endpoint a 303 after Create endpoint leads to.
func wizardCreatedID(tb testing.TB, p page) string {
	tb.Helper()
	if p.status != http.StatusSeeOther {
		tb.Fatalf("Create endpoint: got status %d, want 303; the page says: %s", p.status, wizardMessages(p.doc))
	}
	m := regexp.MustCompile(`^/endpoints/(vpce-[0-9a-f]+)(\?done=created)?$`).FindStringSubmatch(p.header.Get("Location"))
	if m == nil {
		tb.Fatalf("Create endpoint: Location %q, want /endpoints/vpce-…?done=created", p.header.Get("Location"))
	}
	return m[1]
}

// readWizardForm is what a browser would post from form (buttons left out: the session adds
// the one pressed).
func readWizardForm(form *goquery.Selection) url.Values {
	out := url.Values{}
	form.Find("input, select, textarea").Each(func(_ int, el *goquery.Selection) {
		name, ok := el.Attr("name")
		if !ok || name == "" {
			return
		}
		if _, disabled := el.Attr("disabled"); disabled {
			return
		}
		switch goquery.NodeName(el) {
		case "textarea":
			out.Add(name, el.Text())
		case "select":
			opt := el.Find("option[selected]").First()
			if opt.Length() == 0 {
				opt = el.Find("option").First()
			}
			if opt.Length() == 1 {
				out.Add(name, opt.AttrOr("value", opt.Text()))
			}
		default:
			switch el.AttrOr("type", "text") {
			case "submit", "button", "image", "reset":
			case "checkbox", "radio":
				if _, checked := el.Attr("checked"); checked {
					out.Add(name, el.AttrOr("value", "on"))
				}
			default:
				out.Add(name, el.AttrOr("value", ""))
			}
		}
	})
	return out
}

// wizardMessages is what the page says is wrong, for failure messages.
func wizardMessages(doc *goquery.Document) string {
	var msgs []string
	doc.Find(".error-summary li, .field-error, section[role=alert] p").Each(func(_ int, s *goquery.Selection) {
		msgs = append(msgs, text(s))
	})
	if len(msgs) == 0 {
		return "(no message)"
	}
	return strings.Join(msgs, " | ")
}

// gatewayAnswers are the tutorial's answers, step by step: S3 through a gateway endpoint in
// First-VPC, into RT-Private and First-RT, full access, named First-Endpoint.
func gatewayAnswers(a seed.Account) map[string]url.Values {
	return map[string]url.Values{
		"category":     {"category": {"aws"}},
		"service":      {"service": {wizardS3 + "|Gateway"}},
		"vpc":          {"vpc": {a.VPCID}},
		"route-tables": {"route_tables": {a.PrivateRouteTableID, a.MainRouteTableID}},
		"policy":       {"policy_mode": {"full"}},
		"tags":         {"tag_key": {"Name"}, "tag_value": {"First-Endpoint"}},
	}
}

// interfaceAnswers are the same for SSM through an interface endpoint in two private subnets of
// different zones, with the security group the network step preselects.
func interfaceAnswers(a seed.Account) map[string]url.Values {
	return map[string]url.Values{
		"category": {"category": {"aws"}},
		"service":  {"service": {wizardSSM + "|Interface"}},
		"vpc":      {"vpc": {a.VPCID}},
		"network":  {"subnets": {a.PrivateSubnetIDs[0], a.PrivateSubnetIDs[1]}},
		"policy":   {"policy_mode": {"full"}},
		"tags":     {"tag_key": {"Name"}, "tag_value": {"First-Endpoint"}},
	}
}

// wizardEC2 talks to the console's EC2 backend directly, around the console.
func wizardEC2(tb testing.TB, c *console) *ec2.Client {
	tb.Helper()
	return ec2test.Client(tb, c.demo.URL)
}

// wizardEndpointsInEC2 lists every VPC endpoint of the account through the EC2 API.
func wizardEndpointsInEC2(tb testing.TB, c *console) []types.VpcEndpoint {
	tb.Helper()
	out, err := wizardEC2(tb, c).DescribeVpcEndpoints(context.Background(), &ec2.DescribeVpcEndpointsInput{})
	if err != nil {
		tb.Fatalf("DescribeVpcEndpoints: %v", err)
	}
	return out.VpcEndpoints
}

func wizardEndpointIDs(eps []types.VpcEndpoint) []string {
	ids := make([]string, len(eps))
	for i, e := range eps {
		ids[i] = aws.ToString(e.VpcEndpointId)
	}
	return ids
}

// wantNoWizardEndpoint fails the test when the account has any VPC endpoint.
func wantNoWizardEndpoint(t *testing.T, c *console) {
	t.Helper()
	if eps := wizardEndpointsInEC2(t, c); len(eps) != 0 {
		t.Errorf("endpoints in EC2: got %q, want none", wizardEndpointIDs(eps))
	}
}

// TestWizardCreatesEndpoints walks the tutorial's path through the wizard over HTTP, then checks
// in EC2 that the endpoint and its routes exist, and that the endpoint page shows them; on
// fakeec2 and on moto.
func TestWizardCreatesEndpoints(t *testing.T) {
	t.Parallel() // independent: its own servers
	scenarios := []struct {
		name string
		run  func(t *testing.T, c *console, moto bool)
	}{
		{"gateway S3 into RT-Private and First-RT", checkWizardGateway},
		{"interface SSM in two zones", checkWizardInterface},
	}
	t.Run("fakeec2", func(t *testing.T) {
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				t.Parallel()
				sc.run(t, newConsole(t).noRedirects(), false)
			})
		}
	})
	t.Run("moto", func(t *testing.T) {
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				t.Parallel() // each in a moto account of its own
				sc.run(t, newConsole(t, onMoto(ec2test.SharedMoto(t))).noRedirects(), true)
			})
		}
	})
}

// wizardS3PrefixListOf is the backend's S3 prefix list (moto's ids are random).
func wizardS3PrefixListOf(t *testing.T, c *console) vpc.PrefixList {
	t.Helper()
	lists, err := c.demo.Service.PrefixLists(t.Context())
	if err != nil {
		t.Fatalf("read the prefix lists: %v", err)
	}
	pl, ok := vpc.PrefixListByName(lists, wizardS3)
	if !ok {
		t.Fatalf("the backend has no prefix list named %s", wizardS3)
	}
	return pl
}

// wizardReviewSummary reads the review step's summary: each dt's dd.
func wizardReviewSummary(doc *goquery.Document) map[string]string {
	out := map[string]string{}
	doc.Find("dl.summary > div").Each(func(_ int, d *goquery.Selection) {
		out[text(d.Find("dt"))] = text(d.Find("dd:not(.summary-edit)"))
	})
	return out
}

// wizardStepLabels is the wizard's list of steps, as shown.
func wizardStepLabels(doc *goquery.Document) []string {
	var out []string
	doc.Find(`nav.wizard-steps li .step-label`).Each(func(_ int, s *goquery.Selection) { out = append(out, text(s)) })
	return out
}

// wizardServiceRow finds the service table's row of name and type.
func wizardServiceRow(t *testing.T, doc *goquery.Document, name, typ string) tableRow {
	t.Helper()
	rows := tableRows(t, doc, "services")
	for _, r := range rows {
		if r.text("Service name") == name && r.text("Type") == typ {
			return r
		}
	}
	t.Fatalf("no service row %s (%s); the table lists %q", name, typ, column(rows, "Service name"))
	return tableRow{}
}

func checkWizardGateway(t *testing.T, c *console, moto bool) {
	a := c.demo.Account
	answers := gatewayAnswers(a)
	pl := wizardS3PrefixListOf(t, c)
	if !moto && pl.ID != wizardS3PrefixList {
		t.Errorf("S3 prefix list: got %s, want the real %s", pl.ID, wizardS3PrefixList)
	}

	s := startWizard(t, c)
	if got := s.form.Get("category"); s.step() != "category" || got != "aws" {
		t.Fatalf("first step: got %s with category %q, want category with AWS services chosen", s.step(), got)
	}
	if s.form.Get("token") == "" {
		t.Fatalf("the wizard starts without a client token")
	}

	s.advance(t, answers, "service")
	wizardServiceRow(t, s.last.doc, wizardS3, "Gateway")

	s.advance(t, answers, "vpc")
	for id, want := range map[string]string{
		a.VPCID:        a.VPCID + " | First-VPC · 10.10.0.0/16",
		a.DefaultVPCID: a.DefaultVPCID + " · 172.31.0.0/16 (default)",
	} {
		if got := text(s.last.doc.Find(`select[name=vpc] option[value="` + id + `"]`)); got != want {
			t.Errorf("VPC option: got %q, want %q", got, want)
		}
	}

	s.advance(t, answers, "route-tables")
	if got, want := wizardStepLabels(s.last.doc), []string{"Service category", "Service name", "VPC", "Configure route tables", "Policy", "Tags", "Review"}; !slices.Equal(got, want) {
		t.Errorf("steps of a gateway endpoint: got %q, want %q", got, want)
	}
	rows := tableRows(t, s.last.doc, "route-tables")
	subnetsOf := func(names []string, ids []string, kind string) string {
		var out []string
		for i, id := range ids {
			out = append(out, names[i]+" ("+id+") · "+kind)
		}
		return strings.Join(out, "; ")
	}
	for _, tt := range []struct{ id, name, subnets, leftOut, main string }{
		{a.PrivateRouteTableID, "RT-Private", subnetsOf([]string{"Private-1a", "Private-1b", "Private-1c"}, a.PrivateSubnetIDs, "Private"),
			"If left out, its 3 subnets keep reaching " + wizardS3 + " through NAT gateway " + a.NATGatewayID + " and the internet gateway (public internet).", "No"},
		{a.MainRouteTableID, "First-RT", subnetsOf([]string{"Public-1a", "Public-1b"}, a.PublicSubnetIDs, "Public, main, implicit"),
			"If left out, its 2 subnets keep reaching " + wizardS3 + " through internet gateway " + a.InternetGatewayID + " (public internet).", "Yes"},
	} {
		row := findRow(t, rows, "Route table ID", tt.id)
		for col, want := range map[string]string{"Name": tt.name, "Main": tt.main} {
			if got := row.text(col); got != want {
				t.Errorf("%s %s: got %q, want %q", tt.name, col, got, want)
			}
		}
		var subnets []string
		row.cells["Associated with"].Find("li").Each(func(_ int, li *goquery.Selection) { subnets = append(subnets, text(li)) })
		if got := strings.Join(subnets, "; "); got != tt.subnets {
			t.Errorf("%s subnets: got %q, want %q", tt.name, got, tt.subnets)
		}
		if got := text(row.cells["Associated with"].Find("p.left-out-note")); got != tt.leftOut {
			t.Errorf("%s left out: got %q, want %q", tt.name, got, tt.leftOut)
		}
	}

	// Select all route tables ticks both; without it, the answers stay as they were.
	all := s.post(t, "select_all_tables", map[string][]string{"route_tables": nil})
	if got := tickedValues(all.doc, "route_tables"); s.step() != "route-tables" || len(got) != 2 {
		t.Errorf("Select all route tables: step %s with %q ticked, want route-tables with both", s.step(), got)
	}

	s.advance(t, answers, "policy")
	if got := s.form.Get("policy_mode"); got != "full" {
		t.Errorf("policy preselected: got %q, want full", got)
	}

	s.advance(t, answers, "tags")
	if got := s.form["tag_key"]; !slices.Equal(got, []string{"Name"}) || s.form.Get("tag_value") != "" {
		t.Errorf("tag rows offered: keys %q values %q, want one Name row without a value", got, s.form["tag_value"])
	}
	// The Name tag is a field of its own at the top, as the console has it; other tags are rows
	// below it, and a Name typed in a row moves up to the field.
	if label := text(s.last.doc.Find(`label[for="tag-value-0"]`)); label != "Name tag optional" || s.last.doc.Find("table#tags").Length() != 0 {
		t.Errorf("tags step: Name field labelled %q and %d tag tables, want \"Name tag optional\" and none until a tag is added", label, s.last.doc.Find("table#tags").Length())
	}
	moved := s.post(t, "add_tag", map[string][]string{"tag_key": {"team", "Name"}, "tag_value": {"data", "First-Endpoint"}})
	if got := moved.doc.Find("input#tag-value-0").AttrOr("value", ""); got != "First-Endpoint" || !slices.Equal(s.form["tag_key"], []string{"Name", "team", ""}) {
		t.Errorf("a Name tag in a row: the Name field holds %q and the keys are %q, want First-Endpoint and [Name team \"\"]", got, s.form["tag_key"])
	}

	s.advance(t, answers, "review")
	sum := wizardReviewSummary(s.last.doc)
	for dt, want := range map[string]string{
		"Service": wizardS3, "Type": "Gateway", "VPC": a.VPCID + " | First-VPC", "Policy": "Full Access", "Tags": "Name = First-Endpoint",
	} {
		if sum[dt] != want {
			t.Errorf("review %s: got %q, want %q", dt, sum[dt], want)
		}
	}
	for _, rt := range []struct{ id, name string }{{a.PrivateRouteTableID, "RT-Private"}, {a.MainRouteTableID, "First-RT"}} {
		preview := s.last.doc.Find(`section[aria-labelledby="preview-` + rt.id + `"]`)
		if got, want := text(preview.Find("h2")), "Route to be added to "+rt.id+" "+rt.name; got != want {
			t.Errorf("preview heading: got %q, want %q", got, want)
		}
		if got, want := text(preview.Find("tr.endpoint-route td").First()), pl.ID+" ("+wizardS3+", "; !strings.HasPrefix(got, want) {
			t.Errorf("preview of %s: destination %q, want it to start with %q", rt.name, got, want)
		}
	}
	permission := text(s.last.doc.Find(`section[aria-labelledby="permission-heading"] .panel-body`))
	if moto {
		// moto ignores DryRun: the console says so instead of making the check (which would
		// create the endpoint).
		if permission != vpc.ErrDryRunIgnored.Message {
			t.Errorf("permission check on moto: got %q, want %q", permission, vpc.ErrDryRunIgnored.Message)
		}
	} else if !strings.HasPrefix(permission, "You are allowed to create this endpoint") {
		t.Errorf("permission check: got %q, want the dry run's approval", permission)
	}

	id := wizardCreatedID(t, s.post(t, "create", nil))

	// EC2 itself: the endpoint, and a route to it in both tables.
	ec2c := wizardEC2(t, c)
	out, err := ec2c.DescribeVpcEndpoints(t.Context(), &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id}})
	if err != nil || len(out.VpcEndpoints) != 1 {
		t.Fatalf("DescribeVpcEndpoints %s: %d endpoints, %v", id, len(out.VpcEndpoints), err)
	}
	ep := out.VpcEndpoints[0]
	if got := aws.ToString(ep.ServiceName); got != wizardS3 || ep.VpcEndpointType != types.VpcEndpointTypeGateway || aws.ToString(ep.VpcId) != a.VPCID {
		t.Errorf("endpoint: %s %s in %s, want %s Gateway in %s", got, ep.VpcEndpointType, aws.ToString(ep.VpcId), wizardS3, a.VPCID)
	}
	if got, want := slices.Sorted(slices.Values(ep.RouteTableIds)), slices.Sorted(slices.Values([]string{a.PrivateRouteTableID, a.MainRouteTableID})); !slices.Equal(got, want) {
		t.Errorf("endpoint route tables: got %q, want %q", got, want)
	}
	if got := wizardTagValue(ep.Tags, "Name"); got != "First-Endpoint" {
		t.Errorf("endpoint Name tag: got %q, want First-Endpoint", got)
	}
	tables, err := ec2c.DescribeRouteTables(t.Context(), &ec2.DescribeRouteTablesInput{RouteTableIds: []string{a.PrivateRouteTableID, a.MainRouteTableID}})
	if err != nil {
		t.Fatalf("DescribeRouteTables: %v", err)
	}
	if len(tables.RouteTables) != 2 {
		t.Fatalf("DescribeRouteTables: got %d tables, want 2", len(tables.RouteTables))
	}
	for _, rt := range tables.RouteTables {
		var routes []string
		for _, r := range rt.Routes {
			if r.DestinationPrefixListId != nil {
				routes = append(routes, aws.ToString(r.DestinationPrefixListId)+" → "+aws.ToString(r.GatewayId)+" "+string(r.State))
			}
		}
		if want := []string{pl.ID + " → " + id + " active"}; !slices.Equal(routes, want) {
			t.Errorf("prefix-list routes of %s: got %q, want %q", aws.ToString(rt.RouteTableId), routes, want)
		}
	}
	if eps := wizardEndpointsInEC2(t, c); len(eps) != 1 {
		t.Errorf("endpoints in EC2: got %q, want only %s", wizardEndpointIDs(eps), id)
	}

	// The endpoint page it leads to: both tables, the new route highlighted.
	p := c.getOK(t, s.last.header.Get("Location"))
	if got, want := text(p.doc.Find("main [role=status]").First()), "Endpoint "+id+" created."; !strings.Contains(got, want) {
		t.Errorf("flash: got %q, want %q", got, want)
	}
	for _, rtID := range []string{a.PrivateRouteTableID, a.MainRouteTableID} {
		highlighted := p.doc.Find("table#routes-" + rtID + " tbody tr.endpoint-route")
		if highlighted.Length() != 1 {
			t.Errorf("%s: got %d highlighted routes, want 1", rtID, highlighted.Length())
			continue
		}
		row := findRow(t, tableRows(t, p.doc, "routes-"+rtID), "Target", id+" Gateway endpoint")
		if !row.sel.IsSelection(highlighted) {
			t.Errorf("%s: the highlighted row is not the route to %s", rtID, id)
		}
		dest := row.text("Destination")
		if want := pl.ID + " (" + wizardS3 + ", "; !strings.HasPrefix(dest, want) {
			t.Errorf("%s: destination %q, want it to start with %q", rtID, dest, want)
		}
		if !moto && dest != "pl-63a5400a (com.amazonaws.us-east-1.s3, 52.216.0.0/15, 3.5.0.0/19, 54.231.0.0/16)" {
			t.Errorf("%s: destination %q, want the tutorial's wording", rtID, dest)
		}
		if got := row.text("Status"); got != "Active" {
			t.Errorf("%s: status %q, want Active", rtID, got)
		}
	}
}

func wizardTagValue(tags []types.Tag, key string) string {
	for _, tag := range tags {
		if aws.ToString(tag.Key) == key {
			return aws.ToString(tag.Value)
		}
	}
	return ""
}

func checkWizardInterface(t *testing.T, c *console, moto bool) {
	a := c.demo.Account
	answers := interfaceAnswers(a)
	s := startWizard(t, c)
	s.advance(t, answers, "service")
	wizardServiceRow(t, s.last.doc, wizardSSM, "Interface")
	s.advance(t, answers, "network")
	if got, want := wizardStepLabels(s.last.doc), []string{"Service category", "Service name", "VPC", "Network settings", "Policy", "Tags", "Review"}; !slices.Equal(got, want) {
		t.Errorf("steps of an interface endpoint: got %q, want %q", got, want)
	}
	groups, err := c.demo.Service.SecurityGroups(t.Context(), a.VPCID)
	if err != nil {
		t.Fatal(err)
	}
	var defaultGroup string
	for _, g := range groups {
		if g.Name == "default" {
			defaultGroup = g.ID
		}
	}
	if got := s.form["security_groups"]; defaultGroup == "" || !slices.Equal(got, []string{defaultGroup}) {
		t.Errorf("security groups preselected: got %q, want First-VPC's default group %q", got, defaultGroup)
	}
	if got := s.form.Get("ip_address_type"); got != "ipv4" {
		t.Errorf("IP address type preselected: got %q, want ipv4", got)
	}
	s.advance(t, answers, "review")
	sum := wizardReviewSummary(s.last.doc)
	for dt, want := range map[string]string{
		"Service": wizardSSM, "Type": "Interface", "Subnets": a.PrivateSubnetIDs[0] + ", " + a.PrivateSubnetIDs[1],
		"Security groups": defaultGroup, "Enable DNS name": "Yes", "IP address type": "ipv4", "Tags": "Name = First-Endpoint",
	} {
		if sum[dt] != want {
			t.Errorf("review %s: got %q, want %q", dt, sum[dt], want)
		}
	}
	if n := s.last.doc.Find("tr.endpoint-route").Length(); n != 0 {
		t.Errorf("an interface endpoint's review previews %d routes, want none", n)
	}

	id := wizardCreatedID(t, s.post(t, "create", nil))
	out, err := wizardEC2(t, c).DescribeVpcEndpoints(t.Context(), &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id}})
	if err != nil || len(out.VpcEndpoints) != 1 {
		t.Fatalf("DescribeVpcEndpoints %s: %d endpoints, %v", id, len(out.VpcEndpoints), err)
	}
	ep := out.VpcEndpoints[0]
	if got := aws.ToString(ep.ServiceName); got != wizardSSM || ep.VpcEndpointType != types.VpcEndpointTypeInterface {
		t.Errorf("endpoint: %s %s, want %s Interface", got, ep.VpcEndpointType, wizardSSM)
	}
	if got, want := slices.Sorted(slices.Values(ep.SubnetIds)), slices.Sorted(slices.Values(a.PrivateSubnetIDs[:2])); !slices.Equal(got, want) {
		t.Errorf("endpoint subnets: got %q, want %q", got, want)
	}
	var gotGroups []string
	for _, g := range ep.Groups {
		gotGroups = append(gotGroups, aws.ToString(g.GroupId))
	}
	if !slices.Equal(gotGroups, []string{defaultGroup}) {
		t.Errorf("endpoint security groups: got %q, want %q", gotGroups, defaultGroup)
	}
	if len(ep.RouteTableIds) != 0 {
		t.Errorf("interface endpoint route tables: got %q, want none", ep.RouteTableIds)
	}
	if !aws.ToBool(ep.PrivateDnsEnabled) {
		t.Errorf("private DNS: got disabled, want enabled")
	}
	if got := wizardTagValue(ep.Tags, "Name"); got != "First-Endpoint" {
		t.Errorf("endpoint Name tag: got %q, want First-Endpoint", got)
	}
	if eps := wizardEndpointsInEC2(t, c); len(eps) != 1 {
		t.Errorf("endpoints in EC2: got %q, want only %s", wizardEndpointIDs(eps), id)
	}
	p := c.getOK(t, s.last.header.Get("Location"))
	if got, want := text(p.doc.Find("main h1")), id+" / First-Endpoint"; got != want {
		t.Errorf("endpoint page h1: got %q, want %q", got, want)
	}
	sub := c.getOK(t, "/endpoints/"+id+"?tab=subnets")
	if got := column(tableRows(t, sub.doc, "endpoint-subnets"), "Subnet ID"); !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(a.PrivateSubnetIDs[:2]))) {
		t.Errorf("endpoint page subnets: got %q, want %q", got, a.PrivateSubnetIDs[:2])
	}
}

// wizardAnswersOnly is a form without the step shown, which differs from page to page.
func wizardAnswersOnly(form url.Values) url.Values {
	out := url.Values{}
	for k, v := range form {
		// The step, and the service filter the service step was shown with, are not answers.
		if k != "step" && k != "applied_query" && k != "applied_type" {
			out[k] = v
		}
	}
	return out
}

// diffWizardForms lists the fields whose values differ between two forms.
func diffWizardForms(got, want url.Values) []string {
	var out []string
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		seen := map[string]bool{}
		for k := range got {
			seen[k] = true
		}
		for k := range want {
			seen[k] = true
		}
		for k := range seen {
			if !yield(k) {
				return
			}
		}
	}) {
		if !slices.Equal(got[k], want[k]) {
			out = append(out, fmt.Sprintf("%s: got %q, want %q", k, got[k], want[k]))
		}
	}
	return out
}

// wizardCustomPolicy is a valid policy that differs from every default.
const wizardCustomPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::first-bucket/*"}]}`

func TestWizardPreviousKeepsEveryAnswer(t *testing.T) {
	t.Parallel()
	c := newConsole(t).noRedirects()
	a := c.demo.Account
	answers := gatewayAnswers(a)
	// Answers that differ from the defaults, so that one lost on the way shows.
	answers["route-tables"] = url.Values{"route_tables": {a.PrivateRouteTableID}}
	answers["policy"] = url.Values{"policy_mode": {"custom"}, "policy": {wizardCustomPolicy}}
	tags := url.Values{"tag_key": {"Name", "Team"}, "tag_value": {"First-Endpoint", "Platform"}}

	s := startWizard(t, c)
	s.advance(t, answers, "tags")
	// The person fills in the tags, then goes back.
	want := wizardAnswersOnly(s.with(tags))
	shown := func(step string) url.Values {
		// The service step adds its filter boxes, which are not answers.
		got := wizardAnswersOnly(s.form)
		if step == "service" {
			delete(got, "service_query")
			delete(got, "type_filter")
		}
		return got
	}
	set := tags
	for _, step := range []string{"policy", "route-tables", "vpc", "service", "category"} {
		if p := s.post(t, "previous", set); p.status != http.StatusOK || s.step() != step {
			t.Fatalf("Previous: got status %d on step %s, want 200 on %s", p.status, s.step(), step)
		}
		set = nil
		if d := diffWizardForms(shown(step), want); len(d) > 0 {
			t.Errorf("back on %s, the form's answers differ: %q", step, d)
		}
	}
	// Each step shows its own answer chosen.
	if got := s.form.Get("category"); got != "aws" {
		t.Errorf("category chosen: got %q, want aws", got)
	}
	for _, step := range []string{"service", "vpc", "route-tables", "policy", "tags", "review"} {
		if p := s.post(t, "next", nil); p.status != http.StatusOK || s.step() != step {
			t.Fatalf("Next: got status %d on step %s (%s), want 200 on %s", p.status, s.step(), wizardMessages(p.doc), step)
		}
		if d := diffWizardForms(shown(step), want); len(d) > 0 {
			t.Errorf("forward again on %s, the form's answers differ: %q", step, d)
		}
		switch step {
		case "route-tables":
			var ticked []string
			s.last.doc.Find(`input[name=route_tables][checked]`).Each(func(_ int, in *goquery.Selection) { ticked = append(ticked, in.AttrOr("value", "")) })
			if !slices.Equal(ticked, []string{a.PrivateRouteTableID}) {
				t.Errorf("route tables ticked: got %q, want RT-Private only", ticked)
			}
		case "policy":
			if got := s.last.doc.Find("textarea#policy").Text(); got != wizardCustomPolicy {
				t.Errorf("policy text: got %q, want %q", got, wizardCustomPolicy)
			}
		}
	}
	sum := wizardReviewSummary(s.last.doc)
	for dt, want := range map[string]string{"Policy": "Custom", "Tags": "Name = First-Endpoint, Team = Platform", "VPC": a.VPCID + " | First-VPC"} {
		if sum[dt] != want {
			t.Errorf("review %s: got %q, want %q", dt, sum[dt], want)
		}
	}
	if n := s.last.doc.Find(`section[aria-labelledby^="preview-"]`).Length(); n != 1 {
		t.Errorf("route previews: got %d, want 1 (RT-Private)", n)
	}
	id := wizardCreatedID(t, s.post(t, "create", nil))
	eps := wizardEndpointsInEC2(t, c)
	if len(eps) != 1 || aws.ToString(eps[0].VpcEndpointId) != id {
		t.Fatalf("endpoints in EC2: got %q, want %s", wizardEndpointIDs(eps), id)
	}
	if got := wizardTagValue(eps[0].Tags, "Team"); got != "Platform" {
		t.Errorf("Team tag: got %q, want Platform", got)
	}
	if got := aws.ToString(eps[0].PolicyDocument); !strings.Contains(got, "first-bucket") {
		t.Errorf("policy: got %s, want the custom one", got)
	}
}

// wizardBadInput is one invalid answer, posted at one step.
type wizardBadInput struct {
	name string
	// iface starts from the interface path's answers rather than the gateway's.
	iface  bool
	at     string
	action string
	set    func(a seed.Account) url.Values
	// step is the step that must come back; field holds the message; message is part of it.
	step, field, message string
	// named lists the fields whose bad value the step cannot show as a choice (an unknown
	// VPC is not an option of the list): the message must name it instead.
	named []string
}

func fixedAnswers(v url.Values) func(seed.Account) url.Values {
	return func(seed.Account) url.Values { return v }
}

const wizardUnknownVPC, wizardUnknownRouteTable = "vpc-0123456789abcdef0", "rtb-0123456789abcdef0"

// wizardNumberedTags is n tag rows key-01=value… .
func wizardNumberedTags(n int) url.Values {
	out := url.Values{}
	for i := range n {
		out.Add("tag_key", fmt.Sprintf("key-%02d", i+1))
		out.Add("tag_value", fmt.Sprintf("value-%02d", i+1))
	}
	return out
}

var wizardBadInputs = []wizardBadInput{
	{name: "no service chosen", at: "service", set: fixedAnswers(url.Values{"service": nil}),
		step: "service", field: "service", message: "Choose a service from the table."},
	{name: "find by name without a name", at: "category", action: "verify", set: fixedAnswers(url.Values{"category": {"name"}, "service_name": {""}}),
		step: "category", field: "service_name", message: "Enter the service name"},
	{name: "find by name, Verify an unknown name", at: "category", action: "verify",
		set:  fixedAnswers(url.Values{"category": {"name"}, "service_name": {"com.amazonaws.vpce.us-east-1.vpce-svc-00000000000000000"}}),
		step: "category", field: "service_name", message: "No service named com.amazonaws.vpce.us-east-1.vpce-svc-00000000000000000 is available"},
	{name: "find by name, Next with an unknown name", at: "category",
		set:  fixedAnswers(url.Values{"category": {"name"}, "service_name": {"com.amazonaws.vpce.us-east-1.vpce-svc-00000000000000000"}}),
		step: "category", field: "service_name", message: "No service named"},
	{name: "a service that does not exist", at: "service", set: fixedAnswers(url.Values{"service": {"com.amazonaws.us-east-1.s4|Gateway"}}),
		step: "service", field: "service", message: "com.amazonaws.us-east-1.s4 (Gateway) is not one of the services listed", named: []string{"service"}},
	{name: "no VPC chosen", at: "vpc", set: fixedAnswers(url.Values{"vpc": {""}}),
		step: "vpc", field: "vpc", message: "Choose the VPC"},
	{name: "a VPC that does not exist", at: "vpc", set: fixedAnswers(url.Values{"vpc": {wizardUnknownVPC}}),
		step: "vpc", field: "vpc", message: "The VPC " + wizardUnknownVPC + " does not exist", named: []string{"vpc"}},
	{name: "no route table chosen", at: "route-tables", set: fixedAnswers(url.Values{"route_tables": nil}),
		step: "route-tables", field: "route_tables", message: "Choose at least one route table"},
	{name: "a route table that does not exist", at: "route-tables",
		set: func(a seed.Account) url.Values {
			return url.Values{"route_tables": {a.PrivateRouteTableID, wizardUnknownRouteTable}}
		},
		step: "route-tables", field: "route_tables", message: "The route table " + wizardUnknownRouteTable + " is not in", named: []string{"route_tables"}},
	{name: "a route table of another VPC", at: "route-tables",
		set:  func(a seed.Account) url.Values { return url.Values{"route_tables": {a.DefaultRouteTableID}} },
		step: "route-tables", field: "route_tables", message: " is not in ", named: []string{"route_tables"}},
	{name: "no subnet chosen", iface: true, at: "network", set: fixedAnswers(url.Values{"subnets": nil}),
		step: "network", field: "subnets", message: "Choose a subnet in at least one Availability Zone"},
	{name: "two subnets in one zone", iface: true, at: "network",
		set: func(a seed.Account) url.Values {
			return url.Values{"subnets": {a.PublicSubnetIDs[0], a.PrivateSubnetIDs[0]}}
		},
		step: "network", field: "subnets", message: "are both in us-east-1a; choose one subnet per Availability Zone"},
	{name: "no security group chosen", iface: true, at: "network", set: fixedAnswers(url.Values{"security_groups": nil}),
		step: "network", field: "security_groups", message: "Choose at least one security group"},
	{name: "policy that is not JSON", at: "policy", set: fixedAnswers(url.Values{"policy_mode": {"custom"}, "policy": {`{"Statement": [`}}),
		step: "policy", field: "policy", message: "The policy is not valid JSON"},
	{name: "policy without a Statement", at: "policy", set: fixedAnswers(url.Values{"policy_mode": {"custom"}, "policy": {`{"Version": "2012-10-17"}`}}),
		step: "policy", field: "policy", message: `needs a "Statement"`},
	{name: "policy over 20,480 characters", at: "policy",
		set: fixedAnswers(url.Values{"policy_mode": {"custom"},
			"policy": {`{"Version":"2012-10-17","Statement":[],"Comment":"` + strings.Repeat("x", 20481-len(`{"Version":"2012-10-17","Statement":[],"Comment":""}`)) + `"}`}}),
		step: "policy", field: "policy", message: "The policy is 20481 characters long; endpoint policies can be at most 20480"},
	{name: "custom policy left empty", at: "policy", set: fixedAnswers(url.Values{"policy_mode": {"custom"}, "policy": {""}}),
		step: "policy", field: "policy", message: "Paste a policy"},
	{name: "more than 50 tags", at: "tags", set: fixedAnswers(wizardNumberedTags(51)),
		step: "tags", field: "tags", message: "There are 51 tags; a resource can have at most 50."},
	{name: "a tag without a key", at: "tags", set: fixedAnswers(url.Values{"tag_key": {"Name", ""}, "tag_value": {"First-Endpoint", "orphan"}}),
		step: "tags", field: "tags", message: "Tag 2 has no key."},
	{name: "a tag key over 127 characters", at: "tags", set: fixedAnswers(url.Values{"tag_key": {"Name", strings.Repeat("k", 128)}, "tag_value": {"", "v"}}),
		step: "tags", field: "tags", message: "is 128 characters long; keys can be at most 127"},
	{name: "an aws: tag key", at: "tags", set: fixedAnswers(url.Values{"tag_key": {"Name", "aws:cloudformation:stack-name"}, "tag_value": {"", "x"}}),
		step: "tags", field: "tags", message: "Tag keys can't start with aws:"},
	{name: "a duplicate tag key", at: "tags", set: fixedAnswers(url.Values{"tag_key": {"Name", "Team", "Team"}, "tag_value": {"", "a", "b"}}),
		step: "tags", field: "tags", message: `The tag key "Team" is used twice`},
	{name: "a tag value over 256 characters", at: "tags", set: fixedAnswers(url.Values{"tag_key": {"Name"}, "tag_value": {strings.Repeat("v", 257)}}),
		step: "tags", field: "tags", message: "is 257 characters long; values can be at most 256"},

	// Tampered hidden fields: every answer is checked again, whatever step posts it.
	{name: "tampered: the route tables step skipped", at: "review", action: "create", set: fixedAnswers(url.Values{"route_tables": nil}),
		step: "route-tables", field: "route_tables", message: "Choose at least one route table"},
	{name: "tampered: every step skipped", at: "category", action: "create", set: fixedAnswers(url.Values{"step": {"review"}}),
		step: "service", field: "service", message: "Choose a service from the table."},
	{name: "tampered: Next from the tags step with no VPC", at: "tags", set: fixedAnswers(url.Values{"vpc": nil}),
		step: "vpc", field: "vpc", message: "Choose the VPC"},
	{name: "tampered: service swapped for one that does not exist", at: "review", action: "create",
		set:  fixedAnswers(url.Values{"service": {"com.amazonaws.us-east-1.s4|Gateway"}}),
		step: "service", field: "service", message: "is not one of the services listed", named: []string{"service"}},
	{name: "tampered: service swapped for a Marketplace one", at: "review", action: "create",
		set:  fixedAnswers(url.Values{"service": {"com.amazonaws.vpce.us-east-1.vpce-svc-07a8b9c0d1e2f3a45|Interface"}}),
		step: "service", field: "service", message: "is not one of the services listed", named: []string{"service"}},
	{name: "tampered: service type swapped", at: "review", action: "create", set: fixedAnswers(url.Values{"service": {wizardS3 + "|Bogus"}}),
		step: "service", field: "service", message: "is not one of the services listed", named: []string{"service"}},
	{name: "tampered: gateway service swapped for an interface one", at: "review", action: "create",
		set:  fixedAnswers(url.Values{"service": {wizardSSM + "|Interface"}}),
		step: "network", field: "subnets", message: "Choose a subnet"},
	{name: "tampered: VPC swapped for one that does not exist", at: "review", action: "create", set: fixedAnswers(url.Values{"vpc": {wizardUnknownVPC}}),
		step: "vpc", field: "vpc", message: "does not exist", named: []string{"vpc"}},
	{name: "tampered: VPC swapped, its route tables kept", at: "review", action: "create",
		set:  func(a seed.Account) url.Values { return url.Values{"vpc": {a.DefaultVPCID}} },
		step: "route-tables", field: "route_tables", message: " is not in ", named: []string{"route_tables"}},
	{name: "tampered: a subnet of another zone swapped for one in the same zone", iface: true, at: "review", action: "create",
		set: func(a seed.Account) url.Values {
			return url.Values{"subnets": {a.PrivateSubnetIDs[0], a.PublicSubnetIDs[0]}}
		},
		step: "network", field: "subnets", message: "are both in us-east-1a"},
	{name: "tampered: policy over the limit at the review", at: "review", action: "create",
		set: fixedAnswers(url.Values{"policy_mode": {"custom"},
			"policy": {`{"Version":"2012-10-17","Statement":[],"Comment":"` + strings.Repeat("x", 20481) + `"}`}}),
		step: "policy", field: "policy", message: "endpoint policies can be at most 20480"},
	{name: "tampered: 51 tags at the review", at: "review", action: "create", set: fixedAnswers(wizardNumberedTags(51)),
		step: "tags", field: "tags", message: "There are 51 tags"},
}

// TestWizardBadInput posts each invalid answer at its step: the same step (or, for an answer
// of an earlier step, that step) comes back with 422, the message next to the field, every
// value the person sent still in the form, and nothing created. The cases share one console:
// none of them may change the account, and each checks that none did.
func TestWizardBadInput(t *testing.T) {
	t.Parallel()
	c := newConsole(t).noRedirects()
	for _, tt := range wizardBadInputs {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := c.demo.Account
			answers := gatewayAnswers(a)
			if tt.iface {
				answers = interfaceAnswers(a)
			}
			s := startWizard(t, c)
			s.advance(t, answers, tt.at)
			sent := s.with(tt.set(a))
			action := wizardOr(tt.action, "next")
			p := s.submit(t, action, sent)

			if p.status != http.StatusUnprocessableEntity {
				t.Fatalf("%s on %s: got status %d, want 422; the page says: %s", action, tt.at, p.status, wizardMessages(p.doc))
			}
			if got := s.step(); got != tt.step {
				t.Errorf("step shown: got %s, want %s", got, tt.step)
			}
			msg := checkWizardFieldError(t, p.doc, tt.field, tt.message)
			checkWizardValuesKept(t, sent, s.form, tt.named, msg)
			wantNoWizardEndpoint(t, c)
		})
	}
}

func wizardOr(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// checkWizardFieldError checks that field's message is shown next to its input, the input points to
// it, and the summary links to it; it returns the message.
func checkWizardFieldError(t *testing.T, doc *goquery.Document, field, want string) string {
	t.Helper()
	id := "error-" + field
	msgEl := doc.Find("#" + id)
	if msgEl.Length() != 1 || !msgEl.HasClass("field-error") {
		t.Fatalf("got %d .field-error#%s; the page says: %s", msgEl.Length(), id, wizardMessages(doc))
	}
	msg := text(msgEl)
	if !strings.Contains(msg, want) {
		t.Errorf("message of %s: got %q, want it to contain %q", field, msg, want)
	}
	described := doc.Find(`form.wizard [aria-describedby~="` + id + `"]`)
	if described.Length() == 0 {
		t.Errorf("no control has aria-describedby=%s", id)
	}
	described.Each(func(_ int, el *goquery.Selection) {
		if inv, ok := el.Attr("aria-invalid"); ok && inv != "true" {
			t.Errorf("<%s aria-describedby=%s> has aria-invalid=%q, want true", goquery.NodeName(el), id, inv)
		}
		// Next to the field: the message and what it describes are in the same panel.
		if panel := el.Closest("section.panel"); panel.Length() == 0 || panel.Find("#"+id).Length() == 0 {
			t.Errorf("the message #%s is not in the panel of <%s aria-describedby=%s>", id, goquery.NodeName(el), id)
		}
	})
	if doc.Find(`.error-summary a[href="#`+id+`"]`).Length() != 1 {
		t.Errorf("the error summary has no link to #%s", id)
	}
	// The focus goes to the summary when the page loads, not to the step's heading.
	if got := doc.Find(`[autofocus]`); got.Length() != 1 || !got.Is(".error-summary") {
		t.Errorf("autofocus on %d elements (%s), want only the error summary", got.Length(), goquery.NodeName(got))
	}
	doc.Find(`.error-summary a[href^="#"]`).Each(func(_ int, a *goquery.Selection) {
		if target := strings.TrimPrefix(a.AttrOr("href", ""), "#"); doc.Find("#"+target).Length() == 0 {
			t.Errorf("the error summary links to #%s (%q), which is not on the page", target, text(a))
		}
	})
	return msg
}

// checkWizardValuesKept checks that every value sent is in the form that came back (tags in their
// order), except values of the named fields that the step cannot offer as a choice, one of
// which msg must name.
func checkWizardValuesKept(t *testing.T, sent, got url.Values, named []string, msg string) {
	t.Helper()
	for field, values := range sent {
		if field == "step" {
			continue
		}
		if field == "tag_key" || field == "tag_value" {
			// Rows sent without a Name tag come back after the tags step's empty Name field.
			kept := got[field]
			if !slices.Contains(sent["tag_key"], "Name") && len(kept) > 0 && got["tag_key"][0] == "Name" && got["tag_value"][0] == "" {
				kept = kept[1:]
			}
			if !slices.Equal(kept, values) {
				t.Errorf("%s: sent %q, the form holds %q", field, values, got[field])
			}
			continue
		}
		left := slices.Clone(got[field])
		var lost []string
		for _, v := range values {
			if i := slices.Index(left, v); i >= 0 {
				left = slices.Delete(left, i, i+1)
			} else {
				lost = append(lost, v)
			}
		}
		if len(lost) == 0 {
			continue
		}
		// A value the step cannot offer is named by the message instead (a service as
		// "name (Type)"); one message per field names the first such value.
		if slices.Contains(named, field) && slices.ContainsFunc(lost, func(v string) bool {
			name, typ, _ := strings.Cut(v, "|")
			return strings.Contains(msg, name) && strings.Contains(msg, typ)
		}) {
			continue
		}
		t.Errorf("%s: the values %q sent are lost; the form holds %q and the message does not name them", field, lost, got[field])
	}
}

// TestWizardWithoutTokenStartsOver: a form without its client token could create a second
// endpoint, so it starts the wizard again instead.
func TestWizardWithoutTokenStartsOver(t *testing.T) {
	t.Parallel()
	c := newConsole(t).noRedirects()
	s := startWizard(t, c)
	s.advance(t, gatewayAnswers(c.demo.Account), "review")
	for _, token := range [][]string{nil, {strings.Repeat("t", 65)}} {
		p := s.submit(t, "create", s.with(url.Values{"token": token}))
		if p.status != http.StatusSeeOther || p.header.Get("Location") != "/endpoints/new" {
			t.Errorf("token %q: got status %d to %q, want 303 to /endpoints/new", token, p.status, p.header.Get("Location"))
		}
	}
	wantNoWizardEndpoint(t, c)
}

// postWizardForm posts form with the button action, for use from several goroutines.
func postWizardForm(c *console, form url.Values, action string) (status int, location string, err error) {
	body := url.Values{}
	for k, v := range form {
		body[k] = v
	}
	body.Set("action", action)
	resp, err := c.client.PostForm(c.URL+"/endpoints/new", body)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), err
}

var wizardCreatedLocation = regexp.MustCompile(`^/endpoints/(vpce-[0-9a-f]+)\?done=(created|replayed)$`)

// TestWizardCreateIsIdempotent sends the final POST twice, one after the other and at the same
// time: both lead to one endpoint.
func TestWizardCreateIsIdempotent(t *testing.T) {
	t.Parallel()
	reviewForm := func(t *testing.T, c *console) url.Values {
		s := startWizard(t, c)
		s.advance(t, gatewayAnswers(c.demo.Account), "review")
		return s.form
	}
	oneEndpoint := func(t *testing.T, c *console, locations ...string) {
		t.Helper()
		eps := wizardEndpointsInEC2(t, c)
		if len(eps) != 1 {
			t.Fatalf("endpoints in EC2: got %q, want one", wizardEndpointIDs(eps))
		}
		id := aws.ToString(eps[0].VpcEndpointId)
		created := 0
		for i, loc := range locations {
			m := wizardCreatedLocation.FindStringSubmatch(loc)
			if m == nil || m[1] != id {
				t.Errorf("submit %d: redirected to %q, want the page of %s", i+1, loc, id)
				continue
			}
			if m[2] == "created" {
				created++
				continue
			}
			// A replay lands on the same endpoint and says it made nothing new.
			if got, want := flash(c.getOK(t, loc).doc), "This request had already created "+id+": nothing new was created."; got != want {
				t.Errorf("submit %d: the page says %q, want %q", i+1, got, want)
			}
		}
		if created != 1 {
			t.Errorf("%d of %d submits say they created the endpoint (%q), want exactly one", created, len(locations), locations)
		}
	}

	t.Run("one after the other", func(t *testing.T) {
		c := newConsole(t).noRedirects()
		form := reviewForm(t, c)
		var locations []string
		for i := range 2 {
			status, loc, err := postWizardForm(c, form, "create")
			if err != nil || status != http.StatusSeeOther {
				t.Fatalf("submit %d: status %d, %v; want 303", i+1, status, err)
			}
			locations = append(locations, loc)
		}
		oneEndpoint(t, c, locations...)
	})

	t.Run("at the same time", func(t *testing.T) {
		for round := range 5 {
			t.Run(fmt.Sprint("round ", round+1), func(t *testing.T) {
				c := newConsole(t).noRedirects()
				form := reviewForm(t, c)
				oneEndpoint(t, c, concurrentWizardCreates(t, c, form, 2)...)
			})
		}
	})

	t.Run("the second while EC2 answers the first", func(t *testing.T) {
		// A double click: the first Create endpoint has reached EC2, which has made the
		// endpoint and its routes, when the second arrives. The browser shows the second's
		// answer, so it must lead to the endpoint too, not report a conflict with it.
		created, release := make(chan struct{}), make(chan struct{})
		var held sync.Once
		c := newConsole(t).noRedirects()
		c.ec2.onAnswered(func(action string, dryRun bool) {
			if action != "CreateVpcEndpoint" || dryRun {
				return
			}
			first := false
			held.Do(func() { first = true })
			if first {
				close(created)
				<-release
			}
		})
		form := reviewForm(t, c)
		type answer struct {
			status   int
			location string
			err      error
		}
		firstDone := make(chan answer, 1)
		go func() {
			status, loc, err := postWizardForm(c, form, "create")
			firstDone <- answer{status, loc, err}
		}()
		<-created
		secondDone := make(chan answer, 1)
		go func() {
			status, loc, err := postWizardForm(c, form, "create")
			secondDone <- answer{status, loc, err}
		}()
		// The second submit must wait for the first rather than read the account while EC2 is
		// still answering the first: it may not answer before the first is released.
		select {
		case second := <-secondDone:
			t.Errorf("second submit answered (status %d) while the first was still with EC2; it must wait for the first", second.status)
			secondDone <- second
		case <-time.After(300 * time.Millisecond):
		}
		close(release)
		first, second := <-firstDone, <-secondDone
		if first.err != nil || first.status != http.StatusSeeOther {
			t.Errorf("first submit: status %d, %v; want 303", first.status, first.err)
		}
		if second.err != nil || second.status != http.StatusSeeOther {
			t.Errorf("second submit: status %d, %v; want 303 to the endpoint the first made", second.status, second.err)
		}
		oneEndpoint(t, c, first.location, second.location)
	})
}

// concurrentWizardCreates sends n Create endpoint posts of form at once and returns where those that
// were redirected led: every one of them must be, to the same endpoint.
func concurrentWizardCreates(t *testing.T, c *console, form url.Values, n int) []string {
	t.Helper()
	var wg sync.WaitGroup
	start := make(chan struct{})
	statuses, locations, errs := make([]int, n), make([]string, n), make([]error, n)
	for i := range n {
		wg.Go(func() {
			<-start
			statuses[i], locations[i], errs[i] = postWizardForm(c, form, "create")
		})
	}
	close(start)
	wg.Wait()
	var redirected []string
	for i, err := range errs {
		switch {
		case err != nil:
			t.Errorf("submit %d: %v", i+1, err)
		case statuses[i] == http.StatusSeeOther:
			redirected = append(redirected, locations[i])
		default:
			t.Errorf("submit %d: status %d, want 303", i+1, statuses[i])
		}
	}
	if len(redirected) == 0 {
		t.Errorf("no submit was redirected to the endpoint")
	}
	return redirected
}

// TestWizardEC2ErrorsAtCreate: when EC2 refuses Create endpoint, the review step comes back
// with a plain sentence and every answer, and the same form creates the endpoint once EC2
// agrees.
func TestWizardEC2ErrorsAtCreate(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		// refuse answers CreateVpcEndpoint (dry runs too, when dryRuns) instead of EC2.
		code       string
		httpStatus int
		dryRuns    bool
		// throttleAll makes the fake answer every call RequestLimitExceeded instead.
		throttleAll bool
		wantStatus  int
		wantMessage string
	}{
		{name: "throttled on every call, after retries", throttleAll: true,
			wantStatus: http.StatusServiceUnavailable, wantMessage: "EC2 is throttling requests"},
		{name: "throttled at create, after retries", code: "RequestLimitExceeded", httpStatus: http.StatusServiceUnavailable,
			wantStatus: http.StatusServiceUnavailable, wantMessage: "EC2 is throttling requests"},
		{name: "endpoint quota reached", code: "VpcEndpointLimitExceeded", httpStatus: http.StatusBadRequest,
			wantStatus: http.StatusConflict, wantMessage: "quota of VPC endpoints"},
		{name: "not permitted", code: "UnauthorizedOperation", httpStatus: http.StatusForbidden, dryRuns: true,
			wantStatus: http.StatusForbidden, wantMessage: "are not allowed to create a Gateway endpoint for " + wizardS3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newConsole(t).noRedirects()
			if tt.code != "" {
				c.ec2.refuse("CreateVpcEndpoint", ec2Refusal{status: tt.httpStatus, code: tt.code, message: "Refused by the test.", dryRuns: tt.dryRuns})
			}
			s := startWizard(t, c)
			s.advance(t, gatewayAnswers(c.demo.Account), "review")
			sent := s.form
			if tt.throttleAll {
				c.demo.Fake.SetConditions(0, 0.999)
			}
			p := s.submit(t, "create", sent)
			if p.status != tt.wantStatus {
				t.Fatalf("Create endpoint: got status %d, want %d; the page says: %s", p.status, tt.wantStatus, wizardMessages(p.doc))
			}
			if got := s.last.doc.Find(`form.wizard input[name=step]`).AttrOr("value", ""); got != "review" {
				t.Fatalf("step shown: got %q, want review; the page says: %s", got, wizardMessages(p.doc))
			}
			msg := text(p.doc.Find(".error-summary li"))
			if !strings.Contains(msg, tt.wantMessage) || !strings.HasSuffix(msg, ".") {
				t.Errorf("message: got %q, want a sentence with %q", msg, tt.wantMessage)
			}
			// The EC2 calls panel names each call's outcome by EC2's own code, as the API does;
			// the rest of the page speaks in sentences.
			sentences, _ := p.doc.Clone().Find("details.ec2-calls").Remove().End().Html()
			for _, s := range forbiddenErrorText {
				if strings.Contains(sentences, s) {
					t.Errorf("the page shows %q, Go or SDK error text", s)
				}
			}
			if tt.code != "" {
				if got := callOf(t, ec2CallsPanel(p.doc), "CreateVpcEndpoint").outcome; got != tt.code {
					t.Errorf("EC2 calls panel: CreateVpcEndpoint outcome %q, want %q", got, tt.code)
				}
			}
			if d := diffWizardForms(wizardAnswersOnly(s.form), wizardAnswersOnly(sent)); len(d) > 0 {
				t.Errorf("the form came back changed: %q", d)
			}
			if n := p.doc.Find(`button[name=action][value=create]`).Length(); n != 1 {
				t.Errorf("Create endpoint buttons: got %d, want 1 to try again", n)
			}
			c.demo.Fake.SetConditions(0, 0)
			wantNoWizardEndpoint(t, c)

			// EC2 agrees again: the same form creates the endpoint.
			c.ec2.stopRefusing("CreateVpcEndpoint")
			id := wizardCreatedID(t, s.submit(t, "create", s.form))
			if eps := wizardEndpointsInEC2(t, c); len(eps) != 1 || aws.ToString(eps[0].VpcEndpointId) != id {
				t.Errorf("endpoints in EC2: got %q, want %s", wizardEndpointIDs(eps), id)
			}
		})
	}
}

// TestWizardStepWhileEC2IsThrottled: a step whose EC2 reads fail (throttled beyond the SDK's
// retries) comes back with the sentence, Try again, and every answer; once EC2 answers again,
// Try again shows the step and Next goes on with nothing lost.
func TestWizardStepWhileEC2IsThrottled(t *testing.T) {
	t.Parallel()
	c := newConsole(t, withCacheTTL(0)).noRedirects() // each step reads EC2, throttled or not
	s := startWizard(t, c)
	s.advance(t, gatewayAnswers(c.demo.Account), "tags")
	sent := s.with(map[string][]string{"tag_key": {"Name", "team"}, "tag_value": {"First-Endpoint", "data"}})

	c.demo.Fake.SetConditions(0, 0.999)
	p := s.submit(t, "next", sent)
	if p.status != http.StatusServiceUnavailable {
		t.Fatalf("Next while throttled: got status %d, want 503; the page says: %s", p.status, wizardMessages(p.doc))
	}
	if got := text(p.doc.Find(`form.wizard [role=alert] p`).First()); !strings.Contains(got, "EC2 is throttling requests") {
		t.Errorf("message: got %q, want the throttling sentence", got)
	}
	for _, s := range forbiddenErrorText {
		if strings.Contains(p.body, s) {
			t.Errorf("the page shows %q, Go or SDK error text", s)
		}
	}
	if n := p.doc.Find(`form.wizard button[name=action][value=retry]`).Length(); n != 1 {
		t.Errorf("Try again buttons: got %d, want 1", n)
	}
	if d := diffWizardForms(wizardAnswersOnly(s.form), wizardAnswersOnly(sent)); len(d) > 0 {
		t.Errorf("the answers came back changed: %q", d)
	}

	c.demo.Fake.SetConditions(0, 0)
	if p := s.post(t, "retry", nil); p.status != http.StatusOK || s.step() != "tags" {
		t.Fatalf("Try again: got status %d on step %q, want 200 on tags; the page says: %s", p.status, s.step(), wizardMessages(p.doc))
	}
	if got := s.form["tag_value"]; !slices.Equal(got, []string{"First-Endpoint", "data"}) {
		t.Errorf("tag values after Try again: got %q, want First-Endpoint and data", got)
	}
	wizardCreatedID(t, s.post(t, "create", nil))
}

// TestWizardReviewListsAConflictOnlyOnce: a chosen table that already routes the service
// through another endpoint appears in the conflict box and nowhere else — not among the routes
// to be added — and Create endpoint is not offered.
func TestWizardReviewListsAConflictOnlyOnce(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	a := c.demo.Account
	other := createS3Endpoint(t, c.demo, a.PrivateRouteTableID)
	s := startWizard(t, c)
	s.advance(t, gatewayAnswers(a), "review")
	doc := s.last.doc
	conflicts := text(doc.Find("section.conflicts li"))
	if !strings.Contains(conflicts, a.PrivateRouteTableID) || !strings.Contains(conflicts, other.ID) {
		t.Errorf("conflict box: got %q, want RT-Private routing S3 through %s", conflicts, other.ID)
	}
	var previews []string
	doc.Find(`section[aria-labelledby^="preview-"]`).Each(func(_ int, sec *goquery.Selection) {
		previews = append(previews, strings.TrimPrefix(sec.AttrOr("aria-labelledby", ""), "preview-"))
	})
	if want := []string{a.MainRouteTableID}; !slices.Equal(previews, want) {
		t.Errorf("routes to be added: got tables %q, want only %q (RT-Private is in conflict)", previews, want)
	}
	if doc.Find(`button[value="create"]`).Length() != 0 {
		t.Errorf("Create endpoint is offered despite the conflict")
	}
}

// TestWizardTableAlreadyRoutingTheServiceCantBeChosen: on "Configure route tables" a table that
// routes S3 through another endpoint has a disabled box and says why; Select all leaves it out.
func TestWizardTableAlreadyRoutingTheServiceCantBeChosen(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	a := c.demo.Account
	other := createS3Endpoint(t, c.demo, a.PrivateRouteTableID)
	s := startWizard(t, c)
	s.advance(t, gatewayAnswers(a), "route-tables")
	box := s.last.doc.Find("input#choose-" + a.PrivateRouteTableID)
	if _, disabled := box.Attr("disabled"); !disabled || box.AttrOr("name", "") != "" {
		t.Errorf("RT-Private's box: disabled %v, name %q; want disabled and never posted", disabled, box.AttrOr("name", ""))
	}
	reason := s.last.doc.Find("#" + box.AttrOr("aria-describedby", "none"))
	if want := "Already routes this service through " + other.ID + "."; text(reason) != want {
		t.Errorf("the reason the box points to: got %q, want %q", text(reason), want)
	}
	if s.last.doc.Find(`button[value="select_all_tables"]`).Length() != 0 {
		t.Errorf("Select all is offered with a single table to choose")
	}
	all := s.post(t, "select_all_tables", map[string][]string{"route_tables": nil})
	if got := tickedValues(all.doc, "route_tables"); !slices.Equal(got, []string{a.MainRouteTableID}) {
		t.Errorf("Select all ticked %q, want only First-RT", got)
	}
}

// TestWizardEditGoesBackWithEveryAnswer: from the review, a section's Edit and a visited step in
// the step list go back to that step with every answer kept, and the review comes back unchanged.
func TestWizardEditGoesBackWithEveryAnswer(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	a := c.demo.Account
	s := startWizard(t, c)
	s.advance(t, gatewayAnswers(a), "review")
	review := s.with(nil)
	before := wizardReviewSummary(s.last.doc)

	var edits, visited []string
	s.last.doc.Find(`dl.summary button[name=action]`).Each(func(_ int, b *goquery.Selection) { edits = append(edits, b.AttrOr("value", "")) })
	s.last.doc.Find(`nav.wizard-steps button[form="wizard-form"]`).Each(func(_ int, b *goquery.Selection) { visited = append(visited, b.AttrOr("value", "")) })
	if want := []string{"edit:service", "edit:vpc", "edit:route-tables", "edit:policy", "edit:tags"}; !slices.Equal(edits, want) {
		t.Errorf("review's Edit buttons: got %q, want %q", edits, want)
	}
	if want := []string{"edit:category", "edit:service", "edit:vpc", "edit:route-tables", "edit:policy", "edit:tags"}; !slices.Equal(visited, want) {
		t.Errorf("visited steps in the step list: got %q, want %q", visited, want)
	}

	for _, target := range []string{"vpc", "route-tables", "tags"} {
		t.Run(target, func(t *testing.T) {
			p := s.submit(t, "edit:"+target, review)
			if p.status != http.StatusOK || s.step() != target {
				t.Fatalf("Edit %s: got status %d at step %q, want 200 at %s", target, p.status, s.step(), target)
			}
			for field, want := range review {
				if field == "step" {
					continue
				}
				got := s.form[field]
				if field == "route_tables" { // the step lists them in the page's order
					got, want = slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s after Edit: got %q, want %q", field, got, want)
				}
			}
			s.advance(t, nil, "review")
			if got := wizardReviewSummary(s.last.doc); !maps.Equal(got, before) {
				t.Errorf("review after Edit %s and Next to the end: got %q, want %q", target, got, before)
			}
		})
	}

	// Edit can only go back: a step not yet reached is not skipped to.
	s.submit(t, "edit:vpc", review)
	if p := s.post(t, "edit:review", nil); s.step() != "vpc" || p.status != http.StatusOK {
		t.Errorf("edit:review from the VPC step: got status %d at %q, want to stay at vpc", p.status, s.step())
	}
}
