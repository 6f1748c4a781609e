package web

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"endpointconsole/fakeec2"
	"endpointconsole/vpc"
	"endpointconsole/vpc/seed"
)

// steppedClock tells the fake EC2 the time, and moves only when the test moves it, so that an
// interface endpoint stays pending until the test lets it become available.
type steppedClock struct {
	mu  sync.Mutex
	now time.Time
}

func newSteppedClock() *steppedClock {
	return &steppedClock{now: time.Date(2026, time.March, 2, 9, 30, 0, 0, time.UTC)}
}

func (c *steppedClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *steppedClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// createGatewayEndpoint creates a gateway endpoint for service (s3, dynamodb) into one route
// table, named name ("" for none).
func createGatewayEndpoint(t *testing.T, c *console, vpcID, service, routeTableID, name string) vpc.Endpoint {
	t.Helper()
	req := vpc.CreateEndpointRequest{
		VPCID: vpcID, ServiceName: "com.amazonaws.us-east-1." + service, Type: vpc.TypeGateway,
		RouteTableIDs: []string{routeTableID},
	}
	if name != "" {
		req.Tags = vpc.Tags{{Key: "Name", Value: name}}
	}
	ep, err := c.demo.Service.CreateEndpoint(t.Context(), req)
	if err != nil {
		t.Fatalf("create the %s gateway endpoint in %s: %v", service, routeTableID, err)
	}
	return ep
}

// endpointsHeading is the list's columns, as the VPC console names them; a console that may
// change the account adds a first column of checkboxes.
var endpointsHeading = []string{"Name", "VPC endpoint ID", "VPC ID", "Service name", "Endpoint type", "Status", "Creation time"}

func headings(doc *goquery.Document, tableID string) []string {
	var out []string
	doc.Find("table#" + tableID + " thead th").Each(func(_ int, th *goquery.Selection) { out = append(out, text(th)) })
	return out
}

func TestEndpointsListColumns(t *testing.T) {
	t.Parallel()
	clock := newSteppedClock()
	for _, tt := range []struct {
		name     string
		readOnly bool
		want     []string
	}{
		{"read-write", false, append([]string{"Select"}, endpointsHeading...)},
		{"read-only", true, endpointsHeading},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := newConsole(t, withFake(fakeec2.Options{Clock: clock.Now}), withReadOnly(tt.readOnly))
			ep := createS3Endpoint(t, c.demo, c.demo.Account.PrivateRouteTableID)
			p := c.getOK(t, "/endpoints")
			if got := headings(p.doc, "endpoints"); !slices.Equal(got, tt.want) {
				t.Errorf("columns: got %q, want %q", got, tt.want)
			}
			row := findRow(t, tableRows(t, p.doc, "endpoints"), "VPC endpoint ID", ep.ID)
			for col, want := range map[string]string{
				"Name":          "S3-Private",
				"VPC ID":        c.demo.Account.VPCID + " | First-VPC",
				"Service name":  "com.amazonaws.us-east-1.s3",
				"Endpoint type": "Gateway",
				"Status":        "Available",
				"Creation time": "Monday, March 2, 2026 at 09:30:00 UTC",
			} {
				if got := row.text(col); got != want {
					t.Errorf("%s: got %q, want %q", col, got, want)
				}
			}
			if got, want := row.cells["VPC endpoint ID"].Find("a").AttrOr("href", ""), "/endpoints/"+ep.ID; got != want {
				t.Errorf("link: got %q, want %q", got, want)
			}
			if got := row.sel.Find("input[type=checkbox][name=id]").AttrOr("value", ""); tt.readOnly != (got == "") || (!tt.readOnly && got != ep.ID) {
				t.Errorf("row checkbox value %q on a console with read-only %v", got, tt.readOnly)
			}
		})
	}
}

func TestEndpointsListFilters(t *testing.T) {
	t.Parallel()
	clock := newSteppedClock()
	c := newConsole(t, withFake(fakeec2.Options{Clock: clock.Now}))
	calls := c.ec2
	a := c.demo.Account
	s3 := createS3Endpoint(t, c.demo, a.PrivateRouteTableID).ID
	dynamo := createGatewayEndpoint(t, c, a.VPCID, "dynamodb", a.MainRouteTableID, "DynamoDB-Main").ID
	s3Default := createGatewayEndpoint(t, c, a.DefaultVPCID, "s3", a.DefaultRouteTableID, "S3-Default").ID
	ssm := c.interfaceEndpoint(t) // pending: the clock does not move in this test
	const prefix = "com.amazonaws.us-east-1."

	for _, tt := range []struct {
		name  string
		query string
		want  []string
		// ec2Filtered: the filter goes to EC2 (Filter.N), not only to the page.
		ec2Filtered bool
	}{
		{"no filter", "", []string{s3, dynamo, s3Default, ssm}, false},
		{"First-VPC", "vpc=" + a.VPCID, []string{s3, dynamo, ssm}, true},
		{"the default VPC", "vpc=" + a.DefaultVPCID, []string{s3Default}, true},
		{"service S3", "service=" + prefix + "s3", []string{s3, s3Default}, true},
		{"service DynamoDB", "service=" + prefix + "dynamodb", []string{dynamo}, true},
		{"service SSM", "service=" + prefix + "ssm", []string{ssm}, true},
		{"type Gateway", "type=Gateway", []string{s3, dynamo, s3Default}, true},
		{"type Interface", "type=Interface", []string{ssm}, true},
		{"state pending", "state=pending", []string{ssm}, true},
		{"state available", "state=available", []string{s3, dynamo, s3Default}, true},
		{"VPC and service", "vpc=" + a.VPCID + "&service=" + prefix + "s3", []string{s3}, true},
		{"VPC, type and state", "vpc=" + a.VPCID + "&type=Gateway&state=available", []string{s3, dynamo}, true},
		{"words", "q=dynamodb", []string{dynamo}, false},
		{"nothing matches", "state=failed", nil, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := "/endpoints?" + tt.query
			var p page
			calls.during(func() { p = c.getOK(t, path) })
			rows := tableRows(t, p.doc, "endpoints")
			got := column(rows, "VPC endpoint ID")
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tt.want))
			if !slices.Equal(got, want) {
				t.Errorf("endpoints: got %q, want %q", got, want)
			}
			if got, want := text(p.doc.Find("#endpoints-heading .count")), "("+strconv.Itoa(len(tt.want))+")"; got != want {
				t.Errorf("count: got %s, want %s", got, want)
			}
			if len(tt.want) == 0 && !strings.HasPrefix(emptyState(p.doc, "endpoints"), "No endpoints match the filters") {
				t.Errorf("empty state: got %q, want it to say nothing matches", emptyState(p.doc, "endpoints"))
			}
			// The form shows the filters it applied.
			for _, f := range []struct{ name, selector string }{
				{"vpc", "select#vpc-filter"}, {"service", "select#service-filter"},
				{"type", "select#type-filter"}, {"state", "select#state-filter"},
			} {
				chosen := p.doc.Find(f.selector+" option[selected]").AttrOr("value", "")
				if want := queryValue(t, path, f.name); chosen != want {
					t.Errorf("%s filter shows %q, want %q", f.name, chosen, want)
				}
			}
		})
	}

	t.Run("the service filter offers the catalog", func(t *testing.T) {
		p := c.getOK(t, "/endpoints")
		var services []string
		p.doc.Find("select#service-filter option").Each(func(_ int, o *goquery.Selection) { services = append(services, o.AttrOr("value", "")) })
		for _, want := range []string{"", prefix + "s3", prefix + "dynamodb", prefix + "ssm"} {
			if !slices.Contains(services, want) {
				t.Errorf("service options: %q lacks %q", services, want)
			}
		}
	})
}

// TestEndpointsListPages: 130 endpoints are two pages of 100, read from EC2 a page at a time; a
// page past the end is the last one, a page that is not a number the first, and the links keep
// the filters.
func TestEndpointsListPages(t *testing.T) {
	t.Parallel()
	c := newConsole(t, withSeed(seed.Options{ExtraVPCs: 65}))
	var all []string
	for _, v := range c.demo.Account.ExtraVPCs {
		for _, service := range []string{"s3", "dynamodb"} {
			all = append(all, createGatewayEndpoint(t, c, v.VPCID, service, v.PrivateRouteTableID, "").ID)
		}
	}
	// EC2's order is the fake's, by id; within a page, unnamed endpoints sort by id too.
	slices.Sort(all)
	if len(all) != 130 {
		t.Fatalf("created %d endpoints, want 130", len(all))
	}

	type pager struct {
		status, prev, next string
	}
	pagerOf := func(doc *goquery.Document) pager {
		return pager{
			status: text(doc.Find(".pager span.muted")),
			prev:   doc.Find(`.pager a[rel=prev]`).AttrOr("href", ""),
			next:   doc.Find(`.pager a[rel=next]`).AttrOr("href", ""),
		}
	}
	var seen []string
	for _, tt := range []struct {
		path  string
		rows  []string
		pager pager
	}{
		{"/endpoints", all[:100], pager{"Endpoints 1–100", "", "/endpoints?page=2"}},
		{"/endpoints?page=2", all[100:], pager{"Endpoints 101–130", "/endpoints?page=1", ""}},
		{"/endpoints?page=99", all[100:], pager{"Endpoints 101–130", "/endpoints?page=1", ""}},
		{"/endpoints?page=nonsense", all[:100], pager{"Endpoints 1–100", "", "/endpoints?page=2"}},
		{"/endpoints?type=Gateway&page=2", all[100:], pager{"Endpoints 101–130", "/endpoints?page=1&type=Gateway", ""}},
	} {
		t.Run(tt.path, func(t *testing.T) {
			p := c.getOK(t, tt.path)
			got := column(tableRows(t, p.doc, "endpoints"), "VPC endpoint ID")
			if !slices.Equal(got, tt.rows) {
				t.Errorf("rows: got %d %q, want %d %q", len(got), got, len(tt.rows), tt.rows)
			}
			if got := pagerOf(p.doc); got != tt.pager {
				t.Errorf("pager: got %+v, want %+v", got, tt.pager)
			}
			if tt.path == "/endpoints" || tt.path == "/endpoints?page=2" {
				seen = append(seen, got...)
			}
		})
	}
	t.Run("the two pages hold every endpoint once", func(t *testing.T) {
		slices.Sort(seen)
		if !slices.Equal(seen, all) {
			t.Errorf("endpoints over both pages: got %d, want the %d created", len(seen), len(all))
		}
	})
	t.Run("a filter with one page has no pager links", func(t *testing.T) {
		p := c.getOK(t, "/endpoints?service=com.amazonaws.us-east-1.s3")
		if got, want := len(tableRows(t, p.doc, "endpoints")), 65; got != want {
			t.Errorf("rows: got %d, want %d", got, want)
		}
		if got, want := pagerOf(p.doc), (pager{"Endpoints 1–65 of 65", "", ""}); got != want {
			t.Errorf("pager: got %+v, want %+v", got, want)
		}
		if got := text(p.doc.Find("#endpoints-heading .count")); got != "(65)" {
			t.Errorf("count: got %s, want (65)", got)
		}
	})
}

// TestPendingEndpointRefreshes: an interface endpoint is pending for the fake's
// InterfaceEndpointDelay; meanwhile its page reloads itself with a meta refresh (no JavaScript
// needed) and says so, and stops once the endpoint is available.
func TestPendingEndpointRefreshes(t *testing.T) {
	t.Parallel()
	clock := newSteppedClock()
	c := newConsole(t, withFake(fakeec2.Options{Clock: clock.Now, InterfaceEndpointDelay: 20 * time.Second}), withCacheTTL(0)) // the fake's clock moves, not the cache's
	ssm := c.interfaceEndpoint(t)
	s3 := c.endpoint(t)
	const sentence = "This page refreshes every 5 seconds until it is available."

	check := func(t *testing.T, id, wantStatus string, wantRefresh bool) {
		t.Helper()
		for _, tab := range []string{"", "?tab=subnets"} {
			p := c.getOK(t, "/endpoints/"+id+tab)
			meta := p.doc.Find(`head meta[http-equiv="refresh"]`)
			if got := meta.Length() == 1; got != wantRefresh {
				t.Errorf("%s%s: meta refresh present %v, want %v", id, tab, got, wantRefresh)
			}
			if wantRefresh && meta.AttrOr("content", "") != "5" {
				t.Errorf("%s%s: meta refresh content %q, want \"5\" (the same page again)", id, tab, meta.AttrOr("content", ""))
			}
			if got := strings.Contains(text(p.doc.Find("main [role=status]")), sentence); got != wantRefresh {
				t.Errorf("%s%s: says it refreshes: %v, want %v", id, tab, got, wantRefresh)
			}
		}
		p := c.getOK(t, "/endpoints/"+id)
		if got := text(p.doc.Find("dl.summary dt:contains('Status') + dd")); got != wantStatus {
			t.Errorf("%s status: got %q, want %q", id, got, wantStatus)
		}
		row := findRow(t, tableRows(t, c.getOK(t, "/endpoints").doc, "endpoints"), "VPC endpoint ID", id)
		if got := row.text("Status"); got != wantStatus {
			t.Errorf("%s status in the list: got %q, want %q", id, got, wantStatus)
		}
	}

	t.Run("pending", func(t *testing.T) {
		check(t, ssm, "Pending", true)
		check(t, s3, "Available", false)
	})
	clock.Advance(19 * time.Second)
	t.Run("still pending a second before the delay", func(t *testing.T) {
		check(t, ssm, "Pending", true)
	})
	clock.Advance(time.Second)
	t.Run("available", func(t *testing.T) {
		check(t, ssm, "Available", false)
	})
}

// TestEndpointPagesCallCounts checks that the list and the endpoint page make no EC2 call per
// endpoint: with 200 endpoints they make the calls they make with one (the list reads one page of
// them either way).
func TestEndpointPagesCallCounts(t *testing.T) {
	t.Parallel()
	c := newConsole(t, withSeed(seed.Options{ExtraVPCs: 100}), withCacheTTL(0)) // every read reaches EC2, to be counted
	calls := c.ec2
	extra := c.demo.Account.ExtraVPCs
	first := createGatewayEndpoint(t, c, extra[0].VPCID, "s3", extra[0].PrivateRouteTableID, "first")
	pages := []string{
		"/endpoints",
		"/endpoints?page=8",
		"/endpoints?vpc=" + extra[0].VPCID,
		"/endpoints/" + first.ID,
		"/endpoints/" + first.ID + "?tab=route-tables",
		"/endpoints/" + first.ID + "?tab=tags",
	}
	measure := func() map[string]map[string]int {
		out := map[string]map[string]int{}
		for _, path := range pages {
			out[path] = calls.during(func() { c.getOK(t, path) })
		}
		return out
	}
	one := measure()

	for i, v := range extra {
		if i > 0 {
			createGatewayEndpoint(t, c, v.VPCID, "s3", v.PrivateRouteTableID, "")
		}
		createGatewayEndpoint(t, c, v.VPCID, "dynamodb", v.PrivateRouteTableID, "")
	}
	const total = 200
	if got := text(c.getOK(t, "/endpoints").doc.Find(".pager span.muted")); got != "Endpoints 1–100" {
		t.Fatalf("the list reads %q, want Endpoints 1–100", got)
	}
	many := measure()

	for _, path := range pages {
		t.Run(path, func(t *testing.T) {
			want := maps.Clone(one[path])
			if strings.HasPrefix(path, "/endpoints?") || path == "/endpoints" {
				// The list reads one page of endpoints either way. The first page of VPCs is not
				// all of them (102), so the Names of the VPCs the rows name are one more call,
				// which one endpoint may not need when its VPC is on that first page.
				if many[path]["DescribeVpcs"] > 2 {
					t.Errorf("DescribeVpcs: %d calls, want at most 2", many[path]["DescribeVpcs"])
				}
				want["DescribeVpcs"] = many[path]["DescribeVpcs"]
			}
			t.Logf("EC2 calls with 1 endpoint: %v; with %d: %v", one[path], total, many[path])
			if !maps.Equal(many[path], want) {
				t.Errorf("EC2 calls with %d endpoints: got %v, want %v (those with 1 endpoint: %v)", total, many[path], want, one[path])
			}
		})
	}
}
