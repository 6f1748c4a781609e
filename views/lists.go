package views

import (
	"net/url"
	"strings"

	"endpointconsole/vpc"
)

// VPCsPage is "Your VPCs".
type VPCsPage struct {
	Page
	VPCs []vpc.VPC
	// MainTables maps a VPC id to its main route table id.
	MainTables map[string]string
	Query      string
	Pager      Pager
}

// SubnetsPage lists subnets with their effective route table.
type SubnetsPage struct {
	Page
	Subnets  []vpc.Subnet
	VPCNames map[string]string
	// TableNames maps route table ids to Name tags.
	TableNames map[string]string
	VPCs       []VPCOption
	VPCID      string
	Query      string
	Pager      Pager
}

// InternetGatewaysPage lists internet gateways.
type InternetGatewaysPage struct {
	Page
	Gateways []vpc.InternetGateway
	VPCNames map[string]string
	Query    string
	Pager    Pager
}

// NATGatewaysPage lists NAT gateways.
type NATGatewaysPage struct {
	Page
	Gateways []vpc.NATGateway
	VPCNames map[string]string
	VPCs     []VPCOption
	VPCID    string
	Query    string
	Pager    Pager
}

// EndpointsPage lists VPC endpoints, filtered and paged.
type EndpointsPage struct {
	Page
	Endpoints []vpc.Endpoint
	VPCNames  map[string]string
	VPCs      []VPCOption
	VPCID     string
	Query     string
	// Service, Type and State filter the list as EC2's filters do.
	Service string
	Type    string
	State   string
	// Services are the service names offered by the service filter.
	Services []string
	Pager    Pager
}

// DashboardPage is the VPC dashboard: how many of each resource the Region holds.
type DashboardPage struct {
	Page
	Counts []ResourceCount
}

// ResourceCount is one tile of the dashboard.
type ResourceCount struct {
	Label string
	Count int
	Href  string
}

// attachedVPCs writes an internet gateway's attachments.
func attachedVPCs(ids []string, names map[string]string) string {
	if len(ids) == 0 {
		return "–"
	}
	labels := make([]string, len(ids))
	for i, id := range ids {
		labels[i] = VPCLabel(id, names[id])
	}
	return strings.Join(labels, ", ")
}

// effectiveRouteTable writes a subnet's route table, marked "main" when the subnet uses its
// VPC's main table implicitly.
func effectiveRouteTable(s vpc.Subnet, names map[string]string) string {
	if s.RouteTableID == "" {
		return "–"
	}
	label := s.RouteTableID
	if name := names[s.RouteTableID]; name != "" {
		label += " | " + name
	}
	if s.UsesMainRouteTable {
		label += " (main)"
	}
	return label
}

// createEndpointHint is the empty Endpoints list's advice; a read-only console can't create.
func (p EndpointsPage) createEndpointHint() string {
	if p.ReadOnly {
		return "This console is read-only; endpoints are created elsewhere."
	}
	return "Create an endpoint to give this VPC's subnets a private path to an AWS service."
}

// emptyEndpointsTitle names what has no endpoints: the chosen VPC or the Region.
func (p EndpointsPage) emptyEndpointsTitle() string {
	if p.Query != "" || p.Service != "" || p.Type != "" || p.State != "" {
		return "No endpoints match the filters"
	}
	if p.VPCID != "" {
		return "No endpoints in this VPC yet"
	}
	return "No endpoints in this Region yet"
}

// createHref opens the wizard, with the VPC being looked at already chosen.
func (p EndpointsPage) createHref() string {
	if p.VPCID == "" {
		return "/endpoints/new"
	}
	return "/endpoints/new?vpc=" + url.QueryEscape(p.VPCID)
}

// columnCount is the number of columns of the Endpoints table: a read-only console has no
// selection column.
func (p EndpointsPage) columnCount() string {
	if p.ReadOnly {
		return "7"
	}
	return "8"
}
