package views

import (
	"strconv"
	"strings"

	"endpointconsole/vpc"
)

// RouteTablesPage is the Route tables list, optionally narrowed to one VPC and by a query.
type RouteTablesPage struct {
	Page
	Tables   []vpc.RouteTable
	VPCNames map[string]string
	VPCs     []VPCOption
	VPCID    string
	Query    string
	Pager    Pager
}

// RouteTablePage is one route table: summary, routes and subnet associations.
type RouteTablePage struct {
	Page
	Table   vpc.RouteTable
	VPCName string
	// Subnets are all the subnets of the table's VPC, to list the implicit associations of a
	// main table.
	Subnets []vpc.Subnet
}

// explicitAssociation writes the list's "Explicit subnet association" cell as the console does.
func explicitAssociation(rt vpc.RouteTable) string {
	switch len(rt.SubnetIDs) {
	case 0:
		return "–"
	case 1:
		return rt.SubnetIDs[0]
	}
	return strconv.Itoa(len(rt.SubnetIDs)) + " subnets"
}

// edgeAssociation writes the gateways a table is edge-associated with, as the console's list
// does: their ids, or "–".
func edgeAssociation(rt vpc.RouteTable) string {
	if len(rt.EdgeGatewayIDs) == 0 {
		return "–"
	}
	return strings.Join(rt.EdgeGatewayIDs, ", ")
}

// endpointRoute is a service a table routes through a gateway endpoint.
type endpointRoute struct{ Service, EndpointID string }

// endpointRoutes are the services rt routes through gateway endpoints, by the last part of the
// prefix list's name ("s3" for com.amazonaws.us-east-1.s3), or its id when the name is unknown.
func endpointRoutes(rt vpc.RouteTable) []endpointRoute {
	var out []endpointRoute
	for _, r := range rt.Routes {
		if !r.IsGatewayEndpointRoute() {
			continue
		}
		service := r.DestinationPrefixList.ID
		if name := r.DestinationPrefixList.Name; name != "" {
			service = name[strings.LastIndex(name, ".")+1:]
		}
		out = append(out, endpointRoute{Service: service, EndpointID: r.Target})
	}
	return out
}

// explicitSubnets are the subnets associated with the table by name.
func (p RouteTablePage) explicitSubnets() []vpc.Subnet {
	var out []vpc.Subnet
	for _, s := range p.Subnets {
		if s.RouteTableID == p.Table.ID && !s.UsesMainRouteTable {
			out = append(out, s)
		}
	}
	return out
}

// implicitSubnets are the subnets that use the table because it is their VPC's main table.
func (p RouteTablePage) implicitSubnets() []vpc.Subnet {
	var out []vpc.Subnet
	for _, s := range p.Subnets {
		if s.RouteTableID == p.Table.ID && s.UsesMainRouteTable {
			out = append(out, s)
		}
	}
	return out
}

// routeRowClass marks the rows a gateway endpoint added (only highlight's, when set), so they
// stand out.
func routeRowClass(r vpc.Route, highlight string) string {
	if r.IsGatewayEndpointRoute() && (highlight == "" || r.Target == highlight) {
		return "endpoint-route"
	}
	return ""
}
