package vpc

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"golang.org/x/sync/errgroup"
)

// AuditRegion audits every VPC of the Region, in the order of VPCs. It reads
// the whole Region with one paginated call per resource type (VPCs, subnets,
// route tables, endpoints, NAT gateways, internet gateways, prefix lists),
// concurrently, whatever the number of VPCs or subnets, then audits each VPC
// from memory with AuditVPC.
//
// Pages that ask at once share one audit, kept as long as the reads it was made from; callers
// only read it.
func (s *Service) AuditRegion(ctx context.Context) ([]VPCAudit, error) {
	v, err := s.Shared(ctx, "audit", func(ctx context.Context) (any, error) { return s.auditRegion(ctx) })
	if err != nil {
		return nil, err
	}
	return v.([]VPCAudit), nil
}

func (s *Service) auditRegion(ctx context.Context) ([]VPCAudit, error) {
	var (
		vpcs      []VPC
		network   Network
		endpoints []Endpoint
		nats      []NATGateway
		igws      []InternetGateway
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) { vpcs, err = s.VPCs(gctx); return err })
	g.Go(func() (err error) { network, err = s.Network(gctx, ""); return err })
	g.Go(func() (err error) {
		endpoints, err = s.describeEndpoints(gctx, "describe VPC endpoints", &ec2.DescribeVpcEndpointsInput{})
		return err
	})
	g.Go(func() (err error) { nats, err = s.NATGateways(gctx, ""); return err })
	g.Go(func() (err error) { igws, err = s.InternetGateways(gctx); return err })
	if err := g.Wait(); err != nil {
		return nil, err
	}

	subnets, tables, prefixLists := network.Subnets, network.RouteTables, network.PrefixLists

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

func groupByVPC[T any](items []T, vpcOf func(T) string) map[string][]T {
	out := map[string][]T{}
	for _, it := range items {
		out[vpcOf(it)] = append(out[vpcOf(it)], it)
	}
	return out
}
