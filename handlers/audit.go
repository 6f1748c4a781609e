package handlers

import (
	"bytes"
	"cmp"
	"net/http"
	"strconv"
	"strings"

	"endpointconsole/views"
	"endpointconsole/views/diagram"
	"endpointconsole/vpc"
	"endpointconsole/vpc/audit"
)

// AuditSummary is the audit's landing page: for each VPC of the Region, how many subnets reach S3
// and DynamoDB by each kind of path, and its findings. ?scope=regions and ?scope=organization
// widen it to every Region of the account, or every account × Region (see AuditSweep).
func (h *Handlers) AuditSummary(w http.ResponseWriter, r *http.Request) error {
	scope := cmp.Or(r.FormValue("scope"), scopeRegion)
	if scope != scopeRegion {
		return h.AuditSweep(w, r, scope)
	}
	audits, err := h.auditor(r.Context()).AuditRegion(r.Context())
	if err != nil {
		return err
	}
	p := views.AuditSummaryPage{Page: h.page(r, "Audit", "audit", views.Crumb{Label: "VPC", Href: "/"}, views.Crumb{Label: "Audit"}),
		Scopes: h.auditScopes(r, scopeRegion), VPCs: summaryRows(audits)}
	return render(w, r, http.StatusOK, views.AuditSummary(p))
}

// summaryRows are the audit summary's rows: per VPC, subnets by path kind, findings by severity.
func summaryRows(audits []audit.VPCAudit) []views.AuditSummaryRow {
	rows := make([]views.AuditSummaryRow, 0, len(audits))
	for _, a := range audits {
		row := views.AuditSummaryRow{
			VPC: a.VPC, Subnets: len(a.Subnets), Findings: map[audit.Severity]int{},
			S3: a.Counts(audit.ServiceS3), DynamoDB: a.Counts(audit.ServiceDynamoDB),
		}
		for _, f := range a.Findings {
			row.Findings[f.Severity]++
		}
		rows = append(rows, row)
	}
	return rows
}

// auditScopes are the audit's scopes as links, current marking the page's. The organization is
// offered only when the console reaches more than its own account.
func (h *Handlers) auditScopes(r *http.Request, current string) []views.AuditScope {
	in := h.region(r.Context())
	out := []views.AuditScope{
		{Label: "This Region (" + in.name + ")", Href: "/audit", Current: current == scopeRegion},
		{Label: "All Regions of this account", Href: "/audit?scope=" + scopeRegions, Current: current == scopeRegions},
	}
	if len(h.accounts.List()) > 1 {
		out = append(out, views.AuditScope{Label: "All accounts × all Regions", Href: "/audit?scope=" + scopeOrganization, Current: current == scopeOrganization})
	}
	return out
}

// AuditVPC is one VPC's audit: diagram, findings, each subnet's paths, and the cost of the NAT
// path for the monthly traffic the person enters (?s3_gb=, ?ddb_gb=).
func (h *Handlers) AuditVPC(w http.ResponseWriter, r *http.Request) error {
	a, err := h.auditOf(r, r.PathValue("id"))
	if err != nil {
		return err
	}
	p := views.AuditVPCPage{
		Page: h.page(r, "Audit of "+a.VPC.ID, "audit", views.Crumb{Label: "VPC", Href: "/"},
			views.Crumb{Label: "Audit", Href: "/audit"}, views.Crumb{Label: a.VPC.ID}),
		Audit: a, S3GB: r.FormValue("s3_gb"), DynamoDBGB: r.FormValue("ddb_gb"), Errors: map[string]string{},
		Cost: views.AuditCost{
			PriceNote: audit.PricingNote, PricePerGB: audit.NATDataProcessingPerGBUSD,
			EndpointPerGB: audit.GatewayEndpointUSD, NATHourlyPrice: audit.NATGatewayHourlyUSD,
		},
	}
	s3, s3OK := readGB(p.S3GB, "s3_gb", p.Errors)
	ddb, ddbOK := readGB(p.DynamoDBGB, "ddb_gb", p.Errors)
	status := http.StatusOK
	if len(p.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	if s3OK && ddbOK && (p.S3GB != "" || p.DynamoDBGB != "") {
		p.Cost.Shown = true
		p.Cost.S3NAT, p.Cost.DDBNAT = audit.NATProcessingCost(s3), audit.NATProcessingCost(ddb)
		for _, sp := range a.Subnets {
			p.Cost.S3UsesNAT = p.Cost.S3UsesNAT || sp.S3.Has(audit.PathNATGateway)
			p.Cost.DDBUsesNAT = p.Cost.DDBUsesNAT || sp.DynamoDB.Has(audit.PathNATGateway)
		}
	}
	return render(w, r, status, views.AuditVPC(p))
}

// AuditDiagramSVG is one VPC's audit diagram alone, full size, as an SVG file that carries its
// stylesheet: the audit page's "Full size" link. Its own Content-Security-Policy lets that one
// stylesheet apply and nothing else load or run.
func (h *Handlers) AuditDiagramSVG(w http.ResponseWriter, r *http.Request) error {
	a, err := h.auditOf(r, r.PathValue("id"))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	if err := diagram.Standalone(a, h.region(r.Context()).base).Render(r.Context(), &buf); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Content-Security-Policy", diagram.StandaloneCSP())
	_, err = buf.WriteTo(w)
	return err
}

// auditOf audits the Region and returns one VPC's audit: the Region's audit costs a fixed
// number of EC2 calls, where a VPC's own would cost as many.
func (h *Handlers) auditOf(r *http.Request, vpcID string) (audit.VPCAudit, error) {
	audits, err := h.auditor(r.Context()).AuditRegion(r.Context())
	if err != nil {
		return audit.VPCAudit{}, err
	}
	for _, a := range audits {
		if a.VPC.ID == vpcID {
			return a, nil
		}
	}
	return audit.VPCAudit{}, &vpc.Error{Code: vpc.NotFound, Field: vpc.FieldVPC, Message: "The VPC " + vpcID + " does not exist in this Region (it may have been deleted)."}
}

// readGB reads a monthly traffic figure: empty is "not given", anything else must be a
// non-negative number.
func readGB(raw, field string, errs map[string]string) (float64, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return 0, true
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(raw, ",", ""), 64)
	// !(v >= 0) also refuses NaN, which ParseFloat accepts and every comparison lets through.
	if err != nil || !(v >= 0) || v > 1e9 {
		errs[field] = "Enter the traffic in GB per month as a number, such as 500."
		return 0, false
	}
	return v, true
}
