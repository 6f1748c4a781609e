package vpc_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"endpointconsole/vpc"
	"endpointconsole/vpc/seed"
)

func testSeededAccountReads(t *testing.T, b backend) {
	ctx := context.Background()
	svc, acct := seeded(t, b, seed.Options{})

	vpcs, err := svc.VPCs(ctx)
	if err != nil {
		t.Fatalf("VPCs: %v", err)
	}
	first := byName(t, vpcs, "First-VPC", func(v vpc.VPC) string { return v.Name })
	if first.ID != acct.VPCID || first.CIDR != "10.10.0.0/16" || first.IsDefault {
		t.Errorf("First-VPC = %+v, want ID %s, CIDR 10.10.0.0/16, not default", first, acct.VPCID)
	}

	subnets, err := svc.Subnets(ctx, acct.VPCID)
	if err != nil {
		t.Fatalf("Subnets: %v", err)
	}
	if got, want := len(subnets), 5; got != want {
		t.Fatalf("got %d subnets in First-VPC, want %d", got, want)
	}
	for _, tt := range []struct {
		name, cidr, zone, routeTable string
		usesMain                     bool
	}{
		{"Private-1a", "10.10.11.0/24", "us-east-1a", acct.PrivateRouteTableID, false},
		{"Private-1b", "10.10.12.0/24", "us-east-1b", acct.PrivateRouteTableID, false},
		{"Private-1c", "10.10.13.0/24", "us-east-1c", acct.PrivateRouteTableID, false},
		{"Public-1a", "10.10.1.0/24", "us-east-1a", acct.MainRouteTableID, true},
		{"Public-1b", "10.10.2.0/24", "us-east-1b", acct.MainRouteTableID, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sn := byName(t, subnets, tt.name, func(s vpc.Subnet) string { return s.Name })
			if sn.CIDR != tt.cidr || sn.AvailabilityZone != tt.zone || sn.VPCID != acct.VPCID {
				t.Errorf("got CIDR %s in %s of %s, want %s in %s of %s", sn.CIDR, sn.AvailabilityZone, sn.VPCID, tt.cidr, tt.zone, acct.VPCID)
			}
			if sn.RouteTableID != tt.routeTable || sn.UsesMainRouteTable != tt.usesMain {
				t.Errorf("got route table %s (main %v), want %s (main %v)", sn.RouteTableID, sn.UsesMainRouteTable, tt.routeTable, tt.usesMain)
			}
		})
	}
	if got := subnets[0].Name; got != "Private-1a" {
		t.Errorf("first subnet is %s, want Private-1a (sorted by name)", got)
	}

	tables, err := svc.RouteTables(ctx, acct.VPCID)
	if err != nil {
		t.Fatalf("RouteTables: %v", err)
	}
	if got := len(tables); got != 2 {
		t.Fatalf("got %d route tables in First-VPC, want 2", got)
	}
	main := routeTableNamed(t, tables, "First-RT")
	if main.ID != acct.MainRouteTableID || !main.Main || len(main.SubnetIDs) != 0 {
		t.Errorf("First-RT = %s main %v subnets %v, want %s, main, no explicit subnets", main.ID, main.Main, main.SubnetIDs, acct.MainRouteTableID)
	}
	private := routeTableNamed(t, tables, "RT-Private")
	wantSubnets := slices.Sorted(slices.Values(acct.PrivateSubnetIDs))
	if private.ID != acct.PrivateRouteTableID || private.Main || !slices.Equal(private.SubnetIDs, wantSubnets) {
		t.Errorf("RT-Private = %s main %v subnets %v, want %s, not main, subnets %v", private.ID, private.Main, private.SubnetIDs, acct.PrivateRouteTableID, wantSubnets)
	}
	for _, tt := range []struct {
		table      vpc.RouteTable
		dest       string
		target     string
		targetKind vpc.TargetKind
	}{
		{main, "10.10.0.0/16", "local", vpc.TargetLocal},
		{main, "0.0.0.0/0", acct.InternetGatewayID, vpc.TargetInternetGateway},
		{private, "10.10.0.0/16", "local", vpc.TargetLocal},
		{private, "0.0.0.0/0", acct.NATGatewayID, vpc.TargetNATGateway},
	} {
		t.Run(tt.table.Name+" "+tt.dest, func(t *testing.T) {
			i := slices.IndexFunc(tt.table.Routes, func(r vpc.Route) bool { return r.Destination() == tt.dest })
			if i < 0 {
				t.Fatalf("no route to %s in %+v", tt.dest, tt.table.Routes)
			}
			r := tt.table.Routes[i]
			if r.Target != tt.target || r.TargetKind != tt.targetKind || r.State != "active" || r.IsGatewayEndpointRoute() {
				t.Errorf("route = %+v, want target %s (%s), active, not an endpoint route", r, tt.target, tt.targetKind)
			}
		})
	}
	one, err := svc.RouteTable(ctx, acct.PrivateRouteTableID)
	if err != nil {
		t.Fatalf("RouteTable: %v", err)
	}
	if one.ID != private.ID || len(one.Routes) != len(private.Routes) {
		t.Errorf("RouteTable(%s) = %+v, want %+v", acct.PrivateRouteTableID, one, private)
	}

	nats, err := svc.NATGateways(ctx, acct.VPCID)
	if err != nil {
		t.Fatalf("NATGateways: %v", err)
	}
	if len(nats) != 1 || nats[0].ID != acct.NATGatewayID || nats[0].Name != "First-NAT" ||
		nats[0].SubnetID != acct.PublicSubnetIDs[0] || nats[0].VPCID != acct.VPCID || nats[0].PublicIP == "" {
		t.Errorf("NATGateways = %+v, want First-NAT %s in %s with a public IP", nats, acct.NATGatewayID, acct.PublicSubnetIDs[0])
	}

	igws, err := svc.InternetGateways(ctx)
	if err != nil {
		t.Fatalf("InternetGateways: %v", err)
	}
	igw := byName(t, igws, "First-IGW", func(g vpc.InternetGateway) string { return g.Name })
	if igw.ID != acct.InternetGatewayID || !slices.Equal(igw.VPCIDs, []string{acct.VPCID}) {
		t.Errorf("First-IGW = %+v, want %s attached to %s", igw, acct.InternetGatewayID, acct.VPCID)
	}

	groups, err := svc.SecurityGroups(ctx, acct.VPCID)
	if err != nil {
		t.Fatalf("SecurityGroups: %v", err)
	}
	sg := byName(t, groups, "default", func(g vpc.SecurityGroup) string { return g.Name })
	if sg.VPCID != acct.VPCID || !strings.HasPrefix(sg.ID, "sg-") {
		t.Errorf("default security group = %+v, want one in %s", sg, acct.VPCID)
	}
}

func testSeededDefaultVPC(t *testing.T, b backend) {
	ctx := context.Background()
	svc, acct := seeded(t, b, seed.Options{})
	if acct.DefaultVPCID == "" {
		t.Fatal("the seeded account has no default VPC; both EC2 and moto have one")
	}
	vpcs, err := svc.VPCs(ctx)
	if err != nil {
		t.Fatalf("VPCs: %v", err)
	}
	i := slices.IndexFunc(vpcs, func(v vpc.VPC) bool { return v.IsDefault })
	if i < 0 || vpcs[i].ID != acct.DefaultVPCID || vpcs[i].CIDR != "172.31.0.0/16" {
		t.Fatalf("VPCs = %+v, want the default VPC %s, 172.31.0.0/16", vpcs, acct.DefaultVPCID)
	}
	tables, err := svc.RouteTables(ctx, acct.DefaultVPCID)
	if err != nil {
		t.Fatalf("RouteTables: %v", err)
	}
	i = slices.IndexFunc(tables, func(rt vpc.RouteTable) bool { return rt.Main })
	if i < 0 {
		t.Fatalf("no main route table in %+v", tables)
	}
	hasDefault := slices.ContainsFunc(tables[i].Routes, func(r vpc.Route) bool {
		return r.DestinationCIDR == "0.0.0.0/0" && r.Target == acct.DefaultInternetGatewayID && r.TargetKind == vpc.TargetInternetGateway
	})
	if !hasDefault {
		t.Errorf("default VPC main table routes = %+v, want 0.0.0.0/0 → %s", tables[i].Routes, acct.DefaultInternetGatewayID)
	}
	subnets, err := svc.Subnets(ctx, acct.DefaultVPCID)
	if err != nil {
		t.Fatalf("Subnets: %v", err)
	}
	if len(subnets) == 0 {
		t.Fatal("the default VPC has no subnets")
	}
	for _, sn := range subnets {
		if sn.RouteTableID != tables[i].ID || !sn.UsesMainRouteTable {
			t.Errorf("default subnet %s uses %s (main %v), want the main table %s", sn.ID, sn.RouteTableID, sn.UsesMainRouteTable, tables[i].ID)
		}
	}
}

func testReferenceData(t *testing.T, b backend) {
	ctx := context.Background()
	svc := vpc.New(b.newClient(t), "us-east-1")

	lists, err := svc.PrefixLists(ctx)
	if err != nil {
		t.Fatalf("PrefixLists: %v", err)
	}
	for _, name := range []string{"com.amazonaws.us-east-1.s3", "com.amazonaws.us-east-1.dynamodb"} {
		pl, ok := vpc.PrefixListByName(lists, name)
		if !ok || !strings.HasPrefix(pl.ID, "pl-") || len(pl.CIDRs) == 0 || lists[pl.ID].Name != name {
			t.Errorf("prefix list %s = %+v (found %v), want an ID and CIDRs", name, pl, ok)
		}
	}

	services, err := svc.EndpointServices(ctx)
	if err != nil {
		t.Fatalf("EndpointServices: %v", err)
	}
	for _, tt := range []struct{ name, typ string }{
		{"com.amazonaws.us-east-1.s3", vpc.TypeGateway},
		{"com.amazonaws.us-east-1.s3", vpc.TypeInterface},
		{"com.amazonaws.us-east-1.dynamodb", vpc.TypeGateway},
	} {
		i := slices.IndexFunc(services, func(s vpc.EndpointService) bool { return s.Name == tt.name && s.Type == tt.typ })
		if i < 0 {
			t.Errorf("no %s %s among %d services", tt.typ, tt.name, len(services))
			continue
		}
		if s := services[i]; s.Owner != "amazon" {
			t.Errorf("%s %s = %+v, want owner amazon and one type", tt.typ, tt.name, s)
		}
	}
	sorted := slices.IsSortedFunc(services, func(a, b vpc.EndpointService) int {
		return strings.Compare(a.Name+" "+a.Type, b.Name+" "+b.Type)
	})
	if !sorted {
		t.Error("endpoint services are not sorted by name then type")
	}

	zones, err := svc.AvailabilityZones(ctx)
	if err != nil {
		t.Fatalf("AvailabilityZones: %v", err)
	}
	if len(zones) < 3 || zones[0].Name != "us-east-1a" || zones[0].ZoneID == "" {
		t.Errorf("AvailabilityZones = %+v, want us-east-1a first of at least three", zones)
	}
}

// testPagination seeds more VPCs than fit a page and checks every read comes
// back complete, compared with one unpaginated call.
func testPagination(t *testing.T, b backend) {
	ctx := context.Background()
	const extra, pageSize = 30, 5
	base := b.newClient(t)
	acct, err := seed.Tutorial(ctx, base, seed.Options{ExtraVPCs: extra})
	if err != nil {
		t.Fatalf("seed.Tutorial: %v", err)
	}
	client, calls := countingClient(base)
	svc := vpc.New(client, "us-east-1")
	vpc.SetPageSize(svc, pageSize)

	allVPCs, err := base.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if err != nil {
		t.Fatalf("DescribeVpcs: %v", err)
	}
	vpcs, err := svc.VPCs(ctx)
	if err != nil {
		t.Fatalf("VPCs: %v", err)
	}
	if got, want := len(vpcs), len(allVPCs.Vpcs); got != want || want < extra+2 {
		t.Fatalf("VPCs returned %d VPCs, want %d (and at least %d)", got, want, extra+2)
	}
	for i, v := range acct.ExtraVPCs {
		if got := byName(t, vpcs, v.Name, func(v vpc.VPC) string { return v.Name }); got.ID != v.VPCID || got.CIDR != v.CIDR {
			t.Errorf("extra VPC %d = %+v, want %+v", i, got, v)
		}
	}
	// moto pages only DescribeVpcEndpointServices and answers every other
	// describe in one page whatever MaxResults says; there the counts show
	// nothing about our paging, so they are checked on EC2-like backends.
	if got, min := calls.count("DescribeVpcs"), (len(vpcs)+pageSize-1)/pageSize; b.fullEC2Rules && got < min {
		t.Errorf("VPCs made %d DescribeVpcs calls for %d VPCs at %d per page, want at least %d", got, len(vpcs), pageSize, min)
	}

	allSubnets, err := base.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{})
	if err != nil {
		t.Fatalf("DescribeSubnets: %v", err)
	}
	subnets, err := svc.Subnets(ctx, "")
	if err != nil {
		t.Fatalf("Subnets: %v", err)
	}
	if got, want := len(subnets), len(allSubnets.Subnets); got != want {
		t.Errorf("Subnets returned %d subnets, want %d", got, want)
	}
	for _, sn := range subnets {
		if sn.RouteTableID == "" {
			t.Errorf("subnet %s (%s) has no effective route table", sn.ID, sn.Name)
		}
	}

	allTables, err := base.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{})
	if err != nil {
		t.Fatalf("DescribeRouteTables: %v", err)
	}
	tables, err := svc.RouteTables(ctx, "")
	if err != nil {
		t.Fatalf("RouteTables: %v", err)
	}
	if got, want := len(tables), len(allTables.RouteTables); got != want {
		t.Errorf("RouteTables returned %d tables, want %d", got, want)
	}
	igws, err := svc.InternetGateways(ctx)
	if err != nil {
		t.Fatalf("InternetGateways: %v", err)
	}
	if got, want := len(igws), extra+2; got != want {
		t.Errorf("InternetGateways returned %d, want %d", got, want)
	}
	for _, name := range []string{"scale-vpc-001-igw", fmt.Sprintf("scale-vpc-%03d-igw", extra)} {
		byName(t, igws, name, func(g vpc.InternetGateway) string { return g.Name })
	}

	// DescribeVpcEndpointServices has no SDK paginator; the service follows
	// NextToken itself, and moto does page this call.
	allServices, err := vpc.New(base, "us-east-1").EndpointServices(ctx)
	if err != nil {
		t.Fatalf("EndpointServices unpaged: %v", err)
	}
	before := calls.count("DescribeVpcEndpointServices")
	services, err := svc.EndpointServices(ctx)
	if err != nil {
		t.Fatalf("EndpointServices: %v", err)
	}
	if !slices.EqualFunc(services, allServices, func(a, b vpc.EndpointService) bool { return a.Name == b.Name && a.Type == b.Type }) {
		t.Errorf("EndpointServices paged by %d returned %d services, want the %d of one unpaged call", pageSize, len(services), len(allServices))
	}
	if got := calls.count("DescribeVpcEndpointServices") - before; got < 2 {
		t.Errorf("EndpointServices made %d calls at %d per page for %d services, want several", got, pageSize, len(services))
	}

	// No call per row: at the backend's own page size, reading the rows of
	// all 32 VPCs costs as many calls as reading those of First-VPC.
	unpagedClient, unpagedCalls := countingClient(base)
	unpaged := vpc.New(unpagedClient, "us-east-1")
	for _, read := range []struct {
		name string
		read func(vpcID string) error
	}{
		{"Subnets", func(id string) error { _, err := unpaged.Subnets(ctx, id); return err }},
		{"RouteTables", func(id string) error { _, err := unpaged.RouteTables(ctx, id); return err }},
		{"NATGateways", func(id string) error { _, err := unpaged.NATGateways(ctx, id); return err }},
	} {
		callsFor := func(vpcID string) int {
			before := unpagedCalls.total()
			if err := read.read(vpcID); err != nil {
				t.Fatalf("%s(%q): %v", read.name, vpcID, err)
			}
			return unpagedCalls.total() - before
		}
		if one, all := callsFor(acct.VPCID), callsFor(""); one != all {
			t.Errorf("%s made %d calls for one VPC and %d for all of them, want the same", read.name, one, all)
		}
	}
}

func testNotFound(t *testing.T, b backend) {
	ctx := context.Background()
	svc := vpc.New(b.newClient(t), "us-east-1")
	_, err := svc.RouteTable(ctx, "rtb-0123456789abcdef0")
	wantError(t, err, vpc.NotFound, vpc.FieldRouteTables)
	_, err = svc.Endpoint(ctx, "vpce-0123456789abcdef0")
	wantError(t, err, vpc.NotFound, "")
}
