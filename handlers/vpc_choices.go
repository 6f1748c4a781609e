package handlers

import (
	"fmt"
	"slices"

	"endpointconsole/vpc"
)

// The rules for the route tables, subnets and security groups a person ticks, checked against
// the VPC as EC2 describes it now: the Create endpoint wizard and the Manage pages both apply
// them. Each returns its first problem as a sentence, or "" when the choice is fine.

// checkRouteTablesInVPC refuses a chosen table that is not one of the VPC's tables (another
// VPC's, or deleted since the page was shown). theVPC is how the page names the VPC: "this VPC"
// in the wizard, "the endpoint's VPC" on Manage route tables.
func checkRouteTablesInVPC(chosen []string, tables []vpc.RouteTable, vpcID, theVPC string) string {
	for _, id := range chosen {
		if !slices.ContainsFunc(tables, func(rt vpc.RouteTable) bool { return rt.ID == id }) {
			return fmt.Sprintf("The route table %s is not in %s; choose tables of %s.", id, vpcID, theVPC)
		}
	}
	return ""
}

// checkSubnetChoice checks an interface endpoint's subnets: at least one, each of the VPC, and
// one per Availability Zone, since EC2 gives the endpoint one network interface per zone.
func checkSubnetChoice(chosen []string, subnets []vpc.Subnet, vpcID string) string {
	if len(chosen) == 0 {
		return "Choose a subnet in at least one Availability Zone; the endpoint gets a network interface in each."
	}
	zones := map[string]string{}
	for _, id := range chosen {
		i := slices.IndexFunc(subnets, func(s vpc.Subnet) bool { return s.ID == id })
		if i < 0 {
			return fmt.Sprintf("The subnet %s is not in %s; choose subnets of this VPC.", id, vpcID)
		}
		zone := subnets[i].AvailabilityZone
		if other, dup := zones[zone]; dup {
			return fmt.Sprintf("%s and %s are both in %s; choose one subnet per Availability Zone.", other, id, zone)
		}
		zones[zone] = id
	}
	return ""
}

// checkSecurityGroupChoice checks an interface endpoint's security groups: at least one, each
// of the VPC.
func checkSecurityGroupChoice(chosen []string, groups []vpc.SecurityGroup, vpcID string) string {
	if len(chosen) == 0 {
		return "Choose at least one security group; it controls what may reach the endpoint's network interfaces."
	}
	for _, id := range chosen {
		if !slices.ContainsFunc(groups, func(g vpc.SecurityGroup) bool { return g.ID == id }) {
			return fmt.Sprintf("The security group %s is not in %s; choose groups of this VPC.", id, vpcID)
		}
	}
	return ""
}

// fieldMessages holds the first message found for each field, so a form shows one sentence
// per input: the earliest rule broken.
type fieldMessages map[string]string

// add keeps msg for field unless the field already has one; "" (no problem) is ignored.
func (m fieldMessages) add(field, msg string) {
	if _, ok := m[field]; !ok && msg != "" {
		m[field] = msg
	}
}
