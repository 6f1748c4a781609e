package web

import (
	"cmp"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"endpointconsole/ec2test"
	"endpointconsole/vpc"
)

// endpoint returns the id of a gateway S3 endpoint into RT-Private, creating it the first time,
// for the pages that show one endpoint.
func (c *console) endpoint(t *testing.T) string {
	t.Helper()
	if c.endpointID == "" {
		c.endpointID = createS3Endpoint(t, c.demo, c.demo.Account.PrivateRouteTableID).ID
	}
	return c.endpointID
}

// interfaceEndpoint returns the id of an SSM interface endpoint in Private-1a, creating it the
// first time, for the pages of interface endpoints.
func (c *console) interfaceEndpoint(t *testing.T) string {
	t.Helper()
	if c.interfaceEndpointID == "" {
		ep, err := c.demo.Service.CreateEndpoint(t.Context(), vpc.CreateEndpointRequest{
			VPCID:       c.demo.Account.VPCID,
			ServiceName: "com.amazonaws.us-east-1.ssm",
			Type:        vpc.TypeInterface,
			SubnetIDs:   c.demo.Account.PrivateSubnetIDs[:1],
		})
		if err != nil {
			t.Fatalf("create the SSM interface endpoint: %v", err)
		}
		c.interfaceEndpointID = ep.ID
	}
	return c.interfaceEndpointID
}

// text is a selection's text with white space collapsed, as a person reads it.
func text(s *goquery.Selection) string {
	return strings.Join(strings.Fields(s.Text()), " ")
}

// tableRow is one body row of a data table, its cells keyed by column heading.
type tableRow struct {
	sel   *goquery.Selection
	cells map[string]*goquery.Selection
}

func (r tableRow) text(column string) string {
	if c, ok := r.cells[column]; ok {
		return text(c)
	}
	return "<no column " + column + ">"
}

// tableRows reads the body rows of table#id, leaving out the empty-state row. It fails the test
// when the table is missing.
func tableRows(t *testing.T, doc *goquery.Document, id string) []tableRow {
	t.Helper()
	table := doc.Find("table#" + id)
	if table.Length() != 1 {
		t.Fatalf("got %d table#%s, want 1", table.Length(), id)
	}
	var headings []string
	table.Find("thead th").Each(func(_ int, th *goquery.Selection) { headings = append(headings, text(th)) })
	var rows []tableRow
	table.Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
		if tr.Find("td.empty").Length() > 0 {
			return
		}
		row := tableRow{sel: tr, cells: map[string]*goquery.Selection{}}
		tr.Find("td").Each(func(i int, td *goquery.Selection) {
			if i < len(headings) {
				row.cells[headings[i]] = td
			}
		})
		rows = append(rows, row)
	})
	return rows
}

// column lists one column of rows, in order.
func column(rows []tableRow, name string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.text(name)
	}
	return out
}

// findRow returns the row whose column holds want, failing the test when there is none.
func findRow(t *testing.T, rows []tableRow, col, want string) tableRow {
	t.Helper()
	for _, r := range rows {
		if r.text(col) == want {
			return r
		}
	}
	t.Fatalf("no row with %s %q; the column holds %q", col, want, column(rows, col))
	return tableRow{}
}

// emptyState is the title of a table's "nothing to show" row, or "".
func emptyState(doc *goquery.Document, id string) string {
	return text(doc.Find("table#" + id + " tbody td.empty strong"))
}

// navEntries is the left navigation, in order.
var navEntries = []string{"Your VPCs", "Subnets", "Route tables", "Internet gateways", "NAT gateways", "Endpoints", "Paths to S3 and DynamoDB"}

// layoutPage is a page of the console drawn in the common layout.
type layoutPage struct {
	name string
	path func(*testing.T, *console) string
	// pattern is the route the page exercises.
	pattern string
	// current is the navigation entry marked aria-current="page"; "" for none.
	current string
	// h1 is how the page's heading starts.
	h1 string
	// readWriteOnly pages change the account, so a read-only console does not have them.
	readWriteOnly bool
}

func fixed(path string) func(*testing.T, *console) string {
	return func(*testing.T, *console) string { return path }
}

// layoutPages is every page of the route table, with the demo account's ids where a page
// needs one. TestEveryGETRouteIsTested keeps it complete.
var layoutPages = []layoutPage{
	{"dashboard", fixed("/"), "/", "VPC dashboard", "VPC dashboard", false},
	{"your VPCs", fixed("/vpcs"), "/vpcs", "Your VPCs", "Your VPCs", false},
	{"subnets", fixed("/subnets"), "/subnets", "Subnets", "Subnets", false},
	{"subnets of First-VPC", func(_ *testing.T, c *console) string { return "/subnets?vpc=" + c.demo.Account.VPCID }, "/subnets", "Subnets", "Subnets", false},
	{"route tables", fixed("/route-tables"), "/route-tables", "Route tables", "Route tables", false},
	{"route tables of First-VPC", func(_ *testing.T, c *console) string { return "/route-tables?vpc=" + c.demo.Account.VPCID }, "/route-tables", "Route tables", "Route tables", false},
	{"RT-Private", func(_ *testing.T, c *console) string { return "/route-tables/" + c.demo.Account.PrivateRouteTableID }, "/route-tables/{id}", "Route tables", "rtb-", false},
	{"internet gateways", fixed("/internet-gateways"), "/internet-gateways", "Internet gateways", "Internet gateways", false},
	{"NAT gateways", fixed("/nat-gateways"), "/nat-gateways", "NAT gateways", "NAT gateways", false},
	{"endpoints", fixed("/endpoints"), "/endpoints", "Endpoints", "Endpoints", false},
	{"an endpoint", func(t *testing.T, c *console) string { return "/endpoints/" + c.endpoint(t) }, "/endpoints/{id}", "Endpoints", "vpce-", false},
	{"an endpoint as code", endpointPage("?tab=code"), "/endpoints/{id}", "Endpoints", "vpce-", false},
	{"create endpoint", fixed("/endpoints/new"), "/endpoints/new", "Endpoints", "Create endpoint", true},
	{"manage route tables", endpointPage("/route-tables"), "/endpoints/{id}/route-tables", "Endpoints", "Manage route tables", true},
	{"manage policy", endpointPage("/policy"), "/endpoints/{id}/policy", "Endpoints", "Manage policy", true},
	{"manage tags", endpointPage("/tags"), "/endpoints/{id}/tags", "Endpoints", "Manage tags", true},
	{"manage network", func(t *testing.T, c *console) string { return "/endpoints/" + c.interfaceEndpoint(t) + "/network" },
		"/endpoints/{id}/network", "Endpoints", "Manage subnets, security groups and DNS", true},
	{"delete endpoints", func(t *testing.T, c *console) string { return "/endpoints/delete?id=" + c.endpoint(t) },
		"/endpoints/delete", "Endpoints", "Delete VPC endpoints", true},
	{"reset demo account", fixed("/demo/reset"), "/demo/reset", "", "Reset demo account", true},
	{"audit", fixed("/audit"), "/audit", "Paths to S3 and DynamoDB", "Audit", false},
	{"audit of First-VPC", func(_ *testing.T, c *console) string { return "/audit/vpcs/" + c.demo.Account.VPCID },
		"/audit/vpcs/{id}", "Paths to S3 and DynamoDB", "Audit of", false},
}

// endpointPage is the path of one of the S3 endpoint's pages.
func endpointPage(suffix string) func(*testing.T, *console) string {
	return func(t *testing.T, c *console) string { return "/endpoints/" + c.endpoint(t) + suffix }
}

// otherGETPatterns are the GET routes that are not layout pages, each tested on its own.
var otherGETPatterns = []string{"/healthz", "/readyz", "/metrics", "/static/*", "/audit/export.json", "/audit/subnets.csv", "/audit/findings.csv",
	"/audit/vpcs/{id}/diagram.svg", "/switch-region"}

func TestEveryPageRendersInTheLayout(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	cmd := "aws --endpoint-url " + c.demo.URL + " --region us-east-1 ec2 describe-route-tables"
	for _, tt := range layoutPages {
		t.Run(tt.name, func(t *testing.T) {
			p := c.getOK(t, tt.path(t, c))
			if got, want := p.header.Get("Content-Type"), "text/html; charset=utf-8"; got != want {
				t.Errorf("Content-Type: got %q, want %q", got, want)
			}

			var entries []string
			p.doc.Find("nav.sidenav ul li a").Each(func(_ int, a *goquery.Selection) { entries = append(entries, text(a)) })
			if !slices.Equal(entries, navEntries) {
				t.Errorf("navigation: got %q, want %q", entries, navEntries)
			}
			var current []string
			p.doc.Find(`nav.sidenav a[aria-current="page"]`).Each(func(_ int, a *goquery.Selection) { current = append(current, text(a)) })
			var wantCurrent []string
			if tt.current != "" {
				wantCurrent = []string{tt.current}
			}
			if !slices.Equal(current, wantCurrent) {
				t.Errorf(`navigation entries with aria-current="page": got %q, want %q`, current, wantCurrent)
			}

			h1 := p.doc.Find("main h1")
			if h1.Length() != 1 {
				t.Fatalf("got %d <h1> in <main>, want 1", h1.Length())
			}
			if got := text(h1); !strings.HasPrefix(got, tt.h1) {
				t.Errorf("h1: got %q, want it to start with %q", got, tt.h1)
			}
			if got := text(p.doc.Find(".banner-demo[role=note]")); !strings.HasPrefix(got, "Demo account:") {
				t.Errorf("demo banner: got %q, want the demo account's note", got)
			}
			if n := p.doc.Find(".banner-readonly").Length(); n != 0 {
				t.Errorf("got %d read-only banners on a console that may change the account, want 0", n)
			}

			var codes []string
			p.doc.Find("footer.site-footer code").Each(func(_ int, code *goquery.Selection) { codes = append(codes, text(code)) })
			if !slices.Contains(codes, c.demo.URL) {
				t.Errorf("footer code: got %q, want the fake EC2 URL %q", codes, c.demo.URL)
			}
			if !slices.Contains(codes, cmd) {
				t.Errorf("footer code: got %q, want the command %q", codes, cmd)
			}
		})
	}
}

func TestHealthz(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	p := c.getOK(t, "/healthz")
	if got, want := p.body, "ok\n"; got != want {
		t.Errorf("body: got %q, want %q", got, want)
	}
	if got, want := p.header.Get("Content-Type"), "text/plain; charset=utf-8"; got != want {
		t.Errorf("Content-Type: got %q, want %q", got, want)
	}
}

// TestEveryGETRouteIsTested fails when a GET route is added without a page in layoutPages (or
// in otherGETPatterns), so every page gets the layout, security and link checks.
func TestEveryGETRouteIsTested(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	tested := map[string]bool{}
	for _, p := range layoutPages {
		tested[p.pattern] = true
	}
	for _, p := range otherGETPatterns {
		tested[p] = true
	}
	routes := map[string]bool{}
	for _, route := range c.server.Routes() {
		if method, pattern, _ := strings.Cut(route, " "); method == http.MethodGet {
			// A Region's pages are the same under /regions/{region} (TestSecondRegionPagesStayInTheirRegion)
			// and /accounts/{account}/regions/{region} (TestAccountSwitcher).
			for _, prefix := range []string{"/regions/{region}", "/accounts/{account}/regions/{region}"} {
				if rest, ok := strings.CutPrefix(pattern, prefix); ok {
					pattern = cmp.Or(rest, "/")
				}
			}
			routes[pattern] = true
		}
	}
	for pattern := range routes {
		if !tested[pattern] {
			t.Errorf("GET %s has no case in layoutPages or otherGETPatterns; add one", pattern)
		}
	}
	for pattern := range tested {
		if !routes[pattern] {
			t.Errorf("tested pattern %s is not a GET route of the console", pattern)
		}
	}
}

func TestDashboardCountsResources(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	subnets, err := c.demo.Service.Subnets(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	rows := tableRows(t, c.getOK(t, "/").doc, "resources")
	for _, tt := range []struct {
		resource, count, href string
	}{
		{"VPCs", "2", "/vpcs"},
		{"Subnets", strconv.Itoa(len(subnets)), "/subnets"},
		{"Route tables", "3", "/route-tables"},
		{"Internet gateways", "2", "/internet-gateways"},
		{"NAT gateways", "1", "/nat-gateways"},
		{"Endpoints", "0", "/endpoints"},
	} {
		t.Run(tt.resource, func(t *testing.T) {
			row := findRow(t, rows, "Resource", tt.resource)
			if got := row.text("Count"); got != tt.count {
				t.Errorf("count: got %s, want %s", got, tt.count)
			}
			if got, _ := row.cells["Resource"].Find("a").Attr("href"); got != tt.href {
				t.Errorf("link: got %q, want %q", got, tt.href)
			}
		})
	}
}

// TestDashboardLeadsToEndpointsAndAudit: the dashboard is where a person starts, so it offers
// Create endpoint (only where they may change the account) and the audit.
func TestDashboardLeadsToEndpointsAndAudit(t *testing.T) {
	t.Parallel()
	links := func(c *console) map[string]string {
		out := map[string]string{}
		c.getOK(t, "/").doc.Find(`section[aria-labelledby="private-access-heading"] a`).Each(func(_ int, a *goquery.Selection) {
			out[text(a)] = a.AttrOr("href", "")
		})
		return out
	}
	if got, want := links(newConsole(t)), map[string]string{"Create endpoint": "/endpoints/new", "Audit paths to S3 and DynamoDB": "/audit"}; !maps.Equal(got, want) {
		t.Errorf("read-write dashboard links: got %q, want %q", got, want)
	}
	if got, want := links(newConsole(t, withReadOnly(true))), map[string]string{"Audit paths to S3 and DynamoDB": "/audit"}; !maps.Equal(got, want) {
		t.Errorf("read-only dashboard links: got %q, want %q", got, want)
	}
}

func TestYourVPCsListsVPCsWithMainRouteTables(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	a := c.demo.Account
	rows := tableRows(t, c.getOK(t, "/vpcs").doc, "vpcs")
	if got, want := len(rows), 2; got != want {
		t.Errorf("rows: got %d, want %d (%q)", got, want, column(rows, "VPC ID"))
	}
	for _, tt := range []struct {
		name, id, cidr, mainTable, isDefault string
	}{
		{"First-VPC", a.VPCID, "10.10.0.0/16", a.MainRouteTableID, "No"},
		{"–", a.DefaultVPCID, "172.31.0.0/16", a.DefaultRouteTableID, "Yes"},
	} {
		t.Run(tt.cidr, func(t *testing.T) {
			row := findRow(t, rows, "VPC ID", tt.id)
			for col, want := range map[string]string{
				"Name": tt.name, "IPv4 CIDR": tt.cidr, "Main route table": tt.mainTable,
				"Default VPC": tt.isDefault, "State": "Available", "Owner ID": "123456789012",
			} {
				if got := row.text(col); got != want {
					t.Errorf("%s: got %q, want %q", col, got, want)
				}
			}
			if got, want := row.cells["Main route table"].Find("a").AttrOr("href", ""), "/route-tables/"+tt.mainTable; got != want {
				t.Errorf("main route table link: got %q, want %q", got, want)
			}
		})
	}
}

func TestSubnetsShowTheirEffectiveRouteTable(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	a := c.demo.Account
	rows := tableRows(t, c.getOK(t, "/subnets?vpc="+a.VPCID).doc, "subnets")
	if got, want := len(rows), 5; got != want {
		t.Fatalf("subnets of First-VPC: got %d, want %d (%q)", got, want, column(rows, "Name"))
	}
	public := a.MainRouteTableID + " | First-RT (main)"
	private := a.PrivateRouteTableID + " | RT-Private"
	for _, tt := range []struct {
		subnetID, name, routeTable, href string
	}{
		{a.PublicSubnetIDs[0], "Public-1a", public, a.MainRouteTableID},
		{a.PublicSubnetIDs[1], "Public-1b", public, a.MainRouteTableID},
		{a.PrivateSubnetIDs[0], "Private-1a", private, a.PrivateRouteTableID},
		{a.PrivateSubnetIDs[1], "Private-1b", private, a.PrivateRouteTableID},
		{a.PrivateSubnetIDs[2], "Private-1c", private, a.PrivateRouteTableID},
	} {
		t.Run(tt.name, func(t *testing.T) {
			row := findRow(t, rows, "Subnet ID", tt.subnetID)
			if got := row.text("Name"); got != tt.name {
				t.Errorf("name: got %q, want %q", got, tt.name)
			}
			if got := row.text("Route table"); got != tt.routeTable {
				t.Errorf("route table: got %q, want %q", got, tt.routeTable)
			}
			if got, want := row.cells["Route table"].Find("a").AttrOr("href", ""), "/route-tables/"+tt.href; got != want {
				t.Errorf("route table link: got %q, want %q", got, want)
			}
			if got, want := row.text("VPC"), a.VPCID+" | First-VPC"; got != want {
				t.Errorf("VPC: got %q, want %q", got, want)
			}
		})
	}
}

func TestRouteTablesList(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	a := c.demo.Account
	rows := tableRows(t, c.getOK(t, "/route-tables").doc, "route-tables")
	for _, tt := range []struct {
		id, name, explicit, main, vpc string
	}{
		{a.MainRouteTableID, "First-RT", "–", "Yes", a.VPCID + " | First-VPC"},
		{a.PrivateRouteTableID, "RT-Private", "3 subnets", "No", a.VPCID + " | First-VPC"},
		{a.DefaultRouteTableID, "–", "–", "Yes", a.DefaultVPCID},
	} {
		t.Run(tt.name+" "+tt.id, func(t *testing.T) {
			row := findRow(t, rows, "Route table ID", tt.id)
			for col, want := range map[string]string{
				"Name": tt.name, "Explicit subnet associations": tt.explicit, "Main": tt.main, "VPC": tt.vpc,
			} {
				if got := row.text(col); got != want {
					t.Errorf("%s: got %q, want %q", col, got, want)
				}
			}
			if got, want := row.cells["Route table ID"].Find("a").AttrOr("href", ""), "/route-tables/"+tt.id; got != want {
				t.Errorf("link: got %q, want %q", got, want)
			}
		})
	}
}

// TestRouteTablesListShowsEndpointRoutes: the list says which tables route a service through a
// gateway endpoint, linking the endpoint, and which route nothing through one.
func TestRouteTablesListShowsEndpointRoutes(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	a := c.demo.Account
	ep := createS3Endpoint(t, c.demo, a.PrivateRouteTableID)
	rows := tableRows(t, c.getOK(t, "/route-tables").doc, "route-tables")
	private := findRow(t, rows, "Route table ID", a.PrivateRouteTableID)
	if got, want := private.text("Endpoint routes"), "s3 → "+ep.ID; got != want {
		t.Errorf("RT-Private: got %q, want %q", got, want)
	}
	if got, want := private.cells["Endpoint routes"].Find("a").AttrOr("href", ""), "/endpoints/"+ep.ID; got != want {
		t.Errorf("RT-Private's endpoint link: got %q, want %q", got, want)
	}
	if got := findRow(t, rows, "Route table ID", a.MainRouteTableID).text("Endpoint routes"); got != "–" {
		t.Errorf("First-RT: got %q, want –", got)
	}
}

// TestOneFilterFormPerList: a list narrowed by VPC and by text has one filter form, whose one
// button sends both, as the console's lists do.
func TestOneFilterFormPerList(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	a := c.demo.Account
	for _, path := range []string{"/subnets", "/route-tables", "/nat-gateways"} {
		t.Run(path, func(t *testing.T) {
			forms := c.getOK(t, path+"?vpc="+a.VPCID+"&q=First").doc.Find("main form[method=get]")
			if forms.Length() != 1 {
				t.Fatalf("got %d filter forms, want one", forms.Length())
			}
			if got := forms.Find(`select[name=vpc] option[selected]`).AttrOr("value", ""); got != a.VPCID {
				t.Errorf("VPC chosen: got %q, want %s", got, a.VPCID)
			}
			if got := forms.Find(`input[name=q]`).AttrOr("value", ""); got != "First" {
				t.Errorf("text filter: got %q, want First", got)
			}
			if n := forms.Find(`button[type=submit]`).Length(); n != 1 {
				t.Errorf("got %d buttons, want one", n)
			}
		})
	}
}

func TestFiltersNarrowRows(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	a := c.demo.Account
	for _, tt := range []struct {
		name  string
		path  string
		table string
		// column and want: the rows left, by that column.
		column string
		want   []string
	}{
		{"route tables by name", "/route-tables?q=RT-Private", "route-tables", "Route table ID", []string{a.PrivateRouteTableID}},
		{"route tables by VPC", "/route-tables?vpc=" + a.VPCID, "route-tables", "Name", []string{"First-RT", "RT-Private"}},
		{"route tables of the default VPC", "/route-tables?vpc=" + a.DefaultVPCID, "route-tables", "Route table ID", []string{a.DefaultRouteTableID}},
		{"route tables by VPC and name", "/route-tables?vpc=" + a.VPCID + "&q=private", "route-tables", "Name", []string{"RT-Private"}},
		{"route tables matching nothing", "/route-tables?q=no-such-table", "route-tables", "Name", nil},
		{"VPCs by name", "/vpcs?q=First", "vpcs", "VPC ID", []string{a.VPCID}},
		{"VPCs by CIDR", "/vpcs?q=172.31.", "vpcs", "VPC ID", []string{a.DefaultVPCID}},
		{"subnets by name", "/subnets?q=Private-1", "subnets", "Name", []string{"Private-1a", "Private-1b", "Private-1c"}},
		{"subnets by route table", "/subnets?vpc=" + a.VPCID + "&q=First-RT", "subnets", "Name", []string{"Public-1a", "Public-1b"}},
		{"NAT gateways of First-VPC", "/nat-gateways?vpc=" + a.VPCID, "nat-gateways", "NAT gateway ID", []string{a.NATGatewayID}},
		{"NAT gateways of the default VPC", "/nat-gateways?vpc=" + a.DefaultVPCID, "nat-gateways", "NAT gateway ID", nil},
		{"internet gateways by id", "/internet-gateways?q=" + a.InternetGatewayID, "internet-gateways", "Internet gateway ID", []string{a.InternetGatewayID}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := c.getOK(t, tt.path)
			got := column(tableRows(t, p.doc, tt.table), tt.column)
			if !slices.Equal(got, tt.want) {
				t.Errorf("rows by %s: got %q, want %q", tt.column, got, tt.want)
			}
			if len(tt.want) == 0 && emptyState(p.doc, tt.table) == "" {
				t.Errorf("no rows and no empty-state sentence")
			}
			if got, want := p.doc.Find("input[type=search][name=q]").AttrOr("value", ""), queryValue(t, tt.path, "q"); got != want {
				t.Errorf("filter box keeps the query: got %q, want %q", got, want)
			}
		})
	}
}

func queryValue(t *testing.T, path, key string) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req.URL.Query().Get(key)
}

func TestNATGatewaysShowTheirVPC(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	a := c.demo.Account
	rows := tableRows(t, c.getOK(t, "/nat-gateways").doc, "nat-gateways")
	if got, want := len(rows), 1; got != want {
		t.Fatalf("rows: got %d, want %d", got, want)
	}
	row := findRow(t, rows, "NAT gateway ID", a.NATGatewayID)
	for col, want := range map[string]string{
		"Name": "First-NAT", "VPC": a.VPCID + " | First-VPC", "Subnet": a.PublicSubnetIDs[0], "State": "Available",
	} {
		if got := row.text(col); got != want {
			t.Errorf("%s: got %q, want %q", col, got, want)
		}
	}
}

func TestEndpointsEmptyState(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name     string
		readOnly bool
		path     string
		want     string
		wantHint string
	}{
		{"Region", false, "/endpoints", "No endpoints in this Region yet", "Create an endpoint"},
		{"read-only", true, "/endpoints", "No endpoints in this Region yet", "read-only"},
		{"filtered", false, "/endpoints?q=s3", "No endpoints match the filter", ""},
		{"of a VPC", false, "/endpoints?vpc=vpc-0123456789abcdef0", "No endpoints in this VPC yet", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := newConsole(t, withReadOnly(tt.readOnly))
			p := c.getOK(t, tt.path)
			if rows := tableRows(t, p.doc, "endpoints"); len(rows) != 0 {
				t.Errorf("rows: got %d, want none", len(rows))
			}
			if got := emptyState(p.doc, "endpoints"); !strings.HasPrefix(got, tt.want) {
				t.Errorf("empty state: got %q, want %q", got, tt.want)
			}
			if got := text(p.doc.Find("table#endpoints td.empty")); !strings.Contains(got, tt.wantHint) {
				t.Errorf("empty-state hint: got %q, want it to contain %q", got, tt.wantHint)
			}
		})
	}
}

// createS3Endpoint creates a gateway S3 endpoint in First-VPC into the given route tables, as the
// wizard will.
func createS3Endpoint(t *testing.T, demo ec2test.Demo, routeTableIDs ...string) vpc.Endpoint {
	t.Helper()
	ep, err := demo.Service.CreateEndpoint(t.Context(), vpc.CreateEndpointRequest{
		VPCID:         demo.Account.VPCID,
		ServiceName:   "com.amazonaws.us-east-1.s3",
		Type:          vpc.TypeGateway,
		RouteTableIDs: routeTableIDs,
		Tags:          vpc.Tags{{Key: "Name", Value: "S3-Private"}},
	})
	if err != nil {
		t.Fatalf("create the S3 gateway endpoint: %v", err)
	}
	return ep
}

// TestGatewayEndpointRouteIsHighlighted is the console's key feature: after a gateway endpoint
// is created into RT-Private, that table shows the pl-… → vpce-… route highlighted, labelled and
// written in full, and no other route or table is highlighted.
func TestGatewayEndpointRouteIsHighlighted(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	a := c.demo.Account
	ep := createS3Endpoint(t, c.demo, a.PrivateRouteTableID)

	t.Run("RT-Private", func(t *testing.T) {
		p := c.getOK(t, "/route-tables/"+a.PrivateRouteTableID)
		highlighted := p.doc.Find("table#routes tbody tr.endpoint-route")
		if got, want := highlighted.Length(), 1; got != want {
			t.Fatalf("highlighted routes: got %d, want %d", got, want)
		}
		rows := tableRows(t, p.doc, "routes")
		if got, want := len(rows), 3; got != want {
			t.Errorf("routes: got %d, want %d (%q)", got, want, column(rows, "Destination"))
		}
		const destination = "pl-63a5400a (com.amazonaws.us-east-1.s3, 52.216.0.0/15, 3.5.0.0/19, 54.231.0.0/16)"
		route := findRow(t, rows, "Destination", destination)
		if !route.sel.IsSelection(highlighted) {
			t.Errorf("the highlighted row is not the %s route", destination)
		}
		target := route.cells["Target"]
		if got, want := text(target.Find("a")), ep.ID; got != want {
			t.Errorf("target link text: got %q, want %q", got, want)
		}
		if got := target.Find("a").AttrOr("href", ""); !strings.Contains(got, ep.ID) {
			t.Errorf("target link: got %q, want a link to %s", got, ep.ID)
		}
		if got, want := text(target.Find(".route-badge")), "Gateway endpoint"; got != want {
			t.Errorf("target label: got %q, want %q (the highlight must not be colour alone)", got, want)
		}
		if got, want := route.text("Status"), "Active"; got != want {
			t.Errorf("status: got %q, want %q", got, want)
		}
		if got, want := route.text("Propagated"), "No"; got != want {
			t.Errorf("propagated: got %q, want %q", got, want)
		}
		for _, tt := range []struct{ destination, target string }{
			{"10.10.0.0/16", "local"},
			{"0.0.0.0/0", a.NATGatewayID},
		} {
			row := findRow(t, rows, "Destination", tt.destination)
			if got := row.text("Target"); got != tt.target {
				t.Errorf("%s target: got %q, want %q", tt.destination, got, tt.target)
			}
			if row.sel.HasClass("endpoint-route") || row.sel.Find(".route-badge").Length() > 0 {
				t.Errorf("%s → %s is highlighted; only the endpoint's route may be", tt.destination, tt.target)
			}
		}
		if got, want := text(p.doc.Find("h1")), a.PrivateRouteTableID+" / RT-Private"; got != want {
			t.Errorf("h1: got %q, want %q", got, want)
		}
		explicit := column(tableRows(t, p.doc, "explicit-subnets"), "Subnet ID")
		if !slices.Equal(explicit, a.PrivateSubnetIDs) {
			t.Errorf("explicit subnet associations: got %q, want %q", explicit, a.PrivateSubnetIDs)
		}
	})

	t.Run("First-RT is not changed", func(t *testing.T) {
		p := c.getOK(t, "/route-tables/"+a.MainRouteTableID)
		if n := p.doc.Find("table#routes tr.endpoint-route, table#routes .route-badge").Length(); n != 0 {
			t.Errorf("highlighted routes in First-RT: got %d, want 0", n)
		}
		got := column(tableRows(t, p.doc, "routes"), "Destination")
		if want := []string{"10.10.0.0/16", "0.0.0.0/0"}; !slices.Equal(got, want) {
			t.Errorf("First-RT destinations: got %q, want %q", got, want)
		}
		implicit := column(tableRows(t, p.doc, "implicit-subnets"), "Subnet ID")
		if !slices.Equal(implicit, a.PublicSubnetIDs) {
			t.Errorf("subnets without explicit associations: got %q, want %q", implicit, a.PublicSubnetIDs)
		}
	})

	t.Run("Endpoints lists it", func(t *testing.T) {
		p := c.getOK(t, "/endpoints")
		rows := tableRows(t, p.doc, "endpoints")
		if got, want := len(rows), 1; got != want {
			t.Fatalf("endpoints: got %d, want %d", got, want)
		}
		row := findRow(t, rows, "VPC endpoint ID", ep.ID)
		for col, want := range map[string]string{
			"Name": "S3-Private", "VPC ID": a.VPCID + " | First-VPC", "Service name": "com.amazonaws.us-east-1.s3",
			"Endpoint type": "Gateway", "Status": "Available",
		} {
			if got := row.text(col); got != want {
				t.Errorf("%s: got %q, want %q", col, got, want)
			}
		}
		if got := emptyState(p.doc, "endpoints"); got != "" {
			t.Errorf("empty state shown beside an endpoint: %q", got)
		}
	})
}

// TestEveryLinkResolves follows every link, stylesheet and script of every page, with an
// endpoint in the account so that the endpoint's links are there too.
func TestEveryLinkResolves(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	c.endpoint(t)
	seen := map[string]string{}
	for _, lp := range layoutPages {
		from := lp.path(t, c)
		p := c.getOK(t, from)
		// Forms are left out: they need their fields (TestFiltersNarrowRows submits the filters).
		p.doc.Find("a[href], link[href], script[src]").Each(func(_ int, s *goquery.Selection) {
			for _, attr := range []string{"href", "src"} {
				if v, ok := s.Attr(attr); ok && strings.HasPrefix(v, "/") {
					if _, done := seen[v]; !done {
						seen[v] = from
					}
				}
			}
		})
	}
	links := make([]string, 0, len(seen))
	for link := range seen {
		links = append(links, link)
	}
	slices.Sort(links)
	for _, link := range links {
		t.Run(link, func(t *testing.T) {
			if p := c.get(t, link); p.status != http.StatusOK {
				t.Errorf("GET %s (linked from %s): got status %d, want 200", link, seen[link], p.status)
			}
		})
	}
}

// forbiddenErrorText is what only a Go or SDK error string would put on a page.
var forbiddenErrorText = []string{"operation error", "api error", "StatusCode", "RequestLimitExceeded",
	"InvalidRouteTableID", "smithy", "goroutine", ".go:"}

func TestErrorPages(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name        string
		path        func(*testing.T, *console) string
		setup       func(*console)
		wantStatus  int
		wantHeading string
		wantTry     bool
	}{
		{"unknown path", fixed("/no-such-page"), nil, http.StatusNotFound, "Not found", false},
		{"unknown route table", fixed("/route-tables/rtb-0123456789abcdef0"), nil, http.StatusNotFound, "Not found", false},
		{"unknown endpoint", fixed("/endpoints/vpce-0123456789abcdef0"), nil, http.StatusNotFound, "Not found", false},
		{"throttled", func(_ *testing.T, c *console) string { return "/route-tables/" + c.demo.Account.PrivateRouteTableID },
			func(c *console) { c.demo.Fake.SetConditions(0, 0.999) }, http.StatusServiceUnavailable, "EC2 is busy", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := newConsole(t)
			if tt.setup != nil {
				tt.setup(c)
			}
			p := c.get(t, tt.path(t, c))
			if p.status != tt.wantStatus {
				t.Fatalf("status: got %d, want %d; body:\n%s", p.status, tt.wantStatus, p.body)
			}
			if got, want := p.header.Get("Content-Type"), "text/html; charset=utf-8"; got != want {
				t.Errorf("Content-Type: got %q, want %q", got, want)
			}
			if got := text(p.doc.Find("main h1")); got != tt.wantHeading {
				t.Errorf("h1: got %q, want %q", got, tt.wantHeading)
			}
			if n := p.doc.Find("nav.sidenav ul li a").Length(); n != len(navEntries) {
				t.Errorf("navigation entries: got %d, want the layout's %d", n, len(navEntries))
			}
			if p.doc.Find("footer.site-footer").Length() != 1 || p.doc.Find(".banner-demo").Length() != 1 {
				t.Errorf("the error page lacks the layout's footer or demo banner")
			}
			message := text(p.doc.Find("section[role=alert] p").First())
			if len(message) < 20 || !strings.HasSuffix(message, ".") {
				t.Errorf("message: got %q, want a sentence", message)
			}
			tryAgain := p.doc.Find("section[role=alert] a").FilterFunction(func(_ int, a *goquery.Selection) bool {
				return text(a) == "Try again"
			})
			if got := tryAgain.Length() == 1; got != tt.wantTry {
				t.Errorf("offers Try again: got %v, want %v", got, tt.wantTry)
			}
			if id := p.header.Get("X-Request-Id"); id == "" || text(p.doc.Find("section[role=alert] code")) != id {
				t.Errorf("request ID: header %q, page shows %q; want the same, non-empty", id, text(p.doc.Find("section[role=alert] code")))
			}
			for _, s := range forbiddenErrorText {
				if strings.Contains(p.body, s) {
					t.Errorf("the page shows %q, Go or SDK error text:\n%s", s, message)
				}
			}
		})
	}
}
