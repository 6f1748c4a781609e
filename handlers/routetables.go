package handlers

import (
	"net/http"

	"golang.org/x/sync/errgroup"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// RouteTables lists route tables, filtered by ?vpc= and ?q=.
func (h *Handlers) RouteTables(w http.ResponseWriter, r *http.Request) error {
	vpcID, query := r.FormValue("vpc"), r.FormValue("q")
	var vpcs []vpc.VPC
	var tables []vpc.RouteTable
	g, ctx := errgroup.WithContext(r.Context())
	g.Go(func() (err error) { vpcs, err = h.account(ctx).VPCs(ctx); return err })
	g.Go(func() (err error) { tables, err = h.account(ctx).RouteTables(ctx, vpcID); return err })
	if err := g.Wait(); err != nil {
		return err
	}
	p := views.RouteTablesPage{
		Page:     h.page(r, "Route tables", "route-tables", views.Crumb{Label: "VPC", Href: "/"}, views.Crumb{Label: "Route tables"}),
		VPCNames: vpcNames(vpcs), VPCs: vpcOptions(vpcs), VPCID: vpcID, Query: query,
	}
	for _, rt := range tables {
		if matchesQuery(query, rt.Name, rt.ID, rt.VPCID, p.VPCNames[rt.VPCID]) {
			p.Tables = append(p.Tables, rt)
		}
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
