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

// deletedEndpointNote says what a deleting or deleted endpoint still is: EC2 describes it for a
// while after the delete, but it routes nothing and takes no change.
func deletedEndpointNote(e vpc.Endpoint) string {
	if e.State == "deleting" {
		return "EC2 is deleting this endpoint. Its routes are already gone and it can no longer be changed; EC2 lists it as deleted for a while, then not at all."
	}
	return "This endpoint has been deleted. It routes nothing and can no longer be changed; EC2 lists it for a while, then not at all."
}

// endpointCodeIntro says what the endpoint's code makes.
func endpointCodeIntro(e vpc.Endpoint) string {
	what := "route tables"
	if e.Type == vpc.TypeInterface {
		what = "subnets, security groups"
	}
	return "Code that creates an endpoint like this one, in the same VPC with the same " + what +
		", policy and tags: to keep in version control, or to make it again. Tags that AWS sets (aws:…) are left out."
}
