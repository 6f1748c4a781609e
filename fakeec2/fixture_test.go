package fakeec2

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// testNetwork is a small VPC built through the SDK: two subnets in different zones, a third in
// the first zone, the main route table and a private table associated with the second subnet.
type testNetwork struct {
	vpcID                   string
	subnetA, subnetB        string // us-east-1a, us-east-1b
	subnetA2                string // a second subnet in us-east-1a
	mainTable, privateTable string
	defaultGroup            string
}

func buildNetwork(t *testing.T, c *ec2.Client, cidr16 string) testNetwork {
	t.Helper()
	var n testNetwork
	vpc, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String(cidr16 + ".0.0/16")})
	if err != nil {
		t.Fatalf("CreateVpc: %v", err)
	}
	n.vpcID = *vpc.Vpc.VpcId
	for _, s := range []struct {
		dst  *string
		cidr string
		zone string
	}{{&n.subnetA, ".1.0/24", "us-east-1a"}, {&n.subnetB, ".2.0/24", "us-east-1b"}, {&n.subnetA2, ".3.0/24", "us-east-1a"}} {
		out, err := c.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: aws.String(n.vpcID), CidrBlock: aws.String(cidr16 + s.cidr), AvailabilityZone: aws.String(s.zone)})
		if err != nil {
			t.Fatalf("CreateSubnet %s: %v", s.cidr, err)
		}
		*s.dst = *out.Subnet.SubnetId
	}
	tables, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{n.vpcID}}, {Name: aws.String("association.main"), Values: []string{"true"}},
	}})
	if err != nil || len(tables.RouteTables) != 1 {
		t.Fatalf("find main route table: %v (%d tables)", err, len(tables.RouteTables))
	}
	n.mainTable = *tables.RouteTables[0].RouteTableId
	rt, err := c.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: aws.String(n.vpcID), TagSpecifications: nameTag(types.ResourceTypeRouteTable, "private")})
	if err != nil {
		t.Fatalf("CreateRouteTable: %v", err)
	}
	n.privateTable = *rt.RouteTable.RouteTableId
	if _, err := c.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: aws.String(n.privateTable), SubnetId: aws.String(n.subnetB)}); err != nil {
		t.Fatalf("AssociateRouteTable: %v", err)
	}
	n.defaultGroup = defaultGroupOf(t, c, n.vpcID)
	return n
}

func nameTag(rt types.ResourceType, name string) []types.TagSpecification {
	return []types.TagSpecification{{ResourceType: rt, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String(name)}}}}
}

func defaultGroupOf(t *testing.T, c *ec2.Client, vpcID string) string {
	t.Helper()
	out, err := c.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{vpcID}}, {Name: aws.String("group-name"), Values: []string{"default"}},
	}})
	if err != nil || len(out.SecurityGroups) != 1 {
		t.Fatalf("find default security group of %s: %v", vpcID, err)
	}
	return *out.SecurityGroups[0].GroupId
}

// routesOf returns a table's routes, keyed by destination, as "target origin state".
func routesOf(t *testing.T, c *ec2.Client, tableID string) map[string]string {
	t.Helper()
	out, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{tableID}})
	if err != nil {
		t.Fatalf("DescribeRouteTables %s: %v", tableID, err)
	}
	routes := map[string]string{}
	for _, r := range out.RouteTables[0].Routes {
		dst := aws.ToString(r.DestinationCidrBlock) + aws.ToString(r.DestinationPrefixListId)
		target := aws.ToString(r.GatewayId) + aws.ToString(r.NatGatewayId)
		routes[dst] = target + " " + string(r.Origin) + " " + string(r.State)
	}
	return routes
}

func createS3Endpoint(t *testing.T, c *ec2.Client, vpcID string, tables ...string) string {
	t.Helper()
	out, err := c.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{
		VpcId: aws.String(vpcID), ServiceName: aws.String(s3Service), VpcEndpointType: types.VpcEndpointTypeGateway, RouteTableIds: tables,
	})
	if err != nil {
		t.Fatalf("CreateVpcEndpoint s3: %v", err)
	}
	return *out.VpcEndpoint.VpcEndpointId
}

const (
	s3Service        = "com.amazonaws.us-east-1.s3"
	dynamoService    = "com.amazonaws.us-east-1.dynamodb"
	s3PrefixList     = "pl-63a5400a"
	dynamoPrefixList = "pl-02cd2c6b"
)
