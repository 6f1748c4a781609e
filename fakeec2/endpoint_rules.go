package fakeec2

import (
	"encoding/json"
	"fmt"
	"slices"
)

// The rules EC2 applies to what an endpoint is attached to, shared by CreateVpcEndpoint and
// ModifyVpcEndpoint. Each runs under the account lock, before anything is changed, so a refused
// request leaves the account as it was.

const maxPolicyLength = 20480

// validatePolicy accepts what EC2 accepts as an endpoint policy: a JSON object with a Statement,
// at most 20,480 characters.
func validatePolicy(doc string) error {
	if len([]rune(doc)) > maxPolicyLength {
		return &apiError{Status: 400, Code: "InvalidPolicyDocument", Message: fmt.Sprintf("The policy document exceeds the maximum length of %d characters.", maxPolicyLength)}
	}
	var parsed map[string]json.RawMessage
	if err := json.Unmarshal([]byte(doc), &parsed); err != nil {
		return &apiError{Status: 400, Code: "InvalidPolicyDocument", Message: "The policy document is not valid JSON: " + err.Error()}
	}
	if _, ok := parsed["Statement"]; !ok {
		return &apiError{Status: 400, Code: "InvalidPolicyDocument", Message: "The policy document must contain a Statement."}
	}
	return nil
}

// checkGatewayRouteTables refuses tables that do not exist, belong to another VPC, or already
// route the service through an endpoint (EC2 allows one endpoint route per service per table).
func (a *account) checkGatewayRouteTables(vpcID, serviceName, endpointID string, tableIDs []string) error {
	pl, ok := a.prefixListByName(serviceName)
	if !ok {
		return &apiError{Status: 500, Code: "InternalError", Message: "no prefix list for " + serviceName}
	}
	for _, id := range tableIDs {
		rt, err := a.routeTable(id)
		if err != nil {
			return err
		}
		if rt.vpcID != vpcID {
			return errInvalidParameter("The route table %s does not belong to %s.", id, vpcID)
		}
		for _, r := range rt.routes {
			if r.destinationPrefixList == pl.id && r.gatewayID != endpointID {
				return &apiError{Status: 400, Code: "RouteAlreadyExists",
					Message: fmt.Sprintf("route table %s already has a route with destination-prefix-list-id %s", id, pl.id)}
			}
		}
	}
	return nil
}

// checkInterfaceSubnets refuses subnets that do not exist, belong to another VPC, or share an
// Availability Zone: an interface endpoint has at most one network interface per zone.
func (a *account) checkInterfaceSubnets(vpcID string, subnetIDs []string) error {
	zones := map[string]string{}
	for _, id := range subnetIDs {
		s, err := a.subnet(id)
		if err != nil {
			return err
		}
		if s.vpcID != vpcID {
			return errInvalidParameter("The subnet %s does not belong to %s.", id, vpcID)
		}
		if other, dup := zones[s.zone.name]; dup {
			return &apiError{Status: 400, Code: "DuplicateSubnetsInSameZone",
				Message: fmt.Sprintf("Found another VPC endpoint subnet in the availability zone of %s (%s). VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.", id, other)}
		}
		zones[s.zone.name] = id
	}
	return nil
}

// checkSecurityGroups refuses groups that do not exist or belong to another VPC.
func (a *account) checkSecurityGroups(vpcID string, groupIDs []string) error {
	for _, id := range groupIDs {
		sg, err := a.securityGroup(id)
		if err != nil {
			return err
		}
		if sg.vpcID != vpcID {
			return errInvalidParameter("The security group %s does not belong to %s.", id, vpcID)
		}
	}
	return nil
}

// checkEndpointLimit refuses one endpoint too many in a VPC (255 gateway, 50 interface).
// Deleting and deleted endpoints do not count: the quota is on endpoints that exist.
func (a *account) checkEndpointLimit(vpcID, endpointType string) error {
	limit := 50
	if endpointType == "Gateway" {
		limit = 255
	}
	n := 0
	for _, e := range a.endpoints {
		if e.vpcID == vpcID && e.endpointType == endpointType && endpointLive(e) {
			n++
		}
	}
	if n >= limit {
		return &apiError{Status: 400, Code: "VpcEndpointLimitExceeded", Message: fmt.Sprintf("The maximum number of %s VPC endpoints (%d) has been reached for %s.", endpointType, limit, vpcID)}
	}
	return nil
}

// dedupe drops repeated ids, keeping the first occurrence.
func dedupe(ids []string) []string {
	var out []string
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
