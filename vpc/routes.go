package vpc

import (
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TargetKind classifies where a route sends traffic, so pages can explain a
// path ("through the NAT gateway") without parsing IDs.
type TargetKind string

// Route target kinds.
const (
	TargetLocal           TargetKind = "local"
	TargetInternetGateway TargetKind = "internet-gateway"
	TargetNATGateway      TargetKind = "nat-gateway"
	TargetGatewayEndpoint TargetKind = "gateway-endpoint"
	TargetOther           TargetKind = "other"
)

// Route is one route of a route table. Exactly one destination is set.
// DestinationPrefixList is resolved from DescribePrefixLists when the list is
// an AWS service list; for other lists only its ID is known.
type Route struct {
	DestinationCIDR       string
	DestinationIPv6CIDR   string
	DestinationPrefixList *PrefixList
	// Target is the ID the route points at ("local", igw-…, nat-…, vpce-…, …).
	Target     string
	TargetKind TargetKind
	State      string
	Origin     string
	Propagated bool
}

// IsGatewayEndpointRoute reports whether the route was added by a gateway
// endpoint: a prefix-list destination with a vpce-… target. These routes
// belong to the endpoint; they change only by modifying the endpoint.
func (r Route) IsGatewayEndpointRoute() bool {
	return r.DestinationPrefixList != nil && strings.HasPrefix(r.Target, "vpce-")
}

// Destination formats the destination as the console shows it, including a
// prefix list's name and CIDRs:
// "pl-63a5400a (com.amazonaws.us-east-1.s3, 52.216.0.0/15, 3.5.0.0/19)".
func (r Route) Destination() string {
	switch {
	case r.DestinationPrefixList != nil:
		pl := r.DestinationPrefixList
		var parts []string
		if pl.Name != "" {
			parts = append(parts, pl.Name)
		}
		parts = append(parts, pl.CIDRs...)
		if len(parts) == 0 {
			return pl.ID
		}
		return fmt.Sprintf("%s (%s)", pl.ID, strings.Join(parts, ", "))
	case r.DestinationCIDR != "":
		return r.DestinationCIDR
	default:
		return r.DestinationIPv6CIDR
	}
}

func routeFromEC2(r types.Route, prefixLists map[string]PrefixList) Route {
	target, kind := routeTarget(r)
	out := Route{
		DestinationCIDR:     aws.ToString(r.DestinationCidrBlock),
		DestinationIPv6CIDR: aws.ToString(r.DestinationIpv6CidrBlock),
		Target:              target,
		TargetKind:          kind,
		State:               string(r.State),
		Origin:              string(r.Origin),
		Propagated:          r.Origin == types.RouteOriginEnableVgwRoutePropagation,
	}
	if id := aws.ToString(r.DestinationPrefixListId); id != "" {
		pl, ok := prefixLists[id]
		if !ok {
			pl = PrefixList{ID: id}
		}
		out.DestinationPrefixList = &pl
	}
	return out
}

// routeTarget picks the one target EC2 set on a route. Gateway endpoints put
// their vpce-… ID in GatewayId (not VpcEndpointId, which is for Gateway Load
// Balancer endpoints), so GatewayId is classified by its prefix.
func routeTarget(r types.Route) (string, TargetKind) {
	if id := aws.ToString(r.NatGatewayId); id != "" {
		return id, TargetNATGateway
	}
	if id := aws.ToString(r.GatewayId); id != "" {
		switch {
		case id == "local":
			return id, TargetLocal
		case strings.HasPrefix(id, "igw-"):
			return id, TargetInternetGateway
		case strings.HasPrefix(id, "vpce-"):
			return id, TargetGatewayEndpoint
		}
		return id, TargetOther
	}
	for _, id := range []*string{
		r.TransitGatewayId, r.VpcPeeringConnectionId, r.EgressOnlyInternetGatewayId, r.NetworkInterfaceId,
		r.InstanceId, r.CarrierGatewayId, r.LocalGatewayId, r.CoreNetworkArn, r.OdbNetworkArn,
	} {
		if aws.ToString(id) != "" {
			return *id, TargetOther
		}
	}
	return "", TargetOther
}
