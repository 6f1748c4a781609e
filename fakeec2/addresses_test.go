package fakeec2

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func addressIDs(addrs []types.Address) []string {
	var out []string
	for _, a := range addrs {
		out = append(out, *a.AllocationId)
	}
	return out
}

func TestAllocateAddress(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	out, err := c.AllocateAddress(ctx, &ec2.AllocateAddressInput{
		Domain: types.DomainTypeVpc, TagSpecifications: nameTag(types.ResourceTypeElasticIp, "nat-eip"),
	})
	if err != nil {
		t.Fatalf("AllocateAddress: %v", err)
	}
	for _, c := range []struct{ field, got, want string }{
		{"public IP", aws.ToString(out.PublicIp), "3.208.0.10"},
		{"domain", string(out.Domain), "vpc"},
		{"pool", aws.ToString(out.PublicIpv4Pool), "amazon"},
		{"border group", aws.ToString(out.NetworkBorderGroup), "us-east-1"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if id := aws.ToString(out.AllocationId); !strings.HasPrefix(id, "eipalloc-0") || len(id) != len("eipalloc-")+17 {
		t.Errorf("allocation id = %q, want eipalloc- and 17 hex digits", id)
	}

	// The same calls on a fresh account mint the same id and address.
	again, _ := newTestClient(t, Options{})
	out2, err := again.AllocateAddress(ctx, &ec2.AllocateAddressInput{})
	if err != nil {
		t.Fatalf("AllocateAddress on a fresh account: %v", err)
	}
	if *out2.AllocationId != *out.AllocationId || *out2.PublicIp != *out.PublicIp {
		t.Errorf("fresh account allocated %s %s, want %s %s", *out2.AllocationId, *out2.PublicIp, *out.AllocationId, *out.PublicIp)
	}
	// The next allocation gets another address.
	out3, err := again.AllocateAddress(ctx, &ec2.AllocateAddressInput{})
	if err != nil {
		t.Fatalf("second AllocateAddress: %v", err)
	}
	if *out3.PublicIp == *out2.PublicIp || *out3.AllocationId == *out2.AllocationId {
		t.Errorf("second allocation reused %s / %s", *out3.AllocationId, *out3.PublicIp)
	}

	described, err := c.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{AllocationIds: []string{*out.AllocationId}})
	if err != nil {
		t.Fatalf("DescribeAddresses: %v", err)
	}
	got := described.Addresses[0]
	if *got.PublicIp != *out.PublicIp || got.Domain != types.DomainTypeVpc || got.AssociationId != nil || got.NetworkInterfaceId != nil {
		t.Errorf("described address = %+v, want %s in vpc, unassociated", got, *out.PublicIp)
	}
	if len(got.Tags) != 1 || *got.Tags[0].Value != "nat-eip" {
		t.Errorf("tags = %v, want Name=nat-eip", got.Tags)
	}
}

func TestAddressAssociatedWithNatGateway(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.20")
	eip := allocateEIP(t, c)
	nat, err := c.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{SubnetId: aws.String(n.subnetA), AllocationId: aws.String(eip)})
	if err != nil {
		t.Fatalf("CreateNatGateway: %v", err)
	}
	natAddr := nat.NatGateway.NatGatewayAddresses[0]

	out, err := c.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{AllocationIds: []string{eip}})
	if err != nil {
		t.Fatalf("DescribeAddresses: %v", err)
	}
	got := out.Addresses[0]
	if id := aws.ToString(got.AssociationId); !strings.HasPrefix(id, "eipassoc-") {
		t.Errorf("association id = %q, want eipassoc-…", id)
	}
	if g, w := aws.ToString(got.NetworkInterfaceId), *natAddr.NetworkInterfaceId; g != w {
		t.Errorf("network interface = %s, want the NAT gateway's %s", g, w)
	}
	if g, w := aws.ToString(got.PrivateIpAddress), *natAddr.PrivateIp; g != w {
		t.Errorf("private IP = %s, want %s", g, w)
	}
	if g, w := aws.ToString(natAddr.AssociationId), aws.ToString(got.AssociationId); g != w {
		t.Errorf("NAT gateway's association id = %s, address's = %s", g, w)
	}
}

func TestDescribeAddresses(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.20")
	allocate := func(name string) (id, ip string) {
		t.Helper()
		out, err := c.AllocateAddress(ctx, &ec2.AllocateAddressInput{TagSpecifications: nameTag(types.ResourceTypeElasticIp, name)})
		if err != nil {
			t.Fatalf("AllocateAddress: %v", err)
		}
		return *out.AllocationId, *out.PublicIp
	}
	first, firstIP := allocate("first")
	second, secondIP := allocate("second")
	third, _ := allocate("third")
	if _, err := c.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{SubnetId: aws.String(n.subnetA), AllocationId: aws.String(third)}); err != nil {
		t.Fatalf("CreateNatGateway: %v", err)
	}

	for _, tt := range []struct {
		name    string
		in      ec2.DescribeAddressesInput
		want    []string
		wantErr string
	}{
		{name: "all", want: []string{first, second, third}},
		{name: "by allocation id", in: ec2.DescribeAddressesInput{AllocationIds: []string{second}}, want: []string{second}},
		{name: "by public IP", in: ec2.DescribeAddressesInput{PublicIps: []string{firstIP}}, want: []string{first}},
		{name: "tag", in: ec2.DescribeAddressesInput{Filters: []types.Filter{sdkFilter("tag:Name", "third")}}, want: []string{third}},
		{name: "values are OR'd", in: ec2.DescribeAddressesInput{Filters: []types.Filter{sdkFilter("public-ip", firstIP, secondIP)}}, want: []string{first, second}},
		{name: "filters are AND'd", in: ec2.DescribeAddressesInput{Filters: []types.Filter{sdkFilter("domain", "vpc"), sdkFilter("tag:Name", "first", "third")}}, want: []string{first, third}},
		{name: "associated", in: ec2.DescribeAddressesInput{Filters: []types.Filter{sdkFilter("association-id", "eipassoc-*")}}, want: []string{third}},
		{name: "allocation-id filter", in: ec2.DescribeAddressesInput{Filters: []types.Filter{sdkFilter("allocation-id", second)}}, want: []string{second}},
		{name: "unknown allocation", in: ec2.DescribeAddressesInput{AllocationIds: []string{"eipalloc-0123456789abcdef0"}}, wantErr: "InvalidAllocationID.NotFound"},
		{name: "unknown public IP", in: ec2.DescribeAddressesInput{PublicIps: []string{"198.51.100.7"}}, wantErr: "InvalidAddress.NotFound"},
		{name: "unknown filter", in: ec2.DescribeAddressesInput{Filters: []types.Filter{sdkFilter("colour", "blue")}}, wantErr: "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := c.DescribeAddresses(ctx, &tt.in)
			if tt.wantErr != "" {
				wantCode(t, err, tt.wantErr)
				return
			}
			if err != nil {
				t.Fatalf("DescribeAddresses: %v", err)
			}
			wantIDs(t, addressIDs(out.Addresses), tt.want)
		})
	}
}

func TestAllocateAddressErrorsAndDryRun(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	for _, tt := range []struct {
		name string
		in   ec2.AllocateAddressInput
		want string
	}{
		{"dry run", ec2.AllocateAddressInput{DryRun: aws.Bool(true)}, "DryRunOperation"},
		{"EC2-Classic domain", ec2.AllocateAddressInput{Domain: types.DomainTypeStandard}, "InvalidParameterValue"},
		{"wrong tag resource type", ec2.AllocateAddressInput{TagSpecifications: nameTag(types.ResourceTypeNatgateway, "x")}, "InvalidParameterValue"},
		{"aws: tag", ec2.AllocateAddressInput{TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeElasticIp, Tags: []types.Tag{sdkTag("aws:x", "y")}}}}, "InvalidTagKey.Malformed"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.AllocateAddress(ctx, &tt.in)
			wantCode(t, err, tt.want)
		})
	}
	out, err := c.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{})
	if err != nil {
		t.Fatalf("DescribeAddresses: %v", err)
	}
	if got := len(out.Addresses); got != 0 {
		t.Errorf("addresses after refused and dry-run allocations = %d, want 0", got)
	}
}
