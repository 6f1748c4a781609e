package seed

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"endpointconsole/vpc"
)

// SecondRegionName is the demo's second Region, where SecondRegion builds Oregon-VPC.
const SecondRegionName = "us-west-2"

// RegionVPC holds the IDs SecondRegion created.
type RegionVPC struct {
	Region string
	// Oregon-VPC, 10.20.0.0/16.
	VPCID string
	// Oregon-Private-a, in the Region's first zone, associated with Oregon-RT.
	SubnetID string
	// Oregon-RT: local + the S3 prefix list → Oregon-S3.
	RouteTableID string
	// Oregon-S3: the Region's S3 gateway endpoint, on Oregon-RT.
	EndpointID string
}

// SecondRegion builds a small account in the client's Region, unlike the tutorial's, so that a
// console showing more than one Region has something else to show: Oregon-VPC with one private
// subnet, its route table Oregon-RT and an S3 gateway endpoint already routing it (the
// tutorial's end state, where us-east-1 shows its start). As Tutorial, it makes ordinary EC2
// calls one after the other, so a deterministic backend gives the same IDs on every run.
func SecondRegion(ctx context.Context, client *ec2.Client) (RegionVPC, error) {
	region := client.Options().Region
	if region == "" {
		return RegionVPC{}, &vpc.Error{Code: vpc.Invalid, Message: "The EC2 client has no Region; the second Region's VPC needs one to name its Availability Zone."}
	}
	sd := seeder{ec2: client, region: region}
	out := RegionVPC{Region: region}
	var err error
	if out.VPCID, err = sd.createVPC(ctx, "Oregon-VPC", "10.20.0.0/16"); err != nil {
		return RegionVPC{}, fmt.Errorf("seed %s: %w", region, err)
	}
	if out.SubnetID, err = sd.createSubnet(ctx, out.VPCID, "Oregon-Private-a", "10.20.1.0/24", region+"a"); err != nil {
		return RegionVPC{}, fmt.Errorf("seed %s: %w", region, err)
	}
	if out.RouteTableID, err = sd.createRouteTable(ctx, out.VPCID, "Oregon-RT"); err != nil {
		return RegionVPC{}, fmt.Errorf("seed %s: %w", region, err)
	}
	if err := sd.associate(ctx, out.RouteTableID, out.SubnetID); err != nil {
		return RegionVPC{}, fmt.Errorf("seed %s: %w", region, err)
	}
	ep, err := client.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{
		VpcId:             aws.String(out.VPCID),
		ServiceName:       aws.String("com.amazonaws." + region + ".s3"),
		VpcEndpointType:   types.VpcEndpointTypeGateway,
		RouteTableIds:     []string{out.RouteTableID},
		TagSpecifications: nameTag(types.ResourceTypeVpcEndpoint, "Oregon-S3"),
	})
	if err != nil {
		return RegionVPC{}, fmt.Errorf("seed %s: %w", region, vpc.Translate("create the S3 gateway endpoint Oregon-S3", err))
	}
	out.EndpointID = aws.ToString(ep.VpcEndpoint.VpcEndpointId)
	return out, nil
}

// SecondRegionAt builds SecondRegion's VPC in the Region and at the EC2 endpoint cfg names, with
// a client of its own, as TutorialAt does.
func SecondRegionAt(ctx context.Context, cfg vpc.Config) (RegionVPC, error) {
	client, err := vpc.NewEC2Client(ctx, cfg)
	if err != nil {
		return RegionVPC{}, err
	}
	return SecondRegion(ctx, client)
}
