package fakeec2

import (
	"fmt"
	"strings"
)

// Finding one resource by id, and EC2's answer when there is none: one lookup and one
// "<Kind>.NotFound" error per kind of resource. The caller holds the account lock.

// notFoundError is one kind's "<Kind>.NotFound" answer: "The <noun> '<id>' does not exist".
type notFoundError struct{ code, noun string }

func (k notFoundError) of(id string) error { return errNotFound(k.code, k.noun, id) }

var (
	vpcNotFound             = notFoundError{"InvalidVpcID.NotFound", "vpc ID"}
	subnetNotFound          = notFoundError{"InvalidSubnetID.NotFound", "subnet ID"}
	routeTableNotFound      = notFoundError{"InvalidRouteTableID.NotFound", "routeTable ID"}
	internetGatewayNotFound = notFoundError{"InvalidInternetGatewayID.NotFound", "internetGateway ID"}
	// natGatewayNotFound answers actions that name a NAT gateway as a route target;
	// DescribeNatGateways answers its own NatGatewayNotFound.
	natGatewayNotFound    = notFoundError{"InvalidNatGatewayID.NotFound", "natGateway ID"}
	allocationNotFound    = notFoundError{"InvalidAllocationID.NotFound", "allocation ID"}
	securityGroupNotFound = notFoundError{"InvalidGroup.NotFound", "security group"}
	endpointNotFound      = notFoundError{"InvalidVpcEndpointId.NotFound", "Vpc Endpoint Id"}
	prefixListNotFound    = notFoundError{"InvalidPrefixListID.NotFound", "prefix list ID"}
)

// lookup finds id in one of the account's resource maps, or answers notFound.
func lookup[V any](all map[string]V, id string, notFound notFoundError) (V, error) {
	v, ok := all[id]
	if !ok {
		var zero V
		return zero, notFound.of(id)
	}
	return v, nil
}

func (a *account) vpc(id string) (*vpc, error) { return lookup(a.vpcs, id, vpcNotFound) }

func (a *account) subnet(id string) (*subnet, error) {
	return lookup(a.subnets, id, subnetNotFound)
}

func (a *account) routeTable(id string) (*routeTable, error) {
	return lookup(a.routeTables, id, routeTableNotFound)
}

func (a *account) internetGateway(id string) (*internetGateway, error) {
	return lookup(a.igws, id, internetGatewayNotFound)
}

func (a *account) natGateway(id string) (*natGateway, error) {
	return lookup(a.nats, id, natGatewayNotFound)
}

func (a *account) address(allocationID string) (*address, error) {
	return lookup(a.addresses, allocationID, allocationNotFound)
}

func (a *account) securityGroup(id string) (*securityGroup, error) {
	return lookup(a.securityGroups, id, securityGroupNotFound)
}

func (a *account) endpoint(id string) (*vpcEndpoint, error) {
	if e, ok := a.endpoints[id]; ok && !a.endpointGone(e) {
		return e, nil
	}
	return nil, endpointIDError(id)
}

// endpointIDError is EC2's answer for an endpoint id the account does not hold:
// InvalidVpcEndpointId.Malformed when it is not in the form vpce-<lowercase letters and digits>,
// with EC2's wording (as public Terraform reports quote it), else InvalidVpcEndpointId.NotFound.
func endpointIDError(id string) error {
	if !wellFormedID(id, "vpce") {
		return &apiError{Status: 400, Code: "InvalidVpcEndpointId.Malformed",
			Message: fmt.Sprintf("Invalid Id: '%s' (expecting 'vpce-...; the Id may only contain lowercase alphanumeric characters and a single dash')", id)}
	}
	return endpointNotFound.of(id)
}

// wellFormedID reports whether id is prefix, a dash and at least one lowercase letter or digit.
func wellFormedID(id, prefix string) bool {
	rest, ok := strings.CutPrefix(id, prefix+"-")
	if !ok || rest == "" {
		return false
	}
	for _, r := range rest {
		if !('a' <= r && r <= 'z' || '0' <= r && r <= '9') {
			return false
		}
	}
	return true
}

func (a *account) prefixList(id string) (prefixList, error) {
	pl, ok := a.prefixListByID(id)
	if !ok {
		return prefixList{}, prefixListNotFound.of(id)
	}
	return pl, nil
}

// notFoundByPrefix maps an id's prefix to its kind's NotFound error, for the actions that take
// an id of any kind (CreateTags, DeleteTags).
var notFoundByPrefix = map[string]notFoundError{
	"vpc":      vpcNotFound,
	"subnet":   subnetNotFound,
	"rtb":      routeTableNotFound,
	"igw":      internetGatewayNotFound,
	"nat":      natGatewayNotFound,
	"eipalloc": allocationNotFound,
	"sg":       securityGroupNotFound,
	"vpce":     endpointNotFound,
}

func errResourceNotFound(id string) error {
	prefix, _, _ := strings.Cut(id, "-")
	if notFound, ok := notFoundByPrefix[prefix]; ok {
		return notFound.of(id)
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
	if v, ok := a.endpoints[id]; ok && !a.endpointGone(v) {
		return &v.tags, nil
	}
	return nil, errResourceNotFound(id)
}
