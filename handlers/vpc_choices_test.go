package handlers

import (
	"testing"

	"endpointconsole/vpc"
)

// The wizard and the Manage pages share these rules; the sentences are the pages' own, so they
// are pinned word for word.
func TestVPCChoiceChecks(t *testing.T) {
	d := testWizardData()
	for _, tt := range []struct {
		name string
		got  string
		want string
	}{
		{"tables of the VPC", checkRouteTablesInVPC([]string{"rtb-main", "rtb-private"}, d.routeTables, "vpc-1", "this VPC"), ""},
		{"no table is fine here (the wizard asks for one itself)", checkRouteTablesInVPC(nil, d.routeTables, "vpc-1", "this VPC"), ""},
		{"wizard: a table of another VPC", checkRouteTablesInVPC([]string{"rtb-main", "rtb-x", "rtb-y"}, d.routeTables, "vpc-1", "this VPC"),
			"The route table rtb-x is not in vpc-1; choose tables of this VPC."},
		{"Manage: a table of another VPC", checkRouteTablesInVPC([]string{"rtb-x"}, d.routeTables, "vpc-1", "the endpoint's VPC"),
			"The route table rtb-x is not in vpc-1; choose tables of the endpoint's VPC."},
		{"a subnet per zone", checkSubnetChoice([]string{"subnet-a", "subnet-b"}, d.subnets, "vpc-1"), ""},
		{"no subnet", checkSubnetChoice(nil, d.subnets, "vpc-1"),
			"Choose a subnet in at least one Availability Zone; the endpoint gets a network interface in each."},
		{"a subnet of another VPC", checkSubnetChoice([]string{"subnet-x", "subnet-a"}, d.subnets, "vpc-1"),
			"The subnet subnet-x is not in vpc-1; choose subnets of this VPC."},
		{"two subnets in one zone", checkSubnetChoice([]string{"subnet-a", "subnet-a2"}, d.subnets, "vpc-1"),
			"subnet-a and subnet-a2 are both in us-east-1a; choose one subnet per Availability Zone."},
		{"a group of the VPC", checkSecurityGroupChoice([]string{"sg-default"}, d.groups, "vpc-1"), ""},
		{"no group", checkSecurityGroupChoice(nil, d.groups, "vpc-1"),
			"Choose at least one security group; it controls what may reach the endpoint's network interfaces."},
		{"a group of another VPC", checkSecurityGroupChoice([]string{"sg-x"}, d.groups, "vpc-1"),
			"The security group sg-x is not in vpc-1; choose groups of this VPC."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestFieldMessagesKeepTheFirst(t *testing.T) {
	m := fieldMessages{}
	m.add(vpc.FieldSubnets, "")
	m.add(vpc.FieldSubnets, "first")
	m.add(vpc.FieldSubnets, "second")
	if len(m) != 1 || m[vpc.FieldSubnets] != "first" {
		t.Errorf("messages = %v, want subnets: first", m)
	}
}
