package audit

import (
	"fmt"
	"slices"
	"strings"

	"endpointconsole/vpc"
)

// findings works out a VPC's findings from its subnets' paths.
func (au *auditor) findings(subnets []SubnetPath) []Finding {
	users := map[string][]vpc.Subnet{} // route table ID → subnets using it
	for _, sp := range subnets {
		if sp.RouteTable.ID != "" {
			users[sp.RouteTable.ID] = append(users[sp.RouteTable.ID], sp.Subnet)
		}
	}
	var out []Finding
	for _, svc := range auditedServices {
		if _, ok := au.prefixLists[svc]; ok {
			out = append(out, au.serviceFindings(svc, users)...)
		}
	}
	for _, e := range au.audit.Endpoints {
		if !activeEndpoint(e) {
			continue
		}
		if f, ok := au.unusedEndpointFinding(e, users); ok {
			out = append(out, f)
		}
		if vpc.IsFullAccess(e.PolicyDocument) {
			out = append(out, au.fullAccessPolicyFinding(e))
		}
	}
	sortFindings(out)
	return out
}

// serviceFindings checks, table by table, how the subnets using each table
// reach service.
func (au *auditor) serviceFindings(svc string, users map[string][]vpc.Subnet) []Finding {
	pl := au.prefixLists[svc]
	endpoints := au.gatewayEndpoints(svc)
	var out []Finding
	var internetTables []vpc.RouteTable
	for _, rt := range au.audit.RouteTables {
		subnets := users[rt.ID]
		if len(subnets) == 0 {
			continue
		}
		path := au.servicePath(rt, svc)
		if endpointRoute, ok := endpointRouteFor(rt, pl.ID); ok {
			if !path.IsPrivate() {
				out = append(out, au.shadowedFinding(svc, rt, endpointRoute, path, subnets))
			}
			continue
		}
		switch {
		case path.Has(PathNATGateway):
			out = append(out, au.natFinding(svc, rt, path, subnets, endpoints))
		case len(endpoints) > 0 && (path.Has(PathInternetGateway) || path.Has(PathOther)):
			out = append(out, au.missingTableFinding(svc, rt, path, subnets, endpoints))
		case len(endpoints) == 0 && path.Has(PathInternetGateway):
			internetTables = append(internetTables, rt)
		}
	}
	if len(internetTables) > 0 {
		out = append(out, au.internetFinding(svc, internetTables, users))
	}
	return out
}

// gatewayEndpoints returns the VPC's live gateway endpoints for service,
// sorted by ID.
func (au *auditor) gatewayEndpoints(svc string) []vpc.Endpoint {
	name := GatewayServiceName(au.region, svc)
	var out []vpc.Endpoint
	for _, e := range au.audit.Endpoints {
		if e.Type == vpc.TypeGateway && e.ServiceName == name && activeEndpoint(e) {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b vpc.Endpoint) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// natFinding: subnets reach the service through a NAT gateway because their
// table has no endpoint route. High for S3, medium for DynamoDB: both are
// billed per GB the same way, but S3 is where bulk data goes (backups, logs,
// data lakes), so S3 through a NAT is the tutorial's cost trap.
func (au *auditor) natFinding(svc string, rt vpc.RouteTable, path ServicePath, subnets []vpc.Subnet, endpoints []vpc.Endpoint) Finding {
	severity := SeverityMedium
	if svc == ServiceS3 {
		severity = SeverityHigh
	}
	nats := segmentTargets(path, PathNATGateway)
	f := Finding{
		ID:       findingID(FindingNATWithoutGatewayEndpoint, svc, rt.ID),
		Severity: severity,
		Kind:     FindingNATWithoutGatewayEndpoint,
		Title: fmt.Sprintf("%s %s %s through NAT gateway %s: no gateway endpoint on %s",
			countSubnets(subnets), agree(subnets, "reaches", "reach"), serviceLabel(svc), au.natLabels(nats), tableNameAndID(rt)),
		Resources: concat([]string{rt.ID}, subnetIDs(subnets), nats),
		Why: fmt.Sprintf("%s %s route table %s, which sends %s traffic (%s) to NAT gateway %s and from there %s. "+
			"NAT gateways bill every GB they process "+
			"(%s), on top of their hourly charge: 1,000 GB a month is %s of data processing alone. "+
			"A gateway endpoint carries the same traffic on the AWS network and costs nothing.",
			subnetNames(subnets), agree(subnets, "uses", "use"), tableNameAndID(rt), serviceLabel(svc),
			strings.Join(segmentCIDRs(path, PathNATGateway), ", "), au.natLabels(nats), au.natOnwards(nats),
			natProcessingPrice(), formatUSD(NATProcessingCost(1000))),
		FixVPC:           au.audit.VPC.ID,
		FixService:       GatewayServiceName(au.region, svc) + "|" + vpc.TypeGateway,
		FixRouteTableIDs: []string{rt.ID},
	}
	if len(endpoints) > 0 {
		f.FixEndpointID = endpoints[0].ID
		f.Fix = fmt.Sprintf("Add route table %s to the %s gateway endpoint %s (modify the endpoint's route tables), "+
			"or create another gateway endpoint for %s with that route table. EC2 then adds %s → vpce-…, "+
			"which wins over the default route for %s's addresses.",
			tableNameAndID(rt), serviceLabel(svc), endpoints[0].ID, GatewayServiceName(au.region, svc),
			au.prefixLists[svc].ID, serviceLabel(svc))
	} else {
		f.Fix = fmt.Sprintf("Create a gateway endpoint for %s in %s and select route table %s. EC2 then adds %s → vpce-…, "+
			"which wins over the default route for %s's addresses; other internet traffic keeps using the NAT gateway.",
			GatewayServiceName(au.region, svc), vpcLabel(au.audit.VPC), tableNameAndID(rt), au.prefixLists[svc].ID, serviceLabel(svc))
	}
	return f
}

// missingTableFinding: the VPC has a gateway endpoint for the service, but
// not on the table these subnets use, so they still go out through a
// gateway. Medium: no NAT charge is involved (that case is natFinding), but
// the endpoint, and its policy, is bypassed, usually by mistake.
func (au *auditor) missingTableFinding(svc string, rt vpc.RouteTable, path ServicePath, subnets []vpc.Subnet, endpoints []vpc.Endpoint) Finding {
	ids := make([]string, len(endpoints))
	for i, e := range endpoints {
		ids[i] = e.ID
	}
	which := "route table"
	if rt.Main {
		which = "main route table"
	}
	var how []string
	for _, seg := range path.Segments {
		if seg.Kind != PathGatewayEndpoint {
			how = append(how, describeSegment(seg))
		}
	}
	return Finding{
		ID:       findingID(FindingEndpointNotOnRouteTable, svc, rt.ID),
		Severity: SeverityMedium,
		Kind:     FindingEndpointNotOnRouteTable,
		Title: fmt.Sprintf("%s gateway endpoint %s is not on the %s %s, which %s %s",
			serviceLabel(svc), strings.Join(ids, ", "), which, tableNameAndID(rt), countSubnets(subnets), agree(subnets, "uses", "use")),
		Resources: concat(ids, []string{rt.ID}, subnetIDs(subnets)),
		Why: fmt.Sprintf("Subnets that are not associated with an endpoint's route tables do not use the endpoint. "+
			"%s %s %s%s and %s %s through %s instead, bypassing the endpoint and its policy.",
			subnetNames(subnets), agree(subnets, "uses", "use"), tableNameAndID(rt), implicitly(rt), agree(subnets, "reaches", "reach"), serviceLabel(svc), strings.Join(how, "; ")),
		Fix: fmt.Sprintf("If these subnets should reach %s privately, add route table %s to endpoint %s "+
			"(modify the endpoint's route tables).", serviceLabel(svc), tableNameAndID(rt), ids[0]),
		FixVPC:           au.audit.VPC.ID,
		FixService:       GatewayServiceName(au.region, svc) + "|" + vpc.TypeGateway,
		FixRouteTableIDs: []string{rt.ID},
		FixEndpointID:    ids[0],
	}
}

// shadowedFinding: the table has the endpoint route, but CIDR routes as
// specific as or more specific than parts of the prefix list win over it.
// Medium: the endpoint looks in place on the route table page, yet part of
// the traffic does not use it.
func (au *auditor) shadowedFinding(svc string, rt vpc.RouteTable, endpointRoute vpc.Route, path ServicePath, subnets []vpc.Subnet) Finding {
	var routes, targets, how []string
	viaNAT := false
	for _, seg := range path.Segments {
		if seg.Kind == PathGatewayEndpoint {
			continue
		}
		viaNAT = viaNAT || seg.Kind == PathNATGateway
		if seg.Kind == PathNone {
			how = append(how, fmt.Sprintf("%s has no route", strings.Join(seg.CIDRs, ", ")))
			continue
		}
		routes = append(routes, seg.Route.Destination()+" → "+seg.Target)
		targets = append(targets, seg.Target)
		how = append(how, fmt.Sprintf("route %s sends %s to %s",
			seg.Route.Destination(), strings.Join(seg.CIDRs, ", "), seg.Kind.hop(seg.Target)))
	}
	why := fmt.Sprintf("Longest-prefix match: a route as specific as, or more specific than, an entry of prefix list %s "+
		"wins over the endpoint route. In %s, %s, for %s.",
		au.prefixLists[svc].ID, tableNameAndID(rt), strings.Join(how, "; "), subnetNames(subnets))
	if viaNAT {
		why += fmt.Sprintf(" Traffic through the NAT gateway is billed as NAT data processing (%s).", natProcessingPrice())
	}
	title := fmt.Sprintf("Part of %s's addresses bypass endpoint %s in %s", serviceLabel(svc), endpointRoute.Target, tableNameAndID(rt))
	if len(routes) > 0 {
		title = fmt.Sprintf("Route %s in %s takes part of %s away from endpoint %s",
			strings.Join(routes, ", "), tableNameAndID(rt), serviceLabel(svc), endpointRoute.Target)
	}
	return Finding{
		ID:        findingID(FindingEndpointRouteShadowed, svc, rt.ID),
		Severity:  SeverityMedium,
		Kind:      FindingEndpointRouteShadowed,
		Title:     title,
		Resources: concat([]string{rt.ID, endpointRoute.Target}, uniqueSorted(targets), subnetIDs(subnets)),
		Why:       why,
		Fix: fmt.Sprintf("Remove %s from %s unless that traffic must take that path on purpose (for example through an inspection appliance).",
			pluralRoutes(routes), tableNameAndID(rt)),
	}
}

// internetFinding: the VPC has no gateway endpoint for the service and some
// subnets reach it through the internet gateway. Low: public subnets pay no
// NAT fee, but the traffic leaves the AWS network for the service's public
// endpoint, and bucket policies cannot pin access to the VPC (aws:SourceVpc
// and aws:SourceVpce are only set through an endpoint).
func (au *auditor) internetFinding(svc string, tables []vpc.RouteTable, users map[string][]vpc.Subnet) Finding {
	var subnets []vpc.Subnet
	var tableIDs, labels []string
	for _, rt := range tables {
		subnets = append(subnets, users[rt.ID]...)
		tableIDs = append(tableIDs, rt.ID)
		labels = append(labels, "route table "+tableNameAndID(rt))
	}
	return Finding{
		ID:       findingID(FindingInternetWithoutGatewayEndpoint, svc, au.audit.VPC.ID),
		Severity: SeverityLow,
		Kind:     FindingInternetWithoutGatewayEndpoint,
		Title: fmt.Sprintf("No %s gateway endpoint in %s: %s %s %s through the internet gateway",
			serviceLabel(svc), vpcLabel(au.audit.VPC), countSubnets(subnets), agree(subnets, "reaches", "reach"), serviceLabel(svc)),
		Resources: concat([]string{au.audit.VPC.ID}, tableIDs, subnetIDs(subnets)),
		Why: fmt.Sprintf("%s %s %s over the public internet through the internet gateway of %s. "+
			"No NAT fee applies, but the traffic leaves the AWS network for %s's public endpoint, and bucket or "+
			"table policies cannot limit access to this VPC (aws:SourceVpc and aws:SourceVpce are only set through an endpoint).",
			subnetNames(subnets), agree(subnets, "reaches", "reach"), serviceLabel(svc), strings.Join(labels, ", "), serviceLabel(svc)),
		Fix: fmt.Sprintf("Create a gateway endpoint for %s in %s and select %s; gateway endpoints are free.",
			GatewayServiceName(au.region, svc), vpcLabel(au.audit.VPC), strings.Join(labels, ", ")),
		FixVPC:           au.audit.VPC.ID,
		FixService:       GatewayServiceName(au.region, svc) + "|" + vpc.TypeGateway,
		FixRouteTableIDs: tableIDs,
	}
}

// unusedEndpointFinding: a gateway endpoint none of whose route tables is
// used by a subnet. Low: nothing is exposed or billed, but the endpoint
// does nothing, which usually means it was put on the wrong table.
func (au *auditor) unusedEndpointFinding(e vpc.Endpoint, users map[string][]vpc.Subnet) (Finding, bool) {
	if e.Type != vpc.TypeGateway {
		return Finding{}, false
	}
	for _, id := range e.RouteTableIDs {
		if len(users[id]) > 0 {
			return Finding{}, false
		}
	}
	why := "It is on no route table, so no traffic can use it."
	if len(e.RouteTableIDs) > 0 {
		why = fmt.Sprintf("Its route tables (%s) have no associated subnet, and none is the main table of a subnet "+
			"without an association, so no traffic uses the endpoint.", strings.Join(e.RouteTableIDs, ", "))
		why += au.edgeAssociationNote(e.RouteTableIDs)
	}
	return Finding{
		ID:        findingID(FindingEndpointOnUnusedRouteTables, e.ID),
		Severity:  SeverityLow,
		Kind:      FindingEndpointOnUnusedRouteTables,
		Title:     fmt.Sprintf("Gateway endpoint %s (%s) serves no subnet", e.ID, e.ServiceName),
		Resources: concat([]string{e.ID}, e.RouteTableIDs),
		Why:       why,
		Fix: "Add the route tables your subnets use to the endpoint (modify its route tables), " +
			"or delete the endpoint if nothing needs it.",
		FixEndpointID: e.ID,
	}, true
}

// edgeAssociationNote explains, for tables that have only edge associations, why those do not
// count: an edge-associated table routes the traffic coming in through its gateway, and no
// subnet's traffic to S3 or DynamoDB leaves by it.
func (au *auditor) edgeAssociationNote(tableIDs []string) string {
	var notes []string
	for _, rt := range au.audit.RouteTables {
		if slices.Contains(tableIDs, rt.ID) && len(rt.EdgeGatewayIDs) > 0 {
			notes = append(notes, fmt.Sprintf("%s is edge-associated with %s", tableNameAndID(rt), strings.Join(rt.EdgeGatewayIDs, ", ")))
		}
	}
	if len(notes) == 0 {
		return ""
	}
	return " " + strings.Join(notes, "; ") + ": an edge association routes the traffic that comes in through the gateway, " +
		"not the traffic of any subnet, so it does not make the endpoint's route serve a subnet."
}

// fullAccessPolicyFinding: the endpoint's policy allows everything. Info:
// it is the console's default and fine for many accounts, but it lets the
// endpoint reach any account's buckets or tables (a data-exfiltration path).
// Steampipe (vpc_gateway_endpoint_restrict_public_access) and Prowler
// (vpc_endpoint_connections_trust_boundaries) flag the same policy.
func (au *auditor) fullAccessPolicyFinding(e vpc.Endpoint) Finding {
	return Finding{
		ID:        findingID(FindingEndpointPolicyFullAccess, e.ID),
		Severity:  SeverityInfo,
		Kind:      FindingEndpointPolicyFullAccess,
		Title:     fmt.Sprintf("Endpoint %s (%s) allows every action by every principal", e.ID, e.ServiceName),
		Resources: []string{e.ID},
		Why: `Its policy has an Allow statement with Principal "*" and Action "*" and no Condition, the "Full access" ` +
			"policy the console pre-selects. The endpoint then reaches any bucket or table of any account, " +
			"including ones outside your organisation.",
		Fix: "Modify the endpoint's policy to allow only the buckets or tables and the accounts you use " +
			"(for example with a Condition on aws:ResourceAccount or aws:PrincipalAccount).",
		FixEndpointID: e.ID,
	}
}
