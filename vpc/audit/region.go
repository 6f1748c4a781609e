package audit

import (
	"context"

	"golang.org/x/sync/errgroup"

	"endpointconsole/vpc"
)

// Reader is what the audit reads of a Region. *vpc.Service implements it; Shared is how the
// Region's audit is shared between the pages that ask at once and kept as long as its reads
// (see vpc.Service.Shared).
type Reader interface {
	Region() string
	VPCs(ctx context.Context) ([]vpc.VPC, error)
	Network(ctx context.Context, vpcID string) (vpc.Network, error)
	Endpoints(ctx context.Context, f vpc.EndpointFilter) ([]vpc.Endpoint, error)
	NATGateways(ctx context.Context, vpcID string) ([]vpc.NATGateway, error)
	InternetGateways(ctx context.Context) ([]vpc.InternetGateway, error)
	Shared(ctx context.Context, key string, compute func(context.Context) (any, error)) (any, error)
}

// Auditor audits a Region read through a Reader. Build it with New.
type Auditor struct {
	reader Reader
}

// New returns an Auditor reading through r.
func New(r Reader) *Auditor { return &Auditor{reader: r} }

// sharedKey names the Region's audit among the values the Reader shares.
const sharedKey = "audit.region"

// AuditRegion audits every VPC of the Region, in the order of VPCs. It reads the whole Region
// with one paginated call per resource type (VPCs, subnets, route tables, endpoints, NAT
// gateways, internet gateways, prefix lists), concurrently, whatever the number of VPCs or
// subnets, then audits each VPC from memory with AuditVPC.
//
// Pages that ask at once share one audit, kept as long as the reads it was made from; callers
// only read it.
func (au *Auditor) AuditRegion(ctx context.Context) ([]VPCAudit, error) {
	v, err := au.reader.Shared(ctx, sharedKey, func(ctx context.Context) (any, error) { return au.auditRegion(ctx) })
	if err != nil {
		return nil, err
	}
	return v.([]VPCAudit), nil
}

func (au *Auditor) auditRegion(ctx context.Context) ([]VPCAudit, error) {
	var (
		vpcs      []vpc.VPC
		network   vpc.Network
		endpoints []vpc.Endpoint
		nats      []vpc.NATGateway
		igws      []vpc.InternetGateway
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) { vpcs, err = au.reader.VPCs(gctx); return err })
	g.Go(func() (err error) { network, err = au.reader.Network(gctx, ""); return err })
	g.Go(func() (err error) { endpoints, err = au.reader.Endpoints(gctx, vpc.EndpointFilter{}); return err })
	g.Go(func() (err error) { nats, err = au.reader.NATGateways(gctx, ""); return err })
	g.Go(func() (err error) { igws, err = au.reader.InternetGateways(gctx); return err })
	if err := g.Wait(); err != nil {
		return nil, err
	}

	subnetsByVPC := groupByVPC(network.Subnets, func(sn vpc.Subnet) string { return sn.VPCID })
	tablesByVPC := groupByVPC(network.RouteTables, func(rt vpc.RouteTable) string { return rt.VPCID })
	endpointsByVPC := groupByVPC(endpoints, func(e vpc.Endpoint) string { return e.VPCID })
	natsByVPC := groupByVPC(nats, func(n vpc.NATGateway) string { return n.VPCID })
	igwsByVPC := map[string][]vpc.InternetGateway{}
	for _, igw := range igws {
		for _, id := range igw.VPCIDs {
			igwsByVPC[id] = append(igwsByVPC[id], igw)
		}
	}
	region := au.reader.Region()
	out := make([]VPCAudit, 0, len(vpcs))
	for _, v := range vpcs {
		out = append(out, AuditVPC(v, subnetsByVPC[v.ID], tablesByVPC[v.ID], endpointsByVPC[v.ID],
			natsByVPC[v.ID], igwsByVPC[v.ID], network.PrefixLists, region))
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
