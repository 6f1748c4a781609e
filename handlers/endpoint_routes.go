package handlers

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// endpointInVPC is an endpoint with what its pages need of its VPC, read in one round after the
// endpoint itself.
type endpointInVPC struct {
	endpoint    vpc.Endpoint
	routeTables []vpc.RouteTable
	subnets     []vpc.Subnet
	prefixLists map[string]vpc.PrefixList
}

// loadEndpointInVPC reads the endpoint, then its VPC's network: route tables, subnets and
// prefix lists in one round.
func (h *Handlers) loadEndpointInVPC(ctx context.Context, id string) (endpointInVPC, error) {
	var d endpointInVPC
	e, err := h.changeableEndpoint(ctx, id)
	if err != nil {
		return d, err
	}
	d.endpoint = e
	n, err := h.account(ctx).Network(ctx, e.VPCID)
	d.routeTables, d.subnets, d.prefixLists = n.RouteTables, n.Subnets, n.PrefixLists
	return d, err
}

// ManageRouteTables shows the VPC's tables with the endpoint's ticked.
func (h *Handlers) ManageRouteTables(w http.ResponseWriter, r *http.Request) error {
	d, err := h.loadEndpointInVPC(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return h.renderManageRouteTables(w, r, d, d.endpoint.RouteTableIDs, false, nil, http.StatusOK)
}

// SaveRouteTables previews (action=preview) or applies (action=save) a new set of route
// tables. Saving compares the choice with the endpoint as EC2 describes it now, so saving the
// same change twice calls EC2 once.
func (h *Handlers) SaveRouteTables(w http.ResponseWriter, r *http.Request) error {
	if err := readForm(r); err != nil {
		return err
	}
	d, err := h.loadEndpointInVPC(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	if d.endpoint.Type != vpc.TypeGateway {
		return &vpc.Error{Code: vpc.Invalid, Message: "Only gateway endpoints have route tables; manage this endpoint's subnets instead."}
	}
	chosen := nonEmpty(r.PostForm["route_tables"])
	errs := fieldMessages{}
	errs.add(vpc.FieldRouteTables, checkRouteTablesInVPC(chosen, d.routeTables, d.endpoint.VPCID, "the endpoint's VPC"))
	if len(errs) > 0 || r.PostFormValue("action") != "save" {
		status := http.StatusOK
		if len(errs) > 0 {
			status = http.StatusUnprocessableEntity
		}
		return h.renderManageRouteTables(w, r, d, chosen, len(errs) == 0, errs, status)
	}
	add, remove := diffIDs(d.endpoint.RouteTableIDs, chosen)
	if len(add)+len(remove) == 0 {
		h.seeOther(w, r, "/endpoints/"+d.endpoint.ID+"?tab=route-tables&done=unchanged")
		return nil
	}
	err = h.writer(r.Context()).ModifyEndpoint(r.Context(), vpc.ModifyEndpointRequest{ID: d.endpoint.ID, AddRouteTableIDs: add, RemoveRouteTableIDs: remove})
	if err != nil {
		if vpc.ErrorCode(err) == vpc.NotFound && vpc.ErrorField(err) != vpc.FieldRouteTables {
			return err
		}
		errs = map[string]string{"route_tables": vpc.ErrorMessage(err)}
		return h.renderManageRouteTables(w, r, d, chosen, true, errs, ErrorStatus(err))
	}
	q := url.Values{"tab": {"route-tables"}, "done": {"route-tables"}, "added": {strings.Join(add, ",")}}
	h.redirectAfterChange(w, r, "/endpoints/"+d.endpoint.ID+"?"+q.Encode())
	return nil
}

func (h *Handlers) renderManageRouteTables(w http.ResponseWriter, r *http.Request, d endpointInVPC, chosen []string, preview bool, errs map[string]string, status int) error {
	e := d.endpoint
	p := views.ManageRouteTablesPage{
		Page: h.page(r, "Manage route tables", "endpoints", views.Crumb{Label: "Endpoints", Href: "/endpoints"},
			views.Crumb{Label: e.ID, Href: "/endpoints/" + e.ID}, views.Crumb{Label: "Manage route tables"}),
		Endpoint: e, Chosen: chosen, Errors: errs, Previewed: preview,
	}
	p.Tables = routeTableRows(d.routeTables, d.subnets, d.prefixLists, e.ServiceName, e.ID)
	if preview {
		pl, _ := vpc.PrefixListByName(d.prefixLists, e.ServiceName)
		add, remove := diffIDs(e.RouteTableIDs, chosen)
		p.Adds = tableChanges(add, d, pl, e.ID)
		p.Removes = tableChanges(remove, d, pl, e.ID)
		if len(add)+len(remove) > 0 {
			p.Code = views.ModifyRouteTablesCode(e.ID, add, remove, h.region(r.Context()).name)
		}
	}
	return render(w, r, status, views.ManageRouteTables(p))
}

// tableChanges describes the endpoint's route being added to or removed from tables.
func tableChanges(ids []string, d endpointInVPC, pl vpc.PrefixList, endpointID string) []views.TableChange {
	var out []views.TableChange
	for _, rt := range d.routeTables {
		if slices.Contains(ids, rt.ID) {
			out = append(out, views.TableChange{
				ID: rt.ID, Name: rt.Name, Subnets: subnetsUsing(rt, d.subnets),
				Route: vpc.Route{DestinationPrefixList: &pl, Target: endpointID, TargetKind: vpc.TargetGatewayEndpoint},
			})
		}
	}
	return out
}

// diffIDs returns what to add to current and what to remove from it to get wanted.
func diffIDs(current, wanted []string) (add, remove []string) {
	for _, id := range wanted {
		if !slices.Contains(current, id) && !slices.Contains(add, id) {
			add = append(add, id)
		}
	}
	for _, id := range current {
		if !slices.Contains(wanted, id) {
			remove = append(remove, id)
		}
	}
	return add, remove
}
