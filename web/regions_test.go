package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"endpointconsole/ec2test"
	"endpointconsole/vpc"
	"endpointconsole/vpc/seed"
)

// west is the prefix of the second Region's pages.
const west = "/regions/" + seed.SecondRegionName

// inWest is the console seen through the second Region's URLs: c.URL ends with west, so that
// the helpers that ask for "/endpoints/new" (startWizard) ask for its us-west-2 page.
func (c *console) inWest() *console {
	out := *c
	out.URL = c.URL + west
	return &out
}

// regionSwitcher is the header's Region switcher of a page: the URL its Go button asks for with
// region chosen, and the Regions it offers, the selected one first.
func regionSwitcher(t *testing.T, p page, region string) (target string, selected string, offered []string) {
	t.Helper()
	form := p.doc.Find("header form.region-switch")
	if form.Length() != 1 {
		t.Fatalf("got %d Region switchers in the header, want 1", form.Length())
	}
	if got := strings.ToLower(form.AttrOr("method", "")); got != "get" {
		t.Errorf("switcher method: got %q, want get", got)
	}
	sel := form.Find("select[name=region]")
	if id := sel.AttrOr("id", ""); id == "" || form.Find("label[for="+id+"]").Length() != 1 {
		t.Errorf("the Region select has no label")
	}
	if form.Find("button[type=submit]").Length() != 1 {
		t.Errorf("the switcher has no Go button, so it needs JavaScript")
	}
	sel.Find("option").Each(func(_ int, o *goquery.Selection) {
		offered = append(offered, o.AttrOr("value", ""))
		if _, ok := o.Attr("selected"); ok {
			selected = o.AttrOr("value", "")
		}
	})
	q := url.Values{"region": {region}}
	form.Find("input[type=hidden]").Each(func(_ int, in *goquery.Selection) {
		q.Add(in.AttrOr("name", ""), in.AttrOr("value", ""))
	})
	return form.AttrOr("action", "") + "?" + q.Encode(), selected, offered
}

// switchLeadsTo is where switching Region from each page of layoutPages leads: the same list, the
// list of the resource's kind for a page of one resource, the wizard for the wizard.
var switchLeadsTo = map[string]string{
	"/":                            "/",
	"/vpcs":                        "/vpcs",
	"/subnets":                     "/subnets",
	"/route-tables":                "/route-tables",
	"/route-tables/{id}":           "/route-tables",
	"/internet-gateways":           "/internet-gateways",
	"/nat-gateways":                "/nat-gateways",
	"/endpoints":                   "/endpoints",
	"/endpoints/{id}":              "/endpoints",
	"/endpoints/new":               "/endpoints/new",
	"/endpoints/{id}/route-tables": "/endpoints",
	"/endpoints/{id}/policy":       "/endpoints",
	"/endpoints/{id}/tags":         "/endpoints",
	"/endpoints/{id}/network":      "/endpoints",
	"/endpoints/delete":            "/endpoints",
	"/demo/reset":                  "/",
	"/audit":                       "/audit",
	"/audit/vpcs/{id}":             "/audit",
}

// TestRegionSwitchKeepsTheKindOfPage submits the switcher of every page, as a browser without
// JavaScript does (its Go button), and lands on the same kind of page in us-west-2; and back.
func TestRegionSwitchKeepsTheKindOfPage(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	direct := c.noRedirects()
	for _, lp := range layoutPages {
		t.Run(lp.name, func(t *testing.T) {
			want, ok := switchLeadsTo[lp.pattern]
			if !ok {
				t.Fatalf("no case for %s in switchLeadsTo: say where switching Region from it leads", lp.pattern)
			}
			from := lp.path(t, c)
			target, selected, offered := regionSwitcher(t, c.getOK(t, from), seed.SecondRegionName)
			if selected != "us-east-1" || !slices.Equal(offered, []string{"us-east-1", "us-west-2"}) {
				t.Errorf("switcher: selected %q of %v, want us-east-1 of [us-east-1 us-west-2]", selected, offered)
			}
			p := direct.get(t, target)
			if p.status != http.StatusSeeOther {
				t.Fatalf("GET %s: got status %d, want 303", target, p.status)
			}
			if got := p.header.Get("Location"); got != west+want {
				t.Fatalf("switching from %s: Location %q, want %q", from, got, west+want)
			}
			there := c.getOK(t, west+want)
			back, selected, _ := regionSwitcher(t, there, "us-east-1")
			if selected != seed.SecondRegionName {
				t.Errorf("GET %s: the switcher shows %q, want us-west-2", west+want, selected)
			}
			if got := navCurrent(there); got != navCurrent(c.getOK(t, want)) {
				t.Errorf("GET %s: the menu marks %q, the same page of us-east-1 %q", west+want, got, navCurrent(c.getOK(t, want)))
			}
			// And back: the prefix of the page switched from is no part of the target.
			if got := direct.get(t, back).header.Get("Location"); got != "/regions/us-east-1"+want {
				t.Errorf("switching back: Location %q, want %q", got, "/regions/us-east-1"+want)
			}
		})
	}
	t.Run("from a page of one us-west-2 resource", func(t *testing.T) {
		for from, want := range map[string]string{
			west + "/route-tables/" + c.west.RouteTableID:      "/regions/us-east-1/route-tables",
			west + "/endpoints/" + c.west.EndpointID + "/tags": "/regions/us-east-1/endpoints",
			west + "/audit/vpcs/" + c.west.VPCID:               "/regions/us-east-1/audit",
			west + "/subnets?vpc=" + c.west.VPCID:              "/regions/us-east-1/subnets",
			west + "/endpoints/new":                            "/regions/us-east-1/endpoints/new",
			west + "/":                                         "/regions/us-east-1/",
			west:                                               "/regions/us-east-1/",
		} {
			target, _, _ := regionSwitcher(t, c.getOK(t, from), "us-east-1")
			if got := direct.get(t, target).header.Get("Location"); got != want {
				t.Errorf("switching from %s: Location %q, want %q", from, got, want)
			}
		}
	})
}

// navCurrent is the menu entry a page marks as current.
func navCurrent(p page) string {
	return text(p.doc.Find(".sidenav [aria-current=page]"))
}

// westPages are the pages of the second Region, one for every pattern of layoutPages, with
// Oregon-VPC's ids.
func westPages(t *testing.T, c *console) map[string]string {
	t.Helper()
	w := c.west
	svc, err := c.regions.In(seed.SecondRegionName)
	if err != nil {
		t.Fatal(err)
	}
	ssm, err := svc.CreateEndpoint(t.Context(), vpc.CreateEndpointRequest{
		VPCID: w.VPCID, ServiceName: "com.amazonaws.us-west-2.ssm", Type: vpc.TypeInterface, SubnetIDs: []string{w.SubnetID},
	})
	if err != nil {
		t.Fatalf("create an interface endpoint in us-west-2: %v", err)
	}
	return map[string]string{
		"/":                            "/",
		"/vpcs":                        "/vpcs",
		"/subnets":                     "/subnets?vpc=" + w.VPCID,
		"/route-tables":                "/route-tables?vpc=" + w.VPCID,
		"/route-tables/{id}":           "/route-tables/" + w.RouteTableID,
		"/internet-gateways":           "/internet-gateways",
		"/nat-gateways":                "/nat-gateways",
		"/endpoints":                   "/endpoints",
		"/endpoints/{id}":              "/endpoints/" + w.EndpointID,
		"/endpoints/new":               "/endpoints/new",
		"/endpoints/{id}/route-tables": "/endpoints/" + w.EndpointID + "/route-tables",
		"/endpoints/{id}/policy":       "/endpoints/" + w.EndpointID + "/policy",
		"/endpoints/{id}/tags":         "/endpoints/" + w.EndpointID + "/tags",
		"/endpoints/{id}/network":      "/endpoints/" + ssm.ID + "/network",
		"/endpoints/delete":            "/endpoints/delete?id=" + w.EndpointID,
		"/demo/reset":                  "/demo/reset",
		"/audit":                       "/audit",
		"/audit/vpcs/{id}":             "/audit/vpcs/" + w.VPCID,
	}
}

// regionFree are the console's URLs of no Region: assets, probes, metrics and the switcher.
func regionFree(link string) bool {
	for _, prefix := range []string{"/static/", "/healthz", "/readyz", "/metrics", "/switch-region"} {
		if strings.HasPrefix(link, prefix) {
			return true
		}
	}
	return false
}

// TestSecondRegionPagesStayInTheirRegion opens every page under /regions/us-west-2/: each shows
// the Region's account (Oregon-VPC, never First-VPC), names the Region in the header and the
// footer's command, and every link and form of it keeps the prefix and resolves.
func TestSecondRegionPagesStayInTheirRegion(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	pages := westPages(t, c)
	for _, lp := range layoutPages {
		if _, ok := pages[lp.pattern]; !ok {
			t.Errorf("no us-west-2 page for %s in westPages", lp.pattern)
		}
	}
	first := c.demo.Account
	links := map[string]string{}
	for pattern, path := range pages {
		t.Run(pattern, func(t *testing.T) {
			p := c.getOK(t, west+path)
			body := text(p.doc.Find("body"))
			for _, other := range []string{"First-VPC", first.VPCID, first.PrivateRouteTableID, "us-east-1 ec2"} {
				if strings.Contains(body, other) {
					t.Errorf("GET %s shows %q, of us-east-1", west+path, other)
				}
			}
			if _, selected, _ := regionSwitcher(t, p, "us-east-1"); selected != seed.SecondRegionName {
				t.Errorf("GET %s: the switcher shows %q, want us-west-2", west+path, selected)
			}
			if cmd := "--region us-west-2 ec2 describe-route-tables"; !strings.Contains(text(p.doc.Find("footer")), cmd) {
				t.Errorf("GET %s: the footer's command lacks %q", west+path, cmd)
			}
			p.doc.Find("a[href], form[action], link[href], script[src]").Each(func(_ int, s *goquery.Selection) {
				for _, attr := range []string{"href", "action", "src"} {
					link, ok := s.Attr(attr)
					if !ok || !strings.HasPrefix(link, "/") || regionFree(link) {
						continue
					}
					if link != west && !strings.HasPrefix(link, west+"/") && !strings.HasPrefix(link, west+"?") {
						t.Errorf("GET %s: <%s %s=%q> leaves us-west-2", west+path, goquery.NodeName(s), attr, link)
					}
					if goquery.NodeName(s) == "a" {
						links[link] = west + path
					}
				}
			})
		})
	}
	for _, path := range []string{"/vpcs", "/route-tables", "/endpoints", "/audit"} {
		if body := c.getOK(t, west+path).body; !strings.Contains(body, "Oregon-VPC") && !strings.Contains(body, "Oregon-RT") {
			t.Errorf("GET %s shows neither Oregon-VPC nor Oregon-RT", west+path)
		}
	}
	for link, from := range links {
		if p := c.get(t, link); p.status != http.StatusOK {
			t.Errorf("GET %s (linked from %s): got status %d, want 200", link, from, p.status)
		}
	}
	// HEAD too, for curl -I and uptime checks, the Region's dashboard included.
	for _, path := range []string{west, west + "/", west + "/vpcs"} {
		if p := c.send(t, http.MethodHead, path, nil, nil); p.status != http.StatusOK {
			t.Errorf("HEAD %s: got status %d, want 200", path, p.status)
		}
	}
}

// TestUnknownRegionIsNotFound: a Region the account has not enabled, or no Region name at all,
// is the console's 404 page saying so, in the URL and in the switcher.
func TestUnknownRegionIsNotFound(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	for _, path := range []string{
		"/regions/eu-west-1/vpcs", // a Region, not enabled on the fake
		"/regions/eu-west-1/",
		"/regions/US-WEST-2/vpcs",
		"/regions/not-a-region/route-tables",
		"/regions/us-west-2x/endpoints/new",
		"/switch-region?region=eu-west-1&from=/vpcs",
		"/switch-region?from=/vpcs",
	} {
		t.Run(path, func(t *testing.T) {
			p := c.get(t, path)
			if p.status != http.StatusNotFound {
				t.Fatalf("got status %d, want 404", p.status)
			}
			if got := text(p.doc.Find("section[role=alert]")); !strings.Contains(got, "has not enabled the Region") {
				t.Errorf("the 404 page says %q, want it to name the Region as not enabled", got)
			}
		})
	}
	if p := c.get(t, west+"/no-such-page"); p.status != http.StatusNotFound {
		t.Errorf("an unknown page of us-west-2: got status %d, want 404", p.status)
	}
}

// TestRegionSwitchIsNoOpenRedirect: from must be a page of this console; the switch never leads
// anywhere but a page of the console, whatever from says.
func TestRegionSwitchIsNoOpenRedirect(t *testing.T) {
	t.Parallel()
	c := newConsole(t).noRedirects()
	for _, tt := range []struct {
		from    string
		refused bool
	}{
		{"//evil.example/", true},
		{"https://evil.example/vpcs", true},
		{"/\\evil.example", true},
		{"\\\\evil.example", true},
		{"javascript:alert(1)", true},
		{"evil.example", true},
		{"/\t/evil.example", true},
		{"/%2F%2Fevil.example", false},
		{"/vpcs/../../evil", false},
		{"/vpcs?next=https://evil.example", false},
	} {
		t.Run(tt.from, func(t *testing.T) {
			p := c.get(t, "/switch-region?"+url.Values{"region": {"us-west-2"}, "from": {tt.from}}.Encode())
			loc := p.header.Get("Location")
			if tt.refused {
				if p.status != http.StatusBadRequest || loc != "" {
					t.Errorf("got status %d, Location %q; want 400 and none", p.status, loc)
				}
				return
			}
			if p.status != http.StatusSeeOther || !strings.HasPrefix(loc, west+"/") {
				t.Errorf("got status %d, Location %q; want 303 to a page under %s/", p.status, loc, west)
			}
		})
	}
}

// TestChangeInSecondRegionLandsThere creates an endpoint with the wizard under /regions/us-west-2
// in Oregon-VPC: EC2 of us-west-2 has it and us-east-1 does not, and the console leads to its page
// in us-west-2.
func TestChangeInSecondRegionLandsThere(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	w := c.west
	s := startWizard(t, c.noRedirects().inWest())
	if got := s.last.doc.Find("form.wizard").AttrOr("action", ""); got != west+"/endpoints/new" {
		t.Fatalf("the wizard posts to %q, want %q", got, west+"/endpoints/new")
	}
	s.advance(t, map[string]url.Values{
		"category":     {"category": {"aws"}},
		"service":      {"service": {"com.amazonaws.us-west-2.dynamodb|Gateway"}},
		"vpc":          {"vpc": {w.VPCID}},
		"route-tables": {"route_tables": {w.RouteTableID}},
		"policy":       {"policy_mode": {"full"}},
		"tags":         {"tag_key": {"Name"}, "tag_value": {"Oregon-DynamoDB"}},
	}, "review")
	p := s.post(t, "create", nil)
	if p.status != http.StatusSeeOther {
		t.Fatalf("Create endpoint: got status %d, want 303; the page says: %s", p.status, wizardMessages(p.doc))
	}
	loc := p.header.Get("Location")
	id, ok := strings.CutPrefix(loc, west+"/endpoints/")
	if !ok {
		t.Fatalf("Create endpoint: Location %q, want %s/endpoints/vpce-…", loc, west)
	}
	id, _, _ = strings.Cut(id, "?")

	inRegion := func(region string) []string {
		out, err := ec2test.ClientIn(t, c.demo.URL, region).DescribeVpcEndpoints(context.Background(), &ec2.DescribeVpcEndpointsInput{})
		if err != nil {
			t.Fatalf("DescribeVpcEndpoints in %s: %v", region, err)
		}
		var ids []string
		for _, e := range out.VpcEndpoints {
			ids = append(ids, *e.VpcEndpointId)
		}
		return ids
	}
	if got := inRegion("us-west-2"); !slices.Contains(got, id) {
		t.Errorf("us-west-2's endpoints %v lack %s", got, id)
	}
	if got := inRegion("us-east-1"); slices.Contains(got, id) || len(got) != 0 {
		t.Errorf("us-east-1's endpoints: got %v, want none", got)
	}
	page := c.getOK(t, loc)
	if got := text(page.doc.Find("h1")); !strings.Contains(got, id) {
		t.Errorf("GET %s: heading %q, want it to name %s", loc, got, id)
	}
	if c.get(t, "/endpoints/"+id).status != http.StatusNotFound {
		t.Errorf("the us-west-2 endpoint has a page in us-east-1")
	}
}
