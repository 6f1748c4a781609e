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
	return sd.createRoute(ctx, routeTableID, "0.0.0.0/0", target)
}

// createRoute adds cidr → target, an internet or NAT gateway.
func (sd seeder) createRoute(ctx context.Context, routeTableID, cidr, target string) error {
	in := &ec2.CreateRouteInput{RouteTableId: aws.String(routeTableID), DestinationCidrBlock: aws.String(cidr)}
	if strings.HasPrefix(target, "nat-") {
		in.NatGatewayId = aws.String(target)
	} else {
		in.GatewayId = aws.String(target)
	}
	_, err := sd.ec2.CreateRoute(ctx, in)
	return vpc.Translate(fmt.Sprintf("add %s → %s to %s", cidr, target, routeTableID), err)
}

// createNATGateway allocates an Elastic IP named name+"-EIP" and creates a public NAT gateway
// with it in subnetID. It returns the NAT gateway's id and the allocation's.
func (sd seeder) createNATGateway(ctx context.Context, subnetID, name string) (natID, allocationID string, err error) {
	eip, err := sd.ec2.AllocateAddress(ctx, &ec2.AllocateAddressInput{
		Domain:            types.DomainTypeVpc,
		TagSpecifications: nameTag(types.ResourceTypeElasticIp, name+"-EIP"),
	})
	if err != nil {
		return "", "", vpc.Translate("allocate an Elastic IP for the NAT gateway "+name, err)
	}
	nat, err := sd.ec2.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{
		SubnetId:          aws.String(subnetID),
		AllocationId:      eip.AllocationId,
		ConnectivityType:  types.ConnectivityTypePublic,
		TagSpecifications: nameTag(types.ResourceTypeNatgateway, name),
	})
	if err != nil {
		return "", "", vpc.Translate("create NAT gateway "+name, err)
	}
	return aws.ToString(nat.NatGateway.NatGatewayId), aws.ToString(eip.AllocationId), nil
}

// createGatewayEndpoint creates a gateway endpoint for the Region's service ("s3", "dynamodb")
// on routeTableIDs. An empty policy is EC2's default, full access.
func (sd seeder) createGatewayEndpoint(ctx context.Context, vpcID, service, name, policy string, routeTableIDs ...string) (string, error) {
	in := &ec2.CreateVpcEndpointInput{
		VpcId:             aws.String(vpcID),
		ServiceName:       aws.String("com.amazonaws." + sd.region + "." + service),
		VpcEndpointType:   types.VpcEndpointTypeGateway,
		RouteTableIds:     routeTableIDs,
		TagSpecifications: nameTag(types.ResourceTypeVpcEndpoint, name),
	}
	if policy != "" {
		in.PolicyDocument = aws.String(policy)
	}
	out, err := sd.ec2.CreateVpcEndpoint(ctx, in)
	if err != nil {
		return "", vpc.Translate("create the gateway endpoint "+name, err)
	}
	return aws.ToString(out.VpcEndpoint.VpcEndpointId), nil
}

// prefixListCIDRs returns the CIDRs of the Region's AWS-managed prefix list for service
// ("s3"), as the backend publishes them (moto's differ from EC2's), read as the console reads
// them: moto answers DescribePrefixLists without CIDRs.
func (sd seeder) prefixListCIDRs(ctx context.Context, service string) ([]string, error) {
	name := "com.amazonaws." + sd.region + "." + service
	lists, err := vpc.New(sd.ec2, sd.region).PrefixLists(ctx)
	if err != nil {
		return nil, fmt.Errorf("find the prefix list %s: %w", name, err)
	}
	pl, ok := vpc.PrefixListByName(lists, name)
	if !ok || len(pl.CIDRs) == 0 {
		return nil, &vpc.Error{Code: vpc.NotFound, Message: fmt.Sprintf("The Region has no prefix list %s with addresses.", name)}
	}
	return pl.CIDRs, nil
}

func (sd seeder) associate(ctx context.Context, routeTableID, subnetID string) error {
	_, err := sd.ec2.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{
		RouteTableId: aws.String(routeTableID),
		SubnetId:     aws.String(subnetID),
	})
	return vpc.Translate(fmt.Sprintf("associate %s with %s", subnetID, routeTableID), err)
}
