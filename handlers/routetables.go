package handlers

import (
	"context"
	"net/http"

	"golang.org/x/sync/errgroup"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// RouteTables lists route tables, filtered by ?vpc= and ?q=, a page at a time (?page=).
func (h *Handlers) RouteTables(w http.ResponseWriter, r *http.Request) error {
	vpcID, query := vpcParam(r), r.FormValue("q")
	acct := h.account(r.Context())
	rows, err := readList(r.Context(), acct, r, listSource[vpc.RouteTable]{
		all: func(ctx context.Context) ([]vpc.RouteTable, error) { return acct.RouteTables(ctx, vpcID) },
		page: func(ctx context.Context, req vpc.PageRequest) (vpc.ListPage[vpc.RouteTable], error) {
			return acct.RouteTablesPage(ctx, vpcID, req)
		},
		fields: func(rt vpc.RouteTable, names map[string]string) []string {
			return []string{rt.Name, rt.ID, rt.VPCID, names[rt.VPCID]}
		},
		vpcIDs: func(rt vpc.RouteTable) []string { return []string{rt.VPCID} },
	})
	if err != nil {
		return err
	}
	p := views.RouteTablesPage{
		Page:   h.page(r, "Route tables", "route-tables", views.Crumb{Label: "VPC", Href: "/"}, views.Crumb{Label: "Route tables"}),
		Tables: rows.page.Items, VPCNames: rows.vpcNames, VPCs: rows.vpcOptions, VPCID: vpcID, Query: query,
		Pager: pager("Route tables", "/route-tables", map[string]string{"vpc": vpcID, "q": query}, rows),
	}
	return render(w, r, http.StatusOK, views.RouteTables(p))
}

// RouteTable shows one route table with its routes and subnet associations.
func (h *Handlers) RouteTable(w http.ResponseWriter, r *http.Request) error {
	rt, err := h.account(r.Context()).RouteTable(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	var vpcs []vpc.VPC
	var subnets []vpc.Subnet
	g, ctx := errgroup.WithContext(r.Context())
	g.Go(func() (err error) { vpcs, err = h.account(ctx).VPCs(ctx); return err })
	g.Go(func() (err error) { subnets, err = h.account(ctx).Subnets(ctx, rt.VPCID); return err })
	if err := g.Wait(); err != nil {
		return err
	}
	p := views.RouteTablePage{
		Page: h.page(r, rt.ID, "route-tables",
			views.Crumb{Label: "VPC", Href: "/"}, views.Crumb{Label: "Route tables", Href: "/route-tables"}, views.Crumb{Label: rt.ID}),
		Table: rt, VPCName: vpcNames(vpcs)[rt.VPCID], Subnets: subnets,
	}
	return render(w, r, http.StatusOK, views.RouteTableDetail(p))
}
