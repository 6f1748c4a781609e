package views

import (
	"slices"

	"endpointconsole/vpc"
)

// EndpointPage is one VPC endpoint: details, the route tables it changed (gateway) or its
// network interfaces (interface), its policy and its tags.
type EndpointPage struct {
	Page
	Tabs     []Tab
	Tab      string
	Endpoint vpc.Endpoint
	VPCName  string
	// RouteTables are the endpoint's tables, each with the route the endpoint added.
	RouteTables []vpc.RouteTable
	Policy      string
	// Changed names the route tables a change just gave the endpoint's route.
	Changed []string
}

func (p EndpointPage) changed(id string) bool { return slices.Contains(p.Changed, id) }

// boolPage turns a tab's current flag into the value ariaCurrent compares.
func boolPage(current bool) string {
	if current {
		return "page"
	}
	return ""
}

func (p EndpointPage) isGateway() bool { return p.Endpoint.Type == vpc.TypeGateway }
