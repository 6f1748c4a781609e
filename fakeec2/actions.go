package fakeec2

// routes is the table of every EC2 action the fake answers. Anything else is InvalidAction.
func (s *Server) routes() map[string]action {
	a := s.account
	return map[string]action{
		// Account building: what the demo seeding replays.
		"CreateVpc":             a.createVpc,
		"CreateSubnet":          a.createSubnet,
		"CreateRouteTable":      a.createRouteTable,
		"AssociateRouteTable":   a.associateRouteTable,
		"CreateRoute":           a.createRoute,
		"DeleteRoute":           a.deleteRoute,
		"CreateInternetGateway": a.createInternetGateway,
		"AttachInternetGateway": a.attachInternetGateway,
		"AllocateAddress":       a.allocateAddress,
		"CreateNatGateway":      a.createNatGateway,
		"CreateSecurityGroup":   a.createSecurityGroup,

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
}
