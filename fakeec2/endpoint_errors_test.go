package fakeec2

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestMalformedEndpointID checks that an endpoint id not in the form vpce-… answers
// InvalidVpcEndpointId.Malformed, with EC2's wording, and a well-formed unknown one NotFound.
func TestMalformedEndpointID(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	for _, tt := range []struct{ id, want string }{
		{"vpce-0123456789abcdef0", "InvalidVpcEndpointId.NotFound"},
		{"vpce-0123abcd", "InvalidVpcEndpointId.NotFound"},
		{"vpce_0123456789abcdef0", "InvalidVpcEndpointId.Malformed"},
		{"vpc-0123456789abcdef0", "InvalidVpcEndpointId.Malformed"},
		{"vpce-", "InvalidVpcEndpointId.Malformed"},
		{"vpce-0123456789ABCDEF0", "InvalidVpcEndpointId.Malformed"},
		{"vpce-0123-4567", "InvalidVpcEndpointId.Malformed"},
		{"s3-endpoint", "InvalidVpcEndpointId.Malformed"},
	} {
		t.Run(tt.id, func(t *testing.T) {
			_, err := c.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{tt.id}})
			wantCode(t, err, tt.want)
			_, err = c.ModifyVpcEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(tt.id), ResetPolicy: aws.Bool(true)})
			wantCode(t, err, tt.want)
		})
	}
	_, err := c.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{"endpoint-1"}})
	wantMessage(t, err, "Invalid Id: 'endpoint-1' (expecting 'vpce-...; the Id may only contain lowercase alphanumeric characters and a single dash')")
}

// TestEndpointTypeTheServiceDoesNotOffer checks EC2's words for an endpoint type that does not
// match the service: Interface is valid for S3, Gateway is not for ssm.
func TestEndpointTypeTheServiceDoesNotOffer(t *testing.T) {
	c, srv := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.60")
	for _, tt := range []struct {
		name, service string
		typ           types.VpcEndpointType
		message       string
	}{
		{"Gateway for an Interface-only service", "com.amazonaws.us-east-1.ssm", types.VpcEndpointTypeGateway,
			"Endpoint type (Gateway) does not match available service types ([Interface])."},
		{"GatewayLoadBalancer for S3", s3Service, types.VpcEndpointTypeGatewayLoadBalancer,
			"Endpoint type (GatewayLoadBalancer) does not match available service types ([Gateway, Interface])."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := &ec2.CreateVpcEndpointInput{VpcId: aws.String(n.vpcID), ServiceName: aws.String(tt.service), VpcEndpointType: tt.typ}
			if tt.typ == types.VpcEndpointTypeGateway {
				in.RouteTableIds = []string{n.privateTable}
			} else {
				in.SubnetIds = []string{n.subnetA}
			}
			_, err := c.CreateVpcEndpoint(ctx, in)
			wantCode(t, err, "InvalidParameter")
			wantMessage(t, err, tt.message)
		})
	}
	t.Run("Interface for S3 is valid", func(t *testing.T) {
		createInterfaceEndpoint(t, c, n, s3Service)
	})
	if got := len(srv.defaultAccount().endpoints); got != 1 {
		t.Errorf("endpoints = %d, want 1 (the S3 interface endpoint only)", got)
	}
}
