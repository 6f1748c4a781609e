package fakeec2

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestEndpointShapes checks the members EC2 gives each kind of endpoint: a gateway endpoint has
// no IpAddressType and no DnsOptions; an interface endpoint has both; S3's interface endpoint
// lists its endpoint-specific names as *. wildcards.
func TestEndpointShapes(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.50")
	gateway := createS3Endpoint(t, c, n.vpcID, n.privateTable)
	s3Interface := createInterfaceEndpoint(t, c, n, s3Service)
	ssmInterface := createInterfaceEndpoint(t, c, n, "com.amazonaws.us-east-1.ssm")

	byID := map[string]types.VpcEndpoint{}
	out, err := c.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{gateway, s3Interface, ssmInterface}})
	if err != nil {
		t.Fatalf("DescribeVpcEndpoints: %v", err)
	}
	for _, e := range out.VpcEndpoints {
		byID[aws.ToString(e.VpcEndpointId)] = e
	}

	t.Run("gateway endpoint", func(t *testing.T) {
		e := byID[gateway]
		if e.IpAddressType != "" {
			t.Errorf("IpAddressType = %q, want none", e.IpAddressType)
		}
		if e.DnsOptions != nil {
			t.Errorf("DnsOptions = %+v, want none", *e.DnsOptions)
		}
		if len(e.DnsEntries) != 0 {
			t.Errorf("DnsEntries = %d, want none", len(e.DnsEntries))
		}
	})
	t.Run("interface endpoints keep IpAddressType and DnsOptions", func(t *testing.T) {
		for _, id := range []string{s3Interface, ssmInterface} {
			e := byID[id]
			if e.IpAddressType != types.IpAddressTypeIpv4 {
				t.Errorf("%s IpAddressType = %q, want ipv4", aws.ToString(e.ServiceName), e.IpAddressType)
			}
			if e.DnsOptions == nil || e.DnsOptions.DnsRecordIpType != types.DnsRecordIpTypeIpv4 {
				t.Errorf("%s DnsOptions = %+v, want DnsRecordIpType ipv4", aws.ToString(e.ServiceName), e.DnsOptions)
			}
		}
	})
	t.Run("S3 interface endpoint names are wildcards", func(t *testing.T) {
		names := dnsNames(byID[s3Interface])
		want := []string{
			"*." + s3Interface + "-",
			".s3.us-east-1.vpce.amazonaws.com",
		}
		if len(names) == 0 {
			t.Fatal("no DnsEntries")
		}
		for _, name := range names {
			if !strings.HasPrefix(name, want[0]) || !strings.HasSuffix(name, want[1]) {
				t.Errorf("DnsName %q, want %s…%s", name, want[0], want[1])
			}
		}
		if regional := names[0]; strings.Contains(strings.TrimSuffix(regional, want[1]), "us-east-1") {
			t.Errorf("first DnsName %q is not the regional name", regional)
		}
	})
	t.Run("other interface endpoint names are not wildcards", func(t *testing.T) {
		for _, name := range dnsNames(byID[ssmInterface]) {
			if strings.HasPrefix(name, "*") {
				t.Errorf("ssm DnsName %q is a wildcard", name)
			}
		}
	})
	t.Run("ip-address-type filter", func(t *testing.T) {
		out, err := c.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{Filters: []types.Filter{sdkFilter("ip-address-type", "ipv4")}})
		if err != nil {
			t.Fatalf("DescribeVpcEndpoints: %v", err)
		}
		var got []string
		for _, e := range out.VpcEndpoints {
			got = append(got, aws.ToString(e.VpcEndpointId))
		}
		wantIDs(t, got, []string{s3Interface, ssmInterface})
	})
}

func createInterfaceEndpoint(t *testing.T, c *ec2.Client, n testNetwork, service string) string {
	t.Helper()
	out, err := c.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{
		VpcId: aws.String(n.vpcID), ServiceName: aws.String(service), VpcEndpointType: types.VpcEndpointTypeInterface,
		SubnetIds: []string{n.subnetA, n.subnetB},
	})
	if err != nil {
		t.Fatalf("CreateVpcEndpoint %s Interface: %v", service, err)
	}
	return aws.ToString(out.VpcEndpoint.VpcEndpointId)
}

func dnsNames(e types.VpcEndpoint) []string {
	var out []string
	for _, d := range e.DnsEntries {
		out = append(out, aws.ToString(d.DnsName))
	}
	return out
}
