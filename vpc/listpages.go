package vpc

import (
	"context"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"golang.org/x/sync/errgroup"
)

// The list pages' reads: one Describe call a page (MaxResults and the NextToken of the page
// before, see PageRequest), the ?vpc= filter sent to EC2, plus at most one call for what the
// page's rows need of other resources, never one per row.

// VPCsPage reads one page of the Region's VPCs.
func (s *Service) VPCsPage(ctx context.Context, req PageRequest) (ListPage[VPC], error) {
	page, err := readPage(ctx, s, "DescribeVpcs", req, func(ctx context.Context, token string, size int32) ([]VPC, string, error) {
		out, err := s.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{MaxResults: aws.Int32(size), NextToken: tokenOrNil(token)})
		if err != nil {
			return nil, "", err
		}
		items := make([]VPC, 0, len(out.Vpcs))
		for _, v := range out.Vpcs {
			items = append(items, vpcFromEC2(v))
		}
		return items, aws.ToString(out.NextToken), nil
	})
	if err != nil {
		return page, translate("describe VPCs", err)
	}
	SortByNameThenID(page.Items, func(v VPC) (string, string) { return v.Name, v.ID })
	return page, nil
}

// VPCsByID reads the VPCs with the given ids (those that exist), sorted by name then ID: one
// call for the VPCs a page of rows names, with a vpc-id filter rather than VpcIds, so that a VPC
// deleted meanwhile is left out instead of failing the page.
func (s *Service) VPCsByID(ctx context.Context, ids []string) ([]VPC, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var out []VPC
	p := ec2.NewDescribeVpcsPaginator(s.ec2, &ec2.DescribeVpcsInput{Filters: idFilter("vpc-id", ids), MaxResults: aws.Int32(1000)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, translate("describe VPCs by id", err)
		}
		for _, v := range page.Vpcs {
			out = append(out, vpcFromEC2(v))
		}
	}
	SortByNameThenID(out, func(v VPC) (string, string) { return v.Name, v.ID })
	return out, nil
}

// MainRouteTables maps each of the VPCs to its main route table id, in one call for a page of
// VPCs (DescribeRouteTables with vpc-id and association.main=true filters).
func (s *Service) MainRouteTables(ctx context.Context, vpcIDs []string) (map[string]string, error) {
	out := map[string]string{}
	if len(vpcIDs) == 0 {
		return out, nil
	}
	p := ec2.NewDescribeRouteTablesPaginator(s.ec2, &ec2.DescribeRouteTablesInput{
		Filters:    append(idFilter("vpc-id", vpcIDs), types.Filter{Name: aws.String("association.main"), Values: []string{"true"}}),
		MaxResults: aws.Int32(PageSize),
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, translate("describe main route tables", err)
		}
		_, mainByVPC := routeTableAssociations(page.RouteTables)
		for v, rt := range mainByVPC {
			out[v] = rt
		}
	}
	return out, nil
}

// RouteTablesPage reads one page of the route tables of one VPC (vpcID "" for all VPCs), with
// prefix-list destinations resolved (the prefix lists are one more call, the same for every page).
func (s *Service) RouteTablesPage(ctx context.Context, vpcID string, req PageRequest) (ListPage[RouteTable], error) {
	var raw ListPage[types.RouteTable]
	var prefixLists map[string]PrefixList
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		raw, err = readPage(gctx, s, "DescribeRouteTables"+forVPC(vpcID), req, func(ctx context.Context, token string, size int32) ([]types.RouteTable, string, error) {
			out, err := s.ec2.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: vpcFilter(vpcID), MaxResults: aws.Int32(size), NextToken: tokenOrNil(token)})
			if err != nil {
				return nil, "", err
			}
			return out.RouteTables, aws.ToString(out.NextToken), nil
		})
		return translate("describe route tables"+forVPC(vpcID), err)
	})
	g.Go(func() (err error) { prefixLists, err = s.PrefixLists(gctx); return err })
	if err := g.Wait(); err != nil {
		return ListPage[RouteTable]{}, err
	}
	return ListPage[RouteTable]{Items: routeTablesFromEC2(raw.Items, prefixLists), Number: raw.Number, Size: raw.Size, More: raw.More}, nil
}

// SubnetPage is a page of subnets, each with its effective route table, and the names of those
// tables.
type SubnetPage struct {
	ListPage[Subnet]
	// TableNames maps the route table ids the subnets use to their Name tags.
	TableNames map[string]string
}

// SubnetsPage reads one page of the subnets of one VPC (vpcID "" for all VPCs), and the route
// tables of the VPCs the page's subnets are in, to find each one's effective table: two calls
// for a page of 100 subnets (the second, with a vpc-id filter, follows pagination, which only a
// page of VPCs holding over a thousand tables needs).
func (s *Service) SubnetsPage(ctx context.Context, vpcID string, req PageRequest) (SubnetPage, error) {
	raw, err := readPage(ctx, s, "DescribeSubnets"+forVPC(vpcID), req, func(ctx context.Context, token string, size int32) ([]types.Subnet, string, error) {
		out, err := s.ec2.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: vpcFilter(vpcID), MaxResults: aws.Int32(size), NextToken: tokenOrNil(token)})
		if err != nil {
			return nil, "", err
		}
		return out.Subnets, aws.ToString(out.NextToken), nil
	})
	if err != nil {
		return SubnetPage{}, translate("describe subnets"+forVPC(vpcID), err)
	}
	var vpcIDs []string
	for _, sn := range raw.Items {
		vpcIDs = appendOnce(vpcIDs, aws.ToString(sn.VpcId))
	}
	var tables []types.RouteTable
	if len(vpcIDs) > 0 {
		if tables, err = s.rawRouteTables(ctx, "describe route tables of the subnets' VPCs",
			&ec2.DescribeRouteTablesInput{Filters: idFilter("vpc-id", vpcIDs)}); err != nil {
			return SubnetPage{}, err
		}
	}
	out := SubnetPage{ListPage: ListPage[Subnet]{Items: subnetsWithRouteTables(raw.Items, tables), Number: raw.Number, Size: raw.Size, More: raw.More},
		TableNames: map[string]string{}}
	for _, rt := range tables {
		out.TableNames[aws.ToString(rt.RouteTableId)] = tagsFromEC2(rt.Tags).Name()
	}
	return out, nil
}

// InternetGatewaysPage reads one page of the Region's internet gateways.
func (s *Service) InternetGatewaysPage(ctx context.Context, req PageRequest) (ListPage[InternetGateway], error) {
	page, err := readPage(ctx, s, "DescribeInternetGateways", req, func(ctx context.Context, token string, size int32) ([]InternetGateway, string, error) {
		out, err := s.ec2.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{MaxResults: aws.Int32(size), NextToken: tokenOrNil(token)})
		if err != nil {
			return nil, "", err
		}
		items := make([]InternetGateway, 0, len(out.InternetGateways))
		for _, igw := range out.InternetGateways {
			items = append(items, internetGatewayFromEC2(igw))
		}
		return items, aws.ToString(out.NextToken), nil
	})
	if err != nil {
		return page, translate("describe internet gateways", err)
	}
	SortByNameThenID(page.Items, func(g InternetGateway) (string, string) { return g.Name, g.ID })
	return page, nil
}

// NATGatewaysPage reads one page of the NAT gateways of one VPC (vpcID "" for all VPCs).
func (s *Service) NATGatewaysPage(ctx context.Context, vpcID string, req PageRequest) (ListPage[NATGateway], error) {
	page, err := readPage(ctx, s, "DescribeNatGateways"+forVPC(vpcID), req, func(ctx context.Context, token string, size int32) ([]NATGateway, string, error) {
		out, err := s.ec2.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{Filter: vpcFilter(vpcID), MaxResults: aws.Int32(size), NextToken: tokenOrNil(token)})
		if err != nil {
			return nil, "", err
		}
		items := make([]NATGateway, 0, len(out.NatGateways))
		for _, nat := range out.NatGateways {
			items = append(items, natGatewayFromEC2(nat))
		}
		return items, aws.ToString(out.NextToken), nil
	})
	if err != nil {
		return page, translate("describe NAT gateways"+forVPC(vpcID), err)
	}
	SortByNameThenID(page.Items, func(g NATGateway) (string, string) { return g.Name, g.ID })
	return page, nil
}

// EndpointsPage reads one page of the VPC endpoints matching f, the deleting and deleted ones
// included (see Endpoints).
func (s *Service) EndpointsPage(ctx context.Context, f EndpointFilter, req PageRequest) (ListPage[Endpoint], error) {
	page, err := readPage(ctx, s, fmt.Sprintf("DescribeVpcEndpoints %+v", f), req, func(ctx context.Context, token string, size int32) ([]Endpoint, string, error) {
		out, err := s.ec2.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{Filters: f.ec2Filters(), MaxResults: aws.Int32(size), NextToken: tokenOrNil(token)})
		if err != nil {
			return nil, "", err
		}
		items := make([]Endpoint, 0, len(out.VpcEndpoints))
		for _, e := range out.VpcEndpoints {
			items = append(items, endpointFromEC2(e))
		}
		return items, aws.ToString(out.NextToken), nil
	})
	if err != nil {
		return page, translate("describe VPC endpoints", err)
	}
	SortByNameThenID(page.Items, func(e Endpoint) (string, string) { return e.Name, e.ID })
	return page, nil
}

func tokenOrNil(token string) *string {
	if token == "" {
		return nil
	}
	return &token
}

// idFilter is an EC2 filter matching any of ids.
func idFilter(name string, ids []string) []types.Filter {
	return []types.Filter{{Name: aws.String(name), Values: slices.Clone(ids)}}
}

func appendOnce(list []string, v string) []string {
	if v == "" || slices.Contains(list, v) {
		return list
	}
	return append(list, v)
}
