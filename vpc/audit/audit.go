package audit

import (
	"cmp"
	"slices"
	"strings"

	"endpointconsole/vpc"
)

// The services whose paths the audit analyses, named by the last part of
// their service name (com.amazonaws.<region>.s3).
const (
	ServiceS3       = "s3"
	ServiceDynamoDB = "dynamodb"
)

// auditedServices is the order services appear in on the page.
var auditedServices = []string{ServiceS3, ServiceDynamoDB}

// GatewayServiceName returns a Region's name of service, which is also the
// name of its AWS-managed prefix list: com.amazonaws.us-east-1.s3.
func GatewayServiceName(region, service string) string {
	return "com.amazonaws." + region + "." + service
}

// Severity says how urgent a finding is. Its value is what pages and the exports show.
type Severity string

// Finding severities, most urgent first.
const (
	SeverityHigh   Severity = "high"
	SeverityMedium Severity = "medium"
	SeverityLow    Severity = "low"
	SeverityInfo   Severity = "info"
)

// Severities are the severities, most urgent first.
var Severities = []Severity{SeverityHigh, SeverityMedium, SeverityLow, SeverityInfo}

// FindingKind names what a finding is about. Its value is a stable machine name: the exports'
// kind and the start of a finding's ID.
type FindingKind string

// Finding kinds.
const (
	FindingNATWithoutGatewayEndpoint      FindingKind = "nat-without-gateway-endpoint"
	FindingEndpointNotOnRouteTable        FindingKind = "endpoint-not-on-route-table"
	FindingEndpointRouteShadowed          FindingKind = "endpoint-route-shadowed"
	FindingEndpointOnUnusedRouteTables    FindingKind = "endpoint-on-unused-route-tables"
	FindingEndpointPolicyFullAccess       FindingKind = "endpoint-policy-full-access"
	FindingInternetWithoutGatewayEndpoint FindingKind = "internet-gateway-without-gateway-endpoint"
)

// FindingKinds are the finding kinds, one each. A new kind goes here too, so that the tests that
// walk the list (the demo's findings scenario yields every kind) include it.
var FindingKinds = []FindingKind{
	FindingNATWithoutGatewayEndpoint,
	FindingEndpointNotOnRouteTable,
	FindingEndpointRouteShadowed,
	FindingEndpointOnUnusedRouteTables,
	FindingEndpointPolicyFullAccess,
	FindingInternetWithoutGatewayEndpoint,
}

// SubnetPath is how one subnet reaches S3 and DynamoDB. RouteTable is its
// effective table: the explicitly associated one or, when ImplicitMain, its
// VPC's main table. Public means that table sends 0.0.0.0/0 to an internet
// gateway.
type SubnetPath struct {
	Subnet       vpc.Subnet
	Public       bool
	RouteTable   vpc.RouteTable
	ImplicitMain bool
	S3           ServicePath
	DynamoDB     ServicePath
}

// Path returns the subnet's path to service (ServiceS3 or ServiceDynamoDB).
func (p SubnetPath) Path(service string) ServicePath {
	if service == ServiceDynamoDB {
		return p.DynamoDB
	}
	return p.S3
}

// Finding is one thing the audit found, with why it matters and how to fix
// it. ID is stable across runs (kind plus the resource IDs it is about), so
// pages can link to it. Resources are IDs. FixVPC and FixService
// ("com.amazonaws.us-east-1.s3|Gateway", the wizard's service value) pre-fill
// the Create endpoint wizard, FixRouteTableIDs its route table step; when
// FixEndpointID is set, the simpler fix is to add FixRouteTableIDs to that
// existing endpoint instead.
type Finding struct {
	ID               string
	Severity         Severity
	Kind             FindingKind
	Title            string
	Resources        []string
	Why              string
	Fix              string
	FixVPC           string
	FixService       string
	FixRouteTableIDs []string
	FixEndpointID    string
}

// VPCAudit is the audit of one VPC: every subnet's path to S3 and DynamoDB,
// the VPC's route tables, endpoints and gateways, and the findings, most
// severe first.
type VPCAudit struct {
	VPC              vpc.VPC
	Subnets          []SubnetPath
	RouteTables      []vpc.RouteTable
	Endpoints        []vpc.Endpoint
	Findings         []Finding
	NATGateways      []vpc.NATGateway
	InternetGateways []vpc.InternetGateway
}

// Counts returns how many subnets reach service (ServiceS3 or
// ServiceDynamoDB) by each path kind, PathSplit included.
func (a VPCAudit) Counts(service string) map[PathKind]int {
	out := map[PathKind]int{}
	for _, sp := range a.Subnets {
		out[sp.Path(service).Kind()]++
	}
	return out
}

// UsesNAT reports whether some subnet of the VPC reaches S3 or DynamoDB through a NAT gateway,
// paying its data processing charge for traffic a gateway endpoint would carry for free.
func (a VPCAudit) UsesNAT() bool {
	for _, sp := range a.Subnets {
		if sp.S3.Has(PathNATGateway) || sp.DynamoDB.Has(PathNATGateway) {
			return true
		}
	}
	return false
}

// AuditVPC analyses one VPC from already-read data; it calls nothing. Items
// of other VPCs in the slices are ignored, so callers may pass a Region's
// lists. A subnet without an explicit association uses the VPC's main table.
// prefixLists is what PrefixLists returns; region names the services
// (com.amazonaws.<region>.s3).
func AuditVPC(v vpc.VPC, subnets []vpc.Subnet, tables []vpc.RouteTable, endpoints []vpc.Endpoint, nats []vpc.NATGateway,
	igws []vpc.InternetGateway, prefixLists map[string]vpc.PrefixList, region string) VPCAudit {
	// A deleting or deleted endpoint is no longer part of the VPC: it routes nothing, so it
	// gives no path and no finding, and the audit does not list it.
	endpoints = slices.DeleteFunc(slices.Clone(endpoints), vpc.Endpoint.Deleted)
	a := VPCAudit{
		VPC:         v,
		RouteTables: inVPC(tables, v.ID, func(rt vpc.RouteTable) string { return rt.VPCID }),
		Endpoints:   inVPC(endpoints, v.ID, func(e vpc.Endpoint) string { return e.VPCID }),
		NATGateways: inVPC(nats, v.ID, func(n vpc.NATGateway) string { return n.VPCID }),
	}
	for _, igw := range igws {
		if slices.Contains(igw.VPCIDs, v.ID) {
			a.InternetGateways = append(a.InternetGateways, igw)
		}
	}
	vpc.SortByNameThenID(a.RouteTables, func(rt vpc.RouteTable) (string, string) { return rt.Name, rt.ID })
	vpc.SortByNameThenID(a.Endpoints, func(e vpc.Endpoint) (string, string) { return e.Name, e.ID })

	au := newAuditor(a, region, prefixLists)
	for _, sn := range inVPC(subnets, v.ID, func(s vpc.Subnet) string { return s.VPCID }) {
		a.Subnets = append(a.Subnets, au.subnetPath(sn))
	}
	vpc.SortByNameThenID(a.Subnets, func(sp SubnetPath) (string, string) { return sp.Subnet.Name, sp.Subnet.ID })
	a.Findings = au.findings(a.Subnets)
	return a
}

func inVPC[T any](items []T, vpcID string, vpcOf func(T) string) []T {
	var out []T
	for _, it := range items {
		if vpcOf(it) == vpcID {
			out = append(out, it)
		}
	}
	return out
}

// auditor holds one VPC's indexes while its paths and findings are worked out.
type auditor struct {
	audit       VPCAudit
	region      string
	prefixLists map[string]vpc.PrefixList // by service (ServiceS3, …); absent when unknown
	explicit    map[string]vpc.RouteTable // subnet ID → explicitly associated table
	main        vpc.RouteTable
	hasMain     bool
	paths       map[[2]string]ServicePath // (table ID, service) → path
}

func newAuditor(a VPCAudit, region string, prefixLists map[string]vpc.PrefixList) *auditor {
	au := &auditor{
		audit:       a,
		region:      region,
		prefixLists: map[string]vpc.PrefixList{},
		explicit:    map[string]vpc.RouteTable{},
		paths:       map[[2]string]ServicePath{},
	}
	for _, svc := range auditedServices {
		if pl, ok := vpc.PrefixListByName(prefixLists, GatewayServiceName(region, svc)); ok {
			au.prefixLists[svc] = pl
		}
	}
	for _, rt := range a.RouteTables {
		if rt.Main {
			au.main, au.hasMain = rt, true
		}
		for _, id := range rt.SubnetIDs {
			au.explicit[id] = rt
		}
	}
	return au
}

// servicePath analyses (once per table) how table reaches service.
func (au *auditor) servicePath(table vpc.RouteTable, service string) ServicePath {
	key := [2]string{table.ID, service}
	if p, ok := au.paths[key]; ok {
		return p
	}
	pl, ok := au.prefixLists[service]
	if !ok {
		return ServicePath{Service: GatewayServiceName(au.region, service)}
	}
	p := AnalyzePath(table, pl)
	au.paths[key] = p
	return p
}

func (au *auditor) subnetPath(sn vpc.Subnet) SubnetPath {
	sp := SubnetPath{Subnet: sn}
	if rt, ok := au.explicit[sn.ID]; ok {
		sp.RouteTable = rt
	} else if au.hasMain {
		sp.RouteTable, sp.ImplicitMain = au.main, true
	}
	sp.Public = RoutesToInternetGateway(sp.RouteTable)
	sp.S3 = au.servicePath(sp.RouteTable, ServiceS3)
	sp.DynamoDB = au.servicePath(sp.RouteTable, ServiceDynamoDB)
	return sp
}

// RoutesToInternetGateway reports whether the table sends 0.0.0.0/0 to an
// internet gateway, the usual test of a public subnet.
func RoutesToInternetGateway(rt vpc.RouteTable) bool {
	return slices.ContainsFunc(rt.Routes, func(r vpc.Route) bool {
		return r.DestinationCIDR == "0.0.0.0/0" && r.TargetKind == vpc.TargetInternetGateway && r.State != "blackhole"
	})
}

// activeEndpoint reports whether an endpoint exists for routing purposes.
func activeEndpoint(e vpc.Endpoint) bool {
	switch e.State {
	case "deleting", "deleted", "failed", "rejected":
		return false
	}
	return true
}

// sortFindings orders findings by severity, then kind, then the resources
// they are about.
func sortFindings(fs []Finding) {
	slices.SortFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(slices.Index(Severities, a.Severity), slices.Index(Severities, b.Severity)),
			cmp.Compare(a.Kind, b.Kind),
			slices.Compare(a.Resources, b.Resources),
			strings.Compare(a.ID, b.ID),
		)
	})
}

// findingID joins a kind and the IDs that identify one finding of it.
func findingID(kind FindingKind, parts ...string) string {
	return string(kind) + ":" + strings.Join(parts, ":")
}

// boolRank orders false before true.
func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
