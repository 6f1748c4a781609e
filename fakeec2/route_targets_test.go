package fakeec2

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestCreateRouteToTargetsTheFakeDoesNotModel checks that a route to an instance, a network
// interface, a peering connection or an egress-only, transit, carrier or local gateway is
// refused as EC2 refuses an unknown id of that kind (the account holds none of them), not as
// a request without a target.
func TestCreateRouteToTargetsTheFakeDoesNotModel(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	_, table := lookupDefaultVPC(t, c)
	for _, tt := range []struct {
		name    string
		target  func(*ec2.CreateRouteInput)
		code    string
		message string
	}{
		{"instance", func(in *ec2.CreateRouteInput) { in.InstanceId = aws.String("i-0123456789abcdef0") },
			"InvalidInstanceID.NotFound", "The instance ID 'i-0123456789abcdef0' does not exist"},
		{"network interface", func(in *ec2.CreateRouteInput) { in.NetworkInterfaceId = aws.String("eni-0123456789abcdef0") },
			"InvalidNetworkInterfaceID.NotFound", "The networkInterface ID 'eni-0123456789abcdef0' does not exist"},
		{"peering connection", func(in *ec2.CreateRouteInput) { in.VpcPeeringConnectionId = aws.String("pcx-0123456789abcdef0") },
			"InvalidVpcPeeringConnectionID.NotFound", "The vpcPeeringConnection ID 'pcx-0123456789abcdef0' does not exist"},
		{"egress-only internet gateway", func(in *ec2.CreateRouteInput) { in.EgressOnlyInternetGatewayId = aws.String("eigw-0123456789abcdef0") },
			"InvalidEgressOnlyInternetGatewayId.NotFound", "The egressOnlyInternetGateway ID 'eigw-0123456789abcdef0' does not exist"},
		{"transit gateway", func(in *ec2.CreateRouteInput) { in.TransitGatewayId = aws.String("tgw-0123456789abcdef0") },
			"InvalidTransitGatewayID.NotFound", "The transitGateway ID 'tgw-0123456789abcdef0' does not exist"},
		{"carrier gateway", func(in *ec2.CreateRouteInput) { in.CarrierGatewayId = aws.String("cagw-0123456789abcdef0") },
			"InvalidCarrierGatewayID.NotFound", "The carrierGateway ID 'cagw-0123456789abcdef0' does not exist"},
		{"local gateway", func(in *ec2.CreateRouteInput) { in.LocalGatewayId = aws.String("lgw-0123456789abcdef0") },
			"InvalidLocalGatewayID.NotFound", "The localGateway ID 'lgw-0123456789abcdef0' does not exist"},
		{"a GatewayId of no gateway", func(in *ec2.CreateRouteInput) { in.GatewayId = aws.String("nat-0123456789abcdef0") },
			"InvalidGatewayID.NotFound", "The gateway ID 'nat-0123456789abcdef0' does not exist"},
		{"two targets", func(in *ec2.CreateRouteInput) {
			in.InstanceId = aws.String("i-0123456789abcdef0")
			in.TransitGatewayId = aws.String("tgw-0123456789abcdef0")
		}, "InvalidParameterCombination", ""},
		{"no target", func(*ec2.CreateRouteInput) {}, "InvalidParameterCombination", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := &ec2.CreateRouteInput{RouteTableId: aws.String(table), DestinationCidrBlock: aws.String("10.99.0.0/16")}
			tt.target(in)
			_, err := c.CreateRoute(ctx, in)
			wantCode(t, err, tt.code)
			if tt.message != "" {
				wantMessage(t, err, tt.message)
			}
		})
	}
	t.Run("an unknown route table comes first", func(t *testing.T) {
		_, err := c.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: aws.String("rtb-0123456789abcdef0"), DestinationCidrBlock: aws.String("10.99.0.0/16"), InstanceId: aws.String("i-0123456789abcdef0")})
		wantCode(t, err, "InvalidRouteTableID.NotFound")
	})
	if _, ok := routesOf(t, c, table)["10.99.0.0/16"]; ok {
		t.Error("a refused CreateRoute left a route behind")
	}
}

// TestRouteFiltersOnTargetsTheFakeDoesNotModel checks that DescribeRouteTables accepts EC2's
// route.* filters on those targets; no route of the account matches them.
func TestRouteFiltersOnTargetsTheFakeDoesNotModel(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	for _, name := range []string{"route.instance-id", "route.vpc-peering-connection-id", "route.egress-only-internet-gateway-id", "route.transit-gateway-id"} {
		t.Run(name, func(t *testing.T) {
			out, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{sdkFilter(name, "*")}})
			if err != nil {
				t.Fatalf("DescribeRouteTables %s: %v", name, err)
			}
			if len(out.RouteTables) != 0 {
				t.Errorf("%s=* matched %d tables, want none", name, len(out.RouteTables))
			}
		})
	}
}
