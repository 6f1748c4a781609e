package fakeec2

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestCIDRsWithHostBitsAreMadeCanonical checks what the EC2 model documents for CreateVpc,
// CreateSubnet and CreateRoute: a CIDR with host bits set is accepted and stored in its
// canonical form (100.68.0.18/18 → 100.68.0.0/18).
func TestCIDRsWithHostBitsAreMadeCanonical(t *testing.T) {
	c, _ := newTestClient(t, Options{})

	vpc, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.20.0.4/16")})
	if err != nil {
		t.Fatalf("CreateVpc 10.20.0.4/16: %v", err)
	}
	if got, want := aws.ToString(vpc.Vpc.CidrBlock), "10.20.0.0/16"; got != want {
		t.Errorf("CreateVpc CidrBlock = %s, want %s", got, want)
	}
	vpcID := aws.ToString(vpc.Vpc.VpcId)
	described, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{vpcID}})
	if err != nil {
		t.Fatalf("DescribeVpcs: %v", err)
	}
	if got, want := aws.ToString(described.Vpcs[0].CidrBlock), "10.20.0.0/16"; got != want {
		t.Errorf("DescribeVpcs CidrBlock = %s, want %s", got, want)
	}
	main := routesOf(t, c, mainTableOf(t, c, vpcID))
	if _, ok := main["10.20.0.0/16"]; !ok {
		t.Errorf("the local route is not 10.20.0.0/16: %v", main)
	}

	subnet, err := c.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: aws.String(vpcID), CidrBlock: aws.String("10.20.1.7/24")})
	if err != nil {
		t.Fatalf("CreateSubnet 10.20.1.7/24: %v", err)
	}
	if got, want := aws.ToString(subnet.Subnet.CidrBlock), "10.20.1.0/24"; got != want {
		t.Errorf("CreateSubnet CidrBlock = %s, want %s", got, want)
	}
	_, err = c.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: aws.String(vpcID), CidrBlock: aws.String("10.20.1.200/24")})
	wantCode(t, err, "InvalidSubnet.Conflict")

	for _, tt := range []struct{ name, cidr, want string }{
		{"not a CIDR", "10.20.0.0", "InvalidParameterValue"},
		{"mask too long", "10.20.0.0/33", "InvalidParameterValue"},
		{"IPv6", "2001:db8::/56", "InvalidParameterValue"},
	} {
		t.Run("CreateVpc refuses "+tt.name, func(t *testing.T) {
			_, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String(tt.cidr)})
			wantCode(t, err, tt.want)
		})
	}
}

func TestCreateAndDeleteRouteMakeTheCIDRCanonical(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	vpcID, table := lookupDefaultVPC(t, c)
	igws, err := c.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{Filters: []types.Filter{sdkFilter("attachment.vpc-id", vpcID)}})
	if err != nil || len(igws.InternetGateways) != 1 {
		t.Fatalf("find the default VPC's internet gateway: %v", err)
	}
	igw := aws.ToString(igws.InternetGateways[0].InternetGatewayId)

	if _, err := c.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: aws.String(table), DestinationCidrBlock: aws.String("10.30.0.4/24"), GatewayId: aws.String(igw)}); err != nil {
		t.Fatalf("CreateRoute 10.30.0.4/24: %v", err)
	}
	if got, want := routesOf(t, c, table)["10.30.0.0/24"], igw+" CreateRoute active"; got != want {
		t.Fatalf("route 10.30.0.0/24 = %q, want %q (routes %v)", got, want, routesOf(t, c, table))
	}
	if _, ok := routesOf(t, c, table)["10.30.0.4/24"]; ok {
		t.Error("the route was stored as given, with its host bits")
	}
	filtered, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{sdkFilter("route.destination-cidr-block", "10.30.0.0/24")}})
	if err != nil || len(filtered.RouteTables) != 1 {
		t.Errorf("route.destination-cidr-block=10.30.0.0/24 found %d tables (err %v), want 1", len(filtered.RouteTables), err)
	}

	_, err = c.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: aws.String(table), DestinationCidrBlock: aws.String("10.30.0.9/24"), GatewayId: aws.String(igw)})
	wantCode(t, err, "RouteAlreadyExists")

	if _, err := c.DeleteRoute(ctx, &ec2.DeleteRouteInput{RouteTableId: aws.String(table), DestinationCidrBlock: aws.String("10.30.0.77/24")}); err != nil {
		t.Fatalf("DeleteRoute 10.30.0.77/24: %v", err)
	}
	if _, ok := routesOf(t, c, table)["10.30.0.0/24"]; ok {
		t.Error("DeleteRoute 10.30.0.77/24 left 10.30.0.0/24 behind")
	}

	_, err = c.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: aws.String(table), DestinationCidrBlock: aws.String("10.30.0.0/40"), GatewayId: aws.String(igw)})
	wantCode(t, err, "InvalidParameterValue")
}

// mainTableOf returns the main route table of a VPC.
func mainTableOf(t *testing.T, c *ec2.Client, vpcID string) string {
	t.Helper()
	out, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{
		sdkFilter("vpc-id", vpcID), sdkFilter("association.main", "true"),
	}})
	if err != nil || len(out.RouteTables) != 1 {
		t.Fatalf("find the main route table of %s: %v", vpcID, err)
	}
	return aws.ToString(out.RouteTables[0].RouteTableId)
}
