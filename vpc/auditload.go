package vpc

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"golang.org/x/sync/errgroup"
)

// AuditRegion audits every VPC of the Region, in the order of VPCs. It reads
// the whole Region with one paginated call per resource type (VPCs, subnets,
// route tables, endpoints, NAT gateways, internet gateways, prefix lists),
// concurrently, whatever the number of VPCs or subnets, then audits each VPC
// from memory with AuditVPC.
func (s *Service) AuditRegion(ctx context.Context) ([]VPCAudit, error) {
	var (
		vpcs        []VPC
		rawSubnets  []types.Subnet
		rawTables   []types.RouteTable
		endpoints   []Endpoint
		nats        []NATGateway
		igws        []InternetGateway
		prefixLists map[string]PrefixList
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) { vpcs, err = s.VPCs(gctx); return err })
	g.Go(func() (err error) { rawSubnets, err = s.rawSubnets(gctx, ""); return err })
	g.Go(func() (err error) {
		rawTables, err = s.rawRouteTables(gctx, "describe route tables", &ec2.DescribeRouteTablesInput{})
		return err
	})
	g.Go(func() (err error) {
		endpoints, err = s.describeEndpoints(gctx, "describe VPC endpoints", &ec2.DescribeVpcEndpointsInput{})
		return err
	})
	g.Go(func() (err error) { nats, err = s.NATGateways(gctx, ""); return err })
	g.Go(func() (err error) { igws, err = s.InternetGateways(gctx); return err })
	g.Go(func() (err error) { prefixLists, err = s.PrefixLists(gctx); return err })
	if err := g.Wait(); err != nil {
		return nil, err
	}

	tables := make([]RouteTable, 0, len(rawTables))
	for _, rt := range rawTables {
		tables = append(tables, routeTableFromEC2(rt, prefixLists))
	}
	subnets := subnetsWithRouteTables(rawSubnets, rawTables)

	subnetsByVPC := groupByVPC(subnets, func(sn Subnet) string { return sn.VPCID })
	tablesByVPC := groupByVPC(tables, func(rt RouteTable) string { return rt.VPCID })
	endpointsByVPC := groupByVPC(endpoints, func(e Endpoint) string { return e.VPCID })
	natsByVPC := groupByVPC(nats, func(n NATGateway) string { return n.VPCID })
	igwsByVPC := map[string][]InternetGateway{}
	for _, igw := range igws {
		for _, id := range igw.VPCIDs {
			igwsByVPC[id] = append(igwsByVPC[id], igw)
		}
	}
	out := make([]VPCAudit, 0, len(vpcs))
	for _, v := range vpcs {
		out = append(out, AuditVPC(v, subnetsByVPC[v.ID], tablesByVPC[v.ID], endpointsByVPC[v.ID],
			natsByVPC[v.ID], igwsByVPC[v.ID], prefixLists, s.region))
	}
	return out, nil
}

// subnetsWithRouteTables converts subnets and sets each one's effective route
// table from tables already read, as Subnets does after its own reads.
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
	sortByNameThenID(out, func(sn Subnet) (string, string) { return sn.Name, sn.ID })
	return out
}

func groupByVPC[T any](items []T, vpcOf func(T) string) map[string][]T {
	out := map[string][]T{}
	for _, it := range items {
		out[vpcOf(it)] = append(out[vpcOf(it)], it)
	}
	return out
}
