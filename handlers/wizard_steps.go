package handlers

import (
	"slices"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// The wizard's step ids, as the form posts them in "step".
const (
	stepCategory    = "category"
	stepService     = "service"
	stepVPC         = "vpc"
	stepRouteTables = "route-tables"
	stepNetwork     = "network"
	stepPolicy      = "policy"
	stepTags        = "tags"
	stepReview      = "review"
)

// wizardStep is one step of the Create endpoint wizard: what it is called, which endpoints it is
// shown for, the answers it owns and how they are checked. The wizard keeps nothing on the
// server, so every page posts every answer: its own step's as inputs, the others' as hidden
// fields, and each post is checked again from the first step on.
type wizardStep struct {
	id    string
	label string // in the step list, worded as the AWS console words it
	kinds endpointKinds
	// needsPolicy drops the step for services that take no endpoint policy.
	needsPolicy bool
	// fields are the names the step's messages are keyed by (vpc.Field… and the wizard's own),
	// so that a message lands next to its input; a field no step owns lands on the review.
	fields []string
	// answers posts the step's answers as form fields, for the other steps to carry hidden.
	answers func(f wizardForm, post func(name string, values ...string))
	// check adds a message for each of the step's answers that is wrong.
	check func(c *answersCheck)
}

// wizardSteps are the steps in order. Gateway services configure route tables and interface
// services their network (subnets, security groups, DNS, IP address type) in the fourth place.
var wizardSteps = []wizardStep{
	{id: stepCategory, label: "Service category", fields: []string{"category", "service_name"}, check: checkCategoryStep,
		answers: func(f wizardForm, post func(string, ...string)) {
			post("category", f.Category)
			post("service_name", f.ServiceName)
		}},
	{id: stepService, label: "Service name", fields: []string{vpc.FieldService, vpc.FieldType}, check: checkServiceStep,
		answers: func(f wizardForm, post func(string, ...string)) {
			if f.Service != "" {
				post("service", serviceKey(f.Service, f.Type))
			}
		}},
	{id: stepVPC, label: "VPC", fields: []string{vpc.FieldVPC}, check: checkVPCStep,
		answers: func(f wizardForm, post func(string, ...string)) { post("vpc", f.VPCID) }},
	{id: stepRouteTables, label: "Configure route tables", kinds: gatewayEndpoints, fields: []string{vpc.FieldRouteTables}, check: checkRouteTablesStep,
		answers: func(f wizardForm, post func(string, ...string)) { post("route_tables", f.RouteTableIDs...) }},
	{id: stepNetwork, label: "Network settings", kinds: interfaceEndpoints, check: checkNetworkStep,
		fields: []string{vpc.FieldSubnets, vpc.FieldSecurityGroups, vpc.FieldIPAddressType, "private_dns"},
		answers: func(f wizardForm, post func(string, ...string)) {
			post("subnets", f.SubnetIDs...)
			post("security_groups", f.SecurityGroupIDs...)
			post("private_dns", boolValue(f.PrivateDNS))
			post("ip_address_type", f.IPAddressType)
		}},
	{id: stepPolicy, label: "Policy", needsPolicy: true, fields: []string{vpc.FieldPolicy}, check: checkPolicyStep,
		answers: func(f wizardForm, post func(string, ...string)) {
			post("policy_mode", f.PolicyMode)
			post("policy", f.Policy)
		}},
	{id: stepTags, label: "Tags", fields: []string{vpc.FieldTags},
		answers: func(f wizardForm, post func(string, ...string)) {
			for _, t := range f.Tags {
				post("tag_key", t.Key)
				post("tag_value", t.Value)
			}
		}},
	{id: stepReview, label: "Review", check: checkReviewStep,
		answers: func(wizardForm, func(string, ...string)) {}},
}

// endpointKinds says which endpoints a step is shown for.
type endpointKinds int

const (
	everyEndpoint endpointKinds = iota
	// gatewayEndpoints also covers answers whose type is not Interface (not chosen yet, or
	// unknown): until a service says otherwise the wizard has a gateway's steps.
	gatewayEndpoints
	interfaceEndpoints
)

func (k endpointKinds) include(endpointType string) bool {
	switch k {
	case gatewayEndpoints:
		return endpointType != vpc.TypeInterface
	case interfaceEndpoints:
		return endpointType == vpc.TypeInterface
	}
	return true
}

// stepsFor are the steps shown for an endpoint type, without the policy step when the service
// takes no policy.
func stepsFor(endpointType string, policySupported bool) []wizardStep {
	var out []wizardStep
	for _, s := range wizardSteps {
		if s.kinds.include(endpointType) && (policySupported || !s.needsPolicy) {
			out = append(out, s)
		}
	}
	return out
}

// steps lists the wizard's steps for the chosen service.
func (f wizardForm) steps(policySupported bool) []wizardStep {
	return stepsFor(f.Type, policySupported)
}

// stepRank is a step's place in the wizard it is shown in, to order steps: the route tables and
// network steps share the fourth place, as only one of them is ever shown. -1 for no step.
func stepRank(id string) int {
	i := slices.IndexFunc(wizardSteps, func(s wizardStep) bool { return s.id == id })
	if i < 0 {
		return -1
	}
	endpointType := vpc.TypeGateway
	if wizardSteps[i].kinds == interfaceEndpoints {
		endpointType = vpc.TypeInterface
	}
	return slices.IndexFunc(stepsFor(endpointType, true), func(s wizardStep) bool { return s.id == id })
}

// stepBeside is the step delta places from id among steps, kept within them; false when id is
// not one of them.
func stepBeside(steps []wizardStep, id string, delta int) (string, bool) {
	i := slices.IndexFunc(steps, func(s wizardStep) bool { return s.id == id })
	if i < 0 {
		return "", false
	}
	return steps[max(0, min(len(steps)-1, i+delta))].id, true
}

// stepOf is the step a field belongs to; anything else is shown on the review step.
func stepOf(field string) string {
	for _, s := range wizardSteps {
		if slices.Contains(s.fields, field) {
			return s.id
		}
	}
	return stepReview
}

// hiddenFields carries every answer that the step being shown does not render as an input,
// and the client token.
func (f wizardForm) hiddenFields(shown string) []views.HiddenField {
	h := []views.HiddenField{{Name: "token", Value: f.Token}}
	for _, s := range wizardSteps {
		if s.id == shown {
			continue
		}
		s.answers(f, func(name string, values ...string) {
			for _, v := range values {
				h = append(h, views.HiddenField{Name: name, Value: v})
			}
		})
	}
	return h
}
