package vpc

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"golang.org/x/sync/errgroup"
)

// RouteTable is a VPC route table. SubnetIDs lists only the subnets
// explicitly associated with it; a Main table also serves, implicitly, every
// subnet of its VPC that has no explicit association (see Subnet). Routes
// keep EC2's order, which puts the local route first. EdgeGatewayIDs are the
// gateways (igw-…) edge-associated with the table: it routes the traffic that
// comes in through them, and no subnet's traffic on their account.
type RouteTable struct {
	ID             string
	Name           string
	VPCID          string
	OwnerID        string
	Main           bool
	SubnetIDs      []string
	EdgeGatewayIDs []string
	Routes         []Route
	Tags           Tags
}

// RouteTables lists the route tables of one VPC (vpcID "" for all VPCs),
// sorted by name then ID, with prefix-list destinations resolved.
func (s *Service) RouteTables(ctx context.Context, vpcID string) ([]RouteTable, error) {
	return s.describeRouteTables(ctx, "describe route tables"+forVPC(vpcID),
		&ec2.DescribeRouteTablesInput{Filters: vpcFilter(vpcID)})
}

// RouteTable returns one route table with prefix-list destinations resolved.
func (s *Service) RouteTable(ctx context.Context, id string) (RouteTable, error) {
	if id == "" {
		return RouteTable{}, errorf(Invalid, FieldRouteTables, "Choose a route table.")
	}
	tables, err := s.describeRouteTables(ctx, "describe route table "+id,
		&ec2.DescribeRouteTablesInput{RouteTableIds: []string{id}})
	if err != nil {
		return RouteTable{}, err
	}
	if len(tables) == 0 {
		return RouteTable{}, errorf(NotFound, FieldRouteTables, "%s does not exist (it may have been deleted).", subject("route table", id))
	}
	return tables[0], nil
}

// describeRouteTables reads the tables and the prefix lists concurrently,
// then resolves each prefix-list destination.
func (s *Service) describeRouteTables(ctx context.Context, op string, in *ec2.DescribeRouteTablesInput) ([]RouteTable, error) {
	var raw []types.RouteTable
	var prefixLists map[string]PrefixList
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		raw, err = s.rawRouteTables(gctx, op, in)
		return err
	})
	g.Go(func() (err error) {
		prefixLists, err = s.PrefixLists(gctx)
		return err
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return routeTablesFromEC2(raw, prefixLists), nil
}

// rawRouteTables pages through DescribeRouteTables.
func (s *Service) rawRouteTables(ctx context.Context, op string, in *ec2.DescribeRouteTablesInput) ([]types.RouteTable, error) {
	in.MaxResults = s.maxResults()
	var out []types.RouteTable
	p := ec2.NewDescribeRouteTablesPaginator(s.ec2, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, translate(op, err)
		}
		out = append(out, page.RouteTables...)
	}
	return out, nil
}

func routeTableFromEC2(rt types.RouteTable, prefixLists map[string]PrefixList) RouteTable {
	tags := tagsFromEC2(rt.Tags)
	out := RouteTable{
		ID:      aws.ToString(rt.RouteTableId),
		Name:    tags.Name(),
		VPCID:   aws.ToString(rt.VpcId),
		OwnerID: aws.ToString(rt.OwnerId),
		Tags:    tags,
	}
	for _, a := range rt.Associations {
		if !associationActive(a) {
			continue
		}
		if aws.ToBool(a.Main) {
			out.Main = true
		}
		if a.SubnetId != nil {
			out.SubnetIDs = append(out.SubnetIDs, *a.SubnetId)
		}
		if a.GatewayId != nil {
			out.EdgeGatewayIDs = append(out.EdgeGatewayIDs, *a.GatewayId)
		}
	}
	slices.Sort(out.SubnetIDs)
	slices.Sort(out.EdgeGatewayIDs)
	for _, r := range rt.Routes {
		out.Routes = append(out.Routes, routeFromEC2(r, prefixLists))
	}
	return out
}

// associationActive reports whether an association currently applies; EC2
// keeps disassociated ones visible for a while. A missing state (moto, older
// EC2 answers) means associated.
func associationActive(a types.RouteTableAssociation) bool {
	if a.AssociationState == nil {
		return true
	}
	switch a.AssociationState.State {
	case types.RouteTableAssociationStateCodeDisassociated, types.RouteTableAssociationStateCodeDisassociating,
		types.RouteTableAssociationStateCodeFailed:
		return false
	}
	return true
}

// routeTableAssociations indexes route tables for finding the table a subnet
// uses: explicit maps subnet ID to the explicitly associated table, mainByVPC
// maps VPC ID to its main table, which serves every other subnet.
func routeTableAssociations(tables []types.RouteTable) (explicit map[string]string, mainByVPC map[string]string) {
	explicit = make(map[string]string)
	mainByVPC = make(map[string]string)
	for _, rt := range tables {
		id := aws.ToString(rt.RouteTableId)
		for _, a := range rt.Associations {
			if !associationActive(a) {
				continue
			}
			if aws.ToBool(a.Main) {
				mainByVPC[aws.ToString(rt.VpcId)] = id
			}
			if a.SubnetId != nil {
				explicit[*a.SubnetId] = id
			}
		}
	}
	return explicit, mainByVPC
}

// EndpointFor returns the gateway endpoint through which the table routes service (a prefix
// list name such as com.amazonaws.us-east-1.s3), or "" when it routes it through none. EC2
// allows one such route per service in a table.
func (rt RouteTable) EndpointFor(service string) string {
	for _, r := range rt.Routes {
		if r.IsGatewayEndpointRoute() && r.DestinationPrefixList.Name == service {
			return r.Target
		}
	}
	return ""
}
