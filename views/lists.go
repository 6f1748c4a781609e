package views

import (
	"net/url"
	"strconv"
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
}

// InternetGatewaysPage lists internet gateways.
type InternetGatewaysPage struct {
	Page
	Gateways []vpc.InternetGateway
	VPCNames map[string]string
	Query    string
}

// NATGatewaysPage lists NAT gateways.
type NATGatewaysPage struct {
	Page
	Gateways []vpc.NATGateway
	VPCNames map[string]string
	VPCs     []VPCOption
	VPCID    string
	Query    string
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
	// Total is the number of endpoints matching the filters; PageNumber counts from 1.
	Total      int
	PageNumber int
	PageSize   int
}

// pageLinks are the hrefs of the previous and next pages, "" where there is none.
func (p EndpointsPage) pageLinks() (prev, next string) {
	q := url.Values{}
	for k, v := range map[string]string{"vpc": p.VPCID, "q": p.Query, "service": p.Service, "type": p.Type, "state": p.State} {
		if v != "" {
			q.Set(k, v)
		}
	}
	link := func(n int) string {
		q.Set("page", strconv.Itoa(n))
		return "/endpoints?" + q.Encode()
	}
	if p.PageNumber > 1 {
		prev = link(p.PageNumber - 1)
	}
	if p.PageNumber*p.PageSize < p.Total {
		next = link(p.PageNumber + 1)
	}
	return prev, next
}

func (p EndpointsPage) prevPage() string { prev, _ := p.pageLinks(); return prev }

func (p EndpointsPage) nextPage() string { _, next := p.pageLinks(); return next }

// pageStatus says which rows are shown: "1–25 of 200".
func (p EndpointsPage) pageStatus() string {
	if p.Total == 0 {
		return ""
	}
	first := (p.PageNumber-1)*p.PageSize + 1
	return strconv.Itoa(first) + "–" + strconv.Itoa(first+len(p.Endpoints)-1) + " of " + strconv.Itoa(p.Total)
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
