package web

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"endpointconsole/ec2test"
	"endpointconsole/vpc/seed"
)

// largeAccount is a console on an account with more of everything than one page holds: the
// tutorial plus 125 generated VPCs (127 VPCs, 250+ subnets and route tables, 126 internet
// gateways), two gateway endpoints in each generated VPC (250), and 120 more route tables in
// First-VPC, so that one VPC's tables fill two pages.
type largeAccount struct {
	*console
	sdk *ec2.Client
	// firstVPCTables are First-VPC's route tables, the 120 added ones with its own.
	firstVPCTables []string
}

func newLargeAccount(t *testing.T) largeAccount {
	t.Helper()
	c := newConsole(t, withSeed(seed.Options{ExtraVPCs: 125}), withCacheTTL(0)) // every read reaches EC2, to be counted
	for _, v := range c.demo.Account.ExtraVPCs {
		for _, service := range []string{"s3", "dynamodb"} {
			createGatewayEndpoint(t, c, v.VPCID, service, v.PrivateRouteTableID, "")
		}
	}
	sdk := ec2test.Client(t, c.demo.URL)
	for i := range 120 {
		_, err := sdk.CreateRouteTable(t.Context(), &ec2.CreateRouteTableInput{VpcId: aws.String(c.demo.Account.VPCID),
			TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeRouteTable,
				Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String(fmt.Sprintf("bulk-%03d", i))}}}}})
		if err != nil {
			t.Fatalf("create route table %d: %v", i, err)
		}
	}
	a := largeAccount{console: c, sdk: sdk}
	for _, rt := range a.routeTables(t) {
		if aws.ToString(rt.VpcId) == c.demo.Account.VPCID {
			a.firstVPCTables = append(a.firstVPCTables, aws.ToString(rt.RouteTableId))
		}
	}
	c.ec2.take()
	return a
}

// routeTables are every route table, as the SDK lists them by itself.
func (a largeAccount) routeTables(t *testing.T) []types.RouteTable {
	t.Helper()
	var out []types.RouteTable
	for p := ec2.NewDescribeRouteTablesPaginator(a.sdk, &ec2.DescribeRouteTablesInput{}); p.HasMorePages(); {
		page, err := p.NextPage(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page.RouteTables...)
	}
	return out
}

// sdkIDs are the ids of every resource a list shows, as the SDK lists them by itself.
func (a largeAccount) sdkIDs(t *testing.T, list string) []string {
	t.Helper()
	ctx := t.Context()
	var ids []string
	var err error
	switch list {
	case "route-tables":
		for _, rt := range a.routeTables(t) {
			ids = append(ids, aws.ToString(rt.RouteTableId))
		}
	case "endpoints":
		for p := ec2.NewDescribeVpcEndpointsPaginator(a.sdk, &ec2.DescribeVpcEndpointsInput{}); p.HasMorePages() && err == nil; {
			var page *ec2.DescribeVpcEndpointsOutput
			if page, err = p.NextPage(ctx); err == nil {
				for _, e := range page.VpcEndpoints {
					ids = append(ids, aws.ToString(e.VpcEndpointId))
				}
			}
		}
	case "vpcs":
		for p := ec2.NewDescribeVpcsPaginator(a.sdk, &ec2.DescribeVpcsInput{}); p.HasMorePages() && err == nil; {
			var page *ec2.DescribeVpcsOutput
			if page, err = p.NextPage(ctx); err == nil {
				for _, v := range page.Vpcs {
					ids = append(ids, aws.ToString(v.VpcId))
				}
			}
		}
	case "subnets":
		for p := ec2.NewDescribeSubnetsPaginator(a.sdk, &ec2.DescribeSubnetsInput{}); p.HasMorePages() && err == nil; {
			var page *ec2.DescribeSubnetsOutput
			if page, err = p.NextPage(ctx); err == nil {
				for _, s := range page.Subnets {
					ids = append(ids, aws.ToString(s.SubnetId))
				}
			}
		}
	case "internet-gateways":
		for p := ec2.NewDescribeInternetGatewaysPaginator(a.sdk, &ec2.DescribeInternetGatewaysInput{}); p.HasMorePages() && err == nil; {
			var page *ec2.DescribeInternetGatewaysOutput
			if page, err = p.NextPage(ctx); err == nil {
				for _, g := range page.InternetGateways {
					ids = append(ids, aws.ToString(g.InternetGatewayId))
				}
			}
		}
	default:
		t.Fatalf("no SDK list for %s", list)
	}
	if err != nil {
		t.Fatalf("list %s with the SDK: %v", list, err)
	}
	slices.Sort(ids)
	return ids
}

// listPage is one page of a list as a person sees it.
type listPage struct {
	path       string
	ids        []string
	prev, next string
	calls      ec2Calls
	page
}

// getListPage fetches one page of a list, counting its EC2 calls.
func (a largeAccount) getListPage(t *testing.T, path, table, idColumn string) listPage {
	t.Helper()
	a.ec2.take()
	p := a.getOK(t, path)
	lp := listPage{path: path, page: p, calls: a.ec2.take(),
		ids:  column(tableRows(t, p.doc, table), idColumn),
		prev: p.doc.Find(".pager a[rel=prev]").AttrOr("href", ""),
		next: p.doc.Find(".pager a[rel=next]").AttrOr("href", ""),
	}
	if len(lp.ids) > 100 {
		t.Errorf("%s shows %d rows, want at most 100", path, len(lp.ids))
	}
	return lp
}

// walk follows Next from path to the last page, then Previous back to the first, checking that
// going back shows the same rows as going forward; it returns the pages in order.
func (a largeAccount) walk(t *testing.T, path, table, idColumn string) []listPage {
	t.Helper()
	var pages []listPage
	for next := path; next != ""; {
		lp := a.getListPage(t, next, table, idColumn)
		pages = append(pages, lp)
		next = lp.next
		if len(pages) > 20 {
			t.Fatalf("%s: more than 20 pages; Next never ends", path)
		}
	}
	for i := len(pages) - 1; i > 0; i-- {
		prev := pages[i].prev
		if prev == "" {
			t.Fatalf("%s has no Previous link, want one to page %d", pages[i].path, i)
		}
		back := a.getListPage(t, prev, table, idColumn)
		if !slices.Equal(back.ids, pages[i-1].ids) {
			t.Errorf("Previous from %s (%s) shows %d rows %.3q…, want the %d rows %.3q… seen going forward",
				pages[i].path, prev, len(back.ids), back.ids, len(pages[i-1].ids), pages[i-1].ids)
		}
	}
	if pages[0].prev != "" {
		t.Errorf("%s: the first page has a Previous link %q", path, pages[0].prev)
	}
	return pages
}

// everyID returns the ids of pages in order, and fails on an id seen twice.
func everyID(t *testing.T, pages []listPage) []string {
	t.Helper()
	var out []string
	for _, p := range pages {
		for _, id := range p.ids {
			if slices.Contains(out, id) {
				t.Errorf("%s shows %s again", p.path, id)
			}
			out = append(out, id)
		}
	}
	return slices.Sorted(slices.Values(out))
}

// TestListsPageOnTheServer: on an account with hundreds of each resource, each list shows 100
// rows a page; following Next from the first page to the last visits every resource the SDK
// lists exactly once, Previous goes back to the same rows, and each page costs one call of the
// list's Describe action (MaxResults=100) and never a read of every VPC in the Region.
func TestListsPageOnTheServer(t *testing.T) {
	t.Parallel()
	a := newLargeAccount(t)
	for _, tt := range []struct {
		list, idColumn, action string
		// pages is how many pages the list has at 100 a page.
		pages int
	}{
		{"route-tables", "Route table ID", "DescribeRouteTables", 4},
		{"endpoints", "VPC endpoint ID", "DescribeVpcEndpoints", 3},
		{"vpcs", "VPC ID", "DescribeVpcs", 2},
		{"subnets", "Subnet ID", "DescribeSubnets", 3},
		{"internet-gateways", "Internet gateway ID", "DescribeInternetGateways", 2},
	} {
		t.Run(tt.list, func(t *testing.T) {
			want := a.sdkIDs(t, tt.list)
			pages := a.walk(t, "/"+tt.list, tt.list, tt.idColumn)
			if len(pages) != tt.pages {
				t.Errorf("%d pages for %d rows, want %d", len(pages), len(want), tt.pages)
			}
			if got := everyID(t, pages); !slices.Equal(got, want) {
				t.Errorf("the pages show %d rows, want the %d the SDK lists", len(got), len(want))
			}
			for i, p := range pages {
				if i < len(pages)-1 && len(p.ids) != 100 {
					t.Errorf("%s: %d rows, want 100 on every page but the last", p.path, len(p.ids))
				}
				if got := p.calls.pages[tt.action]; !slices.Equal(got, []string{"100"}) {
					t.Errorf("%s: %s calls with MaxResults %q, want one with 100", p.path, tt.action, got)
				}
				if tt.action != "DescribeVpcs" {
					// The filter's first page of VPCs, and the Names of the page's VPCs by id:
					// never every VPC of the Region (a call without MaxResults).
					vpcs := p.calls.pages["DescribeVpcs"]
					if len(vpcs) > 2 || slices.Contains(vpcs, "") {
						t.Errorf("%s: DescribeVpcs with MaxResults %q, want at most two calls, each of a page", p.path, vpcs)
					}
				}
				t.Logf("%s: %d rows, EC2 calls %v", p.path, len(p.ids), p.calls.calls)
				if n := p.calls.total(); n > 5 {
					t.Errorf("%s: %d EC2 calls %v, want at most 5 whatever the account holds", p.path, n, p.calls.calls)
				}
			}
			status := text(pages[1].doc.Find(".pager span.muted"))
			if wantStatus := fmt.Sprintf("%s 101–%d", pagerNoun(tt.list), 100+len(pages[1].ids)); status != wantStatus {
				t.Errorf("the second page says %q, want %q", status, wantStatus)
			}
		})
	}
}

func pagerNoun(list string) string {
	return map[string]string{"route-tables": "Route tables", "endpoints": "Endpoints", "vpcs": "VPCs",
		"subnets": "Subnets", "internet-gateways": "Internet gateways"}[list]
}

// TestListPagesKeepFilters: ?vpc= goes to EC2, so a VPC whose route tables fill two pages is paged
// by EC2 and every link keeps the filter; ?q= matches rows on several pages, which the console
// pages itself; the links keep the Region prefix; and with more VPCs than a page the VPC filter
// is a text box that keeps the id typed.
func TestListPagesKeepFilters(t *testing.T) {
	t.Parallel()
	a := newLargeAccount(t)
	firstVPC := a.demo.Account.VPCID

	t.Run("vpc", func(t *testing.T) {
		pages := a.walk(t, "/route-tables?vpc="+firstVPC, "route-tables", "Route table ID")
		if len(pages) != 2 {
			t.Errorf("%d pages for First-VPC's %d tables, want 2", len(pages), len(a.firstVPCTables))
		}
		if got, want := everyID(t, pages), slices.Sorted(slices.Values(a.firstVPCTables)); !slices.Equal(got, want) {
			t.Errorf("the pages show %d tables, want First-VPC's %d", len(got), len(want))
		}
		for _, p := range pages {
			if got := p.calls.calls["DescribeRouteTables"]; got != 1 {
				t.Errorf("%s: %d DescribeRouteTables calls, want 1", p.path, got)
			}
			for _, link := range []string{p.prev, p.next} {
				if link != "" && queryValue(t, link, "vpc") != firstVPC {
					t.Errorf("%s: link %q loses the VPC filter", p.path, link)
				}
			}
			if got := p.doc.Find("input#vpc-filter[name=vpc]").AttrOr("value", ""); got != firstVPC {
				t.Errorf("%s: the VPC filter box holds %q, want %s", p.path, got, firstVPC)
			}
		}
	})

	t.Run("q", func(t *testing.T) {
		// The generated VPCs 001–099 and their two tables each: the words match Names and the
		// VPC column.
		const query = "scale-vpc-0"
		pages := a.walk(t, "/route-tables?q="+query, "route-tables", "Route table ID")
		var want []string
		vpcNames := map[string]string{}
		for _, v := range a.demo.Account.ExtraVPCs {
			vpcNames[v.VPCID] = v.Name
		}
		for _, rt := range a.routeTables(t) {
			if strings.Contains(vpcNames[aws.ToString(rt.VpcId)], query) {
				want = append(want, aws.ToString(rt.RouteTableId))
			}
		}
		slices.Sort(want)
		if len(pages) != 2 {
			t.Errorf("%d pages for %d matching tables, want 2", len(pages), len(want))
		}
		if got := everyID(t, pages); !slices.Equal(got, want) {
			t.Errorf("the pages show %d tables, want the %d matching %q", len(got), len(want), query)
		}
		for _, p := range pages {
			for _, link := range []string{p.prev, p.next} {
				if link != "" && queryValue(t, link, "q") != query {
					t.Errorf("%s: link %q loses the query", p.path, link)
				}
			}
		}
	})

	t.Run("Region prefix", func(t *testing.T) {
		const base = "/regions/us-east-1"
		pages := a.walk(t, base+"/endpoints", "endpoints", "VPC endpoint ID")
		for _, p := range pages {
			for _, link := range []string{p.prev, p.next} {
				if link != "" && !strings.HasPrefix(link, base+"/endpoints?") {
					t.Errorf("%s: link %q leaves the Region's URL", p.path, link)
				}
			}
		}
		if got, want := len(everyID(t, pages)), 250; got != want {
			t.Errorf("the pages show %d endpoints, want %d", got, want)
		}
	})
}
