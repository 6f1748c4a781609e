package views

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"endpointconsole/vpc"
	"endpointconsole/vpc/audit"
)

// AuditSummaryPage is the audit's landing page: per VPC, how its subnets reach S3 and DynamoDB.
type AuditSummaryPage struct {
	Page
	Scopes []AuditScope
	VPCs   []AuditSummaryRow
}

// AuditScope is one of the audit's scopes, as a link: this Region, all Regions, all accounts.
type AuditScope struct {
	Label, Href string
	Current     bool
}

// AuditSweepPage is the audit of all Regions of an account, or of all accounts × Regions: the
// sweep's progress while it runs, then one table per account × Region and the NAT cost.
type AuditSweepPage struct {
	Page
	Scopes []AuditScope
	// Scope is "regions" or "organization".
	Scope    string
	Progress audit.Progress
	Parts    []AuditSweepPart
	Failed   []AuditSweepFailure
	// VPCs counts the VPCs audited.
	VPCs int
	// GB is the monthly traffic per VPC the person entered, as typed; GBPerVPC what the cost
	// assumes (GB, or the default).
	GB        string
	GBPerVPC  float64
	DefaultGB float64
	// NATVPCs counts the VPCs that reach S3 or DynamoDB through a NAT gateway, and NATCost what
	// their NAT data processing costs a month for GBPerVPC each.
	NATVPCs    int
	NATCost    float64
	PricePerGB float64
	Errors     map[string]string
}

// AuditSweepPart is one account × Region of a sweep.
type AuditSweepPart struct {
	// Heading names the account ("" when the sweep is of one account), Region the Region.
	Heading, Region string
	// Base is the account × Region's URL prefix, for links into it.
	Base    string
	Rows    []AuditSummaryRow
	NATVPCs int
	NATCost float64
}

// AuditSweepFailure is an account or an account × Region the sweep could not audit, and why.
type AuditSweepFailure struct {
	Account, Region, Reason string
}

// partLabel heads a part: "Workloads-Prod (210000000001) · us-east-1", or the Region alone.
func (p AuditSweepPart) label() string {
	if p.Heading == "" {
		return p.Region
	}
	return p.Heading + " · " + p.Region
}

// gbLabel writes a traffic figure: "100 GB", "2.5 GB".
func gbLabel(gb float64) string { return gbNumber(gb) + " GB" }

// gbNumber writes a traffic figure as a person would type it: 100, 2.5.
func gbNumber(gb float64) string { return strconv.FormatFloat(gb, 'f', -1, 64) }

// sweepCounts says how far a sweep has gone: "12 of 40 done, 1 failed, 27 left".
func sweepCounts(p audit.Progress) string {
	return fmt.Sprintf("%d of %d done, %d failed, %d left", p.Done+p.Failed, p.Total(), p.Failed, p.Left)
}

// sweepTook says when a finished sweep ended and how long it took.
func sweepTook(p audit.Progress) string {
	return "Finished at " + p.Finished.UTC().Format("15:04:05") + " UTC, in " + p.Finished.Sub(p.Started).Round(100*time.Millisecond).String() + "."
}

// AuditSummaryRow is one VPC of the summary.
type AuditSummaryRow struct {
	VPC      vpc.VPC
	Subnets  int
	S3       map[audit.PathKind]int
	DynamoDB map[audit.PathKind]int
	// Findings counts the VPC's findings by severity.
	Findings map[audit.Severity]int
}

// AuditVPCPage is one VPC's audit: subnet paths, diagram, findings and cost.
type AuditVPCPage struct {
	Page
	Audit audit.VPCAudit
	// S3GB and DynamoDBGB are the monthly traffic the person entered, as typed.
	S3GB, DynamoDBGB string
	Cost             AuditCost
	Errors           map[string]string
}

// AuditCost compares the monthly NAT data processing charge with a gateway endpoint's $0.
type AuditCost struct {
	Shown         bool
	S3NAT, DDBNAT float64
	// S3UsesNAT and DDBUsesNAT say whether some subnet reaches the service through a NAT
	// gateway today: only then does the VPC pay the amount shown.
	S3UsesNAT, DDBUsesNAT bool
	PriceNote             string
	PricePerGB            float64
	EndpointPerGB         float64
	NATHourlyPrice        float64
}

// pathKinds are the columns of the summary, in the order a reader cares about.
var pathKinds = []audit.PathKind{audit.PathGatewayEndpoint, audit.PathNATGateway, audit.PathInternetGateway, audit.PathSplit, audit.PathNone}

// pathClass styles a path by kind; the text always says the kind too.
func pathClass(k audit.PathKind) string { return "path-label path-label-" + string(k) }

func countOf(counts map[audit.PathKind]int, k audit.PathKind) string {
	if counts[k] == 0 {
		return "–"
	}
	return itoa(counts[k])
}

// findingsLabel writes "1 high, 2 medium" or "None".
func findingsLabel(counts map[audit.Severity]int) string {
	var parts []string
	for _, sev := range audit.Severities {
		if counts[sev] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[sev], sev))
		}
	}
	if len(parts) == 0 {
		return "None"
	}
	return strings.Join(parts, ", ")
}

// pathSummary writes a subnet's path in words: the kind and the targets, segment by segment
// when the path is split.
func pathSummary(p audit.ServicePath) []string {
	var out []string
	for _, s := range p.Segments {
		line := s.Kind.Label()
		if s.Target != "" && s.Target != "local" {
			line = s.Target + ": " + line
		}
		if p.IsSplit() && len(s.CIDRs) > 0 {
			line += " (" + strings.Join(s.CIDRs, ", ") + ")"
		}
		out = append(out, line)
	}
	if len(out) == 0 {
		out = append(out, p.Kind().Label())
	}
	return out
}

func publicLabel(public bool) string {
	if public {
		return "Public"
	}
	return "Private"
}

func tableCell(sp audit.SubnetPath) string {
	label := sp.RouteTable.ID
	if sp.RouteTable.Name != "" {
		label += " | " + sp.RouteTable.Name
	}
	if sp.ImplicitMain {
		label += " (main, implicit)"
	}
	return label
}

// fixHref is the wizard pre-filled with a finding's fix, or the endpoint's Manage route tables
// page when the fix is to extend an existing endpoint; "" when there is nothing to link.
func fixHref(f audit.Finding) string {
	if f.FixEndpointID != "" {
		return "/endpoints/" + f.FixEndpointID + "/route-tables"
	}
	if f.FixService == "" {
		return ""
	}
	q := url.Values{"vpc": {f.FixVPC}, "service": {f.FixService}}
	for _, id := range f.FixRouteTableIDs {
		q.Add("route_tables", id)
	}
	return "/endpoints/new?" + q.Encode()
}

func severityClass(sev audit.Severity) string { return "severity severity-" + string(sev) }

func usd(v float64) string { return fmt.Sprintf("$%.2f", v) }

func usdRate(v float64) string { return fmt.Sprintf("$%.3f", v) }

// notPaidToday qualifies an amount the VPC would pay only if its traffic went through a NAT.
func notPaidToday(usesNAT bool) string {
	if usesNAT {
		return ""
	}
	return " (not paid today: no subnet sends this traffic through a NAT gateway)"
}
