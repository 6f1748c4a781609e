package vpc

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"golang.org/x/sync/errgroup"
)

// Network is a VPC's subnets and route tables read together (or the Region's, for vpcID ""),
// with the prefix lists that resolve the routes' destinations. Pages that need both subnets and
// route tables read them with Network: Subnets alone also describes the route tables, to find
// each subnet's effective table, so calling Subnets and RouteTables would describe them twice.
type Network struct {
	Subnets     []Subnet
	RouteTables []RouteTable
	PrefixLists map[string]PrefixList
}

// Network reads subnets, route tables and prefix lists in one round of concurrent calls.
func (s *Service) Network(ctx context.Context, vpcID string) (Network, error) {
	var (
		rawSubnets []types.Subnet
		rawTables  []types.RouteTable
		n          Network
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) { rawSubnets, err = s.rawSubnets(gctx, vpcID); return err })
	g.Go(func() (err error) {
		rawTables, err = s.rawRouteTables(gctx, "describe route tables"+forVPC(vpcID), &ec2.DescribeRouteTablesInput{Filters: vpcFilter(vpcID)})
		return err
	})
	g.Go(func() (err error) { n.PrefixLists, err = s.PrefixLists(gctx); return err })
	if err := g.Wait(); err != nil {
		return Network{}, err
	}
	n.Subnets = subnetsWithRouteTables(rawSubnets, rawTables)
	n.RouteTables = routeTablesFromEC2(rawTables, n.PrefixLists)
	return n, nil
}

// routeTablesFromEC2 converts tables, resolving prefix-list destinations, sorted by name then id.
func routeTablesFromEC2(raw []types.RouteTable, prefixLists map[string]PrefixList) []RouteTable {
	out := make([]RouteTable, 0, len(raw))
	for _, rt := range raw {
		out = append(out, routeTableFromEC2(rt, prefixLists))
	}
	SortByNameThenID(out, func(rt RouteTable) (string, string) { return rt.Name, rt.ID })
	return out
}

// subnetsWithRouteTables converts subnets and sets each one's effective route table from
// tables already read: its explicit association, else its VPC's main table.
func subnetsWithRouteTables(raw []types.Subnet, tables []types.RouteTable) []Subnet {
	explicit, mainByVPC := routeTableAssociations(tables)
	out := make([]Subnet, 0, len(raw))
	for _, sn := range raw {
		subnet := subnetFromEC2(sn)
		if id, ok := explicit[subnet.ID]; ok {
			subnet.RouteTableID = id
		} else {
			subnet.RouteTableID = mainByVPC[aws.ToString(sn.VpcId)]
			subnet.UsesMainRouteTable = subnet.RouteTableID != ""
		}
		out = append(out, subnet)
	}
	SortByNameThenID(out, func(sn Subnet) (string, string) { return sn.Name, sn.ID })
	return out
}
