package views

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"endpointconsole/vpc"
)

// WizardAnswers is every answer of the Create endpoint wizard, as its form posts them.
type WizardAnswers struct {
	Token    string
	Step     string
	Category string
	// ServiceName is what was typed under "Find service by name".
	ServiceName string
	// Service and Type are the chosen service; the radio posts them as "name|Type".
	Service      string
	Type         string
	ServiceQuery string
	TypeFilter   string

	VPCID            string
	RouteTableIDs    []string
	SubnetIDs        []string
	SecurityGroupIDs []string
	PrivateDNS       bool
	IPAddressType    string

	PolicyMode string // full or custom
	Policy     string
	Tags       []vpc.Tag
}

// HiddenField carries an answer of another step through the step being shown.
type HiddenField struct {
	Name, Value string
}

// WizardStep is one entry of the wizard's step list.
type WizardStep struct {
	ID, Label string
	Current   bool
	Done      bool
}

// WizardPage is one step of the Create endpoint wizard.
type WizardPage struct {
	Page
	WizardAnswers
	Steps  []WizardStep
	Hidden []HiddenField
	// Errors holds a message per field; the key "" is a message for the whole step.
	Errors map[string]string
	// Unavailable, when set, says why the step could not be shown (EC2 could not be read); the
	// page then carries every answer and offers to try again.
	Unavailable string

	Services []vpc.EndpointService
	// VerifiedServices are the entries found by "Find service by name" → Verify.
	VerifiedServices []vpc.EndpointService
	VPCs             []VPCOption
	RouteTables      []WizardRouteTable
	Zones            []ZoneSubnets
	SecurityGroups   []vpc.SecurityGroup
	Templates        []PolicyTemplate
	Review           WizardReview
}

// WizardRouteTable is a row of "Configure route tables" and of "Manage route tables".
type WizardRouteTable struct {
	ID, Name string
	Main     bool
	// Subnets are the subnets whose traffic the table routes: its explicit associations, and
	// for a main table the subnets that use it implicitly.
	Subnets []TableSubnet
	// Today is how those subnets reach the service now, as a sentence part ("through internet
	// gateway igw-… (public internet)"): where they stay if the table is left out.
	Today string
	// Conflict says the table already routes the chosen service through another endpoint: it
	// can't be chosen, and says why.
	Conflict string
}

// TableSubnet is a subnet a route table serves, as the route-table choices list it.
type TableSubnet struct {
	ID, Name string
	// Public says the table sends 0.0.0.0/0 to an internet gateway.
	Public bool
	// Implicit says the subnet uses its VPC's main table without an association.
	Implicit bool
}

// Label is "Public-1a (subnet-…)", or the id alone.
func (s TableSubnet) Label() string {
	if s.Name == "" {
		return s.ID
	}
	return s.Name + " (" + s.ID + ")"
}

// Kind is "Public" or "Private", with ", main, implicit" when it applies.
func (s TableSubnet) Kind() string {
	kind := "Private"
	if s.Public {
		kind = "Public"
	}
	if s.Implicit {
		kind += ", main, implicit"
	}
	return kind
}

// selectableTables counts the route tables that may be chosen (not already routing the service).
func (p WizardPage) selectableTables() int {
	n := 0
	for _, rt := range p.RouteTables {
		if rt.Conflict == "" {
			n++
		}
	}
	return n
}

// describedByAttr is aria-describedby when there is something to point to.
func describedByAttr(ids string) templ.Attributes {
	if ids == "" {
		return nil
	}
	return templ.Attributes{"aria-describedby": ids}
}

// leftOutNote says where a table's subnets stay when the table is not chosen.
func (rt WizardRouteTable) leftOutNote(service string) string {
	if len(rt.Subnets) == 0 || rt.Today == "" {
		return ""
	}
	who := "its subnet keeps"
	if len(rt.Subnets) > 1 {
		who = "its " + strconv.Itoa(len(rt.Subnets)) + " subnets keep"
	}
	return "If left out, " + who + " reaching " + service + " " + rt.Today + "."
}

// ZoneSubnets are the subnets of one Availability Zone, for the interface network step.
type ZoneSubnets struct {
	Zone    string
	Subnets []vpc.Subnet
}

// PolicyTemplate is a starting point offered on the policy step.
type PolicyTemplate struct {
	ID, Label string
}

// WizardReview is the review step: what will be created and what it changes.
type WizardReview struct {
	VPCLabel string
	// Tables lists, per chosen route table, the route that will be added and the subnets whose
	// traffic to the service it moves onto the endpoint.
	Tables []ReviewTable
	// Subnets and SecurityGroups are the interface endpoint's, as labels.
	Subnets        []string
	SecurityGroups []string
	Policy         string
	Tags           vpc.Tags
	// Conflicts are problems found before calling EC2; while there are any, nothing is created.
	Conflicts []string
	// Permission is the dry run's verdict, when it was made (not again at Create endpoint).
	PermissionChecked bool
	PermissionOK      bool
	PermissionMessage string
	// PermissionNotCheckable says the backend ignores DryRun, so the check was not made
	// (a dry run there would create the endpoint); PermissionMessage says so.
	PermissionNotCheckable bool
	// Code is the request Create endpoint sends, written as code.
	Code []CodeBlock
}

// ReviewTable is the route preview of one chosen route table.
type ReviewTable struct {
	ID, Name string
	Route    vpc.Route
	Subnets  []string
}

func (p WizardPage) err(field string) string { return p.Errors[field] }

func (p WizardPage) hasErr(field string) bool { return p.Errors[field] != "" }

// errID is the id of a field's message, for aria-describedby.
func errID(field string) string { return "error-" + field }

func (p WizardPage) serviceChosen(s vpc.EndpointService) bool {
	return s.Name == p.Service && s.Type == p.Type
}

func serviceValue(s vpc.EndpointService) string { return s.Name + "|" + s.Type }

func (p WizardPage) subnetChosen(id string) bool { return slices.Contains(p.SubnetIDs, id) }

func (p WizardPage) groupChosen(id string) bool { return slices.Contains(p.SecurityGroupIDs, id) }

// tagsRemaining is the console's "N remaining (0 to 50 tags maximum)".
func (p WizardPage) tagsRemaining() string {
	return strconv.Itoa(max(0, vpc.MaxTags-len(p.Tags))) + " remaining (0 to 50 tags maximum)"
}

// nameTag is the value of the Name tag, the first tag row on the tags step.
func (p WizardPage) nameTag() string {
	if len(p.Tags) > 0 && p.Tags[0].Key == "Name" {
		return p.Tags[0].Value
	}
	return ""
}

func (p WizardPage) canAddTag() bool { return len(p.Tags) < vpc.MaxTags }

func (p WizardPage) isFirstStep() bool { return p.Step == "category" }

// hasStep says whether the wizard shows the step for the answers so far.
func (p WizardPage) hasStep(id string) bool {
	return slices.ContainsFunc(p.Steps, func(s WizardStep) bool { return s.ID == id })
}

// fullAccessPolicy is EC2's full-access policy, indented, as the policy step shows it.
func fullAccessPolicy() string {
	var out bytes.Buffer
	json.Indent(&out, []byte(vpc.FullAccessPolicy), "", "  ")
	return out.String()
}

// focusHeading says whether the step's heading takes the focus when the page loads, so that a
// keyboard or screen-reader user starts at the step, not at the top of the page; with errors
// the error summary takes it instead.
func (p WizardPage) focusHeading() bool { return len(p.Errors) == 0 && p.Unavailable == "" }

// defaultAction is what Enter in a field of the step does: Next, except on the review, which has
// no field (its first button is Create endpoint). On the service step the server tells Enter in
// the filter box from Enter on a service: the filter it was shown is posted back with the page
// (applied_query, applied_type), and a Next with a changed filter filters.
func (p WizardPage) defaultAction() string {
	if p.Step == "review" {
		return ""
	}
	return "next"
}

func stepNumber(i int) string { return "Step " + strconv.Itoa(i+1) }

func removeTagAction(i int) string { return "remove_tag:" + strconv.Itoa(i) }

func tagKeyID(i int) string { return "tag-key-" + strconv.Itoa(i) }

func tagValueID(i int) string { return "tag-value-" + strconv.Itoa(i) }

// FieldMessage is one entry of the error summary.
type FieldMessage struct {
	Field, Message string
}

// errorList orders the step's messages as its fields appear, for the error summary.
func (p WizardPage) errorList() []FieldMessage {
	order := []string{"", "category", "service_name", "service", "type", "vpc", "route_tables", "subnets",
		"security_groups", "private_dns", "ip_address_type", "policy", "tags", "client_token"}
	var out []FieldMessage
	for _, f := range order {
		if msg, ok := p.Errors[f]; ok {
			out = append(out, FieldMessage{f, msg})
		}
	}
	for f, msg := range p.Errors {
		if !slices.Contains(order, f) {
			out = append(out, FieldMessage{f, msg})
		}
	}
	return out
}

func stepCurrent(current bool) string {
	if current {
		return "step"
	}
	return ""
}

func ariaInvalid(invalid bool) string {
	if invalid {
		return "true"
	}
	return "false"
}

func joinComma(items []string) string { return strings.Join(items, ", ") }

func joinLines(items []string) string {
	if len(items) == 0 {
		return "–"
	}
	return strings.Join(items, ", ")
}

func policyModeLabel(mode string) string {
	if mode == "custom" {
		return "Custom"
	}
	return "Full Access"
}

func tagsLabel(tags vpc.Tags) string {
	if len(tags) == 0 {
		return "None"
	}
	parts := make([]string, len(tags))
	for i, t := range tags {
		parts[i] = t.Key + " = " + t.Value
	}
	return strings.Join(parts, ", ")
}
