package fakeec2

import "slices"

// endpointChange is a ModifyVpcEndpoint call as read from the wire.
type endpointChange struct {
	addTables, removeTables   []string
	addSubnets, removeSubnets []string
	addGroups, removeGroups   []string
	policy                    string
	hasPolicy, resetPolicy    bool
	privateDNS                *bool
}

func readEndpointChange(p params) (endpointChange, error) {
	c := endpointChange{
		addTables: dedupe(p.list("AddRouteTableId")), removeTables: dedupe(p.list("RemoveRouteTableId")),
		addSubnets: dedupe(p.list("AddSubnetId")), removeSubnets: dedupe(p.list("RemoveSubnetId")),
		addGroups: dedupe(p.list("AddSecurityGroupId")), removeGroups: dedupe(p.list("RemoveSecurityGroupId")),
		policy: p.str("PolicyDocument"), hasPolicy: p.has("PolicyDocument"),
	}
	var err error
	if c.resetPolicy, err = p.bool("ResetPolicy", false); err != nil {
		return c, err
	}
	if p.has("PrivateDnsEnabled") {
		v, err := p.bool("PrivateDnsEnabled", false)
		if err != nil {
			return c, err
		}
		c.privateDNS = &v
	}
	if c.hasPolicy && c.resetPolicy {
		return c, &apiError{Status: 400, Code: "InvalidParameterCombination", Message: "PolicyDocument and ResetPolicy cannot be used together."}
	}
	if c.hasPolicy {
		if err := validatePolicy(c.policy); err != nil {
			return c, err
		}
	}
	for _, pair := range [][2][]string{{c.addTables, c.removeTables}, {c.addSubnets, c.removeSubnets}, {c.addGroups, c.removeGroups}} {
		for _, id := range pair[0] {
			if slices.Contains(pair[1], id) {
				return c, errInvalidParameter("%s cannot be both added and removed in one request.", id)
			}
		}
	}
	return c, nil
}

func (a *account) modifyVpcEndpoint(p params) (result, error) {
	var c endpointChange
	return a.write(p, opening{
		required:    []string{"VpcEndpointId"},
		checkParams: func() (err error) { c, err = readEndpointChange(p); return err },
	}, func(opened) (change, error) {
		e, err := a.liveEndpoint(p.str("VpcEndpointId"))
		if err != nil {
			return nil, err
		}
		if err := a.checkEndpointChange(e, c); err != nil {
			return nil, err
		}
		return func() result {
			a.applyEndpointChange(e, c)
			return &returnResult{Return: true}
		}, nil
	})
}

// checkEndpointChange applies EC2's rules to a change before any of it is made, so a refused
// change leaves the endpoint and its routes as they were.
func (a *account) checkEndpointChange(e *vpcEndpoint, c endpointChange) error {
	svc, _ := a.service(e.serviceName, e.endpointType)
	if (c.hasPolicy || c.resetPolicy) && !svc.policySupported {
		return errInvalidParameter("The VPC endpoint service %s does not support policies.", e.serviceName)
	}
	if e.endpointType == "Gateway" {
		if len(c.addSubnets)+len(c.removeSubnets)+len(c.addGroups)+len(c.removeGroups) > 0 || c.privateDNS != nil {
			return errInvalidParameter("Subnets, security groups and private DNS are only supported for Interface type VPC Endpoint")
		}
		added := without(c.addTables, e.routeTableIDs)
		if err := a.checkGatewayRouteTables(e.vpcID, e.serviceName, e.id, added); err != nil {
			return err
		}
		for _, id := range c.removeTables {
			if _, err := a.routeTable(id); err != nil {
				return err
			}
		}
		return nil
	}
	if len(c.addTables)+len(c.removeTables) > 0 {
		return errInvalidParameter("Route table IDs are only supported for Gateway type VPC Endpoint")
	}
	subnets := append(without(e.subnetIDs, c.removeSubnets), without(c.addSubnets, e.subnetIDs)...)
	if err := a.checkInterfaceSubnets(e.vpcID, subnets); err != nil {
		return err
	}
	groups := append(without(e.groupIDs, c.removeGroups), without(c.addGroups, e.groupIDs)...)
	if len(groups) == 0 {
		return errInvalidParameter("An Interface VPC endpoint must have at least one security group.")
	}
	if err := a.checkSecurityGroups(e.vpcID, groups); err != nil {
		return err
	}
	if c.privateDNS != nil && *c.privateDNS && svc.privateDNSName == "" {
		return errInvalidParameter("Private DNS can't be enabled because the service %s does not provide a private DNS name.", e.serviceName)
	}
	return nil
}

// applyEndpointChange makes a checked change: route tables gain or lose the endpoint's route,
// subnets gain or lose its network interface.
func (a *account) applyEndpointChange(e *vpcEndpoint, c endpointChange) {
	added := without(c.addTables, e.routeTableIDs)
	removed := intersect(c.removeTables, e.routeTableIDs)
	a.addEndpointRoutes(e, added)
	a.removeEndpointRoutes(e, removed)
	e.routeTableIDs = append(without(e.routeTableIDs, removed), added...)

	for _, id := range intersect(c.removeSubnets, e.subnetIDs) {
		i := slices.Index(e.subnetIDs, id)
		e.subnetIDs = slices.Delete(e.subnetIDs, i, i+1)
		e.networkInterfaces = slices.Delete(e.networkInterfaces, i, i+1)
	}
	for _, id := range without(c.addSubnets, e.subnetIDs) {
		e.subnetIDs = append(e.subnetIDs, id)
		e.networkInterfaces = append(e.networkInterfaces, a.newID("eni"))
	}
	e.groupIDs = append(without(e.groupIDs, c.removeGroups), without(c.addGroups, e.groupIDs)...)
	switch {
	case c.resetPolicy:
		e.policy = defaultEndpointPolicy
	case c.hasPolicy:
		e.policy = c.policy
	}
	if c.privateDNS != nil {
		e.privateDNS = *c.privateDNS
	}
}

// without returns the ids of list that are not in drop.
func without(list, drop []string) []string {
	var out []string
	for _, id := range list {
		if !slices.Contains(drop, id) {
			out = append(out, id)
		}
	}
	return out
}

// intersect returns the ids of list that are also in keep.
func intersect(list, keep []string) []string {
	var out []string
	for _, id := range list {
		if slices.Contains(keep, id) {
			out = append(out, id)
		}
	}
	return out
}
