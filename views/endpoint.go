package views

import "endpointconsole/vpc"

// EndpointPage is one VPC endpoint: details, the route tables it changed (gateway) or its
// network interfaces (interface), its policy and its tags.
type EndpointPage struct {
	Page
	Endpoint vpc.Endpoint
	VPCName  string
	// RouteTables are the endpoint's tables, each with the route the endpoint added.
	RouteTables []vpc.RouteTable
	Policy      string
}

func (p EndpointPage) isGateway() bool { return p.Endpoint.Type == vpc.TypeGateway }
