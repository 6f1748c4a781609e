package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"

	"endpointconsole/ec2test"
	"endpointconsole/vpc"
)

// The tests of the "manage endpoints" pages: route tables, policy, tags, network and delete,
// driven through HTTP as a browser without JavaScript would, with the outcome read back
// through the EC2 API; the console's EC2 requests are counted by its ec2Recorder.

// s3Destination is how the console writes the S3 prefix list of the demo account.
const s3Destination = "pl-63a5400a (com.amazonaws.us-east-1.s3, 52.216.0.0/15, 3.5.0.0/19, 54.231.0.0/16)"

// sendForm posts form to path as the console's own pages do and returns the answer as it is: a
// redirect is not followed, so that its status and Location can be checked.
func (c *console) sendForm(t *testing.T, path string, form url.Values) page {
	t.Helper()
	req := formRequest(t, c, path, form)
	client := *c.client
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	noFollow := *c
	noFollow.client = &client
	return noFollow.do(t, req)
}

// formRequest is the POST of form to path that a page of the console sends.
func formRequest(t *testing.T, c *console, path string, form url.Values) *http.Request {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, c.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return req
}

// wantSeeOther checks that p is a 303 redirect to path with exactly the query want, and
// returns where it points.
func wantSeeOther(t *testing.T, p page, path string, want url.Values) string {
	t.Helper()
	if p.status != http.StatusSeeOther {
		t.Fatalf("status: got %d, want 303; body:\n%s", p.status, p.body)
	}
	loc := p.header.Get("Location")
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatalf("Location %q: %v", loc, err)
	}
	if u.Path != path {
		t.Errorf("redirect path: got %q, want %q", u.Path, path)
	}
	if got := u.Query(); !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("redirect query: got %v, want %v", got, want)
	}
	return loc
}

// wantRefused checks that p is the form shown again with 422 and a message containing want.
func wantRefused(t *testing.T, p page, want string) {
	t.Helper()
	if p.status != http.StatusUnprocessableEntity {
		t.Fatalf("status: got %d, want 422; body:\n%s", p.status, p.body)
	}
	summary := p.doc.Find(".error-summary[role=alert]")
	if got := text(summary.Find("h2")); got != "Nothing was changed" {
		t.Errorf("error summary heading: got %q, want %q", got, "Nothing was changed")
	}
	if got := text(summary.Find("li")); !strings.Contains(got, want) {
		t.Errorf("error message: got %q, want it to contain %q", got, want)
	}
}

// tickedValues are the values of the ticked checkboxes (or radio buttons) named name.
func tickedValues(doc *goquery.Document, name string) []string {
	var out []string
	doc.Find(`input[name="` + name + `"][checked]`).Each(func(_ int, s *goquery.Selection) {
		out = append(out, s.AttrOr("value", ""))
	})
	return out
}

// fieldValues are the values of the text inputs named name, in order.
func fieldValues(doc *goquery.Document, name string) []string {
	var out []string
	doc.Find(`input[type=text][name="` + name + `"]`).Each(func(_ int, s *goquery.Selection) {
		out = append(out, s.AttrOr("value", ""))
	})
	return out
}

// flash is the page's one-time message.
func flash(doc *goquery.Document) string {
	return text(doc.Find("main .flash[role=status]").First())
}

// describeEndpointViaAPI reads an endpoint straight from EC2, as the AWS CLI would; found is
// false when EC2 does not know it.
func describeEndpointViaAPI(t *testing.T, client *ec2.Client, id string) (e types.VpcEndpoint, found bool) {
	t.Helper()
	out, err := client.DescribeVpcEndpoints(t.Context(), &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id}})
	if apiErr, ok := errors.AsType[smithy.APIError](err); ok && strings.HasSuffix(apiErr.ErrorCode(), ".NotFound") {
		return e, false
	}
	if err != nil {
		t.Fatalf("describe VPC endpoint %s: %v", id, err)
	}
	for _, got := range out.VpcEndpoints {
		// EC2 sends the states in lowercase; the SDK's constants are capitalised.
		deleted := strings.EqualFold(string(got.State), string(types.StateDeleted)) || strings.EqualFold(string(got.State), string(types.StateDeleting))
		if aws.ToString(got.VpcEndpointId) == id && !deleted {
			return got, true
		}
	}
	return e, false
}

// endpointRoutesViaAPI lists a route table's gateway-endpoint routes as "pl-… → vpce-…", read
// straight from EC2.
func endpointRoutesViaAPI(t *testing.T, client *ec2.Client, routeTableID string) []string {
	t.Helper()
	out, err := client.DescribeRouteTables(t.Context(), &ec2.DescribeRouteTablesInput{RouteTableIds: []string{routeTableID}})
	if err != nil {
		t.Fatalf("describe route table %s: %v", routeTableID, err)
	}
	routes := []string{}
	for _, rt := range out.RouteTables {
		for _, r := range rt.Routes {
			if strings.HasPrefix(aws.ToString(r.GatewayId), "vpce-") {
				routes = append(routes, aws.ToString(r.DestinationPrefixListId)+" → "+aws.ToString(r.GatewayId))
			}
		}
	}
	return routes
}

// wantEndpointRoutes checks the gateway-endpoint routes of each table, through the EC2 API.
func wantEndpointRoutes(t *testing.T, client *ec2.Client, want map[string][]string) {
	t.Helper()
	for _, id := range slices.Sorted(maps.Keys(want)) {
		if got := endpointRoutesViaAPI(t, client, id); !slices.Equal(got, want[id]) {
			t.Errorf("endpoint routes of %s: got %q, want %q", id, got, want[id])
		}
	}
}

// subnetLabels writes subnets as the preview and the delete page do: "subnet-… (Name)".
func subnetLabels(ids, names []string, suffix string) string {
	labels := make([]string, len(ids))
	for i, id := range ids {
		labels[i] = id + " (" + names[i] + ")" + suffix
	}
	return strings.Join(labels, ", ")
}

func TestManageRouteTablesOnTheFake(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	calls := c.ec2
	a := c.demo.Account
	api := ec2test.Client(t, c.demo.URL)
	ep := createS3Endpoint(t, c.demo, a.PrivateRouteTableID)
	path := "/endpoints/" + ep.ID + "/route-tables"
	before := map[string][]string{
		a.PrivateRouteTableID: {"pl-63a5400a → " + ep.ID},
		a.MainRouteTableID:    {},
		a.DefaultRouteTableID: {},
	}
	after := map[string][]string{
		a.PrivateRouteTableID: {},
		a.MainRouteTableID:    {"pl-63a5400a → " + ep.ID},
		a.DefaultRouteTableID: {},
	}
	wantEndpointRoutes(t, api, before)

	t.Run("the form ticks the endpoint's tables", func(t *testing.T) {
		p := c.getOK(t, path)
		rows := tableRows(t, p.doc, "manage-route-tables")
		if got, want := column(rows, "Route table ID"), []string{a.MainRouteTableID, a.PrivateRouteTableID}; !slices.Equal(got, want) {
			t.Errorf("tables offered: got %q, want First-VPC's %q", got, want)
		}
		if got, want := tickedValues(p.doc, "route_tables"), []string{a.PrivateRouteTableID}; !slices.Equal(got, want) {
			t.Errorf("ticked: got %q, want %q", got, want)
		}
		if got := findRow(t, rows, "Route table ID", a.MainRouteTableID).text("Associated with"); !strings.HasPrefix(got, "Public-1a ("+a.PublicSubnetIDs[0]+") · Public, main, implicit") ||
			!strings.Contains(got, "If left out, its 2 subnets keep reaching com.amazonaws.us-east-1.s3 through internet gateway "+a.InternetGatewayID) {
			t.Errorf("First-RT is associated with %q, want its public subnets (main, implicit) and where they stay", got)
		}
	})

	choice := url.Values{"route_tables": {a.MainRouteTableID}}
	t.Run("preview", func(t *testing.T) {
		var p page
		got := calls.during(func() { p = c.sendForm(t, path, withAction(choice, "preview")) })
		if p.status != http.StatusOK {
			t.Fatalf("status: got %d, want 200; body:\n%s", p.status, p.body)
		}
		if n := got["ModifyVpcEndpoint"]; n != 0 {
			t.Errorf("the preview sent %d ModifyVpcEndpoint, want none", n)
		}
		if got, want := tickedValues(p.doc, "route_tables"), []string{a.MainRouteTableID}; !slices.Equal(got, want) {
			t.Errorf("ticked after the preview: got %q, want the choice %q", got, want)
		}
		preview := p.doc.Find("section#preview")
		for _, tt := range []struct {
			selector, change, subnets string
		}{
			{".change-add", "Add to " + a.MainRouteTableID + " First-RT: " + s3Destination + " → this endpoint",
				"Subnets that will reach the service through the endpoint: " +
					subnetLabels(a.PublicSubnetIDs, []string{"Public-1a", "Public-1b"}, " via the main table")},
			{".change-remove", "Remove from " + a.PrivateRouteTableID + " RT-Private: " + s3Destination + " → this endpoint",
				"Subnets that lose their private path and fall back to the table's other routes: " +
					subnetLabels(a.PrivateSubnetIDs, []string{"Private-1a", "Private-1b", "Private-1c"}, "")},
		} {
			change := preview.Find(tt.selector)
			if change.Length() != 1 {
				t.Errorf("%s: got %d, want 1", tt.selector, change.Length())
				continue
			}
			lines := change.Find("p")
			if got := text(lines.Eq(0)); got != tt.change {
				t.Errorf("%s: got %q, want %q", tt.selector, got, tt.change)
			}
			if got := text(lines.Eq(1)); got != tt.subnets {
				t.Errorf("%s subnets: got %q, want %q", tt.selector, got, tt.subnets)
			}
		}
		if got := text(p.doc.Find(`button[name=action][value=save]`)); got != "Modify route tables" {
			t.Errorf("save button: got %q, want %q", got, "Modify route tables")
		}
		wantEndpointRoutes(t, api, before)
	})

	t.Run("save", func(t *testing.T) {
		var p page
		got := calls.during(func() { p = c.sendForm(t, path, withAction(choice, "save")) })
		loc := wantSeeOther(t, p, "/endpoints/"+ep.ID, url.Values{"tab": {"route-tables"}, "done": {"route-tables"}, "added": {a.MainRouteTableID}})
		if n := got["ModifyVpcEndpoint"]; n != 1 {
			t.Errorf("ModifyVpcEndpoint sent %d times, want 1", n)
		}
		wantEndpointRoutes(t, api, after)
		e, _ := describeEndpointViaAPI(t, api, ep.ID)
		if got, want := e.RouteTableIds, []string{a.MainRouteTableID}; !slices.Equal(got, want) {
			t.Errorf("RouteTableIds: got %q, want %q", got, want)
		}

		d := c.getOK(t, loc).doc
		if got, want := flash(d), "Route tables of "+ep.ID+" modified."; got != want {
			t.Errorf("flash: got %q, want %q", got, want)
		}
		titles := d.Find("h3.table-title")
		if got, want := titles.Length(), 1; got != want {
			t.Fatalf("route tables shown: got %d, want %d", got, want)
		}
		if got, want := text(titles), a.MainRouteTableID+" First-RT Route added"; got != want {
			t.Errorf("table title: got %q, want %q", got, want)
		}
		highlighted := d.Find("table#routes-" + a.MainRouteTableID + " tbody tr.endpoint-route")
		if highlighted.Length() != 1 {
			t.Fatalf("highlighted routes in First-RT: got %d, want 1", highlighted.Length())
		}
		if got := text(highlighted.Find("td").First()); got != s3Destination {
			t.Errorf("highlighted route: got %q, want %q", got, s3Destination)
		}
	})

	t.Run("saving the same choice again changes nothing", func(t *testing.T) {
		var p page
		got := calls.during(func() { p = c.sendForm(t, path, withAction(choice, "save")) })
		loc := wantSeeOther(t, p, "/endpoints/"+ep.ID, url.Values{"tab": {"route-tables"}, "done": {"unchanged"}})
		if n := got["ModifyVpcEndpoint"]; n != 0 {
			t.Errorf("ModifyVpcEndpoint sent %d times, want none", n)
		}
		if got, want := flash(c.getOK(t, loc).doc), "Nothing to change: "+ep.ID+" already had those settings."; got != want {
			t.Errorf("flash: got %q, want %q", got, want)
		}
		wantEndpointRoutes(t, api, after)
	})

	for _, action := range []string{"preview", "save"} {
		t.Run(action+" with a table of another VPC", func(t *testing.T) {
			form := url.Values{"route_tables": {a.MainRouteTableID, a.DefaultRouteTableID, a.PrivateRouteTableID}}
			var p page
			got := calls.during(func() { p = c.sendForm(t, path, withAction(form, action)) })
			wantRefused(t, p, "The route table "+a.DefaultRouteTableID+" is not in "+a.VPCID)
			if got, want := tickedValues(p.doc, "route_tables"), []string{a.MainRouteTableID, a.PrivateRouteTableID}; !slices.Equal(got, want) {
				t.Errorf("ticked: got %q, want the choice kept %q", got, want)
			}
			if n := got["ModifyVpcEndpoint"]; n != 0 {
				t.Errorf("ModifyVpcEndpoint sent %d times, want none", n)
			}
			wantEndpointRoutes(t, api, after)
		})
	}

	t.Run("unknown endpoint", func(t *testing.T) {
		const unknown = "/endpoints/vpce-0123456789abcdef0/route-tables"
		if p := c.get(t, unknown); p.status != http.StatusNotFound {
			t.Errorf("GET: got status %d, want 404", p.status)
		}
		var p page
		got := calls.during(func() { p = c.sendForm(t, unknown, withAction(choice, "save")) })
		if p.status != http.StatusNotFound {
			t.Errorf("POST: got status %d, want 404", p.status)
		}
		if n := got["ModifyVpcEndpoint"]; n != 0 {
			t.Errorf("ModifyVpcEndpoint sent %d times, want none", n)
		}
	})
}

// withAction is form with the button that submitted it.
func withAction(form url.Values, action string) url.Values {
	out := maps.Clone(form)
	out.Set("action", action)
	return out
}

// TestManageRouteTablesOnMoto runs the same page flow against moto. moto updates the
// endpoint's RouteTableIds on ModifyVpcEndpoint but adds and removes no route, so the routes
// are not checked here: that divergence is recorded in vpc/differential_test.go
// (knownMotoDivergences, "modify-add/modify-add-first-rt" and "gateway/modify-remove-first-rt"),
// and TestManageRouteTablesOnTheFake checks our behaviour on the routes.
func TestManageRouteTablesOnMoto(t *testing.T) {
	t.Parallel() // independent: its own console, on a moto account of its own
	c := newConsole(t, onMoto(ec2test.SharedMoto(t)))
	client := ec2test.Client(t, c.demo.URL)
	a := c.demo.Account
	ep := createS3Endpoint(t, c.demo, a.PrivateRouteTableID)
	path := "/endpoints/" + ep.ID + "/route-tables"
	choice := url.Values{"route_tables": {a.MainRouteTableID}}

	p := c.sendForm(t, path, withAction(choice, "preview"))
	if p.status != http.StatusOK {
		t.Fatalf("preview: got status %d, want 200; body:\n%s", p.status, p.body)
	}
	adds, removes := p.doc.Find("#preview .change-add"), p.doc.Find("#preview .change-remove")
	if adds.Length() != 1 || !strings.Contains(text(adds), a.MainRouteTableID) {
		t.Errorf("preview adds: got %q, want First-RT", text(adds))
	}
	if removes.Length() != 1 || !strings.Contains(text(removes), a.PrivateRouteTableID) {
		t.Errorf("preview removes: got %q, want RT-Private", text(removes))
	}

	loc := wantSeeOther(t, c.sendForm(t, path, withAction(choice, "save")), "/endpoints/"+ep.ID,
		url.Values{"tab": {"route-tables"}, "done": {"route-tables"}, "added": {a.MainRouteTableID}})
	e, _ := describeEndpointViaAPI(t, client, ep.ID)
	if got, want := e.RouteTableIds, []string{a.MainRouteTableID}; !slices.Equal(got, want) {
		t.Errorf("RouteTableIds on moto: got %q, want %q", got, want)
	}
	d := c.getOK(t, loc).doc
	if got, want := text(d.Find("h3.table-title")), a.MainRouteTableID+" First-RT Route added"; got != want {
		t.Errorf("table title: got %q, want %q", got, want)
	}

	wantSeeOther(t, c.sendForm(t, path, withAction(choice, "save")), "/endpoints/"+ep.ID,
		url.Values{"tab": {"route-tables"}, "done": {"unchanged"}})

	foreign := url.Values{"route_tables": {a.MainRouteTableID, a.DefaultRouteTableID}}
	wantRefused(t, c.sendForm(t, path, withAction(foreign, "save")), "is not in "+a.VPCID)
	e, _ = describeEndpointViaAPI(t, client, ep.ID)
	if got, want := e.RouteTableIds, []string{a.MainRouteTableID}; !slices.Equal(got, want) {
		t.Errorf("RouteTableIds after the refused save: got %q, want %q", got, want)
	}
}

// bucketPolicy is a custom policy, laid out on one line as a person might paste it.
const bucketPolicy = `{"Version":"2012-10-17","Statement":[{"Sid":"OnlyThisBucket","Effect":"Allow","Principal":"*",` +
	`"Action":["s3:GetObject"],"Resource":["arn:aws:s3:::first-bucket/*"]}]}`

// defaultPolicyDoc is EC2's Full access policy.
const defaultPolicyDoc = `{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`

// indentJSON pretty-prints a policy as the console shows it.
func indentJSON(t *testing.T, doc string) string {
	t.Helper()
	var out bytes.Buffer
	if err := json.Indent(&out, []byte(doc), "", "  "); err != nil {
		t.Fatalf("indent %s: %v", doc, err)
	}
	return out.String()
}

// sameJSON compares two JSON documents, ignoring layout.
func sameJSON(t *testing.T, a, b string) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal([]byte(a), &x); err != nil {
		t.Fatalf("policy %q: %v", a, err)
	}
	if err := json.Unmarshal([]byte(b), &y); err != nil {
		t.Fatalf("policy %q: %v", b, err)
	}
	xb, _ := json.Marshal(x)
	yb, _ := json.Marshal(y)
	return string(xb) == string(yb)
}

func TestManagePolicy(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	calls := c.ec2
	api := ec2test.Client(t, c.demo.URL)
	ep := createS3Endpoint(t, c.demo, c.demo.Account.PrivateRouteTableID)
	path := "/endpoints/" + ep.ID + "/policy"
	policyNow := func(t *testing.T) string {
		t.Helper()
		e, found := describeEndpointViaAPI(t, api, ep.ID)
		if !found {
			t.Fatalf("the endpoint %s is gone", ep.ID)
		}
		return aws.ToString(e.PolicyDocument)
	}

	t.Run("the form shows the current policy", func(t *testing.T) {
		p := c.getOK(t, path)
		if got := tickedValues(p.doc, "policy_mode"); !slices.Equal(got, []string{"full"}) {
			t.Errorf("policy mode: got %q, want Full Access", got)
		}
		if got, want := p.doc.Find("textarea#policy").Text(), indentJSON(t, defaultPolicyDoc); got != want {
			t.Errorf("textarea: got %q, want the default policy pretty-printed %q", got, want)
		}
	})

	custom := url.Values{"policy_mode": {"custom"}, "policy": {bucketPolicy}}
	t.Run("preview shows a diff", func(t *testing.T) {
		var p page
		got := calls.during(func() { p = c.sendForm(t, path, withAction(custom, "preview")) })
		if p.status != http.StatusOK {
			t.Fatalf("status: got %d, want 200; body:\n%s", p.status, p.body)
		}
		if n := got["ModifyVpcEndpoint"]; n != 0 {
			t.Errorf("the preview sent %d ModifyVpcEndpoint, want none", n)
		}
		diff := p.doc.Find("section#preview pre.diff")
		if diff.Length() != 1 {
			t.Fatalf("got %d pre.diff, want 1", diff.Length())
		}
		var added, removed []string
		diff.Find(".diff-added").Each(func(_ int, s *goquery.Selection) { added = append(added, text(s)) })
		diff.Find(".diff-removed").Each(func(_ int, s *goquery.Selection) { removed = append(removed, text(s)) })
		if !slices.Contains(removed, `− "Version": "2008-10-17",`) {
			t.Errorf("removed lines: got %q, want the old Version", removed)
		}
		for _, want := range []string{`+ "Version": "2012-10-17",`, `+ "Sid": "OnlyThisBucket",`, `+ "arn:aws:s3:::first-bucket/*"`} {
			if !slices.Contains(added, want) {
				t.Errorf("added lines: got %q, want %q among them", added, want)
			}
		}
		if kept := diff.Find(".diff-kept"); kept.Length() == 0 {
			t.Errorf("the diff shows no unchanged line; want the lines both policies share")
		}
		if got := p.doc.Find("textarea#policy").Text(); got != bucketPolicy {
			t.Errorf("textarea: got %q, want the text kept %q", got, bucketPolicy)
		}
		if got := text(p.doc.Find(`button[name=action][value=save]`)); got != "Save" {
			t.Errorf("save button: got %q, want Save", got)
		}
		if !sameJSON(t, policyNow(t), defaultPolicyDoc) {
			t.Errorf("the preview changed the policy to %s", policyNow(t))
		}
	})

	t.Run("save shows the policy pretty-printed", func(t *testing.T) {
		var p page
		got := calls.during(func() { p = c.sendForm(t, path, withAction(custom, "save")) })
		loc := wantSeeOther(t, p, "/endpoints/"+ep.ID, url.Values{"tab": {"policy"}, "done": {"policy"}})
		if n := got["ModifyVpcEndpoint"]; n != 1 {
			t.Errorf("ModifyVpcEndpoint sent %d times, want 1", n)
		}
		if !sameJSON(t, policyNow(t), bucketPolicy) {
			t.Errorf("policy in EC2: got %s, want %s", policyNow(t), bucketPolicy)
		}
		d := c.getOK(t, loc).doc
		if got, want := d.Find("pre#endpoint-policy").Text(), indentJSON(t, bucketPolicy); got != want {
			t.Errorf("Policy tab: got\n%s\nwant\n%s", got, want)
		}
		if got, want := flash(d), "Policy of "+ep.ID+" saved."; got != want {
			t.Errorf("flash: got %q, want %q", got, want)
		}
	})

	t.Run("saving the same policy again changes nothing", func(t *testing.T) {
		// The same policy, laid out differently: the same document.
		again := url.Values{"policy_mode": {"custom"}, "policy": {indentJSON(t, bucketPolicy)}}
		var p page
		got := calls.during(func() { p = c.sendForm(t, path, withAction(again, "save")) })
		wantSeeOther(t, p, "/endpoints/"+ep.ID, url.Values{"tab": {"policy"}, "done": {"unchanged"}})
		if n := got["ModifyVpcEndpoint"]; n != 0 {
			t.Errorf("ModifyVpcEndpoint sent %d times, want none", n)
		}
	})

	tooLong := `{"Statement":[],"Sid":"` + strings.Repeat("x", vpc.MaxPolicyLength) + `"}`
	for _, tt := range []struct {
		name, policy, want string
	}{
		{"invalid JSON", `{"Statement": [`, "The policy is not valid JSON"},
		{"no Statement", `{"Version": "2012-10-17"}`, `The policy needs a "Statement" entry`},
		{"over 20,480 characters", tooLong, "endpoint policies can be at most 20480 characters"},
		{"empty custom policy", "  ", "Paste a policy, start from a template, or choose Full Access."},
	} {
		for _, action := range []string{"preview", "save"} {
			t.Run(action+" "+tt.name, func(t *testing.T) {
				form := url.Values{"policy_mode": {"custom"}, "policy": {tt.policy}}
				var p page
				got := calls.during(func() { p = c.sendForm(t, path, withAction(form, action)) })
				wantRefused(t, p, tt.want)
				if got := text(p.doc.Find("p.field-error#error-policy")); !strings.Contains(got, tt.want) {
					t.Errorf("message next to the field: got %q, want %q", got, tt.want)
				}
				if got := p.doc.Find("textarea#policy").Text(); got != tt.policy {
					t.Errorf("textarea: got %d characters, want the %d posted kept", len(got), len(tt.policy))
				}
				if got := tickedValues(p.doc, "policy_mode"); !slices.Equal(got, []string{"custom"}) {
					t.Errorf("policy mode: got %q, want Custom kept", got)
				}
				if n := got["ModifyVpcEndpoint"]; n != 0 {
					t.Errorf("ModifyVpcEndpoint sent %d times, want none", n)
				}
				if !sameJSON(t, policyNow(t), bucketPolicy) {
					t.Errorf("the policy changed to %s", policyNow(t))
				}
			})
		}
	}

	t.Run("a template fills the text", func(t *testing.T) {
		p := c.sendForm(t, path, url.Values{"policy_mode": {"full"}, "policy": {""}, "action": {"template:s3-bucket"}})
		if p.status != http.StatusOK {
			t.Fatalf("status: got %d, want 200", p.status)
		}
		if got := p.doc.Find("textarea#policy").Text(); !strings.Contains(got, "EXAMPLE-BUCKET") {
			t.Errorf("textarea: got %q, want the bucket template", got)
		}
		if got := tickedValues(p.doc, "policy_mode"); !slices.Equal(got, []string{"custom"}) {
			t.Errorf("policy mode: got %q, want Custom", got)
		}
	})

	full := url.Values{"policy_mode": {"full"}, "policy": {bucketPolicy}}
	t.Run("Full Access gives the default policy back", func(t *testing.T) {
		var p page
		got := calls.during(func() { p = c.sendForm(t, path, withAction(full, "save")) })
		loc := wantSeeOther(t, p, "/endpoints/"+ep.ID, url.Values{"tab": {"policy"}, "done": {"policy"}})
		if n := got["ModifyVpcEndpoint"]; n != 1 {
			t.Errorf("ModifyVpcEndpoint sent %d times, want 1", n)
		}
		if !sameJSON(t, policyNow(t), defaultPolicyDoc) {
			t.Errorf("policy in EC2: got %s, want the default %s", policyNow(t), defaultPolicyDoc)
		}
		if got, want := c.getOK(t, loc).doc.Find("pre#endpoint-policy").Text(), indentJSON(t, defaultPolicyDoc); got != want {
			t.Errorf("Policy tab: got\n%s\nwant\n%s", got, want)
		}
		if got := tickedValues(c.getOK(t, path).doc, "policy_mode"); !slices.Equal(got, []string{"full"}) {
			t.Errorf("policy mode on the form: got %q, want Full Access", got)
		}
	})

	t.Run("Full Access again changes nothing", func(t *testing.T) {
		var p page
		got := calls.during(func() { p = c.sendForm(t, path, withAction(full, "save")) })
		wantSeeOther(t, p, "/endpoints/"+ep.ID, url.Values{"tab": {"policy"}, "done": {"unchanged"}})
		if n := got["ModifyVpcEndpoint"]; n != 0 {
			t.Errorf("ModifyVpcEndpoint sent %d times, want none", n)
		}
	})

	// Full Access by meaning, as the audit decides it (vpc.IsFullAccess), not by text.
	for _, tt := range []struct {
		name, policy, want string
	}{
		{"the same policy in other words is Full Access",
			`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["*"],"Resource":"*"}]}`, "full"},
		{"full access with a Deny besides is Custom", `{"Statement":[` +
			`{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},` +
			`{"Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket","Resource":"*"}]}`, "custom"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			form := url.Values{"policy_mode": {"custom"}, "policy": {tt.policy}}
			wantSeeOther(t, c.sendForm(t, path, withAction(form, "save")), "/endpoints/"+ep.ID, url.Values{"tab": {"policy"}, "done": {"policy"}})
			if got := tickedValues(c.getOK(t, path).doc, "policy_mode"); !slices.Equal(got, []string{tt.want}) {
				t.Errorf("policy mode on the form: got %q, want %q", got, tt.want)
			}
		})
	}
}

// tagForm is the tags form with the rows given as key, value pairs.
func tagForm(action string, pairs ...string) url.Values {
	form := url.Values{"action": {action}}
	for i := 0; i+1 < len(pairs); i += 2 {
		form.Add("tag_key", pairs[i])
		form.Add("tag_value", pairs[i+1])
	}
	return form
}

func TestManageTags(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	calls := c.ec2
	api := ec2test.Client(t, c.demo.URL)
	ep := createS3Endpoint(t, c.demo, c.demo.Account.PrivateRouteTableID)
	path := "/endpoints/" + ep.ID + "/tags"
	tagsNow := func(t *testing.T) []string {
		t.Helper()
		e, _ := describeEndpointViaAPI(t, api, ep.ID)
		var out []string
		for _, tag := range e.Tags {
			out = append(out, aws.ToString(tag.Key)+"="+aws.ToString(tag.Value))
		}
		slices.Sort(out)
		return out
	}
	writes := func(counts map[string]int) int { return counts["CreateTags"] + counts["DeleteTags"] }

	t.Run("the form shows the tags", func(t *testing.T) {
		p := c.getOK(t, path)
		if got, want := fieldValues(p.doc, "tag_key"), []string{"Name"}; !slices.Equal(got, want) {
			t.Errorf("keys: got %q, want %q", got, want)
		}
		if got, want := fieldValues(p.doc, "tag_value"), []string{"S3-Private"}; !slices.Equal(got, want) {
			t.Errorf("values: got %q, want %q", got, want)
		}
	})

	t.Run("add a row", func(t *testing.T) {
		var p page
		got := calls.during(func() { p = c.sendForm(t, path, tagForm("add_tag", "Name", "S3-Renamed")) })
		if p.status != http.StatusOK {
			t.Fatalf("status: got %d, want 200", p.status)
		}
		if got, want := fieldValues(p.doc, "tag_key"), []string{"Name", ""}; !slices.Equal(got, want) {
			t.Errorf("keys: got %q, want %q", got, want)
		}
		if got, want := fieldValues(p.doc, "tag_value"), []string{"S3-Renamed", ""}; !slices.Equal(got, want) {
			t.Errorf("values: got %q, want the edit kept and an empty row: %q", got, want)
		}
		if n := writes(got); n != 0 {
			t.Errorf("adding a row sent %d tag writes, want none", n)
		}
	})

	t.Run("remove a row", func(t *testing.T) {
		p := c.sendForm(t, path, tagForm("remove_tag:0", "Name", "S3-Private", "team", "network"))
		if got, want := fieldValues(p.doc, "tag_key"), []string{"team"}; !slices.Equal(got, want) {
			t.Errorf("keys: got %q, want %q", got, want)
		}
		if got := tagsNow(t); !slices.Equal(got, []string{"Name=S3-Private"}) {
			t.Errorf("tags in EC2: got %q, want them unchanged", got)
		}
	})

	for _, tt := range []struct {
		name string
		form url.Values
		// counts are the tag writes the save sends.
		create, delete int
		want           []string
	}{
		{"add and edit", tagForm("save", "Name", "S3-Renamed", "team", "network", "", ""), 1, 0,
			[]string{"Name=S3-Renamed", "team=network"}},
		{"remove", tagForm("save", "Name", "S3-Renamed"), 0, 1, []string{"Name=S3-Renamed"}},
		{"the same again", tagForm("save", "Name", "S3-Renamed"), 0, 0, []string{"Name=S3-Renamed"}},
	} {
		t.Run("save: "+tt.name, func(t *testing.T) {
			var p page
			got := calls.during(func() { p = c.sendForm(t, path, tt.form) })
			done := "tags"
			if tt.create+tt.delete == 0 {
				done = "unchanged"
			}
			loc := wantSeeOther(t, p, "/endpoints/"+ep.ID, url.Values{"tab": {"tags"}, "done": {done}})
			if got["CreateTags"] != tt.create || got["DeleteTags"] != tt.delete {
				t.Errorf("CreateTags, DeleteTags: got %d, %d, want %d, %d", got["CreateTags"], got["DeleteTags"], tt.create, tt.delete)
			}
			if got := tagsNow(t); !slices.Equal(got, tt.want) {
				t.Errorf("tags in EC2: got %q, want %q", got, tt.want)
			}
			var shown []string
			for _, row := range tableRows(t, c.getOK(t, loc).doc, "endpoint-tags") {
				shown = append(shown, row.text("Key")+"="+row.text("Value"))
			}
			slices.Sort(shown)
			if !slices.Equal(shown, tt.want) {
				t.Errorf("Tags tab: got %q, want %q", shown, tt.want)
			}
		})
	}

	long := func(n int) string { return strings.Repeat("k", n) }
	for _, tt := range []struct {
		name  string
		pairs []string
		want  string
	}{
		{"aws: prefix", []string{"Name", "S3-Renamed", "aws:owner", "me"}, "Tag keys can't start with aws:"},
		{"128-character key", []string{"Name", "S3-Renamed", long(128), "v"}, "keys can be at most 127"},
		{"duplicate key", []string{"Name", "S3-Renamed", "Name", "Other"}, `The tag key "Name" is used twice`},
		{"257-character value", []string{"Name", "S3-Renamed", "team", long(257)}, "values can be at most 256"},
		{"value without a key", []string{"Name", "S3-Renamed", "", "orphan"}, "Tag 2 has no key"},
	} {
		t.Run("refused: "+tt.name, func(t *testing.T) {
			var p page
			got := calls.during(func() { p = c.sendForm(t, path, tagForm("save", tt.pairs...)) })
			wantRefused(t, p, tt.want)
			var keys, values []string
			for i := 0; i < len(tt.pairs); i += 2 {
				keys, values = append(keys, tt.pairs[i]), append(values, tt.pairs[i+1])
			}
			if got := fieldValues(p.doc, "tag_key"); !slices.Equal(got, keys) {
				t.Errorf("keys: got %q, want the rows kept %q", got, keys)
			}
			if got := fieldValues(p.doc, "tag_value"); !slices.Equal(got, values) {
				t.Errorf("values: got %q, want the rows kept", got)
			}
			if n := writes(got); n != 0 {
				t.Errorf("sent %d tag writes, want none", n)
			}
			if got := tagsNow(t); !slices.Equal(got, []string{"Name=S3-Renamed"}) {
				t.Errorf("tags in EC2: got %q, want them unchanged", got)
			}
		})
	}
}

func TestManageNetwork(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	calls := c.ec2
	a := c.demo.Account
	api := ec2test.Client(t, c.demo.URL)
	id := c.interfaceEndpoint(t)
	path := "/endpoints/" + id + "/network"
	e, found := describeEndpointViaAPI(t, api, id)
	if !found || len(e.Groups) != 1 {
		t.Fatalf("the SSM endpoint %s: found %v, groups %v; want one group", id, found, e.Groups)
	}
	defaultGroups, err := c.demo.Service.SecurityGroups(t.Context(), a.DefaultVPCID)
	if err != nil || len(defaultGroups) == 0 {
		t.Fatalf("the default VPC's security groups: %v %v", defaultGroups, err)
	}
	sg, foreignSG := aws.ToString(e.Groups[0].GroupId), defaultGroups[0].ID
	subnetsNow := func(t *testing.T) []string {
		t.Helper()
		e, _ := describeEndpointViaAPI(t, api, id)
		return e.SubnetIds
	}
	form := func(subnets, groups []string) url.Values {
		return url.Values{"subnets": subnets, "security_groups": groups, "private_dns": {"false", "true"}, "action": {"save"}}
	}

	t.Run("the form ticks the endpoint's subnet and group", func(t *testing.T) {
		p := c.getOK(t, path)
		if got, want := tickedValues(p.doc, "subnets"), []string{a.PrivateSubnetIDs[0]}; !slices.Equal(got, want) {
			t.Errorf("subnets: got %q, want %q", got, want)
		}
		if got, want := tickedValues(p.doc, "security_groups"), []string{sg}; !slices.Equal(got, want) {
			t.Errorf("security groups: got %q, want %q", got, want)
		}
	})

	t.Run("move to another subnet", func(t *testing.T) {
		var p page
		got := calls.during(func() { p = c.sendForm(t, path, form([]string{a.PrivateSubnetIDs[1]}, []string{sg})) })
		loc := wantSeeOther(t, p, "/endpoints/"+id, url.Values{"tab": {"subnets"}, "done": {"network"}})
		if n := got["ModifyVpcEndpoint"]; n != 1 {
			t.Errorf("ModifyVpcEndpoint sent %d times, want 1", n)
		}
		if got, want := subnetsNow(t), []string{a.PrivateSubnetIDs[1]}; !slices.Equal(got, want) {
			t.Errorf("subnets in EC2: got %q, want %q", got, want)
		}
		if got, want := column(tableRows(t, c.getOK(t, loc).doc, "endpoint-subnets"), "Subnet ID"), []string{a.PrivateSubnetIDs[1]}; !slices.Equal(got, want) {
			t.Errorf("Subnets tab: got %q, want %q", got, want)
		}
	})

	t.Run("the same again changes nothing", func(t *testing.T) {
		var p page
		got := calls.during(func() { p = c.sendForm(t, path, form([]string{a.PrivateSubnetIDs[1]}, []string{sg})) })
		wantSeeOther(t, p, "/endpoints/"+id, url.Values{"tab": {"subnets"}, "done": {"unchanged"}})
		if n := got["ModifyVpcEndpoint"]; n != 0 {
			t.Errorf("ModifyVpcEndpoint sent %d times, want none", n)
		}
	})

	for _, tt := range []struct {
		name            string
		subnets, groups []string
		want            string
	}{
		// Public-1a and Private-1a are both in us-east-1a.
		{"two subnets in one zone", []string{a.PublicSubnetIDs[0], a.PrivateSubnetIDs[0]}, []string{sg}, "choose one subnet per Availability Zone"},
		{"a security group of another VPC", []string{a.PrivateSubnetIDs[0]}, []string{sg, foreignSG}, "The security group " + foreignSG + " is not in " + a.VPCID},
		{"no subnet", nil, []string{sg}, "Choose a subnet"},
	} {
		t.Run("refused: "+tt.name, func(t *testing.T) {
			var p page
			got := calls.during(func() { p = c.sendForm(t, path, form(tt.subnets, tt.groups)) })
			wantRefused(t, p, tt.want)
			if got := tickedValues(p.doc, "subnets"); !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(tt.subnets))) {
				t.Errorf("subnets ticked: got %q, want the choice kept %q", got, tt.subnets)
			}
			if got, want := tickedValues(p.doc, "security_groups"), []string{sg}; !slices.Equal(got, want) {
				t.Errorf("security groups ticked: got %q, want %q", got, want)
			}
			if n := got["ModifyVpcEndpoint"]; n != 0 {
				t.Errorf("ModifyVpcEndpoint sent %d times, want none", n)
			}
			if got, want := subnetsNow(t), []string{a.PrivateSubnetIDs[1]}; !slices.Equal(got, want) {
				t.Errorf("subnets in EC2: got %q, want them unchanged %q", got, want)
			}
		})
	}
}

func TestDeleteEndpoints(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	calls := c.ec2
	a := c.demo.Account
	api := ec2test.Client(t, c.demo.URL)
	ep := createS3Endpoint(t, c.demo, a.PrivateRouteTableID)
	route := "pl-63a5400a → " + ep.ID

	t.Run("the confirm page names what disappears", func(t *testing.T) {
		p := c.getOK(t, "/endpoints/delete?id="+ep.ID)
		panel := p.doc.Find("form section.panel").First()
		if got := text(panel.Find("h2")); got != ep.ID+" S3-Private" {
			t.Errorf("heading: got %q, want %q", got, ep.ID+" S3-Private")
		}
		lists := panel.Find("ul")
		if lists.Length() != 2 {
			t.Fatalf("got %d lists, want 2 (routes, subnets)", lists.Length())
		}
		var routes, subnets []string
		lists.Eq(0).Find("li").Each(func(_ int, li *goquery.Selection) { routes = append(routes, text(li)) })
		lists.Eq(1).Find("li").Each(func(_ int, li *goquery.Selection) { subnets = append(subnets, text(li)) })
		if want := []string{a.PrivateRouteTableID + " (RT-Private): " + s3Destination + " → " + ep.ID}; !slices.Equal(routes, want) {
			t.Errorf("routes that disappear: got %q, want %q", routes, want)
		}
		want := strings.Split(subnetLabels(a.PrivateSubnetIDs, []string{"Private-1a", "Private-1b", "Private-1c"}, ""), ", ")
		if !slices.Equal(subnets, want) {
			t.Errorf("subnets that lose their private path: got %q, want %q", subnets, want)
		}
		if got := p.doc.Find(`form input[type=hidden][name=id]`).AttrOr("value", ""); got != ep.ID {
			t.Errorf("hidden id: got %q, want %q", got, ep.ID)
		}
	})

	for _, tt := range []struct {
		name, confirm, want string
	}{
		{"empty confirmation", "", "Type delete to confirm; nothing has been deleted."},
		{"wrong word", "remove", `"remove" is not the word delete; nothing has been deleted.`},
	} {
		t.Run("refused: "+tt.name, func(t *testing.T) {
			var p page
			got := calls.during(func() {
				p = c.sendForm(t, "/endpoints/delete", url.Values{"id": {ep.ID}, "confirm": {tt.confirm}})
			})
			wantRefused(t, p, tt.want)
			if got := text(p.doc.Find("p.field-error#error-confirm")); got != tt.want {
				t.Errorf("message next to the field: got %q, want %q", got, tt.want)
			}
			if got := p.doc.Find("input#confirm").AttrOr("value", "?"); got != tt.confirm {
				t.Errorf("confirmation field: got %q, want %q kept", got, tt.confirm)
			}
			if n := got["DeleteVpcEndpoints"]; n != 0 {
				t.Errorf("DeleteVpcEndpoints sent %d times, want none", n)
			}
			if _, found := describeEndpointViaAPI(t, api, ep.ID); !found {
				t.Errorf("the endpoint is gone")
			}
			wantEndpointRoutes(t, api, map[string][]string{a.PrivateRouteTableID: {route}})
		})
	}

	t.Run("unknown endpoint", func(t *testing.T) {
		const unknown = "vpce-0123456789abcdef0"
		if p := c.get(t, "/endpoints/delete?id="+unknown); p.status != http.StatusNotFound {
			t.Errorf("confirm page: got status %d, want 404", p.status)
		}
		p := c.sendForm(t, "/endpoints/delete", url.Values{"id": {unknown}, "confirm": {"delete"}})
		if p.status != http.StatusOK {
			t.Fatalf("status: got %d, want 200 with the result; body:\n%s", p.status, p.body)
		}
		rows := tableRows(t, p.doc, "delete-results")
		if got := findRow(t, rows, "VPC endpoint ID", unknown).text("Result"); !strings.HasPrefix(got, "Not deleted: ") || !strings.Contains(got, unknown) {
			t.Errorf("result: got %q, want it not deleted, with a reason naming it", got)
		}
		if _, found := describeEndpointViaAPI(t, api, ep.ID); !found {
			t.Errorf("the other endpoint is gone")
		}
	})

	t.Run("delete", func(t *testing.T) {
		var p page
		got := calls.during(func() {
			p = c.sendForm(t, "/endpoints/delete", url.Values{"id": {ep.ID}, "confirm": {"Delete "}})
		})
		loc := wantSeeOther(t, p, "/endpoints", url.Values{"deleted": {ep.ID}})
		if n := got["DeleteVpcEndpoints"]; n != 1 {
			t.Errorf("DeleteVpcEndpoints sent %d times, want 1", n)
		}
		if _, found := describeEndpointViaAPI(t, api, ep.ID); found {
			t.Errorf("the endpoint is still there")
		}
		wantEndpointRoutes(t, api, map[string][]string{a.PrivateRouteTableID: {}, a.MainRouteTableID: {}})
		d := c.getOK(t, loc).doc
		if got, want := flash(d), "Deleted "+ep.ID+"."; got != want {
			t.Errorf("flash: got %q, want %q", got, want)
		}
		// EC2 still describes it, as deleting: TestDeletedEndpointIsGreyedWithoutActions.
		if rows := tableRows(t, d, "endpoints"); len(rows) != 1 || findRow(t, rows, "VPC endpoint ID", ep.ID).text("Status") != "Deleting" {
			t.Errorf("the list shows %q, want only %s, deleting", column(rows, "VPC endpoint ID"), ep.ID)
		}
	})

	t.Run("two endpoints, one deleted meanwhile", func(t *testing.T) {
		s3 := createS3Endpoint(t, c.demo, a.PrivateRouteTableID)
		dynamo, err := c.demo.Service.CreateEndpoint(t.Context(), vpc.CreateEndpointRequest{
			VPCID: a.VPCID, ServiceName: "com.amazonaws.us-east-1.dynamodb", Type: vpc.TypeGateway,
			RouteTableIDs: []string{a.PrivateRouteTableID},
		})
		if err != nil {
			t.Fatal(err)
		}
		if p := c.getOK(t, "/endpoints/delete?id="+s3.ID+"&id="+dynamo.ID); p.doc.Find("form section.panel h2").Length() != 2 {
			t.Errorf("the confirm page does not name both endpoints")
		}
		// Someone else deletes one. The confirm page would now answer 404, so post directly.
		if _, err := c.demo.Service.DeleteEndpoints(t.Context(), []string{dynamo.ID}); err != nil {
			t.Fatal(err)
		}
		p := c.sendForm(t, "/endpoints/delete", url.Values{"id": {s3.ID, dynamo.ID}, "confirm": {"delete"}})
		if p.status != http.StatusOK {
			t.Fatalf("status: got %d, want 200 with a result per endpoint; body:\n%s", p.status, p.body)
		}
		rows := tableRows(t, p.doc, "delete-results")
		if got, want := len(rows), 2; got != want {
			t.Fatalf("results: got %d, want %d", got, want)
		}
		if got := findRow(t, rows, "VPC endpoint ID", s3.ID).text("Result"); got != "Deleted" {
			t.Errorf("%s: got %q, want Deleted", s3.ID, got)
		}
		if got := findRow(t, rows, "VPC endpoint ID", dynamo.ID).text("Result"); !strings.HasPrefix(got, "Not deleted: ") || !strings.Contains(got, dynamo.ID) {
			t.Errorf("%s: got %q, want Not deleted with the reason", dynamo.ID, got)
		}
		if got := p.doc.Find(`a[href="/endpoints"]`).FilterFunction(func(_ int, s *goquery.Selection) bool {
			return text(s) == "Back to Endpoints"
		}).Length(); got != 1 {
			t.Errorf("links back to the list: got %d, want 1", got)
		}
		wantEndpointRoutes(t, api, map[string][]string{a.PrivateRouteTableID: {}})
	})
}

// TestChangeToADeletedEndpoint opens each form, lets someone else delete the endpoint, then
// submits: the console says plainly that it is gone, with a way back to the list, and sends
// no change to EC2.
func TestChangeToADeletedEndpoint(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	calls := c.ec2
	a := c.demo.Account
	for _, tt := range []struct {
		name string
		// create makes the endpoint and returns the form's path and what it posts.
		create func(t *testing.T) (id, path string, form url.Values)
	}{
		{"manage route tables", func(t *testing.T) (string, string, url.Values) {
			id := createS3Endpoint(t, c.demo, a.PrivateRouteTableID).ID
			return id, "/endpoints/" + id + "/route-tables", url.Values{"route_tables": {a.MainRouteTableID}, "action": {"save"}}
		}},
		{"manage route tables, preview", func(t *testing.T) (string, string, url.Values) {
			id := createS3Endpoint(t, c.demo, a.PrivateRouteTableID).ID
			return id, "/endpoints/" + id + "/route-tables", url.Values{"route_tables": {a.MainRouteTableID}, "action": {"preview"}}
		}},
		{"manage policy", func(t *testing.T) (string, string, url.Values) {
			id := createS3Endpoint(t, c.demo, a.PrivateRouteTableID).ID
			return id, "/endpoints/" + id + "/policy", url.Values{"policy_mode": {"custom"}, "policy": {bucketPolicy}, "action": {"save"}}
		}},
		{"manage tags", func(t *testing.T) (string, string, url.Values) {
			id := createS3Endpoint(t, c.demo, a.PrivateRouteTableID).ID
			return id, "/endpoints/" + id + "/tags", tagForm("save", "Name", "Renamed")
		}},
		{"manage network", func(t *testing.T) (string, string, url.Values) {
			id := c.interfaceEndpoint(t)
			return id, "/endpoints/" + id + "/network", url.Values{"subnets": {a.PrivateSubnetIDs[1]}, "action": {"save"}}
		}},
		{"delete, wrong word", func(t *testing.T) (string, string, url.Values) {
			id := createS3Endpoint(t, c.demo, a.PrivateRouteTableID).ID
			return id, "/endpoints/delete", url.Values{"id": {id}, "confirm": {"remove"}}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			id, path, form := tt.create(t)
			if path != "/endpoints/delete" {
				c.getOK(t, path)
			} else {
				c.getOK(t, "/endpoints/delete?id="+id)
			}
			if _, err := c.demo.Service.DeleteEndpoints(t.Context(), []string{id}); err != nil {
				t.Fatalf("delete %s through the API: %v", id, err)
			}
			var p page
			got := calls.during(func() { p = c.sendForm(t, path, form) })
			if p.status != http.StatusNotFound {
				t.Fatalf("status: got %d, want 404; body:\n%s", p.status, p.body)
			}
			if got := text(p.doc.Find("main h1")); got != "Not found" {
				t.Errorf("h1: got %q, want Not found", got)
			}
			message := text(p.doc.Find("section[role=alert] p").First())
			if !strings.Contains(message, id) || !strings.Contains(message, "deleted") || !strings.HasSuffix(message, ".") {
				t.Errorf("message: got %q, want a sentence saying %s was deleted", message, id)
			}
			back := p.doc.Find(`section[role=alert] a[href="/endpoints"]`)
			if back.Length() != 1 || text(back) != "Back to Endpoints" {
				t.Errorf("link back to the list: got %d links %q, want one \"Back to Endpoints\"", back.Length(), text(back))
			}
			for _, write := range []string{"ModifyVpcEndpoint", "CreateTags", "DeleteTags", "DeleteVpcEndpoints"} {
				if got[write] != 0 {
					t.Errorf("%s sent %d times, want none", write, got[write])
				}
			}
		})
	}
}

// readOnlyEndpointPaths are the endpoint pages that show actions to someone who may change the
// account: every tab of a gateway and an interface endpoint, and the list.
func readOnlyEndpointPaths(t *testing.T, c *console) []string {
	t.Helper()
	var paths []string
	for _, id := range []string{c.endpoint(t), c.interfaceEndpoint(t)} {
		for _, tab := range []string{"details", "route-tables", "subnets", "security-groups", "policy", "tags", "code"} {
			paths = append(paths, "/endpoints/"+id+"?tab="+tab)
		}
	}
	return append(paths, "/endpoints", "/endpoints?vpc="+c.demo.Account.VPCID, "/endpoints?q=no-such-endpoint")
}

// wantNoActions fails the test when a page offers a way to change the account: an action link,
// a form that posts, a selection box or a button with an action's label.
func wantNoActions(t *testing.T, doc *goquery.Document) {
	t.Helper()
	main := doc.Find("main")
	for selector, what := range map[string]string{
		"nav.actions":                      "Actions menu",
		`form[method=post]`:                "form that changes the account",
		`input[type=checkbox]`:             "checkbox to select endpoints",
		`a[href^="/endpoints/new"]`:        "Create endpoint link",
		`a[href^="/endpoints/delete"]`:     "Delete link",
		`form[action="/endpoints/delete"]`: "Delete selected form",
		`a[href$="/route-tables"]`:         "Manage route tables link",
		`a[href$="/policy"], a[href$="/tags"], a[href$="/network"]`: "Manage link",
		`a[href="/demo/reset"]`: "Reset demo account link",
	} {
		if n := main.Find(selector).Length(); n != 0 {
			t.Errorf("got %d %s (%s), want none", n, what, selector)
		}
	}
	for _, label := range []string{"Create endpoint", "Delete selected", "Delete VPC endpoint", "Manage route tables", "Manage policy", "Manage tags"} {
		if n := main.Find("a, button").FilterFunction(func(_ int, s *goquery.Selection) bool { return text(s) == label }).Length(); n != 0 {
			t.Errorf("got %d %q buttons, want none", n, label)
		}
	}
}

// TestReadOnlyEndpointPagesHaveNoActions checks the pages of a read-only console offer no
// change. That the mutating routes are absent is TestReadOnlyHasNoMutatingRoute's (POST and
// the other methods); here the GET pages of the actions must be absent too.
func TestReadOnlyEndpointPagesHaveNoActions(t *testing.T) {
	t.Parallel()
	c := newConsole(t, withReadOnly(true))
	paths := readOnlyEndpointPaths(t, c)
	for _, path := range paths {
		t.Run("GET "+path, func(t *testing.T) { wantNoActions(t, c.getOK(t, path).doc) })
	}

	// The control: the same selectors find the actions on a console that may change the account.
	t.Run("control: read-write console", func(t *testing.T) {
		rw := newConsole(t)
		id := rw.endpoint(t)
		var actions []string
		rw.getOK(t, "/endpoints/"+id).doc.Find("main nav.actions a").Each(func(_ int, s *goquery.Selection) { actions = append(actions, text(s)) })
		if want := []string{"Manage route tables", "Manage policy", "Manage tags", "Delete VPC endpoint"}; !slices.Equal(actions, want) {
			t.Errorf("actions: got %q, want %q", actions, want)
		}
		list := rw.getOK(t, "/endpoints").doc.Find("main")
		for _, selector := range []string{`input[type=checkbox][name=id]`, `form[action="/endpoints/delete"]`, `a[href^="/endpoints/new"]`} {
			if list.Find(selector).Length() == 0 {
				t.Errorf("the list has no %s", selector)
			}
		}
	})

	for _, lp := range layoutPages {
		if !lp.readWriteOnly {
			continue
		}
		path := lp.path(t, c)
		t.Run("no GET "+path, func(t *testing.T) {
			if p := c.get(t, path); p.status != http.StatusNotFound {
				t.Errorf("got status %d, want 404: the page exists only on a console that may change the account", p.status)
			}
		})
	}
}
