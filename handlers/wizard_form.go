package handlers

import (
	"crypto/rand"
	"net/http"
	"slices"
	"strings"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// The wizard's steps, in order. Gateway services configure route tables; interface services
// configure their network (subnets, security groups, DNS, IP address type) instead. Services
// that take no policy skip the policy step.
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

// Service categories, as the tutorial's console names them.
const (
	categoryAWS         = "aws"
	categoryByName      = "name"
	categoryMarketplace = "marketplace"
)

// wizardForm is every answer of the wizard (views.WizardAnswers, which the pages show). Each
// step posts all of them — its own as inputs, the others as hidden fields — and the server
// re-validates them all: nothing in the form is trusted because an earlier step accepted it.
type wizardForm struct {
	views.WizardAnswers
}

// newWizardForm is the wizard's start: a fresh client token, AWS services, full access, and a
// Name tag row offered first.
func newWizardForm() wizardForm {
	return wizardForm{views.WizardAnswers{
		Token: rand.Text(), Step: stepCategory, Category: categoryAWS,
		PrivateDNS: true, IPAddressType: "ipv4", PolicyMode: "full",
		Tags: []vpc.Tag{{Key: "Name"}},
	}}
}

// parseWizardForm reads a posted step.
func parseWizardForm(r *http.Request) wizardForm {
	f := wizardForm{views.WizardAnswers{
		Token: r.PostFormValue("token"), Step: r.PostFormValue("step"),
		Category: r.PostFormValue("category"), ServiceName: strings.TrimSpace(r.PostFormValue("service_name")),
		ServiceQuery: r.PostFormValue("service_query"), TypeFilter: r.PostFormValue("type_filter"),
		VPCID:         r.PostFormValue("vpc"),
		RouteTableIDs: nonEmpty(r.PostForm["route_tables"]), SubnetIDs: nonEmpty(r.PostForm["subnets"]),
		SecurityGroupIDs: nonEmpty(r.PostForm["security_groups"]),
		// The network step sends "false" from a hidden input before the checkbox's "true".
		PrivateDNS:    slices.Contains(r.PostForm["private_dns"], "true"),
		IPAddressType: r.PostFormValue("ip_address_type"),
		PolicyMode:    r.PostFormValue("policy_mode"), Policy: r.PostFormValue("policy"),
	}}
	f.Service, f.Type, _ = strings.Cut(r.PostFormValue("service"), "|")
	keys, values := r.PostForm["tag_key"], r.PostForm["tag_value"]
	for i, key := range keys {
		value := ""
		if i < len(values) {
			value = values[i]
		}
		f.Tags = append(f.Tags, vpc.Tag{Key: strings.TrimSpace(key), Value: value})
	}
	return f
}

func nonEmpty(values []string) []string {
	var out []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// steps lists the wizard's steps for the chosen service.
func (f wizardForm) steps(policySupported bool) []string {
	out := []string{stepCategory, stepService, stepVPC}
	if f.Type == vpc.TypeInterface {
		out = append(out, stepNetwork)
	} else {
		out = append(out, stepRouteTables)
	}
	if policySupported {
		out = append(out, stepPolicy)
	}
	return append(out, stepTags, stepReview)
}

// serviceKey is the value of a service radio button: the name and the type.
func serviceKey(name, typ string) string { return name + "|" + typ }

// tagsToCreate drops the rows that say nothing: empty rows, and the offered Name row left
// without a value.
//
// createdBy, when it has a key, is the tag naming who creates the endpoint: it is added, and
// replaces a tag of the same key the person typed, so that it can't be made to name another.
func (f wizardForm) tagsToCreate(createdBy vpc.Tag) vpc.Tags {
	var out vpc.Tags
	for _, t := range f.Tags {
		if t.Value == "" && (t.Key == "" || t.Key == "Name") || (createdBy.Key != "" && t.Key == createdBy.Key) {
			continue
		}
		out = append(out, t)
	}
	if createdBy.Key != "" {
		out = append(out, createdBy)
	}
	return out
}

// request is the CreateVpcEndpoint call the answers make.
func (f wizardForm) request(createdBy vpc.Tag) vpc.CreateEndpointRequest {
	req := vpc.CreateEndpointRequest{
		VPCID: f.VPCID, ServiceName: f.Service, Type: f.Type, Tags: f.tagsToCreate(createdBy), ClientToken: f.Token,
	}
	if f.PolicyMode == "custom" {
		req.PolicyDocument = f.Policy
	}
	if f.Type == vpc.TypeInterface {
		req.SubnetIDs, req.SecurityGroupIDs, req.IPAddressType = f.SubnetIDs, f.SecurityGroupIDs, f.IPAddressType
		privateDNS := f.PrivateDNS
		req.PrivateDNSEnabled = &privateDNS
	} else {
		req.RouteTableIDs = f.RouteTableIDs
	}
	return req
}

// hiddenFields carries every answer that the step being shown does not render as an input.
func (f wizardForm) hiddenFields(shown string) []views.HiddenField {
	h := []views.HiddenField{{Name: "token", Value: f.Token}}
	add := func(step, name string, values ...string) {
		if step == shown {
			return
		}
		for _, v := range values {
			h = append(h, views.HiddenField{Name: name, Value: v})
		}
	}
	add(stepCategory, "category", f.Category)
	add(stepCategory, "service_name", f.ServiceName)
	if f.Service != "" {
		add(stepService, "service", serviceKey(f.Service, f.Type))
	}
	add(stepVPC, "vpc", f.VPCID)
	add(stepRouteTables, "route_tables", f.RouteTableIDs...)
	add(stepNetwork, "subnets", f.SubnetIDs...)
	add(stepNetwork, "security_groups", f.SecurityGroupIDs...)
	add(stepNetwork, "private_dns", boolValue(f.PrivateDNS))
	add(stepNetwork, "ip_address_type", f.IPAddressType)
	add(stepPolicy, "policy_mode", f.PolicyMode)
	add(stepPolicy, "policy", f.Policy)
	for _, t := range f.Tags {
		add(stepTags, "tag_key", t.Key)
		add(stepTags, "tag_value", t.Value)
	}
	return h
}

func boolValue(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
