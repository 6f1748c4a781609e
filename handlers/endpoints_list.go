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

// Endpoints lists VPC endpoints, filtered by ?vpc=, ?service=, ?type= and ?state= (sent to EC2
// as filters) and ?q= (words in any column), a page at a time (?page=).
func (h *Handlers) Endpoints(w http.ResponseWriter, r *http.Request) error {
	f := vpc.EndpointFilter{VPCID: vpcParam(r), ServiceName: r.FormValue("service"), Type: r.FormValue("type"), State: r.FormValue("state")}
	query := r.FormValue("q")
	acct := h.account(r.Context())
	var rows listRows[vpc.Endpoint]
	var services []vpc.EndpointService
	g, ctx := errgroup.WithContext(r.Context())
	g.Go(func() (err error) {
		rows, err = readList(ctx, acct, r, listSource[vpc.Endpoint]{
			all: func(ctx context.Context) ([]vpc.Endpoint, error) { return acct.Endpoints(ctx, f) },
			page: func(ctx context.Context, req vpc.PageRequest) (vpc.ListPage[vpc.Endpoint], error) {
				return acct.EndpointsPage(ctx, f, req)
			},
			fields: func(e vpc.Endpoint, _ map[string]string) []string {
				return []string{e.Name, e.ID, e.VPCID, e.ServiceName, e.Type, e.State}
			},
			vpcIDs: func(e vpc.Endpoint) []string { return []string{e.VPCID} },
		})
		return err
	})
	g.Go(func() (err error) { services, err = acct.EndpointServices(ctx); return err })
	if err := g.Wait(); err != nil {
		return err
	}
	p := views.EndpointsPage{
		Page:      h.page(r, "Endpoints", "endpoints", views.Crumb{Label: "VPC", Href: "/"}, views.Crumb{Label: "Endpoints"}),
		Endpoints: rows.page.Items, VPCNames: rows.vpcNames, VPCs: rows.vpcOptions, VPCID: f.VPCID, Query: query,
		Service: f.ServiceName, Type: f.Type, State: f.State,
		Pager: pager("Endpoints", "/endpoints",
			map[string]string{"vpc": f.VPCID, "q": query, "service": f.ServiceName, "type": f.Type, "state": f.State}, rows),
	}
	for _, s := range services {
		if !slices.Contains(p.Services, s.Name) {
			p.Services = append(p.Services, s.Name)
		}
	}
	if deleted := endpointIDs(r.FormValue("deleted")); len(deleted) > 0 {
		p.Flash = "Deleted " + strings.Join(deleted, ", ") + "."
		p.EC2Calls = h.takeCalls(w, r)
	}
	return render(w, r, http.StatusOK, views.Endpoints(p))
}

// endpointIDs reads a comma-separated list of endpoint ids from a redirect, keeping only what
// looks like one: the message is built from a URL anybody can write.
func endpointIDs(list string) []string {
	var out []string
	for _, id := range strings.Split(list, ",") {
		if strings.HasPrefix(id, "vpce-") && len(id) <= 22 && strings.Trim(id[5:], "0123456789abcdef") == "" {
			out = append(out, id)
		}
	}
	return out
}
