package vpc

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// MaxPolicyLength is EC2's limit on an endpoint policy, in characters,
// white space included.
const MaxPolicyLength = 20480

// FullAccessPolicy is the policy EC2 attaches to an endpoint created without one, and gives back
// on ResetPolicy: the console's "Full Access".
const FullAccessPolicy = `{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`

// MaxClientTokenLength is EC2's limit on an idempotency token, in ASCII
// characters.
const MaxClientTokenLength = 64

// CreateEndpointRequest is what the wizard asks EC2 to create.
type CreateEndpointRequest struct {
	VPCID       string
	ServiceName string
	// Type is Gateway or Interface; empty means Gateway, EC2's default.
	Type             string
	RouteTableIDs    []string
	SubnetIDs        []string
	SecurityGroupIDs []string
	// PolicyDocument is a JSON policy; empty means the default full access.
	PolicyDocument string
	// PrivateDNSEnabled applies to interface endpoints; nil leaves EC2's
	// default (enabled for AWS services).
	PrivateDNSEnabled *bool
	// IPAddressType is ipv4, ipv6 or dualstack; empty leaves EC2's default.
	IPAddressType string
	Tags          Tags
	// ClientToken makes the create idempotent: the wizard mints one when it
	// starts, so a double submit creates one endpoint. Empty means one is
	// generated for this call, which still protects the SDK's own retries.
	ClientToken string
}

// endpointType returns the request's type with EC2's default applied. We
// always send it: moto stores a missing type as none and later fails to
// delete the endpoint.
func (r CreateEndpointRequest) endpointType() string {
	if r.Type == "" {
		return TypeGateway
	}
	return r.Type
}

// Validate checks the request without calling EC2 and returns a message per
// invalid field, or nil when the request is valid.
func (r CreateEndpointRequest) Validate() FieldErrors {
	errs := FieldErrors{}
	if strings.TrimSpace(r.ServiceName) == "" {
		errs.add(FieldService, "Choose a service.")
	}
	if strings.TrimSpace(r.VPCID) == "" {
		errs.add(FieldVPC, "Choose a VPC.")
	}
	switch r.endpointType() {
	case TypeGateway:
		if len(r.RouteTableIDs) == 0 {
			errs.add(FieldRouteTables, "Choose at least one route table; a gateway endpoint works only through the routes it adds.")
		}
		if len(r.SubnetIDs) > 0 {
			errs.add(FieldSubnets, "Gateway endpoints don't use subnets; choose route tables instead.")
		}
		if len(r.SecurityGroupIDs) > 0 {
			errs.add(FieldSecurityGroups, "Gateway endpoints don't use security groups; control access with the endpoint policy.")
		}
	case TypeInterface:
		if len(r.SubnetIDs) == 0 {
			errs.add(FieldSubnets, "Choose at least one subnet; the endpoint gets a network interface in each.")
		}
		if len(r.RouteTableIDs) > 0 {
			errs.add(FieldRouteTables, "Interface endpoints don't use route tables; choose subnets instead.")
		}
	default:
		errs.add(FieldType, fmt.Sprintf("The endpoint type must be Gateway or Interface, not %q.", r.Type))
	}
	errs.add(FieldRouteTables, duplicateIDProblem("route table", r.RouteTableIDs))
	errs.add(FieldSubnets, duplicateIDProblem("subnet", r.SubnetIDs))
	errs.add(FieldSecurityGroups, duplicateIDProblem("security group", r.SecurityGroupIDs))
	errs.add(FieldIPAddressType, ipAddressTypeProblem(r.IPAddressType))
	errs.add(FieldPolicy, policyProblem(r.PolicyDocument))
	errs.add(FieldTags, r.Tags.problem())
	errs.add(FieldClientToken, clientTokenProblem(r.ClientToken))
	return errs.orNil()
}

// ModifyEndpointRequest changes an endpoint: route tables (gateway), subnets
// and security groups (interface), the policy and private DNS. Empty fields
// change nothing.
type ModifyEndpointRequest struct {
	ID                     string
	AddRouteTableIDs       []string
	RemoveRouteTableIDs    []string
	AddSubnetIDs           []string
	RemoveSubnetIDs        []string
	AddSecurityGroupIDs    []string
	RemoveSecurityGroupIDs []string
	// PolicyDocument replaces the policy when set.
	PolicyDocument string
	// ResetPolicy restores the default full-access policy.
	ResetPolicy       bool
	PrivateDNSEnabled *bool
}

// Validate checks the request without calling EC2.
func (r ModifyEndpointRequest) Validate() FieldErrors {
	errs := FieldErrors{}
	if strings.TrimSpace(r.ID) == "" {
		errs.add(FieldEndpoint, "Choose a VPC endpoint.")
	}
	errs.add(FieldRouteTables, addRemoveProblem("route table", r.AddRouteTableIDs, r.RemoveRouteTableIDs))
	errs.add(FieldSubnets, addRemoveProblem("subnet", r.AddSubnetIDs, r.RemoveSubnetIDs))
	errs.add(FieldSecurityGroups, addRemoveProblem("security group", r.AddSecurityGroupIDs, r.RemoveSecurityGroupIDs))
	if r.ResetPolicy && r.PolicyDocument != "" {
		errs.add(FieldPolicy, "Choose either Full access or a custom policy, not both.")
	}
	errs.add(FieldPolicy, policyProblem(r.PolicyDocument))
	return errs.orNil()
}

// policyProblem checks an endpoint policy: empty (the default), or a JSON
// object with a Statement, at most MaxPolicyLength characters.
func policyProblem(doc string) string {
	if doc == "" {
		return ""
	}
	if n := utf8.RuneCountInString(doc); n > MaxPolicyLength {
		return fmt.Sprintf("The policy is %d characters long; endpoint policies can be at most %d characters, white space included.", n, MaxPolicyLength)
	}
	var policy map[string]json.RawMessage
	if err := json.Unmarshal([]byte(doc), &policy); err != nil {
		if _, isType := err.(*json.UnmarshalTypeError); isType {
			return `The policy must be a JSON object, like {"Version": "2012-10-17", "Statement": [...]}.`
		}
		if syntax, ok := err.(*json.SyntaxError); ok {
			line, column := lineAndColumn(doc, int(syntax.Offset))
			return fmt.Sprintf("The policy is not valid JSON: line %d, column %d: %v.", line, column, err)
		}
		return fmt.Sprintf("The policy is not valid JSON (%v).", err)
	}
	if _, ok := policy["Statement"]; !ok {
		return `The policy needs a "Statement" entry saying what it allows or denies.`
	}
	return ""
}

// lineAndColumn turns a byte offset into doc into the 1-based line and column (in characters)
// an editor shows.
func lineAndColumn(doc string, offset int) (line, column int) {
	offset = min(max(offset, 0), len(doc))
	before := doc[:offset]
	line = strings.Count(before, "\n") + 1
	column = utf8.RuneCountInString(before[strings.LastIndex(before, "\n")+1:])
	return line, max(column, 1)
}

func clientTokenProblem(token string) string {
	if len(token) > MaxClientTokenLength {
		return fmt.Sprintf("The client token is %d characters long; EC2 accepts at most %d.", len(token), MaxClientTokenLength)
	}
	for _, c := range token {
		if c < ' ' || c > '~' {
			return "The client token must be printable ASCII characters only."
		}
	}
	return ""
}

func ipAddressTypeProblem(t string) string {
	switch t {
	case "", "ipv4", "ipv6", "dualstack":
		return ""
	}
	return fmt.Sprintf("The IP address type must be ipv4, ipv6 or dualstack, not %q.", t)
}

func duplicateIDProblem(what string, ids []string) string {
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if strings.TrimSpace(id) == "" {
			return fmt.Sprintf("A %s ID is empty.", what)
		}
		if seen[id] {
			return fmt.Sprintf("The %s %s is chosen twice.", what, id)
		}
		seen[id] = true
	}
	return ""
}

func addRemoveProblem(what string, add, remove []string) string {
	if msg := duplicateIDProblem(what, append(slices.Clip(add), remove...)); msg != "" {
		if i := slices.IndexFunc(add, func(id string) bool { return slices.Contains(remove, id) }); i >= 0 {
			return fmt.Sprintf("The %s %s is both added and removed.", what, add[i])
		}
		return msg
	}
	return ""
}
