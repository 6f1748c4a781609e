package audit_test

import (
	"slices"
	"testing"

	"endpointconsole/vpc"
	"endpointconsole/vpc/audit"
)

// The demo account's prefix lists (fakeec2's published snapshot).
var (
	s3List = vpc.PrefixList{ID: "pl-63a5400a", Name: "com.amazonaws.us-east-1.s3",
		CIDRs: []string{"52.216.0.0/15", "3.5.0.0/19", "54.231.0.0/16"}}
	dynamoList = vpc.PrefixList{ID: "pl-02cd2c6b", Name: "com.amazonaws.us-east-1.dynamodb",
		CIDRs: []string{"3.218.182.0/24", "3.218.180.0/23", "52.94.0.0/22", "52.119.224.0/20"}}
)

func route(dest, target string, kind vpc.TargetKind) vpc.Route {
	return vpc.Route{DestinationCIDR: dest, Target: target, TargetKind: kind, State: "active", Origin: "CreateRoute"}
}

func localRoute() vpc.Route {
	return vpc.Route{DestinationCIDR: "10.10.0.0/16", Target: "local", TargetKind: vpc.TargetLocal, State: "active", Origin: "CreateRouteTable"}
}

func endpointRoute(pl vpc.PrefixList, endpointID string) vpc.Route {
	return vpc.Route{DestinationPrefixList: &pl, Target: endpointID, TargetKind: vpc.TargetGatewayEndpoint, State: "active", Origin: "CreateRoute"}
}

func blackhole(r vpc.Route) vpc.Route {
	r.State = "blackhole"
	return r
}

func propagated(r vpc.Route) vpc.Route {
	r.Propagated, r.Origin = true, "EnableVgwRoutePropagation"
	return r
}

func table(routes ...vpc.Route) vpc.RouteTable {
	return vpc.RouteTable{ID: "rtb-1", VPCID: "vpc-1", Routes: routes}
}

// seg is a PathSegment without the route, for comparisons; dest is the
// winning route's destination ("" for none).
type seg struct {
	kind   audit.PathKind
	target string
	dest   string
	cidrs  []string
}

func segsOf(p audit.ServicePath) []seg {
	var out []seg
	for _, s := range p.Segments {
		dest := ""
		if s.Kind != audit.PathNone {
			dest = s.Route.Destination()
		}
		out = append(out, seg{s.Kind, s.Target, dest, s.CIDRs})
	}
	return out
}

func segsEqual(a, b []seg) bool {
	return slices.EqualFunc(a, b, func(x, y seg) bool {
		return x.kind == y.kind && x.target == y.target && x.dest == y.dest && slices.Equal(x.cidrs, y.cidrs)
	})
}

func TestAnalyzePath(t *testing.T) {
	const (
		nat  = "nat-0123456789abcdef0"
		igw  = "igw-0123456789abcdef0"
		vpce = "vpce-0123456789abcdef0"
	)
	s3Dest := endpointRoute(s3List, vpce).Destination()
	allS3 := s3List.CIDRs
	for _, tt := range []struct {
		name     string
		table    vpc.RouteTable
		list     vpc.PrefixList
		want     []seg
		wantKind audit.PathKind
		private  bool
	}{
		{
			name:     "endpoint route beats the default route via NAT",
			table:    table(localRoute(), route("0.0.0.0/0", nat, vpc.TargetNATGateway), endpointRoute(s3List, vpce)),
			list:     s3List,
			want:     []seg{{audit.PathGatewayEndpoint, vpce, s3Dest, allS3}},
			wantKind: audit.PathGatewayEndpoint,
			private:  true,
		},
		{
			name:     "default route via NAT, no endpoint",
			table:    table(localRoute(), route("0.0.0.0/0", nat, vpc.TargetNATGateway)),
			list:     s3List,
			want:     []seg{{audit.PathNATGateway, nat, "0.0.0.0/0", allS3}},
			wantKind: audit.PathNATGateway,
		},
		{
			name:     "internet gateway only: public internet",
			table:    table(localRoute(), route("0.0.0.0/0", igw, vpc.TargetInternetGateway)),
			list:     s3List,
			want:     []seg{{audit.PathInternetGateway, igw, "0.0.0.0/0", allS3}},
			wantKind: audit.PathInternetGateway,
		},
		{
			name:     "no default route: unreachable",
			table:    table(localRoute()),
			list:     s3List,
			want:     []seg{{audit.PathNone, "", "", allS3}},
			wantKind: audit.PathNone,
		},
		{
			name: "a more specific /16 to the IGW takes half of the /15 from the endpoint",
			table: table(localRoute(), route("0.0.0.0/0", nat, vpc.TargetNATGateway), endpointRoute(s3List, vpce),
				route("52.216.0.0/16", igw, vpc.TargetInternetGateway)),
			list: s3List,
			want: []seg{
				{audit.PathInternetGateway, igw, "52.216.0.0/16", []string{"52.216.0.0/16"}},
				{audit.PathGatewayEndpoint, vpce, s3Dest, []string{"52.217.0.0/16", "3.5.0.0/19", "54.231.0.0/16"}},
			},
			wantKind: audit.PathSplit,
		},
		{
			name: "an identical /15 CIDR route beats the endpoint route",
			table: table(localRoute(), endpointRoute(s3List, vpce), route("52.216.0.0/15", nat, vpc.TargetNATGateway),
				route("0.0.0.0/0", igw, vpc.TargetInternetGateway)),
			list: s3List,
			want: []seg{
				{audit.PathNATGateway, nat, "52.216.0.0/15", []string{"52.216.0.0/15"}},
				{audit.PathGatewayEndpoint, vpce, s3Dest, []string{"3.5.0.0/19", "54.231.0.0/16"}},
			},
			wantKind: audit.PathSplit,
		},
		{
			name: "a less specific route loses to the endpoint route",
			table: table(localRoute(), route("52.0.0.0/8", igw, vpc.TargetInternetGateway), endpointRoute(s3List, vpce),
				route("3.0.0.0/8", igw, vpc.TargetInternetGateway)),
			list:     s3List,
			want:     []seg{{audit.PathGatewayEndpoint, vpce, s3Dest, allS3}},
			wantKind: audit.PathGatewayEndpoint,
			private:  true,
		},
		{
			name: "a /24 inside the /15 splits it into the smallest CIDRs",
			table: table(localRoute(), route("0.0.0.0/0", nat, vpc.TargetNATGateway),
				route("52.216.10.0/24", igw, vpc.TargetInternetGateway)),
			list: s3List,
			want: []seg{
				{audit.PathNATGateway, nat, "0.0.0.0/0", []string{
					"52.216.0.0/21", "52.216.8.0/23", "52.216.11.0/24", "52.216.12.0/22", "52.216.16.0/20",
					"52.216.32.0/19", "52.216.64.0/18", "52.216.128.0/17", "52.217.0.0/16", "3.5.0.0/19", "54.231.0.0/16",
				}},
				{audit.PathInternetGateway, igw, "52.216.10.0/24", []string{"52.216.10.0/24"}},
			},
			wantKind: audit.PathSplit,
		},
		{
			name: "two routes to the same kind of target stay two segments of one kind",
			table: table(localRoute(), route("0.0.0.0/0", nat, vpc.TargetNATGateway),
				route("54.231.0.0/16", "nat-other", vpc.TargetNATGateway)),
			list: s3List,
			want: []seg{
				{audit.PathNATGateway, nat, "0.0.0.0/0", []string{"52.216.0.0/15", "3.5.0.0/19"}},
				{audit.PathNATGateway, "nat-other", "54.231.0.0/16", []string{"54.231.0.0/16"}},
			},
			wantKind: audit.PathNATGateway,
		},
		{
			name:     "blackhole default route via a deleted NAT drops the traffic",
			table:    table(localRoute(), blackhole(route("0.0.0.0/0", nat, vpc.TargetNATGateway))),
			list:     s3List,
			want:     []seg{{audit.PathBlackhole, nat, "0.0.0.0/0", allS3}},
			wantKind: audit.PathBlackhole,
		},
		{
			name: "IPv6-only routes are ignored",
			table: table(localRoute(),
				vpc.Route{DestinationIPv6CIDR: "::/0", Target: igw, TargetKind: vpc.TargetInternetGateway, State: "active"},
				vpc.Route{DestinationIPv6CIDR: "2600:1f18::/32", Target: "eigw-1", TargetKind: vpc.TargetOther, State: "active"}),
			list:     s3List,
			want:     []seg{{audit.PathNone, "", "", allS3}},
			wantKind: audit.PathNone,
		},
		{
			name: "a static route beats a propagated one with the same destination",
			table: table(localRoute(), propagated(route("52.216.0.0/15", "vgw-1", vpc.TargetOther)),
				route("52.216.0.0/15", igw, vpc.TargetInternetGateway), propagated(route("0.0.0.0/0", "vgw-1", vpc.TargetOther))),
			list: s3List,
			want: []seg{
				{audit.PathInternetGateway, igw, "52.216.0.0/15", []string{"52.216.0.0/15"}},
				{audit.PathOther, "vgw-1", "0.0.0.0/0", []string{"3.5.0.0/19", "54.231.0.0/16"}},
			},
			wantKind: audit.PathSplit,
		},
		{
			name:     "another service's endpoint route does not carry S3",
			table:    table(localRoute(), route("0.0.0.0/0", nat, vpc.TargetNATGateway), endpointRoute(dynamoList, "vpce-dynamo")),
			list:     s3List,
			want:     []seg{{audit.PathNATGateway, nat, "0.0.0.0/0", allS3}},
			wantKind: audit.PathNATGateway,
		},
		{
			name:     "a list without CIDRs takes its endpoint route when there is one",
			table:    table(localRoute(), route("0.0.0.0/0", nat, vpc.TargetNATGateway), endpointRoute(vpc.PrefixList{ID: "pl-x"}, vpce)),
			list:     vpc.PrefixList{ID: "pl-x", Name: "com.amazonaws.us-east-1.s3"},
			want:     []seg{{audit.PathGatewayEndpoint, vpce, "pl-x", nil}},
			wantKind: audit.PathGatewayEndpoint,
			private:  true,
		},
		{
			name:     "a list without CIDRs and no endpoint route takes the default route",
			table:    table(localRoute(), route("0.0.0.0/0", nat, vpc.TargetNATGateway)),
			list:     vpc.PrefixList{ID: "pl-x", Name: "com.amazonaws.us-east-1.s3"},
			want:     []seg{{audit.PathNATGateway, nat, "0.0.0.0/0", nil}},
			wantKind: audit.PathNATGateway,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := audit.AnalyzePath(tt.table, tt.list)
			if got.Service != tt.list.Name || got.PrefixListID != tt.list.ID {
				t.Errorf("service, prefix list = %q, %q, want %q, %q", got.Service, got.PrefixListID, tt.list.Name, tt.list.ID)
			}
			if g := segsOf(got); !segsEqual(g, tt.want) {
				t.Errorf("segments\n got %+v\nwant %+v", g, tt.want)
			}
			if k := got.Kind(); k != tt.wantKind {
				t.Errorf("Kind() = %q, want %q", k, tt.wantKind)
			}
			if s := got.IsSplit(); s != (tt.wantKind == audit.PathSplit) {
				t.Errorf("IsSplit() = %v, want %v", s, !s)
			}
			if p := got.IsPrivate(); p != tt.private {
				t.Errorf("IsPrivate() = %v, want %v", p, tt.private)
			}
		})
	}
}

func TestServicePathKindWithoutSegments(t *testing.T) {
	var p audit.ServicePath
	if got, want := p.Kind(), audit.PathUnknown; got != want {
		t.Errorf("Kind() = %q, want %q", got, want)
	}
	if p.IsPrivate() || p.IsSplit() {
		t.Errorf("IsPrivate, IsSplit = %v, %v, want false, false", p.IsPrivate(), p.IsSplit())
	}
}

func TestNATProcessingCost(t *testing.T) {
	for _, tt := range []struct {
		gb   float64
		want float64
	}{
		{0, 0},
		{-5, 0},
		{100, 4.5},
		{1024, 46.08},
	} {
		got := audit.NATProcessingCost(tt.gb)
		if diff := got - tt.want; diff > 1e-9 || diff < -1e-9 {
			t.Errorf("NATProcessingCost(%v) = %v, want %v", tt.gb, got, tt.want)
		}
	}
}
