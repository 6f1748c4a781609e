package handlers

import (
	"context"
	"net/http"
	"slices"

	"golang.org/x/sync/errgroup"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// VPCs lists the Region's VPCs with their main route tables, filtered by ?q=, a page at a time
// (?page=): the main tables of the page's VPCs are one more call.
func (h *Handlers) VPCs(w http.ResponseWriter, r *http.Request) error {
	query := r.FormValue("q")
	acct := h.account(r.Context())
	rows, err := readList(r.Context(), acct, r, listSource[vpc.VPC]{
		all:    acct.VPCs,
		page:   acct.VPCsPage,
		fields: func(v vpc.VPC, _ map[string]string) []string { return []string{v.Name, v.ID, v.CIDR} },
	})
	if err != nil {
		return err
	}
	ids := make([]string, len(rows.page.Items))
	for i, v := range rows.page.Items {
		ids[i] = v.ID
	}
	mainTables, err := acct.MainRouteTables(r.Context(), ids)
	if err != nil {
		return err
	}
	p := views.VPCsPage{
		Page: h.page(r, "Your VPCs", "vpcs", views.Crumb{Label: "VPC", Href: "/"}, views.Crumb{Label: "Your VPCs"}),
		VPCs: rows.page.Items, MainTables: mainTables, Query: query,
		Pager: pager("VPCs", "/vpcs", map[string]string{"q": query}, rows),
	}
	return render(w, r, http.StatusOK, views.VPCs(p))
}

// Subnets lists subnets with the route table each one uses, filtered by ?vpc= and ?q=, a page at
// a time (?page=).
func (h *Handlers) Subnets(w http.ResponseWriter, r *http.Request) error {
	vpcID, query := vpcParam(r), r.FormValue("q")
	acct := h.account(r.Context())
	// The route tables' Names, from the whole read or from the page's: set before fields runs.
	tableNames := map[string]string{}
	rows, err := readList(r.Context(), acct, r, listSource[vpc.Subnet]{
		all: func(ctx context.Context) ([]vpc.Subnet, error) {
			n, err := acct.Network(ctx, vpcID)
			for _, rt := range n.RouteTables {
				tableNames[rt.ID] = rt.Name
			}
			return n.Subnets, err
		},
		page: func(ctx context.Context, req vpc.PageRequest) (vpc.ListPage[vpc.Subnet], error) {
			sp, err := acct.SubnetsPage(ctx, vpcID, req)
			tableNames = sp.TableNames
			return sp.ListPage, err
		},
		fields: func(s vpc.Subnet, _ map[string]string) []string {
			return []string{s.Name, s.ID, s.VPCID, s.CIDR, s.AvailabilityZone, s.RouteTableID, tableNames[s.RouteTableID]}
		},
		vpcIDs: func(s vpc.Subnet) []string { return []string{s.VPCID} },
	})
	if err != nil {
		return err
	}
	p := views.SubnetsPage{
		Page:    h.page(r, "Subnets", "subnets", views.Crumb{Label: "VPC", Href: "/"}, views.Crumb{Label: "Subnets"}),
		Subnets: rows.page.Items, VPCNames: rows.vpcNames, TableNames: tableNames, VPCs: rows.vpcOptions, VPCID: vpcID, Query: query,
		Pager: pager("Subnets", "/subnets", map[string]string{"vpc": vpcID, "q": query}, rows),
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
