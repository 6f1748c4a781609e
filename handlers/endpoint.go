package handlers

import (
	"net/http"
	"slices"

	"golang.org/x/sync/errgroup"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// pendingRefreshSeconds is how often a pending endpoint's page reloads itself.
const pendingRefreshSeconds = 5

// Endpoint shows one endpoint: its details and, for a gateway endpoint, each route table it
// changed with the endpoint's route highlighted.
func (h *Handlers) Endpoint(w http.ResponseWriter, r *http.Request) error {
	e, err := h.account.Endpoint(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	var vpcs []vpc.VPC
	var tables []vpc.RouteTable
	g, ctx := errgroup.WithContext(r.Context())
	g.Go(func() (err error) { vpcs, err = h.account.VPCs(ctx); return err })
	if e.Type == vpc.TypeGateway && len(e.RouteTableIDs) > 0 {
		g.Go(func() (err error) { tables, err = h.account.RouteTables(ctx, e.VPCID); return err })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	p := views.EndpointPage{
		Page: h.page(e.ID, "endpoints",
			views.Crumb{Label: "VPC", Href: "/"}, views.Crumb{Label: "Endpoints", Href: "/endpoints"}, views.Crumb{Label: e.ID}),
		Endpoint: e, VPCName: vpcNames(vpcs)[e.VPCID], Policy: prettyPolicy(e.PolicyDocument),
	}
	for _, rt := range tables {
		if slices.Contains(e.RouteTableIDs, rt.ID) {
			p.RouteTables = append(p.RouteTables, rt)
		}
	}
	if r.FormValue("created") != "" {
		p.Flash = "Endpoint " + e.ID + " created."
	}
	if e.State == "pending" {
		p.RefreshSeconds = pendingRefreshSeconds
	}
	return render(w, r, http.StatusOK, views.EndpointDetail(p))
}
