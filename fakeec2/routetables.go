package fakeec2

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

type xmlRouteTable struct {
	RouteTableID string           `xml:"routeTableId"`
	VpcID        string           `xml:"vpcId"`
	OwnerID      string           `xml:"ownerId"`
	Routes       []xmlRoute       `xml:"routeSet>item"`
	Associations []xmlAssociation `xml:"associationSet>item"`
	// PropagatingVgws is always written, empty: the fake has no virtual private gateways, and
	// EC2 sends <propagatingVgwSet/> for every table, which the SDK and the CLI read as [].
	PropagatingVgws xmlPropagatingVgws `xml:"propagatingVgwSet"`
	Tags            []tag              `xml:"tagSet>item"`
}

type xmlPropagatingVgws struct {
	Items []struct {
		GatewayID string `xml:"gatewayId"`
	} `xml:"item"`
}

type xmlRoute struct {
	DestinationCidrBlock     string `xml:"destinationCidrBlock,omitempty"`
	DestinationIpv6CidrBlock string `xml:"destinationIpv6CidrBlock,omitempty"`
	DestinationPrefixListID  string `xml:"destinationPrefixListId,omitempty"`
	GatewayID                string `xml:"gatewayId,omitempty"`
	NatGatewayID             string `xml:"natGatewayId,omitempty"`
	State                    string `xml:"state"`
	Origin                   string `xml:"origin"`
}

type xmlAssociation struct {
	RouteTableAssociationID string `xml:"routeTableAssociationId"`
	RouteTableID            string `xml:"routeTableId"`
	SubnetID                string `xml:"subnetId,omitempty"`
	GatewayID               string `xml:"gatewayId,omitempty"`
	Main                    bool   `xml:"main"`
	State                   string `xml:"associationState>state"`
}

type describeRouteTablesResult struct {
	responseMeta
	RouteTables []xmlRouteTable `xml:"routeTableSet>item"`
	NextToken   string          `xml:"nextToken,omitempty"`
}

type createRouteTableResult struct {
	responseMeta
	RouteTable xmlRouteTable `xml:"routeTable"`
}

func (a *account) routeTableXML(rt *routeTable) xmlRouteTable {
	out := xmlRouteTable{RouteTableID: rt.id, VpcID: rt.vpcID, OwnerID: a.owner, Tags: rt.tags.sorted()}
	for _, r := range rt.routes {
		out.Routes = append(out.Routes, xmlRoute{
			DestinationCidrBlock: r.destinationCIDR, DestinationIpv6CidrBlock: r.destinationIPv6CIDR,
			DestinationPrefixListID: r.destinationPrefixList, GatewayID: r.gatewayID, NatGatewayID: r.natGatewayID,
			State: a.routeState(r), Origin: r.origin,
		})
	}
	for _, as := range rt.assocs {
		out.Associations = append(out.Associations, xmlAssociation{
			RouteTableAssociationID: as.id, RouteTableID: rt.id, SubnetID: as.subnetID, GatewayID: as.gatewayID, Main: as.main, State: "associated",
		})
	}
	return out
}

// routeState is blackhole when the route's target has gone (a deleted NAT gateway, a detached
// internet gateway), as EC2 reports it.
func (a *account) routeState(r route) string {
	switch {
	case r.natGatewayID != "":
		if _, ok := a.nats[r.natGatewayID]; !ok {
			return "blackhole"
		}
	case strings.HasPrefix(r.gatewayID, "igw-"):
		if igw, ok := a.igws[r.gatewayID]; !ok || igw.vpcID == "" {
			return "blackhole"
		}
	}
	return "active"
}

func routeTableFilters(a *account, rt *routeTable) filterValues {
	return func(name string) ([]string, bool) {
		var out []string
		switch name {
		case "route-table-id":
			return []string{rt.id}, true
		case "vpc-id":
			return []string{rt.vpcID}, true
		case "owner-id":
			return []string{a.owner}, true
		case "association.main":
			// One value per association, as EC2 matches it: a table with no association
			// matches neither true nor false.
			for _, as := range rt.assocs {
				out = append(out, boolString(as.main))
			}
			return out, true
		case "association.subnet-id", "association.gateway-id", "association.route-table-association-id", "association.route-table-id":
			for _, as := range rt.assocs {
				switch name {
				case "association.subnet-id":
					if as.subnetID != "" {
						out = append(out, as.subnetID)
					}
				case "association.gateway-id":
					if as.gatewayID != "" {
						out = append(out, as.gatewayID)
					}
				case "association.route-table-association-id":
					out = append(out, as.id)
				default:
					out = append(out, rt.id)
				}
			}
			return out, true
		case "route.egress-only-internet-gateway-id", "route.instance-id", "route.transit-gateway-id", "route.vpc-peering-connection-id":
			// Filters on targets the fake does not model: no route can have one.
			return nil, true
		case "route.destination-cidr-block", "route.destination-ipv6-cidr-block", "route.destination-prefix-list-id",
			"route.gateway-id", "route.nat-gateway-id", "route.origin", "route.state":
			for _, r := range rt.routes {
				if v := routeField(a, r, strings.TrimPrefix(name, "route.")); v != "" {
					out = append(out, v)
				}
			}
			return out, true
		}
		return nil, false
	}
}

func routeField(a *account, r route, field string) string {
	switch field {
	case "destination-cidr-block":
		return r.destinationCIDR
	case "destination-ipv6-cidr-block":
		return r.destinationIPv6CIDR
	case "destination-prefix-list-id":
		return r.destinationPrefixList
	case "gateway-id":
		return r.gatewayID
	case "nat-gateway-id":
		return r.natGatewayID
	case "origin":
		return r.origin
	case "state":
		return a.routeState(r)
	}
	return ""
}

func (a *account) describeRouteTables(p params) (result, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	page, next, err := describe(a, p, p.list("RouteTableId"), resourceKind[*routeTable]{
		action: "DescribeRouteTables", all: a.routeTables, limits: limits5to100,
		notFound: routeTableNotFound.of,
		id:       func(rt *routeTable) string { return rt.id }, tags: func(rt *routeTable) tagList { return rt.tags },
		filters: func(rt *routeTable) filterValues { return routeTableFilters(a, rt) },
	})
	if err != nil {
		return nil, err
	}
	res := &describeRouteTablesResult{NextToken: next}
	for _, rt := range page {
		res.RouteTables = append(res.RouteTables, a.routeTableXML(rt))
	}
	return res, nil
}

// addRouteTable creates a table in v holding only the local route, as EC2 does.
func (a *account) addRouteTable(v *vpc) *routeTable {
	rt := &routeTable{id: a.newID("rtb"), vpcID: v.id, routes: []route{
		{destinationCIDR: v.cidr, gatewayID: "local", origin: "CreateRouteTable", state: "active"},
	}}
	a.routeTables[rt.id] = rt
	return rt
}

func (a *account) createRouteTable(p params) (result, error) {
	vpcID := p.str("VpcId")
	return a.write(p, opening{required: []string{"VpcId"}, tagsFor: "route-table"}, func(in opened) (change, error) {
		v, err := a.vpc(vpcID)
		if err != nil {
			return nil, err
		}
		return func() result {
			rt := a.addRouteTable(v)
			rt.tags = in.tags
			return &createRouteTableResult{RouteTable: a.routeTableXML(rt)}
		}, nil
	})
}

// explicitRouteTable is the table a subnet is explicitly associated with, or nil when it uses
// its VPC's main table implicitly.
func (a *account) explicitRouteTable(subnetID string) *routeTable {
	for _, rt := range a.routeTables {
		for _, as := range rt.assocs {
			if as.subnetID == subnetID {
				return rt
			}
		}
	}
	return nil
}

// routeRequest reads the destination and target of CreateRoute / DeleteRoute.
func routeRequest(p params) route {
	return route{
		destinationCIDR:       p.str("DestinationCidrBlock"),
		destinationIPv6CIDR:   p.str("DestinationIpv6CidrBlock"),
		destinationPrefixList: p.str("DestinationPrefixListId"),
		gatewayID:             p.str("GatewayId"),
		natGatewayID:          p.str("NatGatewayId"),
	}
}

// unmodelledTarget is a route target the fake has no resources for: instances, network
// interfaces, peering connections, egress-only, transit, carrier and local gateways.
type unmodelledTarget struct {
	param    string
	notFound notFoundError
}

// unmodelledTargets are CreateRoute's targets the account cannot hold, with the NotFound EC2
// answers for an unknown id of each kind: the codes are from EC2's API error-code list, the
// transit gateway's message from CreateRoute errors in public Terraform and CDK reports.
// InvalidLocalGatewayID.NotFound is not in that list; it is taken from public EC2 emulators.
var unmodelledTargets = []unmodelledTarget{
	{"InstanceId", notFoundError{"InvalidInstanceID.NotFound", "instance ID"}},
	{"NetworkInterfaceId", notFoundError{"InvalidNetworkInterfaceID.NotFound", "networkInterface ID"}},
	{"VpcPeeringConnectionId", notFoundError{"InvalidVpcPeeringConnectionID.NotFound", "vpcPeeringConnection ID"}},
	{"EgressOnlyInternetGatewayId", notFoundError{"InvalidEgressOnlyInternetGatewayId.NotFound", "egressOnlyInternetGateway ID"}},
	{"TransitGatewayId", notFoundError{"InvalidTransitGatewayID.NotFound", "transitGateway ID"}},
	{"CarrierGatewayId", notFoundError{"InvalidCarrierGatewayID.NotFound", "carrierGateway ID"}},
	{"LocalGatewayId", notFoundError{"InvalidLocalGatewayID.NotFound", "localGateway ID"}},
}

const unmodelledTargetNames = "instanceId, networkInterfaceId, vpcPeeringConnectionId, egressOnlyInternetGatewayId, transitGatewayId, carrierGatewayId, localGatewayId"

// unmodelledTargetsOf returns the unknown-id errors of the unmodelled targets a request names.
func unmodelledTargetsOf(p params) []error {
	var out []error
	for _, t := range unmodelledTargets {
		if id := p.str(t.param); id != "" {
			out = append(out, t.notFound.of(id))
		}
	}
	return out
}

func (a *account) createRoute(p params) (result, error) {
	rtID, r := p.str("RouteTableId"), routeRequest(p)
	unmodelled := unmodelledTargetsOf(p)
	checkParams := func() error {
		if err := canonicalRouteDestination(&r); err != nil {
			return err
		}
		if p.str("VpcEndpointId") != "" || strings.HasPrefix(r.gatewayID, "vpce-") {
			// Gateway endpoint routes belong to the endpoint: they are made by associating the
			// route table with it (CreateVpcEndpoint / ModifyVpcEndpoint), never by CreateRoute.
			return errInvalidParameterValue("Route table routes to a gateway VPC endpoint cannot be created directly. Associate the route table with the endpoint instead.")
		}
		targets := len(unmodelled)
		for _, id := range []string{r.gatewayID, r.natGatewayID} {
			if id != "" {
				targets++
			}
		}
		if targets != 1 {
			return &apiError{Status: 400, Code: "InvalidParameterCombination", Message: "The request must contain exactly one of gatewayId, natGatewayId, " + unmodelledTargetNames}
		}
		return nil
	}
	return a.write(p, opening{required: []string{"RouteTableId"}, checkParams: checkParams}, func(opened) (change, error) {
		rt, err := a.routeTable(rtID)
		if err != nil {
			return nil, err
		}
		if len(unmodelled) > 0 {
			// The account holds none of these, so any id is unknown to it.
			return nil, unmodelled[0]
		}
		if err := a.checkRouteTarget(rt, r); err != nil {
			return nil, err
		}
		if r.destinationPrefixList != "" {
			if _, err := a.prefixList(r.destinationPrefixList); err != nil {
				return nil, err
			}
		}
		for _, existing := range rt.routes {
			if existing.destination() == r.destination() {
				return nil, &apiError{Status: 400, Code: "RouteAlreadyExists", Message: fmt.Sprintf("The route identified by %s already exists.", r.destination())}
			}
		}
		return func() result {
			r.origin, r.state = "CreateRoute", "active"
			rt.routes = append(rt.routes, r)
			return &returnResult{Return: true}
		}, nil
	})
}

// canonicalRouteDestination checks that a route names exactly one destination and turns an IPv4
// CIDR into its canonical form, as EC2 does: the model's CreateRoute.DestinationCidrBlock says
// "We modify the specified CIDR block to its canonical form; for example, if you specify
// 100.68.0.18/18, we modify it to 100.68.0.0/18". DeleteRoute's CIDR "must match the CIDR for
// the route exactly", so it is read the same way and matches the canonical route. The model
// says nothing of the kind for DestinationIpv6CidrBlock, which must be canonical already.
func canonicalRouteDestination(r *route) error {
	set := 0
	for _, d := range []string{r.destinationCIDR, r.destinationIPv6CIDR, r.destinationPrefixList} {
		if d != "" {
			set++
		}
	}
	if set != 1 {
		return &apiError{Status: 400, Code: "InvalidParameterCombination", Message: "The request must contain exactly one of destinationCidrBlock, destinationIpv6CidrBlock, destinationPrefixListId"}
	}
	if c := r.destinationCIDR; c != "" {
		prefix, err := netip.ParsePrefix(c)
		if err != nil || !prefix.Addr().Is4() {
			return errInvalidParameterValue("Value (%s) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.", c)
		}
		r.destinationCIDR = prefix.Masked().String()
	}
	if c := r.destinationIPv6CIDR; c != "" {
		if prefix, err := netip.ParsePrefix(c); err != nil || !prefix.Addr().Is6() || prefix.Masked() != prefix {
			return errInvalidParameterValue("Value (%s) for parameter destinationIpv6CidrBlock is invalid. This is not a valid IPv6 CIDR block.", c)
		}
	}
	return nil
}

// checkRouteTarget refuses a target that does not exist or does not serve the table's VPC.
func (a *account) checkRouteTarget(rt *routeTable, r route) error {
	switch {
	case r.natGatewayID != "":
		n, err := a.natGateway(r.natGatewayID)
		if err != nil {
			return err
		}
		if n.vpcID != rt.vpcID {
			return errInvalidParameterValue("route table %s and network gateway %s belong to different networks", rt.id, n.id)
		}
	case r.gatewayID == "local":
		return errInvalidParameterValue("Value (local) for parameter gatewayId is invalid. The local route is created with the route table.")
	case strings.HasPrefix(r.gatewayID, "igw-"):
		igw, err := a.internetGateway(r.gatewayID)
		if err != nil {
			return err
		}
		if igw.vpcID != rt.vpcID {
			return errInvalidParameterValue("route table %s and network gateway %s belong to different networks", rt.id, igw.id)
		}
	default:
		// EC2 answers this for a GatewayId it holds no gateway for, whatever its prefix
		// (public CLI transcripts show it for nat-… and eni-… ids given as GatewayId).
		return &apiError{Status: 400, Code: "InvalidGatewayID.NotFound", Message: fmt.Sprintf("The gateway ID '%s' does not exist", r.gatewayID)}
	}
	return nil
}

func (a *account) deleteRoute(p params) (result, error) {
	rtID, want := p.str("RouteTableId"), routeRequest(p)
	checkParams := func() error { return canonicalRouteDestination(&want) }
	return a.write(p, opening{required: []string{"RouteTableId"}, checkParams: checkParams}, func(opened) (change, error) {
		rt, err := a.routeTable(rtID)
		if err != nil {
			return nil, err
		}
		i := slices.IndexFunc(rt.routes, func(r route) bool { return r.destination() == want.destination() })
		if i < 0 {
			return nil, &apiError{Status: 400, Code: "InvalidRoute.NotFound", Message: fmt.Sprintf("no route with destination-cidr-block %s in route table %s", want.destination(), rtID)}
		}
		switch r := rt.routes[i]; {
		case r.gatewayID == "local":
			return nil, &apiError{Status: 400, Code: "InvalidParameterValue", Message: fmt.Sprintf("cannot remove local route %s in route table %s", r.destination(), rtID)}
		case strings.HasPrefix(r.gatewayID, "vpce-"):
			// EC2 keeps endpoint routes under the endpoint's control.
			return nil, &apiError{Status: 400, Code: "InvalidParameterValue", Message: fmt.Sprintf("Route %s in route table %s is managed by VPC endpoint %s; modify the endpoint's route tables instead.", r.destination(), rtID, r.gatewayID)}
		}
		return func() result {
			rt.routes = append(rt.routes[:i:i], rt.routes[i+1:]...)
			return &returnResult{Return: true}
		}, nil
	})
}
