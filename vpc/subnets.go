package vpc

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"golang.org/x/sync/errgroup"
)

// Subnet is a VPC subnet with the route table it effectively uses:
// RouteTableID is its explicitly associated table or, when it has none, its
// VPC's main table, and then UsesMainRouteTable is true. That implicit
// association is where gateway-endpoint mistakes hide, so it is spelled out.
type Subnet struct {
	ID                  string
	Name                string
	VPCID               string
	CIDR                string
	AvailabilityZone    string
	AvailabilityZoneID  string
	MapPublicIPOnLaunch bool
	AvailableIPs        int32
	RouteTableID        string
	UsesMainRouteTable  bool
	Tags                Tags
}

// Subnets lists the subnets of one VPC (vpcID "" for all VPCs), sorted by
// name then ID. It reads subnets and route tables concurrently, two paginated
// calls in all, to find each subnet's effective route table.
func (s *Service) Subnets(ctx context.Context, vpcID string) ([]Subnet, error) {
	var raw []types.Subnet
	var tables []types.RouteTable
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		raw, err = s.rawSubnets(gctx, vpcID)
		return err
	})
	g.Go(func() (err error) {
		tables, err = s.rawRouteTables(gctx, "describe route tables"+forVPC(vpcID),
			&ec2.DescribeRouteTablesInput{Filters: vpcFilter(vpcID)})
		return err
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return subnetsWithRouteTables(raw, tables), nil
}

func (s *Service) rawSubnets(ctx context.Context, vpcID string) ([]types.Subnet, error) {
	var out []types.Subnet
	p := ec2.NewDescribeSubnetsPaginator(s.ec2, &ec2.DescribeSubnetsInput{Filters: vpcFilter(vpcID), MaxResults: s.maxResults()})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, translate("describe subnets"+forVPC(vpcID), err)
		}
		out = append(out, page.Subnets...)
	}
	return out, nil
}

func subnetFromEC2(sn types.Subnet) Subnet {
	tags := tagsFromEC2(sn.Tags)
	return Subnet{
		ID:                  aws.ToString(sn.SubnetId),
		Name:                tags.Name(),
		VPCID:               aws.ToString(sn.VpcId),
		CIDR:                aws.ToString(sn.CidrBlock),
		AvailabilityZone:    aws.ToString(sn.AvailabilityZone),
		AvailabilityZoneID:  aws.ToString(sn.AvailabilityZoneId),
		MapPublicIPOnLaunch: aws.ToBool(sn.MapPublicIpOnLaunch),
		AvailableIPs:        aws.ToInt32(sn.AvailableIpAddressCount),
		Tags:                tags,
	}
}
