package handlers

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// pendingRefreshSeconds is how often a pending endpoint's page reloads itself.
const pendingRefreshSeconds = 5

// Endpoint shows one endpoint: its details and, for a gateway endpoint, each route table it
// changed with the endpoint's route highlighted.
func (h *Handlers) Endpoint(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if !strings.HasPrefix(id, "vpce-") {
		// /endpoints/new or /endpoints/delete on a read-only console: no page, not a malformed id.
		h.NotFound(w, r)
		return nil
	}
	e, err := h.account(r.Context()).Endpoint(r.Context(), id)
	if err != nil {
		return err
	}
	var vpcs []vpc.VPC
	var tables []vpc.RouteTable
	g, ctx := errgroup.WithContext(r.Context())
	g.Go(func() (err error) { vpcs, err = h.account(ctx).VPCs(ctx); return err })
	// A deleted endpoint's routes went with the delete: there are no tables to show it in.
	if e.Type == vpc.TypeGateway && len(e.RouteTableIDs) > 0 && !e.Deleted() {
		g.Go(func() (err error) { tables, err = h.account(ctx).RouteTables(ctx, e.VPCID); return err })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	tab := r.FormValue("tab")
	tabs := views.EndpointTabsFor(e.ID, e.Type, tab)
	if !slices.ContainsFunc(tabs, func(t views.Tab) bool { return t.Current }) {
		tab, tabs = "details", views.EndpointTabsFor(e.ID, e.Type, "details")
	}
	p := views.EndpointPage{
		Page: h.page(r, e.ID, "endpoints",
			views.Crumb{Label: "VPC", Href: "/"}, views.Crumb{Label: "Endpoints", Href: "/endpoints"}, views.Crumb{Label: e.ID}),
		Tabs: tabs, Tab: tab,
		Endpoint: e, VPCName: vpcNames(vpcs)[e.VPCID], Policy: prettyPolicy(e.PolicyDocument),
		Changed: nonEmpty(strings.Split(r.FormValue("added"), ",")),
	}
	for _, rt := range tables {
		if slices.Contains(e.RouteTableIDs, rt.ID) {
			p.RouteTables = append(p.RouteTables, rt)
		}
	}
	done := r.FormValue("done")
	p.Flash, p.FlashInfo = flashFor(done, e.ID), done == "unchanged" || done == "replayed"
	p.EC2Calls = h.takeCalls(w, r)
	if done == "created" && len(p.RouteTables) > 0 {
		p.Flash += " EC2 added its routes to these route tables (highlighted below):"
		for _, rt := range p.RouteTables {
			p.FlashLinks = append(p.FlashLinks, views.Crumb{Label: tableIDAndName(rt), Href: "/route-tables/" + rt.ID})
		}
	}
	if e.State == "pending" || e.State == "deleting" {
		p.RefreshSeconds = pendingRefreshSeconds
	}
	return render(w, r, http.StatusOK, views.EndpointDetail(p))
}

// changeableEndpoint reads the endpoint a Manage or Delete page is about to change, refusing a
// deleting or deleted one in plain words before anything is sent to EC2.
func (h *Handlers) changeableEndpoint(ctx context.Context, id string) (vpc.Endpoint, error) {
	e, err := h.account(ctx).Endpoint(ctx, id)
	if err != nil {
		return e, err
	}
	return e, e.ErrIfDeleted()
}

// flashFor is the one-time message after a change, named in the redirect's ?done=.
func flashFor(done, id string) string {
	switch done {
	case "created":
		return "Endpoint " + id + " created."
	case "route-tables":
		return "Route tables of " + id + " modified."
	case "policy":
		return "Policy of " + id + " saved."
	case "tags":
		return "Tags of " + id + " saved."
	case "network":
		return "Network settings of " + id + " saved."
	case "unchanged":
		return "Nothing to change: " + id + " already had those settings."
	case "replayed":
		return "This request had already created " + id + ": nothing new was created."
	}
	return ""
}
