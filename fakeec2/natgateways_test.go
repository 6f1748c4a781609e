package fakeec2

import (
	"net/netip"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func allocateEIP(t *testing.T, c *ec2.Client) string {
	t.Helper()
	out, err := c.AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: types.DomainTypeVpc})
	if err != nil {
		t.Fatalf("AllocateAddress: %v", err)
	}
	return *out.AllocationId
}

// createPublicNAT allocates an address and creates a public NAT gateway with it in subnetID.
func createPublicNAT(t *testing.T, c *ec2.Client, subnetID string, tags ...types.Tag) string {
	t.Helper()
	in := &ec2.CreateNatGatewayInput{SubnetId: aws.String(subnetID), AllocationId: aws.String(allocateEIP(t, c))}
	if len(tags) > 0 {
		in.TagSpecifications = []types.TagSpecification{{ResourceType: types.ResourceTypeNatgateway, Tags: tags}}
	}
	out, err := c.CreateNatGateway(ctx, in)
	if err != nil {
		t.Fatalf("CreateNatGateway in %s: %v", subnetID, err)
	}
	return *out.NatGateway.NatGatewayId
}

func natIDs(nats []types.NatGateway) []string {
	var out []string
	for _, n := range nats {
		out = append(out, *n.NatGatewayId)
	}
	return out
}

func TestCreateNatGateway(t *testing.T) {
	created := time.Date(2026, 5, 20, 10, 15, 30, 123_000_000, time.UTC)
	c, _ := newTestClient(t, Options{Clock: func() time.Time { return created }})
	n := buildNetwork(t, c, "10.20")
	eip, err := c.AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: types.DomainTypeVpc})
	if err != nil {
		t.Fatalf("AllocateAddress: %v", err)
	}

	out, err := c.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{
		SubnetId: aws.String(n.subnetA), AllocationId: eip.AllocationId, ClientToken: aws.String("nat-token-1"),
		TagSpecifications: nameTag(types.ResourceTypeNatgateway, "First-NAT"),
	})
	if err != nil {
		t.Fatalf("CreateNatGateway: %v", err)
	}
	if got, want := aws.ToString(out.ClientToken), "nat-token-1"; got != want {
		t.Errorf("client token = %q, want %q", got, want)
	}
	natID := *out.NatGateway.NatGatewayId

	described, err := c.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{natID}})
	if err != nil {
		t.Fatalf("DescribeNatGateways: %v", err)
	}
	for name, nat := range map[string]types.NatGateway{"create": *out.NatGateway, "describe": described.NatGateways[0]} {
		t.Run(name, func(t *testing.T) {
			for _, c := range []struct{ field, got, want string }{
				{"id", *nat.NatGatewayId, natID},
				{"subnet", aws.ToString(nat.SubnetId), n.subnetA},
				{"VPC", aws.ToString(nat.VpcId), n.vpcID},
				{"state", string(nat.State), "available"},
				{"connectivity", string(nat.ConnectivityType), "public"},
				{"create time", aws.ToTime(nat.CreateTime).String(), created.String()},
			} {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
				}
			}
			if len(nat.NatGatewayAddresses) != 1 {
				t.Fatalf("addresses = %d, want 1", len(nat.NatGatewayAddresses))
			}
			addr := nat.NatGatewayAddresses[0]
			for _, c := range []struct{ field, got, want string }{
				{"allocation", aws.ToString(addr.AllocationId), *eip.AllocationId},
				{"public IP", aws.ToString(addr.PublicIp), *eip.PublicIp},
				{"private IP", aws.ToString(addr.PrivateIp), "10.20.1.10"},
				{"status", string(addr.Status), "succeeded"},
			} {
				if c.got != c.want {
					t.Errorf("address %s = %q, want %q", c.field, c.got, c.want)
				}
			}
			if !aws.ToBool(addr.IsPrimary) {
				t.Error("address is not primary")
			}
			if eni := aws.ToString(addr.NetworkInterfaceId); len(eni) < 5 || eni[:4] != "eni-" {
				t.Errorf("network interface = %q, want eni-…", eni)
			}
			if len(nat.Tags) != 1 || *nat.Tags[0].Value != "First-NAT" {
				t.Errorf("tags = %v, want Name=First-NAT", nat.Tags)
			}
		})
	}

	// A second NAT gateway in the subnet takes the next free address.
	second, err := c.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{SubnetId: aws.String(n.subnetA), AllocationId: aws.String(allocateEIP(t, c))})
	if err != nil {
		t.Fatalf("second CreateNatGateway: %v", err)
	}
	if got, want := aws.ToString(second.NatGateway.NatGatewayAddresses[0].PrivateIp), "10.20.1.11"; got != want {
		t.Errorf("second NAT gateway's private IP = %s, want %s", got, want)
	}

	// The NAT gateway is a route target for private subnets.
	if _, err := c.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: aws.String(n.privateTable), DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: aws.String(natID)}); err != nil {
		t.Fatalf("CreateRoute to the NAT gateway: %v", err)
	}
	if got, want := routesOf(t, c, n.privateTable)["0.0.0.0/0"], natID+" CreateRoute active"; got != want {
		t.Errorf("private route 0.0.0.0/0 = %q, want %q", got, want)
	}
}

func TestCreateNatGatewayPrivateAndChosenAddress(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.20")
	for _, tt := range []struct {
		name         string
		in           *ec2.CreateNatGatewayInput
		connectivity string
		privateIP    string
	}{
		{"private gateway", &ec2.CreateNatGatewayInput{SubnetId: aws.String(n.subnetB), ConnectivityType: types.ConnectivityTypePrivate}, "private", "10.20.2.10"},
		{"chosen private IP", &ec2.CreateNatGatewayInput{SubnetId: aws.String(n.subnetB), ConnectivityType: types.ConnectivityTypePrivate, PrivateIpAddress: aws.String("10.20.2.50")}, "private", "10.20.2.50"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := c.CreateNatGateway(ctx, tt.in)
			if err != nil {
				t.Fatalf("CreateNatGateway: %v", err)
			}
			nat := out.NatGateway
			if got := string(nat.ConnectivityType); got != tt.connectivity {
				t.Errorf("connectivity = %s, want %s", got, tt.connectivity)
			}
			addr := nat.NatGatewayAddresses[0]
			if got := aws.ToString(addr.PrivateIp); got != tt.privateIP {
				t.Errorf("private IP = %s, want %s", got, tt.privateIP)
			}
			if addr.PublicIp != nil || addr.AllocationId != nil {
				t.Errorf("private NAT gateway has public address %v / %v", aws.ToString(addr.PublicIp), aws.ToString(addr.AllocationId))
			}
		})
	}
}

func TestCreateNatGatewayErrors(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.20")
	free := allocateEIP(t, c)
	inUse := allocateEIP(t, c)
	if _, err := c.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{SubnetId: aws.String(n.subnetA), AllocationId: aws.String(inUse)}); err != nil {
		t.Fatalf("CreateNatGateway: %v", err)
	}
	taken, err := c.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{SubnetId: aws.String(n.subnetB), ConnectivityType: types.ConnectivityTypePrivate})
	if err != nil {
		t.Fatalf("CreateNatGateway private: %v", err)
	}
	takenIP := *taken.NatGateway.NatGatewayAddresses[0].PrivateIp

	for _, tt := range []struct {
		name string
		in   ec2.CreateNatGatewayInput
		want string
	}{
		{"no subnet", ec2.CreateNatGatewayInput{AllocationId: aws.String(free)}, "MissingParameter"},
		{"public without allocation", ec2.CreateNatGatewayInput{SubnetId: aws.String(n.subnetA)}, "MissingParameter"},
		{"unknown subnet", ec2.CreateNatGatewayInput{SubnetId: aws.String("subnet-0123456789abcdef0"), AllocationId: aws.String(free)}, "InvalidSubnetID.NotFound"},
		{"unknown allocation", ec2.CreateNatGatewayInput{SubnetId: aws.String(n.subnetA), AllocationId: aws.String("eipalloc-0123456789abcdef0")}, "InvalidAllocationID.NotFound"},
		{"allocation in use", ec2.CreateNatGatewayInput{SubnetId: aws.String(n.subnetB), AllocationId: aws.String(inUse)}, "Resource.AlreadyAssociated"},
		{"private with allocation", ec2.CreateNatGatewayInput{SubnetId: aws.String(n.subnetA), AllocationId: aws.String(free), ConnectivityType: types.ConnectivityTypePrivate}, "InvalidParameterCombination"},
		{"unknown connectivity", ec2.CreateNatGatewayInput{SubnetId: aws.String(n.subnetA), AllocationId: aws.String(free), ConnectivityType: "satellite"}, "InvalidParameterValue"},
		{"private IP outside the subnet", ec2.CreateNatGatewayInput{SubnetId: aws.String(n.subnetA), AllocationId: aws.String(free), PrivateIpAddress: aws.String("10.20.2.50")}, "InvalidParameterValue"},
		{"private IP in use", ec2.CreateNatGatewayInput{SubnetId: aws.String(n.subnetB), ConnectivityType: types.ConnectivityTypePrivate, PrivateIpAddress: aws.String(takenIP)}, "InvalidIPAddress.InUse"},
		{"wrong tag resource type", ec2.CreateNatGatewayInput{SubnetId: aws.String(n.subnetA), AllocationId: aws.String(free), TagSpecifications: nameTag(types.ResourceTypeVpc, "x")}, "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.CreateNatGateway(ctx, &tt.in)
			wantCode(t, err, tt.want)
		})
	}
	out, err := c.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{})
	if err != nil {
		t.Fatalf("DescribeNatGateways: %v", err)
	}
	if got, want := len(out.NatGateways), 2; got != want {
		t.Errorf("NAT gateways after failed creates = %d, want %d", got, want)
	}
}

func TestDescribeNatGatewaysFilters(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.20")
	other := buildNetwork(t, c, "10.30")
	natA := createPublicNAT(t, c, n.subnetA, sdkTag("Name", "nat-a"), sdkTag("Tier", "edge"))
	natB := createPublicNAT(t, c, n.subnetB, sdkTag("Name", "nat-b"))
	natOther := createPublicNAT(t, c, other.subnetA, sdkTag("Tier", "edge"))

	for _, tt := range []struct {
		name    string
		ids     []string
		filters []types.Filter
		want    []string
	}{
		{"no filter lists all", nil, nil, []string{natA, natB, natOther}},
		{"tag", nil, []types.Filter{sdkFilter("tag:Name", "nat-b")}, []string{natB}},
		{"values are OR'd", nil, []types.Filter{sdkFilter("vpc-id", n.vpcID, other.vpcID)}, []string{natA, natB, natOther}},
		{"filters are AND'd", nil, []types.Filter{sdkFilter("tag:Tier", "edge"), sdkFilter("vpc-id", n.vpcID)}, []string{natA}},
		{"subnet", nil, []types.Filter{sdkFilter("subnet-id", n.subnetB)}, []string{natB}},
		{"state available", nil, []types.Filter{sdkFilter("state", "available")}, []string{natA, natB, natOther}},
		{"state pending", nil, []types.Filter{sdkFilter("state", "pending")}, nil},
		{"nat-gateway-id", nil, []types.Filter{sdkFilter("nat-gateway-id", natOther)}, []string{natOther}},
		{"ids", []string{natA, natOther}, nil, []string{natA, natOther}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := c.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: tt.ids, Filter: tt.filters})
			if err != nil {
				t.Fatalf("DescribeNatGateways: %v", err)
			}
			wantIDs(t, natIDs(out.NatGateways), tt.want)
		})
	}

	for _, tt := range []struct {
		name string
		in   *ec2.DescribeNatGatewaysInput
		want string
	}{
		{"unknown id", &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{natA, "nat-0123456789abcdef0"}}, "NatGatewayNotFound"},
		{"unknown filter", &ec2.DescribeNatGatewaysInput{Filter: []types.Filter{sdkFilter("colour", "blue")}}, "InvalidParameterValue"},
		{"MaxResults below 5", &ec2.DescribeNatGatewaysInput{MaxResults: aws.Int32(4)}, "InvalidParameterValue"},
		{"MaxResults above 1000", &ec2.DescribeNatGatewaysInput{MaxResults: aws.Int32(1001)}, "InvalidParameterValue"},
		{"malformed NextToken", &ec2.DescribeNatGatewaysInput{NextToken: aws.String("bm90LWEtdG9rZW4")}, "InvalidNextToken"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.DescribeNatGateways(ctx, tt.in)
			wantCode(t, err, tt.want)
		})
	}
}

func TestDescribeNatGatewaysPagination(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.20")
	for range 12 {
		createPublicNAT(t, c, n.subnetA)
	}
	pages := ec2.NewDescribeNatGatewaysPaginator(c, &ec2.DescribeNatGatewaysInput{MaxResults: aws.Int32(5)})
	var ids []string
	var privateIPs []string
	pageCount := 0
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			t.Fatalf("page %d: %v", pageCount+1, err)
		}
		pageCount++
		ids = append(ids, natIDs(page.NatGateways)...)
		for _, nat := range page.NatGateways {
			privateIPs = append(privateIPs, *nat.NatGatewayAddresses[0].PrivateIp)
		}
	}
	wantUniqueIDs(t, ids, 12)
	wantUniqueIDs(t, privateIPs, 12)
	if got, want := pageCount, 3; got != want {
		t.Errorf("pages = %d, want %d", got, want)
	}
	subnet := netip.MustParsePrefix("10.20.1.0/24")
	for _, ip := range privateIPs {
		if !subnet.Contains(netip.MustParseAddr(ip)) {
			t.Errorf("private IP %s is outside the subnet %s", ip, subnet)
		}
	}
}

func TestNatGatewayDryRun(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.20")
	eip := allocateEIP(t, c)

	for _, tt := range []struct {
		name   string
		subnet string
		want   string
	}{
		{"valid request", n.subnetA, "DryRunOperation"},
		{"invalid request is still checked", "subnet-0123456789abcdef0", "InvalidSubnetID.NotFound"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{SubnetId: aws.String(tt.subnet), AllocationId: aws.String(eip), DryRun: aws.Bool(true)})
			wantCode(t, err, tt.want)
		})
	}
	nats, err := c.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{})
	if err != nil {
		t.Fatalf("DescribeNatGateways: %v", err)
	}
	if got := len(nats.NatGateways); got != 0 {
		t.Errorf("NAT gateways after a dry run = %d, want 0", got)
	}
	addrs, err := c.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{AllocationIds: []string{eip}})
	if err != nil {
		t.Fatalf("DescribeAddresses: %v", err)
	}
	if id := addrs.Addresses[0].AssociationId; id != nil {
		t.Errorf("address associated (%s) by a dry run", *id)
	}
}
