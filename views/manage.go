package views

import (
	"slices"

	"endpointconsole/vpc"
)

// EndpointTabs are the tabs of an endpoint's page; gateway endpoints show route tables,
// interface endpoints subnets and security groups.
var endpointTabs = []struct{ ID, Label, Kind string }{
	{"details", "Details", ""},
	{"route-tables", "Route tables", vpc.TypeGateway},
	{"subnets", "Subnets", vpc.TypeInterface},
	{"security-groups", "Security groups", vpc.TypeInterface},
	{"policy", "Policy", ""},
	{"tags", "Tags", ""},
	{"code", "As code", ""},
}

// Tab is one tab of a page.
type Tab struct {
	ID, Label, Href string
	Current         bool
}

// EndpointTabsFor lists the tabs of an endpoint of the given type, marking current.
func EndpointTabsFor(id, endpointType, current string) []Tab {
	var out []Tab
	for _, t := range endpointTabs {
		if t.Kind == "" || t.Kind == endpointType {
			out = append(out, Tab{ID: t.ID, Label: t.Label, Href: "/endpoints/" + id + "?tab=" + t.ID, Current: t.ID == current})
		}
	}
	return out
}

// TableChange is one route table a change touches: the endpoint's route is added to it or
// removed from it, which moves the traffic of Subnets to or off the endpoint.
type TableChange struct {
	ID, Name string
	Route    vpc.Route
	Subnets  []string
}

// ManageRouteTablesPage is "Manage route tables": choose tables, preview, save.
type ManageRouteTablesPage struct {
	Page
	Endpoint vpc.Endpoint
	Tables   []WizardRouteTable
	Chosen   []string
	Errors   map[string]string
	// Previewed is set once the person asked for a preview of the current choice.
	Previewed bool
	Adds      []TableChange
	Removes   []TableChange
	// Code is the previewed change as the AWS CLI command; empty when nothing changes.
	Code []CodeBlock
}

func (p ManageRouteTablesPage) unchanged() bool { return len(p.Adds) == 0 && len(p.Removes) == 0 }

// DiffLine is one line of a policy diff: ' ' kept, '-' removed, '+' added.
type DiffLine struct {
	Op   byte
	Text string
}

func diffClass(op byte) string {
	switch op {
	case '-':
		return "diff-removed"
	case '+':
		return "diff-added"
	}
	return "diff-kept"
}

func diffSign(op byte) string {
	switch op {
	case '-':
		return "−"
	case '+':
		return "+"
	}
	return " "
}

// ManagePolicyPage is "Manage policy": Full access or Custom, a diff, save.
type ManagePolicyPage struct {
	Page
	Endpoint   vpc.Endpoint
	PolicyMode string
	Policy     string
	Templates  []PolicyTemplate
	Errors     map[string]string
	Previewed  bool
	Diff       []DiffLine
}

func (p ManagePolicyPage) unchanged() bool {
	for _, l := range p.Diff {
		if l.Op != ' ' {
			return false
		}
	}
	return true
}

// ManageTagsPage is "Manage tags".
type ManageTagsPage struct {
	Page
	Endpoint vpc.Endpoint
	Tags     []vpc.Tag
	Errors   map[string]string
}

func (p ManageTagsPage) tagsRemaining() string {
	return itoa(max(0, vpc.MaxTags-len(p.Tags))) + " remaining (0 to 50 tags maximum)"
}

// ManageNetworkPage is "Manage subnets", "Manage security groups" and "Modify private DNS name"
// of an interface endpoint, on one form.
type ManageNetworkPage struct {
	Page
	Endpoint       vpc.Endpoint
	Zones          []ZoneSubnets
	SecurityGroups []vpc.SecurityGroup
	SubnetIDs      []string
	GroupIDs       []string
	PrivateDNS     bool
	Errors         map[string]string
}

func (p ManageNetworkPage) subnetChosen(id string) bool { return slices.Contains(p.SubnetIDs, id) }

func (p ManageNetworkPage) groupChosen(id string) bool { return slices.Contains(p.GroupIDs, id) }

// DeletePage confirms deleting endpoints, naming what disappears with them.
type DeletePage struct {
	Page
	Endpoints []DeleteTarget
	Confirm   string
	Errors    map[string]string
	// Results is set after the attempt: one line per endpoint.
	Results []DeleteResult
}

// DeleteTarget is one endpoint to delete and what goes with it.
type DeleteTarget struct {
	Endpoint vpc.Endpoint
	// Routes are the routes that disappear, as "rtb-… (Name): destination".
	Routes []string
	// Subnets lose their private path to the service.
	Subnets []string
}

// DeleteResult is what happened to one endpoint.
type DeleteResult struct {
	ID      string
	Deleted bool
	Message string
}

// EndpointLabel is what a "Manage …" page says of the endpoint it changes.
type EndpointLabel struct {
	ID, ServiceName, VPCID string
}

func labelOf(e vpc.Endpoint) EndpointLabel {
	return EndpointLabel{ID: e.ID, ServiceName: e.ServiceName, VPCID: e.VPCID}
}

// sortedMessages lists a form's messages in a stable order.
func sortedMessages(errs map[string]string) []string {
	keys := make([]string, 0, len(errs))
	for k := range errs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = errs[k]
	}
	return out
}
