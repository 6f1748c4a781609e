package fakeec2

import (
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// regionIDs are the ids a fresh account shows and mints first in one Region: its default VPC
// and what comes with it, then a VPC, an Elastic IP and an S3 gateway endpoint made by the test.
type regionIDs struct {
	defaultVPC, defaultTable, defaultIGW, defaultGroup string
	defaultSubnets                                     []string
	vpc, allocation, publicIP, endpoint                string
}

// all lists every id, to look for ids shared between Regions.
func (r regionIDs) all() []string {
	return append([]string{r.defaultVPC, r.defaultTable, r.defaultIGW, r.defaultGroup, r.vpc, r.allocation, r.publicIP, r.endpoint}, r.defaultSubnets...)
}

func readRegionIDs(t *testing.T, c *ec2.Client) regionIDs {
	t.Helper()
	var r regionIDs
	r.defaultVPC, r.defaultTable = lookupDefaultVPC(t, c)
	subnets, err := c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: []types.Filter{sdkFilter("vpc-id", r.defaultVPC)}})
	if err != nil {
		t.Fatalf("DescribeSubnets: %v", err)
	}
	for _, s := range subnets.Subnets {
		r.defaultSubnets = append(r.defaultSubnets, aws.ToString(s.SubnetId))
	}
	r.defaultSubnets = sortedStrings(r.defaultSubnets)
	igws, err := c.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{})
	if err != nil || len(igws.InternetGateways) != 1 {
		t.Fatalf("DescribeInternetGateways: %v", err)
	}
	r.defaultIGW = aws.ToString(igws.InternetGateways[0].InternetGatewayId)
	r.defaultGroup = defaultGroupOf(t, c, r.defaultVPC)
	vpc, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.20.0.0/16")})
	if err != nil {
		t.Fatalf("CreateVpc: %v", err)
	}
	r.vpc = aws.ToString(vpc.Vpc.VpcId)
	eip, err := c.AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: types.DomainTypeVpc})
	if err != nil {
		t.Fatalf("AllocateAddress: %v", err)
	}
	r.allocation, r.publicIP = aws.ToString(eip.AllocationId), aws.ToString(eip.PublicIp)
	ep, err := c.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{
		VpcId: aws.String(r.defaultVPC), ServiceName: aws.String("com.amazonaws." + c.Options().Region + ".s3"),
		RouteTableIds: []string{r.defaultTable},
	})
	if err != nil {
		t.Fatalf("CreateVpcEndpoint: %v", err)
	}
	r.endpoint = aws.ToString(ep.VpcEndpoint.VpcEndpointId)
	return r
}

// TestDefaultRegionIDsUnchanged: the default Region mints exactly the ids the fake minted before
// it served more than one Region, so demo accounts, recorded ids and tests stay as they were.
func TestDefaultRegionIDsUnchanged(t *testing.T) {
	// Recorded from the fake before Regions (commit f7c7c2f), where this test passes unchanged.
	want := regionIDs{
		defaultVPC: "vpc-08bb6a6e6993ce82d", defaultTable: "rtb-0994a16b1097934e4",
		defaultIGW: "igw-07049a0ff1c71e4d9", defaultGroup: "sg-042d0b45bc4c0a4f5",
		defaultSubnets: []string{
			"subnet-0200de2624b3c686d", "subnet-0318d1b30cc0143c7", "subnet-04e5be9a053332ca7",
			"subnet-05d1d49fdbad5e3ab", "subnet-0bd93a7e51e6551b1", "subnet-0f86e1b225900c7cd",
		},
		vpc: "vpc-0bc51d3fcfd50f3a0", allocation: "eipalloc-09cc63fe1a2243fdf", publicIP: "3.208.0.10",
		endpoint: "vpce-0917182e1256e243a",
	}
	for _, opts := range []Options{{}, {Region: "us-east-1", Regions: []string{"us-east-1", "us-west-2", "eu-west-1"}}} {
		c, _ := newTestClient(t, opts)
		if got := readRegionIDs(t, c); !reflect.DeepEqual(got, want) {
			t.Errorf("Options %+v: ids =\n%+v\nwant\n%+v", opts, got, want)
		}
	}
}

// TestOtherRegionIDsDiffer: another Region mints ids of its own, none shared with the default
// Region's, and the same ones run after run.
func TestOtherRegionIDsDiffer(t *testing.T) {
	_, srv := newTestClient(t, Options{})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	east := readRegionIDs(t, regionClient(ts.URL, "us-east-1"))
	west := readRegionIDs(t, regionClient(ts.URL, "us-west-2"))
	for _, id := range west.all() {
		if slices.Contains(east.all(), id) {
			t.Errorf("us-west-2 minted %s, which us-east-1 also has", id)
		}
	}
	if !strings.HasPrefix(west.publicIP, "44.") {
		t.Errorf("us-west-2 Elastic IP %s, want one of us-west-2's 44.224.0.0/11", west.publicIP)
	}

	_, again := newTestClient(t, Options{})
	ts2 := httptest.NewServer(again)
	t.Cleanup(ts2.Close)
	if got := readRegionIDs(t, regionClient(ts2.URL, "us-west-2")); !reflect.DeepEqual(got, west) {
		t.Errorf("us-west-2 ids differ between two fresh accounts:\n%+v\n%+v", got, west)
	}
}
