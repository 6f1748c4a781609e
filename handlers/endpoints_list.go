package handlers

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/sync/errgroup"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// endpointsPageSize is how many endpoints the list shows at a time.
const endpointsPageSize = 25

// Endpoints lists VPC endpoints, filtered by ?vpc=, ?service=, ?type= and ?state= (sent to EC2
// as filters) and ?q= (words in any column), a page at a time (?page=).
func (h *Handlers) Endpoints(w http.ResponseWriter, r *http.Request) error {
	f := vpc.EndpointFilter{VPCID: r.FormValue("vpc"), ServiceName: r.FormValue("service"), Type: r.FormValue("type"), State: r.FormValue("state")}
	query := r.FormValue("q")
	var vpcs []vpc.VPC
	var endpoints []vpc.Endpoint
	var services []vpc.EndpointService
	g, ctx := errgroup.WithContext(r.Context())
	g.Go(func() (err error) { vpcs, err = h.account(ctx).VPCs(ctx); return err })
	g.Go(func() (err error) { endpoints, err = h.account(ctx).Endpoints(ctx, f); return err })
	g.Go(func() (err error) { services, err = h.account(ctx).EndpointServices(ctx); return err })
	if err := g.Wait(); err != nil {
		return err
	}
	p := views.EndpointsPage{
		Page:     h.page(r, "Endpoints", "endpoints", views.Crumb{Label: "VPC", Href: "/"}, views.Crumb{Label: "Endpoints"}),
		VPCNames: vpcNames(vpcs), VPCs: vpcOptions(vpcs), VPCID: f.VPCID, Query: query,
		Service: f.ServiceName, Type: f.Type, State: f.State, PageSize: endpointsPageSize,
	}
	for _, s := range services {
		if !slices.Contains(p.Services, s.Name) {
			p.Services = append(p.Services, s.Name)
		}
	}
	var matching []vpc.Endpoint
	for _, e := range endpoints {
		if matchesQuery(query, e.Name, e.ID, e.VPCID, e.ServiceName, e.Type, e.State) {
			matching = append(matching, e)
		}
	}
	p.Total = len(matching)
	p.PageNumber = pageNumber(r.FormValue("page"), p.Total, endpointsPageSize)
	start := (p.PageNumber - 1) * endpointsPageSize
	p.Endpoints = matching[start:min(start+endpointsPageSize, p.Total)]
	if deleted := endpointIDs(r.FormValue("deleted")); len(deleted) > 0 {
		p.Flash = "Deleted " + strings.Join(deleted, ", ") + "."
		p.EC2Calls = h.takeCalls(w, r)
	}
	return render(w, r, http.StatusOK, views.Endpoints(p))
}

// pageNumber reads ?page=, kept within the pages there are.
func pageNumber(raw string, total, size int) int {
	n, err := strconv.Atoi(raw)
	last := max(1, (total+size-1)/size)
	if err != nil || n < 1 {
		return 1
	}
	return min(n, last)
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
