package handlers

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// ManageTags shows the endpoint's tags as editable rows.
func (h *Handlers) ManageTags(w http.ResponseWriter, r *http.Request) error {
	e, err := h.changeableEndpoint(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	tags := slices.Clone(e.Tags)
	if len(tags) == 0 {
		tags = append(tags, vpc.Tag{Key: "Name"})
	}
	return h.renderManageTags(w, r, e, tags, nil, http.StatusOK)
}

// SaveTags adds or removes a row (action=add_tag, remove_tag:N) or saves (action=save): the
// rows are compared with the endpoint's tags as EC2 describes them now, and only the
// difference is sent (DeleteTags for keys gone, CreateTags for keys new or changed).
func (h *Handlers) SaveTags(w http.ResponseWriter, r *http.Request) error {
	if err := readForm(r); err != nil {
		return err
	}
	e, err := h.changeableEndpoint(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	var rows []vpc.Tag
	values := r.PostForm["tag_value"]
	for i, key := range r.PostForm["tag_key"] {
		row := vpc.Tag{Key: strings.TrimSpace(key)}
		if i < len(values) {
			row.Value = values[i]
		}
		rows = append(rows, row)
	}
	action := r.PostFormValue("action")
	switch {
	case action == "add_tag":
		return h.renderManageTags(w, r, e, append(rows, vpc.Tag{}), nil, http.StatusOK)
	case strings.HasPrefix(action, "remove_tag:"):
		if i, err := strconv.Atoi(strings.TrimPrefix(action, "remove_tag:")); err == nil && i >= 0 && i < len(rows) {
			rows = slices.Delete(rows, i, i+1)
		}
		return h.renderManageTags(w, r, e, rows, nil, http.StatusOK)
	}
	wanted := keptTags(rows)
	if fe := wanted.Validate(); fe != nil {
		return h.renderManageTags(w, r, e, rows, map[string]string{"tags": fe[vpc.FieldTags]}, http.StatusUnprocessableEntity)
	}
	add, remove := diffTags(e.Tags, wanted)
	if len(add)+len(remove) == 0 {
		h.seeOther(w, r, "/endpoints/"+e.ID+"?tab=tags&done=unchanged")
		return nil
	}
	if err := h.writer(r.Context()).SetTags(r.Context(), e.ID, add, remove); err != nil {
		if vpc.ErrorCode(err) == vpc.NotFound {
			return err
		}
		return h.renderManageTags(w, r, e, rows, map[string]string{"tags": vpc.ErrorMessage(err)}, ErrorStatus(err))
	}
	h.redirectAfterChange(w, r, "/endpoints/"+e.ID+"?tab=tags&done=tags")
	return nil
}

func (h *Handlers) renderManageTags(w http.ResponseWriter, r *http.Request, e vpc.Endpoint, rows []vpc.Tag, errs map[string]string, status int) error {
	p := views.ManageTagsPage{
		Page: h.page(r, "Manage tags", "endpoints", views.Crumb{Label: "Endpoints", Href: "/endpoints"},
			views.Crumb{Label: e.ID, Href: "/endpoints/" + e.ID}, views.Crumb{Label: "Manage tags"}),
		Endpoint: e, Tags: rows, Errors: errs,
	}
	return render(w, r, status, views.ManageTags(p))
}

// keptTags drops the rows left entirely empty.
func keptTags(rows []vpc.Tag) vpc.Tags {
	var out vpc.Tags
	for _, t := range rows {
		if t.Key != "" || t.Value != "" {
			out = append(out, t)
		}
	}
	return out
}

// diffTags returns the tags to set (new keys, changed values) and the keys to delete.
func diffTags(current, wanted vpc.Tags) (add vpc.Tags, remove []string) {
	for _, t := range wanted {
		if v, ok := current.Get(t.Key); !ok || v != t.Value {
			add = append(add, t)
		}
	}
	for _, t := range current {
		if _, ok := wanted.Get(t.Key); !ok {
			remove = append(remove, t.Key)
		}
	}
	return add, remove
}
