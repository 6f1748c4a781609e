package fakeec2

import "strings"

// routes is the table of every EC2 action the fake answers in the Region of account a. Anything
// else is InvalidAction. The reads (Describe*, Get*) answer DryRun as the writes do.
func (s *Server) routes(a *account) map[string]action {
	actions := map[string]action{
		// The same answer in every Region: the Regions the account can use.
		"DescribeRegions": s.describeRegions,

		// Account building: what the demo seeding replays.
		"CreateVpc":                    a.createVpc,
		"CreateSubnet":                 a.createSubnet,
		"CreateRouteTable":             a.createRouteTable,
		"AssociateRouteTable":          a.associateRouteTable,
		"DisassociateRouteTable":       a.disassociateRouteTable,
		"ReplaceRouteTableAssociation": a.replaceRouteTableAssociation,
		"CreateRoute":                  a.createRoute,
		"DeleteRoute":                  a.deleteRoute,
		"CreateInternetGateway":        a.createInternetGateway,
		"AttachInternetGateway":        a.attachInternetGateway,
		"AllocateAddress":              a.allocateAddress,
		"CreateNatGateway":             a.createNatGateway,
		"CreateSecurityGroup":          a.createSecurityGroup,

		// Reads.
		"DescribeVpcs":                a.describeVpcs,
		"DescribeSubnets":             a.describeSubnets,
		"DescribeRouteTables":         a.describeRouteTables,
		"DescribeInternetGateways":    a.describeInternetGateways,
		"DescribeAddresses":           a.describeAddresses,
		"DescribeNatGateways":         a.describeNatGateways,
		"DescribeSecurityGroups":      a.describeSecurityGroups,
		"DescribeAvailabilityZones":   a.describeAvailabilityZones,
		"DescribePrefixLists":         a.describePrefixLists,
		"DescribeManagedPrefixLists":  a.describeManagedPrefixLists,
		"GetManagedPrefixListEntries": a.getManagedPrefixListEntries,

		// VPC endpoints.
		"DescribeVpcEndpointServices": a.describeVpcEndpointServices,
		"DescribeVpcEndpoints":        a.describeVpcEndpoints,
		"CreateVpcEndpoint":           a.createVpcEndpoint,
		"ModifyVpcEndpoint":           a.modifyVpcEndpoint,
		"DeleteVpcEndpoints":          a.deleteVpcEndpoints,

		// Tags on any resource.
		"CreateTags": a.createTags,
		"DeleteTags": a.deleteTags,
	}
	for name, act := range actions {
		if strings.HasPrefix(name, "Describe") || strings.HasPrefix(name, "Get") {
			actions[name] = dryRunRead(act)
		}
	}
	return actions
}

// dryRunRead makes a read answer DryRun=true as EC2 does: the request is checked — a malformed
// DryRun, a bad filter, an unknown id are refused as without it — and what would have succeeded
// answers DryRunOperation (HTTP 412) instead of the page. Every EC2 read takes DryRun.
func dryRunRead(read action) action {
	return func(p params) (result, error) {
		dry, err := p.dryRun()
		if err != nil {
			return nil, err
		}
		res, err := read(p)
		if err == nil && dry {
			return nil, errDryRun
		}
		return res, err
	}
}
