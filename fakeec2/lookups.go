package fakeec2

import "strings"

// Finding one resource by id, and EC2's answer when there is none: one lookup and one
// "<Kind>.NotFound" error per kind of resource. The caller holds the account lock.

func errVpcNotFound(id string) error { return errNotFound("InvalidVpcID.NotFound", "vpc ID", id) }

func errSubnetNotFound(id string) error {
	return errNotFound("InvalidSubnetID.NotFound", "subnet ID", id)
}

func errRouteTableNotFound(id string) error {
	return errNotFound("InvalidRouteTableID.NotFound", "routeTable ID", id)
}

func errInternetGatewayNotFound(id string) error {
	return errNotFound("InvalidInternetGatewayID.NotFound", "internetGateway ID", id)
}

// errNatGatewayNotFound is the answer of actions that name a NAT gateway as a target;
// DescribeNatGateways answers its own NatGatewayNotFound.
func errNatGatewayNotFound(id string) error {
	return errNotFound("InvalidNatGatewayID.NotFound", "natGateway ID", id)
}

func errAllocationNotFound(id string) error {
	return errNotFound("InvalidAllocationID.NotFound", "allocation ID", id)
}

func errSecurityGroupNotFound(id string) error {
	return errNotFound("InvalidGroup.NotFound", "security group", id)
}

func errEndpointNotFound(id string) error {
	return errNotFound("InvalidVpcEndpointId.NotFound", "Vpc Endpoint Id", id)
}

func errPrefixListNotFound(id string) error {
	return errNotFound("InvalidPrefixListID.NotFound", "prefix list ID", id)
}

// lookup finds id in one of the account's resource maps, or answers notFound.
func lookup[V any](all map[string]V, id string, notFound func(id string) error) (V, error) {
	v, ok := all[id]
	if !ok {
		var zero V
		return zero, notFound(id)
	}
	return v, nil
}

func (a *account) vpc(id string) (*vpc, error) { return lookup(a.vpcs, id, errVpcNotFound) }

func (a *account) subnet(id string) (*subnet, error) {
	return lookup(a.subnets, id, errSubnetNotFound)
}

func (a *account) routeTable(id string) (*routeTable, error) {
	return lookup(a.routeTables, id, errRouteTableNotFound)
}

func (a *account) internetGateway(id string) (*internetGateway, error) {
	return lookup(a.igws, id, errInternetGatewayNotFound)
}

func (a *account) natGateway(id string) (*natGateway, error) {
	return lookup(a.nats, id, errNatGatewayNotFound)
}

func (a *account) address(allocationID string) (*address, error) {
	return lookup(a.addresses, allocationID, errAllocationNotFound)
}

func (a *account) securityGroup(id string) (*securityGroup, error) {
	return lookup(a.securityGroups, id, errSecurityGroupNotFound)
}

func (a *account) endpoint(id string) (*vpcEndpoint, error) {
	return lookup(a.endpoints, id, errEndpointNotFound)
}

func (a *account) prefixList(id string) (prefixList, error) {
	pl, ok := a.prefixListByID(id)
	if !ok {
		return prefixList{}, errPrefixListNotFound(id)
	}
	return pl, nil
}

// notFoundByPrefix maps an id's prefix to its kind's NotFound error, for the actions that take
// an id of any kind (CreateTags, DeleteTags).
var notFoundByPrefix = map[string]func(id string) error{
	"vpc":      errVpcNotFound,
	"subnet":   errSubnetNotFound,
	"rtb":      errRouteTableNotFound,
	"igw":      errInternetGatewayNotFound,
	"nat":      errNatGatewayNotFound,
	"eipalloc": errAllocationNotFound,
	"sg":       errSecurityGroupNotFound,
	"vpce":     errEndpointNotFound,
}

func errResourceNotFound(id string) error {
	prefix, _, _ := strings.Cut(id, "-")
	if notFound, ok := notFoundByPrefix[prefix]; ok {
		return notFound(id)
	}
	return &apiError{Status: 400, Code: "InvalidID", Message: "The ID '" + id + "' is not valid"}
}

// taggable finds the tag list of a resource of any kind by id, for CreateTags and DeleteTags.
func (a *account) taggable(id string) (*tagList, error) {
	if v, ok := a.vpcs[id]; ok {
		return &v.tags, nil
	}
	if v, ok := a.subnets[id]; ok {
		return &v.tags, nil
	}
	if v, ok := a.routeTables[id]; ok {
		return &v.tags, nil
	}
	if v, ok := a.igws[id]; ok {
		return &v.tags, nil
	}
	if v, ok := a.nats[id]; ok {
		return &v.tags, nil
	}
	if v, ok := a.addresses[id]; ok {
		return &v.tags, nil
	}
	if v, ok := a.securityGroups[id]; ok {
		return &v.tags, nil
	}
	if v, ok := a.endpoints[id]; ok {
		return &v.tags, nil
	}
	return nil, errResourceNotFound(id)
}
