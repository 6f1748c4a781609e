package handlers

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// DemoResetter rebuilds the demo account in place: the same EC2 endpoint URL, the scenario it
// started with, nothing else. *seed.Resetter implements it; the console has one on the demo
// backend only, and none when read-only.
type DemoResetter interface {
	Reset(ctx context.Context) error
	// Scenario names the demo scenario Reset rebuilds (tutorial, findings, …).
	Scenario() string
}

// demoResetTimeout bounds a reset: the large scenario's rebuild is a few thousand quick calls.
const demoResetTimeout = 2 * time.Minute

// errNoDemoReset answers the reset's routes on a console that has none (the route table does not
// register them there; this is for a Handlers wired into another router).
var errNoDemoReset = &vpc.Error{Code: vpc.NotFound, Message: "This console shows a real account; only the demo account can be reset."}

// DemoResettable reports whether the console may reset its demo account, so that the route
// table registers the reset's routes.
func (h *Handlers) DemoResettable() bool { return h.demoReset != nil }

// ConfirmDemoReset asks the person to type "reset", saying what the reset throws away.
func (h *Handlers) ConfirmDemoReset(w http.ResponseWriter, r *http.Request) error {
	if h.demoReset == nil {
		return errNoDemoReset
	}
	return h.renderDemoReset(w, r, "", nil, http.StatusOK)
}

// ResetDemoAccount rebuilds the demo account once the confirmation word is typed, records who did
// it in the change log, and goes to the dashboard with a message.
func (h *Handlers) ResetDemoAccount(w http.ResponseWriter, r *http.Request) error {
	if h.demoReset == nil {
		return errNoDemoReset
	}
	if err := readForm(r); err != nil {
		return err
	}
	confirm := r.PostFormValue("confirm")
	if strings.TrimSpace(strings.ToLower(confirm)) != "reset" {
		msg := "Type reset to confirm; nothing has been reset."
		if strings.TrimSpace(confirm) != "" {
			msg = fmt.Sprintf("%q is not the word reset; nothing has been reset.", confirm)
		}
		return h.renderDemoReset(w, r, confirm, map[string]string{"confirm": msg}, http.StatusUnprocessableEntity)
	}
	// The rebuild goes on if the browser leaves: stopped halfway, it would leave half an account.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), demoResetTimeout)
	defer cancel()
	start := time.Now()
	err := h.demoReset.Reset(ctx)
	// Every endpoint the wizards created is gone, and the fresh account hands out the same ids
	// again: a token remembered from before would lead to someone else's new endpoint.
	h.created.forgetAll()
	person, _ := vpc.PersonFrom(r.Context())
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	h.log.LogAttrs(r.Context(), slog.LevelInfo, "change",
		slog.String("who", person.NameOrAnonymous()),
		slog.String("action", "ResetDemoAccount"),
		slog.String("scenario", h.demoReset.Scenario()),
		slog.String("outcome", outcome),
		slog.Duration("duration", time.Since(start)))
	if err != nil {
		return err
	}
	h.seeOther(w, r, "/?reset="+url.QueryEscape(h.demoReset.Scenario()))
	return nil
}

// demoResetFlash is the dashboard's message after a reset (?reset=scenario); "" when the query
// does not name the console's scenario, since anybody can write the URL.
func (h *Handlers) demoResetFlash(r *http.Request) string {
	scenario := r.FormValue("reset")
	if h.demoReset == nil || scenario == "" || scenario != h.demoReset.Scenario() {
		return ""
	}
	return fmt.Sprintf("The demo account was rebuilt: the %s scenario, as it was when the console started.", scenario)
}

func (h *Handlers) renderDemoReset(w http.ResponseWriter, r *http.Request, confirm string, errs map[string]string, status int) error {
	p := views.DemoResetPage{
		Page:     h.page(r, "Reset demo account", "", views.Crumb{Label: "VPC dashboard", Href: "/"}, views.Crumb{Label: "Reset demo account"}),
		Scenario: h.demoReset.Scenario(), Confirm: confirm, Errors: errs,
	}
	return render(w, r, status, views.DemoReset(p))
}
