package handlers

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"endpointconsole/vpc"
)

// NewEndpoint starts the Create endpoint wizard with a fresh client token. ?vpc=,
// ?service=name|Type and ?route_tables= pre-fill answers, for links such as an audit finding's fix.
func (h *Handlers) NewEndpoint(w http.ResponseWriter, r *http.Request) error {
	f := newWizardForm()
	f.VPCID = r.FormValue("vpc")
	f.RouteTableIDs = nonEmpty(r.URL.Query()["route_tables"])
	if s := r.FormValue("service"); s != "" {
		f.Service, f.Type, _ = strings.Cut(s, "|")
	}
	d, err := h.loadWizardData(r.Context(), f, stepCategory, false)
	if err != nil {
		return err
	}
	return h.renderWizard(w, r, f, d, stepCategory, nil, http.StatusOK)
}

// EndpointWizardStep answers one posted step: the button pressed (action) says whether to go
// on, go back, or redo the step (Verify, Filter, Add Tag, a template). Going on re-validates
// every answer so far; the earliest invalid step comes back with the person's values and the
// message next to the field (422).
func (h *Handlers) EndpointWizardStep(w http.ResponseWriter, r *http.Request) error {
	if err := readForm(r); err != nil {
		return err
	}
	f := parseWizardForm(r)
	if f.Token == "" || len(f.Token) > vpc.MaxClientTokenLength {
		// Without its token a submit could create a second endpoint: start over.
		h.seeOther(w, r, "/endpoints/new")
		return nil
	}
	if stepRank(f.Step) < 0 {
		f.Step = stepCategory
	}
	action := r.PostFormValue("action")
	if action == "next" && f.Step == stepService &&
		(r.PostFormValue("applied_query") != f.ServiceQuery || r.PostFormValue("applied_type") != f.TypeFilter) {
		// Enter in the filter box after typing (the form's default button is Next): filter.
		action = "filter"
	}
	switch {
	case action == "create":
		return h.createEndpoint(w, r, f)
	case action == "add_tag":
		f.Tags = append(f.Tags, vpc.Tag{})
	case strings.HasPrefix(action, "remove_tag:"):
		if i, err := strconv.Atoi(strings.TrimPrefix(action, "remove_tag:")); err == nil && i >= 0 && i < len(f.Tags) {
			f.Tags = slices.Delete(f.Tags, i, i+1)
		}
	case strings.HasPrefix(action, "template:"):
		if doc, ok := policyTemplate(strings.TrimPrefix(action, "template:"), f.Service); ok {
			f.PolicyMode, f.Policy = "custom", doc
		}
	}
	// Read what the step after this one needs, so that moving on costs one round of calls.
	// Whether the service takes a policy is not known yet; the policy step reads nothing.
	loadFor := f.Step
	if next, ok := stepBeside(f.steps(true), f.Step, +1); action == "next" && ok {
		loadFor = next
	}
	d, err := h.loadWizardData(r.Context(), f, loadFor, loadFor == stepReview)
	if err != nil {
		return h.renderWizardUnavailable(w, r, f, err)
	}
	step, status, errs := f.Step, http.StatusOK, map[string]string{}
	switch {
	case action == "previous":
		step = neighbourStep(f, d, -1)
	case action == "select_all_tables" && f.Step == stepRouteTables:
		// Every table that may take the endpoint; one already routing the service can't.
		f.RouteTableIDs = nil
		for _, rt := range routeTableRows(d.routeTables, d.subnets, d.prefixLists, f.Service, "") {
			if rt.Conflict == "" {
				f.RouteTableIDs = append(f.RouteTableIDs, rt.ID)
			}
		}
	case strings.HasPrefix(action, "edit:"):
		// A visited step, from the step list or a review section's Edit: every answer is kept.
		if target := strings.TrimPrefix(action, "edit:"); stepRank(target) >= 0 && stepRank(target) < stepRank(f.Step) {
			step = target
		}
	case action == "next" || action == "verify":
		if errs = d.check(f, f.Step); len(errs) > 0 {
			step, status = earliestStep(errs), http.StatusUnprocessableEntity
		} else if action == "next" {
			step = neighbourStep(f, d, +1)
			f = enterStep(f, step, d)
		}
	}
	return h.renderWizard(w, r, f, d, step, errs, status)
}

// neighbourStep is the step before or after the posted one, in the order the chosen service
// gives the wizard (an unknown service keeps the policy step until it is fixed).
func neighbourStep(f wizardForm, d wizardData, delta int) string {
	svc, found := d.service(f)
	if step, ok := stepBeside(f.steps(svc.PolicySupported || !found), f.Step, delta); ok {
		return step
	}
	return stepCategory
}

// earliestStep is the first step holding one of the fields in errs.
func earliestStep(errs map[string]string) string {
	best := stepReview
	for field := range errs {
		if s := stepOf(field); stepRank(s) < stepRank(best) {
			best = s
		}
	}
	return best
}

// enterStep fills the defaults a step offers the first time it is reached.
func enterStep(f wizardForm, step string, d wizardData) wizardForm {
	switch step {
	case stepService:
		if f.Category == categoryByName && f.Service == "" {
			// A verified name with a single type is the only choice: choose it.
			var matches []vpc.EndpointService
			for _, s := range d.services {
				if s.Name == f.ServiceName {
					matches = append(matches, s)
				}
			}
			if len(matches) == 1 {
				f.Service, f.Type = matches[0].Name, matches[0].Type
			}
		}
	case stepNetwork:
		if len(f.SecurityGroupIDs) == 0 {
			for _, g := range d.groups {
				if g.Name == "default" {
					f.SecurityGroupIDs = []string{g.ID}
				}
			}
		}
		if svc, ok := d.service(f); ok && svc.PrivateDNSName == "" {
			f.PrivateDNS = false
		}
	}
	return f
}

// createEndpoint is the review step's Create endpoint: every answer is checked once more, then
// CreateVpcEndpoint is called once with the wizard's client token, so a double submit or a
// refresh returns the same endpoint. Success redirects to the endpoint's page (303).
func (h *Handlers) createEndpoint(w http.ResponseWriter, r *http.Request, f wizardForm) error {
	claim, id, err := h.created.claim(r.Context(), f.Token)
	if err != nil {
		return err
	}
	if claim == nil {
		// A second submit of the same review (a double click, a refresh): its endpoint, and say so.
		h.seeOther(w, r, "/endpoints/"+id+"?done=replayed")
		return nil
	}
	created := ""
	defer func() { h.created.finish(claim, created) }()
	// No dry run here: the review step made it (or found the backend ignores DryRun), and EC2
	// checks the permission of the create itself.
	d, err := h.loadWizardData(r.Context(), f, stepReview, false)
	if err != nil {
		// EC2 could not be read (throttled, say): the review comes back with the sentence and
		// every answer, so that Create endpoint can be pressed again; an error page would lose
		// them. The permission check did not happen either.
		if vpc.ErrorCode(err) == vpc.Internal {
			h.log.Error("create endpoint: read the account", "request_id", w.Header().Get("X-Request-Id"), "err", err)
		}
		return h.renderWizard(w, r, f, d, stepReview, map[string]string{"": vpc.ErrorMessage(err)}, ErrorStatus(err))
	}
	if errs := d.check(f, stepReview); len(errs) > 0 {
		return h.renderWizard(w, r, f, d, earliestStep(errs), errs, http.StatusUnprocessableEntity)
	}
	e, err := h.writer(r.Context()).CreateEndpoint(r.Context(), f.request(h.createdBy(r.Context())))
	if err != nil {
		if vpc.ErrorCode(err) == vpc.Internal && vpc.ErrorField(err) == "" {
			h.log.Error("create endpoint failed", "request_id", w.Header().Get("X-Request-Id"), "err", err)
		}
		errs := map[string]string{vpc.ErrorField(err): vpc.ErrorMessage(err)}
		return h.renderWizard(w, r, f, d, stepOf(vpc.ErrorField(err)), errs, ErrorStatus(err))
	}
	created = e.ID
	h.redirectAfterChange(w, r, "/endpoints/"+e.ID+"?done=created")
	return nil
}
