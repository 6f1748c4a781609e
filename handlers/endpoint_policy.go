package handlers

import (
	"net/http"
	"strings"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// ManagePolicy shows the endpoint's policy to edit.
func (h *Handlers) ManagePolicy(w http.ResponseWriter, r *http.Request) error {
	e, err := h.changeableEndpoint(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	mode := "custom"
	// Full Access by meaning, as the audit decides it: the same policy in other words is not Custom.
	if vpc.IsFullAccess(e.PolicyDocument) {
		mode = "full"
	}
	return h.renderManagePolicy(w, r, e, mode, prettyPolicy(e.PolicyDocument), false, nil, http.StatusOK)
}

// SavePolicy previews the change as a diff (action=preview), fills in a template
// (action=template:ID) or saves (action=save). The new policy is validated as in the wizard.
func (h *Handlers) SavePolicy(w http.ResponseWriter, r *http.Request) error {
	if err := readForm(r); err != nil {
		return err
	}
	e, err := h.changeableEndpoint(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	mode, policy, action := r.PostFormValue("policy_mode"), r.PostFormValue("policy"), r.PostFormValue("action")
	if id, ok := strings.CutPrefix(action, "template:"); ok {
		if doc, found := policyTemplate(id, e.ServiceName); found {
			mode, policy = "custom", doc
		}
		return h.renderManagePolicy(w, r, e, mode, policy, false, nil, http.StatusOK)
	}
	req := vpc.ModifyEndpointRequest{ID: e.ID}
	switch mode {
	case "full":
		req.ResetPolicy = true
	case "custom":
		req.PolicyDocument = policy
		if strings.TrimSpace(policy) == "" {
			errs := map[string]string{"policy": "Paste a policy, start from a template, or choose Full Access."}
			return h.renderManagePolicy(w, r, e, mode, policy, false, errs, http.StatusUnprocessableEntity)
		}
	default:
		errs := map[string]string{"policy": "Choose Full Access or Custom."}
		return h.renderManagePolicy(w, r, e, mode, policy, false, errs, http.StatusUnprocessableEntity)
	}
	if fe := req.Validate(); fe != nil {
		errs := map[string]string{"policy": fe[vpc.FieldPolicy]}
		return h.renderManagePolicy(w, r, e, mode, policy, false, errs, http.StatusUnprocessableEntity)
	}
	if action != "save" {
		return h.renderManagePolicy(w, r, e, mode, policy, true, nil, http.StatusOK)
	}
	if samePolicy(e.PolicyDocument, newPolicy(mode, policy)) {
		h.seeOther(w, r, "/endpoints/"+e.ID+"?tab=policy&done=unchanged")
		return nil
	}
	if err := h.writer(r.Context()).ModifyEndpoint(r.Context(), req); err != nil {
		if vpc.ErrorCode(err) == vpc.NotFound {
			return err
		}
		errs := map[string]string{"policy": vpc.ErrorMessage(err)}
		return h.renderManagePolicy(w, r, e, mode, policy, true, errs, ErrorStatus(err))
	}
	h.redirectAfterChange(w, r, "/endpoints/"+e.ID+"?tab=policy&done=policy")
	return nil
}

func (h *Handlers) renderManagePolicy(w http.ResponseWriter, r *http.Request, e vpc.Endpoint, mode, policy string, preview bool, errs map[string]string, status int) error {
	p := views.ManagePolicyPage{
		Page: h.page(r, "Manage policy", "endpoints", views.Crumb{Label: "Endpoints", Href: "/endpoints"},
			views.Crumb{Label: e.ID, Href: "/endpoints/" + e.ID}, views.Crumb{Label: "Manage policy"}),
		Endpoint: e, PolicyMode: mode, Policy: policy, Errors: errs, Previewed: preview,
	}
	for _, t := range policyTemplates {
		if strings.HasSuffix(e.ServiceName, t.Suffix) {
			p.Templates = append(p.Templates, views.PolicyTemplate{ID: t.ID, Label: t.Label})
		}
	}
	if preview {
		p.Diff = policyDiff(e.PolicyDocument, newPolicy(mode, policy))
	}
	return render(w, r, status, views.ManagePolicy(p))
}

// newPolicy is the policy the endpoint will have after saving.
func newPolicy(mode, policy string) string {
	if mode == "full" {
		return vpc.FullAccessPolicy
	}
	return policy
}

// samePolicy compares two policies as JSON documents, ignoring layout.
func samePolicy(a, b string) bool { return prettyPolicy(a) == prettyPolicy(b) }
