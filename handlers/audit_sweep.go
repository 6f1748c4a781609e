package handlers

import (
	"cmp"
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"

	"endpointconsole/views"
	"endpointconsole/vpc"
	"endpointconsole/vpc/audit"
)

// The audit's scopes: the page's Region (the audit's own page), every Region of the page's
// account, or every account the console reaches × every Region each has enabled. The wider two
// are sweeps: they run in the background, shared by everyone who asks, and their page shows
// progress until they are done.
const (
	scopeRegion       = "region"
	scopeRegions      = "regions"
	scopeOrganization = "organization"
)

const (
	// defaultAuditConcurrency is how many account × Region audits a sweep runs at once when the
	// configuration does not say (-audit-concurrency): a modest share of EC2's per-account rate.
	defaultAuditConcurrency = 4
	// sweepTimeout ends a sweep that has not finished: an organization whose EC2 throttles
	// every call would otherwise keep it going.
	sweepTimeout = 15 * time.Minute
	// sweepKept is how long a finished sweep's result is shown before the next visit starts a
	// new one; "Audit again" starts one at once.
	sweepKept = 15 * time.Minute
)

// sweeps are the sweeps under way or finished, one per scope (and account, for every Region of
// one account), so that a page refreshing itself, a colleague and the exports all see the same.
type sweeps struct {
	concurrency int
	mu          sync.Mutex
	byKey       map[string]*audit.Sweep
}

func newSweeps(concurrency int) *sweeps {
	return &sweeps{concurrency: cmp.Or(concurrency, defaultAuditConcurrency), byKey: map[string]*audit.Sweep{}}
}

// get is the sweep of key: the one under way, or the last one while it is fresh, or else a new
// one over accounts. again starts a new one unless one is under way.
func (s *sweeps) get(key string, again bool, accounts func() []audit.SweepAccount) *audit.Sweep {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sw, ok := s.byKey[key]; ok {
		p := sw.Progress()
		if p.Running() || (!again && time.Since(p.Finished) < sweepKept) {
			return sw
		}
	}
	// The sweep outlives the request that started it: others will look at it.
	ctx, cancel := context.WithTimeout(context.Background(), sweepTimeout)
	sw := audit.StartSweep(ctx, accounts(), s.concurrency, time.Now)
	go func() {
		<-sw.Done()
		cancel()
	}()
	s.byKey[key] = sw
	return sw
}

// sweepOf is the sweep of the request's scope (regions or organization).
func (h *Handlers) sweepOf(r *http.Request, scope string) *audit.Sweep {
	in := h.region(r.Context())
	again := r.FormValue("again") != ""
	if scope == scopeOrganization {
		return h.sweeps.get(scopeOrganization, again, h.organizationSweep)
	}
	return h.sweeps.get(scopeRegions+" "+in.accountID, again, func() []audit.SweepAccount {
		for _, a := range h.accounts.List() {
			if a.ID == in.accountID {
				return []audit.SweepAccount{h.sweepAccount(a.ID, a.Label())}
			}
		}
		return nil
	})
}

// organizationSweep is every account the console reaches, each over every Region it has enabled.
func (h *Handlers) organizationSweep() []audit.SweepAccount {
	var out []audit.SweepAccount
	for _, a := range h.accounts.List() {
		out = append(out, h.sweepAccount(a.ID, a.Label()))
	}
	return out
}

// sweepAccount is one account of a sweep: opening it reads its Regions (through its role).
func (h *Handlers) sweepAccount(id, name string) audit.SweepAccount {
	return audit.SweepAccount{ID: id, Name: name, Open: func(ctx context.Context) ([]audit.SweepRegion, error) {
		regions, err := h.accounts.Regions(ctx, id)
		if err != nil {
			return nil, err
		}
		var out []audit.SweepRegion
		for _, name := range regions.Enabled() {
			out = append(out, audit.SweepRegion{Name: name, Audit: func(ctx context.Context) ([]audit.VPCAudit, error) {
				_, auditor, err := regions.For(name)
				if err != nil {
					return nil, err
				}
				return auditor.AuditRegion(ctx)
			}})
		}
		return out, nil
	}}
}

// defaultGBPerVPC is the monthly traffic to S3 and DynamoDB a sweep's NAT cost assumes for each
// VPC when the person enters none.
const defaultGBPerVPC = 100

// checkScope refuses a sweep scope the audit does not have: anything but regions, and
// organization on a console that reaches its own account only.
func (h *Handlers) checkScope(scope string) error {
	if scope == scopeRegions || (scope == scopeOrganization && len(h.accounts.List()) > 1) {
		return nil
	}
	return &vpc.Error{Code: vpc.NotFound, Field: "scope", Message: "The audit has no scope " + strconv.Quote(scope) +
		"; its scopes are this Region, all Regions of this account and, when the console reaches other accounts, all accounts × all Regions."}
}

// AuditSweep is the audit of every Region of the page's account (?scope=regions) or of every
// account × Region (?scope=organization). While the sweep runs the page shows its progress and
// refreshes itself (with JavaScript, console.js updates the bar in place); when it is done, one
// table per account × Region, the parts that failed and why, and the NAT data processing cost the
// organization could avoid for ?gb= GB a month per VPC. ?again=1 starts a new sweep.
func (h *Handlers) AuditSweep(w http.ResponseWriter, r *http.Request, scope string) error {
	if err := h.checkScope(scope); err != nil {
		return err
	}
	sw := h.sweepOf(r, scope)
	if r.FormValue("again") != "" {
		h.seeOther(w, r, "/audit?scope="+scope)
		return nil
	}
	title := "Audit of all Regions"
	if scope == scopeOrganization {
		title = "Audit of all accounts"
	}
	p := views.AuditSweepPage{
		Page:   h.page(r, title, "audit", views.Crumb{Label: "VPC", Href: "/"}, views.Crumb{Label: "Audit", Href: "/audit"}, views.Crumb{Label: title}),
		Scopes: h.auditScopes(r, scope), Scope: scope, Progress: sw.Progress(),
		GB: r.FormValue("gb"), DefaultGB: defaultGBPerVPC, PricePerGB: audit.NATDataProcessingPerGBUSD, Errors: map[string]string{},
	}
	if p.Progress.Running() {
		p.RefreshSeconds, p.RefreshOnlyWithoutScript = 2, true
		return render(w, r, http.StatusOK, views.AuditSweep(p))
	}
	gb, ok := readGB(p.GB, "gb", p.Errors)
	if p.GB == "" {
		gb = defaultGBPerVPC
	}
	p.GBPerVPC = gb
	for _, part := range sw.Parts() {
		heading := part.AccountName
		if scope == scopeRegions {
			heading = ""
		}
		if part.Err != nil {
			p.Failed = append(p.Failed, views.AuditSweepFailure{Account: part.AccountName, Region: cmp.Or(part.Region, "every Region"), Reason: vpc.ErrorMessage(part.Err)})
			continue
		}
		v := views.AuditSweepPart{Heading: heading, Region: part.Region, Base: h.scopeURL(part.AccountID, part.Region, ""), Rows: summaryRows(part.VPCs)}
		for _, a := range part.VPCs {
			if a.UsesNAT() {
				v.NATVPCs++
			}
		}
		if ok {
			v.NATCost = float64(v.NATVPCs) * audit.NATProcessingCost(gb)
			p.NATVPCs += v.NATVPCs
			p.NATCost += v.NATCost
		}
		p.VPCs += len(part.VPCs)
		p.Parts = append(p.Parts, v)
	}
	status := http.StatusOK
	if !ok {
		status = http.StatusUnprocessableEntity
	}
	return render(w, r, status, views.AuditSweep(p))
}
