package seed

import (
	"endpointconsole/vpc"

	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// seeder makes the EC2 calls Tutorial replays, one at a time.
type seeder struct {
	ec2    *ec2.Client
	region string
}

// nameTag tags a resource with a Name at creation; an empty name, no tag.
func nameTag(resource types.ResourceType, name string) []types.TagSpecification {
	if name == "" {
		return nil
	}
	return []types.TagSpecification{{ResourceType: resource, Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String(name)}}}}
}

func (sd seeder) createVPC(ctx context.Context, name, cidr string) (string, error) {
	out, err := sd.ec2.CreateVpc(ctx, &ec2.CreateVpcInput{
		CidrBlock:         aws.String(cidr),
		TagSpecifications: nameTag(types.ResourceTypeVpc, name),
	})
	if err != nil {
		return "", vpc.Translate(fmt.Sprintf("create VPC %s (%s)", name, cidr), err)
	}
	return aws.ToString(out.Vpc.VpcId), nil
}

func (sd seeder) createSubnet(ctx context.Context, vpcID, name, cidr, zone string) (string, error) {
	out, err := sd.ec2.CreateSubnet(ctx, &ec2.CreateSubnetInput{
		VpcId:             aws.String(vpcID),
		CidrBlock:         aws.String(cidr),
		AvailabilityZone:  aws.String(zone),
		TagSpecifications: nameTag(types.ResourceTypeSubnet, name),
	})
	if err != nil {
		return "", vpc.Translate(fmt.Sprintf("create subnet %s (%s in %s)", name, cidr, zone), err)
	}
	return aws.ToString(out.Subnet.SubnetId), nil
}

// createInternetGateway creates an internet gateway and attaches it to vpcID.
func (sd seeder) createInternetGateway(ctx context.Context, vpcID, name string) (string, error) {
	out, err := sd.ec2.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{
		TagSpecifications: nameTag(types.ResourceTypeInternetGateway, name),
	})
	if err != nil {
		return "", vpc.Translate("create an internet gateway for "+vpcID, err)
	}
	id := aws.ToString(out.InternetGateway.InternetGatewayId)
	_, err = sd.ec2.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{
		InternetGatewayId: aws.String(id),
		VpcId:             aws.String(vpcID),
	})
	if err != nil {
		return "", vpc.Translate(fmt.Sprintf("attach internet gateway %s to %s", id, vpcID), err)
	}
	return id, nil
}

// mainRouteTable finds the table CreateVpc made and marked main.
func (sd seeder) mainRouteTable(ctx context.Context, vpcID string) (types.RouteTable, error) {
	out, err := sd.ec2.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{
		Filters: []types.Filter{
			{Name: aws.String("vpc-id"), Values: []string{vpcID}},
			{Name: aws.String("association.main"), Values: []string{"true"}},
		},
	})
	if err != nil {
		return types.RouteTable{}, vpc.Translate("find the main route table of "+vpcID, err)
	}
	if len(out.RouteTables) == 0 {
		return types.RouteTable{}, &vpc.Error{Code: vpc.NotFound, Message: fmt.Sprintf("The VPC %s has no main route table.", vpcID)}
	}
	return out.RouteTables[0], nil
}

// setName sets the Name tag of a resource that was created without one.
func (sd seeder) setName(ctx context.Context, id, name string) error {
	_, err := sd.ec2.CreateTags(ctx, &ec2.CreateTagsInput{
		Resources: []string{id},
		Tags:      []types.Tag{{Key: aws.String("Name"), Value: aws.String(name)}},
	})
	return vpc.Translate(fmt.Sprintf("name %s %s", id, name), err)
}

func (sd seeder) createRouteTable(ctx context.Context, vpcID, name string) (string, error) {
	out, err := sd.ec2.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{
		VpcId:             aws.String(vpcID),
		TagSpecifications: nameTag(types.ResourceTypeRouteTable, name),
	})
	if err != nil {
		return "", vpc.Translate(fmt.Sprintf("create route table %s in %s", name, vpcID), err)
	}
	return aws.ToString(out.RouteTable.RouteTableId), nil
}

// routeDefaultTo adds 0.0.0.0/0 → target, an internet or NAT gateway.
func (sd seeder) routeDefaultTo(ctx context.Context, routeTableID, target string) error {
	in := &ec2.CreateRouteInput{RouteTableId: aws.String(routeTableID), DestinationCidrBlock: aws.String("0.0.0.0/0")}
	if strings.HasPrefix(target, "nat-") {
		in.NatGatewayId = aws.String(target)
	} else {
		in.GatewayId = aws.String(target)
	}
	_, err := sd.ec2.CreateRoute(ctx, in)
	return vpc.Translate(fmt.Sprintf("add 0.0.0.0/0 → %s to %s", target, routeTableID), err)
}

func (sd seeder) associate(ctx context.Context, routeTableID, subnetID string) error {
	_, err := sd.ec2.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{
		RouteTableId: aws.String(routeTableID),
		SubnetId:     aws.String(subnetID),
	})
	return vpc.Translate(fmt.Sprintf("associate %s with %s", subnetID, routeTableID), err)
}
