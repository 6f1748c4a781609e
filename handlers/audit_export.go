package handlers

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"endpointconsole/vpc"
	"endpointconsole/vpc/audit"
)

// The export formats. Field names are stable: the README documents them and scripts read them.

type auditExport struct {
	// Scope is region, regions or organization; AccountID and Region are the page's.
	Scope       string          `json:"scope"`
	AccountID   string          `json:"account_id"`
	Region      string          `json:"region"`
	GeneratedAt time.Time       `json:"generated_at"`
	Subnets     []subnetExport  `json:"subnets"`
	Findings    []findingExport `json:"findings"`
	// Failed are the accounts and Regions a sweep could not audit, and why.
	Failed []failedExport `json:"failed"`
}

type failedExport struct {
	AccountID string `json:"account_id"`
	Region    string `json:"region"`
	Error     string `json:"error"`
}

type subnetExport struct {
	AccountID        string   `json:"account_id"`
	Region           string   `json:"region"`
	VPCID            string   `json:"vpc_id"`
	VPCName          string   `json:"vpc_name"`
	SubnetID         string   `json:"subnet_id"`
	SubnetName       string   `json:"subnet_name"`
	AvailabilityZone string   `json:"availability_zone"`
	Public           bool     `json:"public"`
	RouteTableID     string   `json:"route_table_id"`
	ImplicitMain     bool     `json:"route_table_implicit_main"`
	S3Path           string   `json:"s3_path"`
	S3Targets        []string `json:"s3_targets"`
	DynamoDBPath     string   `json:"dynamodb_path"`
	DynamoDBTargets  []string `json:"dynamodb_targets"`
}

type findingExport struct {
	AccountID string   `json:"account_id"`
	Region    string   `json:"region"`
	ID        string   `json:"id"`
	VPCID     string   `json:"vpc_id"`
	Severity  string   `json:"severity"`
	Kind      string   `json:"kind"`
	Title     string   `json:"title"`
	Resources []string `json:"resources"`
	Why       string   `json:"why"`
	Fix       string   `json:"fix"`
}

var subnetColumns = []string{"account_id", "region", "vpc_id", "vpc_name", "subnet_id", "subnet_name", "availability_zone", "public",
	"route_table_id", "route_table_implicit_main", "s3_path", "s3_targets", "dynamodb_path", "dynamodb_targets"}

var findingColumns = []string{"account_id", "region", "id", "vpc_id", "severity", "kind", "title", "resources", "why", "fix"}

func (s subnetExport) record() []string {
	return []string{s.AccountID, s.Region, s.VPCID, s.VPCName, s.SubnetID, s.SubnetName, s.AvailabilityZone, strconv.FormatBool(s.Public),
		s.RouteTableID, strconv.FormatBool(s.ImplicitMain), s.S3Path, strings.Join(s.S3Targets, " "),
		s.DynamoDBPath, strings.Join(s.DynamoDBTargets, " ")}
}

func (f findingExport) record() []string {
	return []string{f.AccountID, f.Region, f.ID, f.VPCID, f.Severity, f.Kind, f.Title, strings.Join(f.Resources, " "), f.Why, f.Fix}
}

// exportAudit builds the export of the Region's audit, or of one VPC's (?vpc=), or of a finished
// sweep's (?scope=regions, ?scope=organization): every row names its account and Region.
func (h *Handlers) exportAudit(r *http.Request) (auditExport, error) {
	in := h.region(r.Context())
	scope := cmp.Or(r.FormValue("scope"), scopeRegion)
	out := auditExport{Scope: scope, AccountID: in.accountID, Region: in.name, GeneratedAt: time.Now().UTC().Truncate(time.Second),
		Subnets: []subnetExport{}, Findings: []findingExport{}, Failed: []failedExport{}}
	if scope != scopeRegion {
		if err := h.checkScope(scope); err != nil {
			return out, err
		}
		sw := h.sweepOf(r, scope)
		if p := sw.Progress(); p.Running() {
			return out, &vpc.Error{Code: vpc.Conflict, Message: fmt.Sprintf("The audit is still running (%d of %d done); export it when it has finished.", p.Done+p.Failed, p.Total())}
		}
		for _, part := range sw.Parts() {
			if part.Err != nil {
				out.Failed = append(out.Failed, failedExport{AccountID: part.AccountID, Region: part.Region, Error: vpc.ErrorMessage(part.Err)})
				continue
			}
			out.add(part.AccountID, part.Region, part.VPCs)
		}
		return out, nil
	}
	audits, err := h.auditor(r.Context()).AuditRegion(r.Context())
	if err != nil {
		return auditExport{}, err
	}
	if only := r.FormValue("vpc"); only != "" {
		i := slices.IndexFunc(audits, func(a audit.VPCAudit) bool { return a.VPC.ID == only })
		if i < 0 {
			return out, &vpc.Error{Code: vpc.NotFound, Field: vpc.FieldVPC, Message: "The VPC " + only + " does not exist in this Region."}
		}
		audits = audits[i : i+1]
	}
	out.add(in.accountID, in.name, audits)
	return out, nil
}

// add appends the subnets and findings of an account × Region's VPC audits.
func (out *auditExport) add(accountID, region string, audits []audit.VPCAudit) {
	for _, a := range audits {
		for _, sp := range a.Subnets {
			out.Subnets = append(out.Subnets, subnetExport{
				AccountID: accountID, Region: region,
				VPCID: a.VPC.ID, VPCName: a.VPC.Name, SubnetID: sp.Subnet.ID, SubnetName: sp.Subnet.Name,
				AvailabilityZone: sp.Subnet.AvailabilityZone, Public: sp.Public, RouteTableID: sp.RouteTable.ID,
				ImplicitMain: sp.ImplicitMain, S3Path: string(sp.S3.Kind()), S3Targets: pathTargets(sp.S3),
				DynamoDBPath: string(sp.DynamoDB.Kind()), DynamoDBTargets: pathTargets(sp.DynamoDB),
			})
		}
		for _, f := range a.Findings {
			out.Findings = append(out.Findings, findingExport{
				AccountID: accountID, Region: region,
				ID: f.ID, VPCID: a.VPC.ID, Severity: string(f.Severity), Kind: string(f.Kind), Title: f.Title,
				Resources: f.Resources, Why: f.Why, Fix: f.Fix,
			})
		}
	}
}

// pathTargets lists the targets of a path's segments, in order, once each.
func pathTargets(p audit.ServicePath) []string {
	out := []string{}
	for _, s := range p.Segments {
		if s.Target != "" && !slices.Contains(out, s.Target) {
			out = append(out, s.Target)
		}
	}
	return out
}

// AuditJSON exports subnet paths and findings as one JSON document.
func (h *Handlers) AuditJSON(w http.ResponseWriter, r *http.Request) error {
	out, err := h.exportAudit(r)
	if err != nil {
		return err
	}
	body, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Disposition", `attachment; filename="endpoint-audit.json"`)
	_, err = w.Write(append(body, '\n'))
	return err
}

// AuditSubnetsCSV exports one row per subnet.
func (h *Handlers) AuditSubnetsCSV(w http.ResponseWriter, r *http.Request) error {
	out, err := h.exportAudit(r)
	if err != nil {
		return err
	}
	rows := make([][]string, 0, len(out.Subnets))
	for _, s := range out.Subnets {
		rows = append(rows, s.record())
	}
	return writeCSV(w, "endpoint-audit-subnets.csv", subnetColumns, rows)
}

// AuditFindingsCSV exports one row per finding.
func (h *Handlers) AuditFindingsCSV(w http.ResponseWriter, r *http.Request) error {
	out, err := h.exportAudit(r)
	if err != nil {
		return err
	}
	rows := make([][]string, 0, len(out.Findings))
	for _, f := range out.Findings {
		rows = append(rows, f.record())
	}
	return writeCSV(w, "endpoint-audit-findings.csv", findingColumns, rows)
}

func writeCSV(w http.ResponseWriter, filename string, header []string, rows [][]string) error {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	cw.Write(header)
	for _, row := range rows {
		// A cell starting with = + - @ would run as a formula in a spreadsheet; quote it as text.
		for i, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
				row[i] = "'" + cell
			}
		}
		cw.Write(row)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	_, err := buf.WriteTo(w)
	return err
}
