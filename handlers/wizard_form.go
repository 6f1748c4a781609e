package handlers

import (
	"crypto/rand"
	"net/http"
	"slices"
	"strings"

	"endpointconsole/views"
	"endpointconsole/vpc"
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

// serviceKey is the value of a service radio button: the name and the type.
func serviceKey(name, typ string) string { return name + "|" + typ }

// nameTagFirst puts the Name tag first, as the tags step shows it in a field of its own, adding
// an empty one when there is none.
func nameTagFirst(tags []vpc.Tag) []vpc.Tag {
	i := slices.IndexFunc(tags, func(t vpc.Tag) bool { return t.Key == "Name" })
	if i == 0 {
		return tags
	}
	name := vpc.Tag{Key: "Name"}
	if i > 0 {
		name = tags[i]
		tags = slices.Delete(slices.Clone(tags), i, i+1)
	}
	return append([]vpc.Tag{name}, tags...)
}

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

func boolValue(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
