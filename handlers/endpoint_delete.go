package handlers

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// maxDeleteAtOnce bounds one deletion, as the console's multi-select does.
const maxDeleteAtOnce = 25

// ConfirmDelete asks the person to type "delete", naming for each endpoint (?id=…, repeated)
// the routes that disappear and the subnets that lose their private path.
func (h *Handlers) ConfirmDelete(w http.ResponseWriter, r *http.Request) error {
	ids, err := deleteIDs(r.URL.Query()["id"])
	if err != nil {
		return err
	}
	targets, err := h.deleteTargets(r.Context(), ids)
	if err != nil {
		return err
	}
	return h.renderDelete(w, r, targets, "", nil, nil, http.StatusOK)
}

// DeleteEndpoints deletes the endpoints once the confirmation word is typed. EC2 deletes what it
// can and lists the rest; the page shows the outcome per endpoint, or goes back to the list with
// a message when all went.
func (h *Handlers) DeleteEndpoints(w http.ResponseWriter, r *http.Request) error {
	if err := readForm(r); err != nil {
		return err
	}
	ids, err := deleteIDs(r.PostForm["id"])
	if err != nil {
		return err
	}
	confirm := r.PostFormValue("confirm")
	if strings.TrimSpace(strings.ToLower(confirm)) != "delete" {
		targets, err := h.deleteTargets(r.Context(), ids)
		if err != nil {
			return err
		}
		msg := "Type delete to confirm; nothing has been deleted."
		if strings.TrimSpace(confirm) != "" {
			msg = fmt.Sprintf("%q is not the word delete; nothing has been deleted.", confirm)
		}
		return h.renderDelete(w, r, targets, confirm, map[string]string{"confirm": msg}, nil, http.StatusUnprocessableEntity)
	}
	live, failures, err := h.deletableEndpoints(r.Context(), ids)
	if err != nil {
		return err
	}
	if len(live) > 0 {
		refused, err := h.writer(r.Context()).DeleteEndpoints(r.Context(), live)
		if err != nil {
			return err
		}
		failures = append(failures, refused...)
	}
	if len(failures) == 0 {
		h.redirectAfterChange(w, r, "/endpoints?deleted="+url.QueryEscape(strings.Join(ids, ",")))
		return nil
	}
	var results []views.DeleteResult
	for _, id := range ids {
		res := views.DeleteResult{ID: id, Deleted: true}
		if i := slices.IndexFunc(failures, func(f vpc.DeleteFailure) bool { return f.ID == id }); i >= 0 {
			res.Deleted, res.Message = false, failures[i].Message
		}
		results = append(results, res)
	}
	return h.renderDelete(w, r, nil, "", nil, results, http.StatusOK)
}

// deletableEndpoints splits the endpoints about to be deleted: the ones EC2 may delete, and a
// failure for each that it no longer knows or is already deleting, so that EC2 is not asked to
// delete what is already going.
func (h *Handlers) deletableEndpoints(ctx context.Context, ids []string) ([]string, []vpc.DeleteFailure, error) {
	_, refusals, err := h.changeableEndpoints(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	var live []string
	var failures []vpc.DeleteFailure
	for i, id := range ids {
		if refusals[i] != nil {
			failures = append(failures, vpc.DeleteFailure{ID: id, Code: vpc.NotFound, Message: vpc.ErrorMessage(refusals[i])})
			continue
		}
		live = append(live, id)
	}
	return live, failures, nil
}

// changeableEndpoints reads the endpoints, one call each, concurrently: each one, or why it can't
// be changed (EC2 no longer knows it, or it is deleting or deleted). Any other error, such as EC2
// out of reach, stops the reads and is returned.
func (h *Handlers) changeableEndpoints(ctx context.Context, ids []string) ([]vpc.Endpoint, []error, error) {
	endpoints, refusals := make([]vpc.Endpoint, len(ids)), make([]error, len(ids))
	g, gctx := errgroup.WithContext(ctx)
	for i, id := range ids {
		g.Go(func() error {
			endpoints[i], refusals[i] = h.changeableEndpoint(gctx, id)
			if vpc.ErrorCode(refusals[i]) == vpc.NotFound {
				return nil
			}
			return refusals[i]
		})
	}
	return endpoints, refusals, g.Wait()
}

func deleteIDs(raw []string) ([]string, error) {
	ids := slices.Compact(slices.Sorted(slices.Values(nonEmpty(raw))))
	switch {
	case len(ids) == 0:
		return nil, &vpc.Error{Code: vpc.Invalid, Field: vpc.FieldEndpoint, Message: "Choose the endpoints to delete from the Endpoints list."}
	case len(ids) > maxDeleteAtOnce:
		return nil, &vpc.Error{Code: vpc.Invalid, Field: vpc.FieldEndpoint, Message: fmt.Sprintf("Delete at most %d endpoints at a time.", maxDeleteAtOnce)}
	}
	return ids, nil
}

// deleteTargets reads each endpoint and, for gateway endpoints, what its deletion takes away.
// The endpoints are read one call each, concurrently; the route tables and subnets of their
// VPCs once per VPC.
func (h *Handlers) deleteTargets(ctx context.Context, ids []string) ([]views.DeleteTarget, error) {
	endpoints, refusals, err := h.changeableEndpoints(ctx, ids)
	if err != nil {
		return nil, err
	}
	if err := errors.Join(refusals...); err != nil {
		return nil, err
	}
	var vpcIDs []string
	for _, e := range endpoints {
		if e.Type == vpc.TypeGateway && !slices.Contains(vpcIDs, e.VPCID) {
			vpcIDs = append(vpcIDs, e.VPCID)
		}
	}
	networks := make([]vpc.Network, len(vpcIDs))
	g, gctx := errgroup.WithContext(ctx)
	for i, id := range vpcIDs {
		g.Go(func() (err error) { networks[i], err = h.account(gctx).Network(gctx, id); return err })
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	var out []views.DeleteTarget
	for _, e := range endpoints {
		t := views.DeleteTarget{Endpoint: e}
		if i := slices.Index(vpcIDs, e.VPCID); i >= 0 {
			for _, rt := range networks[i].RouteTables {
				for _, route := range rt.Routes {
					if route.Target == e.ID {
						t.Routes = append(t.Routes, tableIDAndName(rt)+": "+route.Destination()+" → "+e.ID)
						t.Subnets = append(t.Subnets, subnetsUsing(rt, networks[i].Subnets)...)
					}
				}
			}
		}
		out = append(out, t)
	}
	return out, nil
}

func (h *Handlers) renderDelete(w http.ResponseWriter, r *http.Request, targets []views.DeleteTarget, confirm string, errs map[string]string, results []views.DeleteResult, status int) error {
	p := views.DeletePage{
		Page: h.page(r, "Delete VPC endpoints", "endpoints", views.Crumb{Label: "Endpoints", Href: "/endpoints"},
			views.Crumb{Label: "Delete VPC endpoints"}),
		Endpoints: targets, Confirm: confirm, Errors: errs, Results: results,
	}
	return render(w, r, status, views.DeleteEndpoints(p))
}
