package handlers

import (
	"net/http"
	"slices"

	"golang.org/x/sync/errgroup"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// VPCs lists the Region's VPCs with their main route tables.
func (h *Handlers) VPCs(w http.ResponseWriter, r *http.Request) error {
	query := r.FormValue("q")
	var vpcs []vpc.VPC
	var tables []vpc.RouteTable
	g, ctx := errgroup.WithContext(r.Context())
	g.Go(func() (err error) { vpcs, err = h.account(ctx).VPCs(ctx); return err })
	g.Go(func() (err error) { tables, err = h.account(ctx).RouteTables(ctx, ""); return err })
	if err := g.Wait(); err != nil {
		return err
	}
	p := views.VPCsPage{
		Page:       h.page(r, "Your VPCs", "vpcs", views.Crumb{Label: "VPC", Href: "/"}, views.Crumb{Label: "Your VPCs"}),
		MainTables: map[string]string{}, Query: query,
	}
	for _, rt := range tables {
		if rt.Main {
			p.MainTables[rt.VPCID] = rt.ID
		}
	}
	for _, v := range vpcs {
		if matchesQuery(query, v.Name, v.ID, v.CIDR) {
			p.VPCs = append(p.VPCs, v)
		}
	}
	return render(w, r, http.StatusOK, views.VPCs(p))
}

// Subnets lists subnets with the route table each one uses, filtered by ?vpc= and ?q=.
func (h *Handlers) Subnets(w http.ResponseWriter, r *http.Request) error {
	vpcID, query := r.FormValue("vpc"), r.FormValue("q")
	var vpcs []vpc.VPC
	var n vpc.Network
	g, ctx := errgroup.WithContext(r.Context())
	g.Go(func() (err error) { vpcs, err = h.account(ctx).VPCs(ctx); return err })
	g.Go(func() (err error) { n, err = h.account(ctx).Network(ctx, vpcID); return err })
	if err := g.Wait(); err != nil {
		return err
	}
	subnets, tables := n.Subnets, n.RouteTables
	p := views.SubnetsPage{
		Page:     h.page(r, "Subnets", "subnets", views.Crumb{Label: "VPC", Href: "/"}, views.Crumb{Label: "Subnets"}),
		VPCNames: vpcNames(vpcs), TableNames: map[string]string{}, VPCs: vpcOptions(vpcs), VPCID: vpcID, Query: query,
	}
	for _, rt := range tables {
		p.TableNames[rt.ID] = rt.Name
	}
	for _, s := range subnets {
		if matchesQuery(query, s.Name, s.ID, s.VPCID, s.CIDR, s.AvailabilityZone, s.RouteTableID, p.TableNames[s.RouteTableID]) {
			p.Subnets = append(p.Subnets, s)
		}
	}
	return render(w, r, http.StatusOK, views.Subnets(p))
}

// Dashboard counts the Region's resources, one concurrent read per kind.
func (h *Handlers) Dashboard(w http.ResponseWriter, r *http.Request) error {
	var (
		vpcs      []vpc.VPC
		n         vpc.Network
		igws      []vpc.InternetGateway
		nats      []vpc.NATGateway
		endpoints []vpc.Endpoint
	)
	g, ctx := errgroup.WithContext(r.Context())
	g.Go(func() (err error) { vpcs, err = h.account(ctx).VPCs(ctx); return err })
	g.Go(func() (err error) { n, err = h.account(ctx).Network(ctx, ""); return err })
	g.Go(func() (err error) { igws, err = h.account(ctx).InternetGateways(ctx); return err })
	g.Go(func() (err error) { nats, err = h.account(ctx).NATGateways(ctx, ""); return err })
	g.Go(func() (err error) { endpoints, err = h.account(ctx).Endpoints(ctx, vpc.EndpointFilter{}); return err })
	if err := g.Wait(); err != nil {
		return err
	}
	p := views.DashboardPage{
		Page: h.page(r, "VPC dashboard", "dashboard", views.Crumb{Label: "VPC dashboard"}),
		Counts: []views.ResourceCount{
			{Label: "VPCs", Count: len(vpcs), Href: "/vpcs"},
			{Label: "Subnets", Count: len(n.Subnets), Href: "/subnets"},
			{Label: "Route tables", Count: len(n.RouteTables), Href: "/route-tables"},
			{Label: "Internet gateways", Count: len(igws), Href: "/internet-gateways"},
			{Label: "NAT gateways", Count: len(nats), Href: "/nat-gateways"},
			{Label: "Endpoints", Count: len(slices.DeleteFunc(endpoints, vpc.Endpoint.Deleted)), Href: "/endpoints"},
		},
	}
	p.Flash = h.demoResetFlash(r)
	return render(w, r, http.StatusOK, views.Dashboard(p))
}
