package fakeec2

import (
	"fmt"
	"net/netip"
)

// Internet and NAT gateways: the two ways out of a VPC that a gateway endpoint competes with.
// A route 0.0.0.0/0 → igw-… makes a subnet public; 0.0.0.0/0 → nat-… sends a private subnet's
// S3 traffic through the NAT (and its per-GB charge) until an endpoint route wins by
// longest-prefix match.

type xmlInternetGateway struct {
	InternetGatewayID string             `xml:"internetGatewayId"`
	OwnerID           string             `xml:"ownerId"`
	Attachments       []xmlIGWAttachment `xml:"attachmentSet>item"`
	Tags              []tag              `xml:"tagSet>item"`
}

type xmlIGWAttachment struct {
	VpcID string `xml:"vpcId"`
	State string `xml:"state"`
}

type describeInternetGatewaysResult struct {
	responseMeta
	InternetGateways []xmlInternetGateway `xml:"internetGatewaySet>item"`
	NextToken        string               `xml:"nextToken,omitempty"`
}

type createInternetGatewayResult struct {
	responseMeta
	InternetGateway xmlInternetGateway `xml:"internetGateway"`
}

func (a *account) internetGatewayXML(igw *internetGateway) xmlInternetGateway {
	out := xmlInternetGateway{InternetGatewayID: igw.id, OwnerID: a.owner, Tags: igw.tags.sorted()}
	if igw.vpcID != "" {
		// An attached gateway reports "available" (not "attached"), as EC2 does.
		out.Attachments = []xmlIGWAttachment{{VpcID: igw.vpcID, State: "available"}}
	}
	return out
}

func internetGatewayFilters(a *account, igw *internetGateway) filterValues {
	return func(name string) ([]string, bool) {
		switch name {
		case "internet-gateway-id":
			return []string{igw.id}, true
		case "owner-id":
			return []string{a.owner}, true
		case "attachment.vpc-id":
			if igw.vpcID == "" {
				return nil, true
			}
			return []string{igw.vpcID}, true
		case "attachment.state":
			if igw.vpcID == "" {
				return nil, true
			}
			return []string{"available"}, true
		}
		return nil, false
	}
}

func (a *account) describeInternetGateways(p params) (result, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	page, next, err := describe(a, p, p.list("InternetGatewayId"), resourceKind[*internetGateway]{
		action: "DescribeInternetGateways", all: a.igws, limits: limits5to1000, notFound: internetGatewayNotFound.of,
		id: func(igw *internetGateway) string { return igw.id }, tags: func(igw *internetGateway) tagList { return igw.tags },
		filters: func(igw *internetGateway) filterValues { return internetGatewayFilters(a, igw) },
	})
	if err != nil {
		return nil, err
	}
	res := &describeInternetGatewaysResult{NextToken: next}
	for _, igw := range page {
		res.InternetGateways = append(res.InternetGateways, a.internetGatewayXML(igw))
	}
	return res, nil
}

func (a *account) createInternetGateway(p params) (result, error) {
	return a.write(p, opening{tagsFor: "internet-gateway"}, func(in opened) (change, error) {
		return func() result {
			igw := &internetGateway{id: a.newID("igw"), tags: in.tags}
			a.igws[igw.id] = igw
			return &createInternetGatewayResult{InternetGateway: a.internetGatewayXML(igw)}
		}, nil
	})
}

func (a *account) attachInternetGateway(p params) (result, error) {
	igwID, vpcID := p.str("InternetGatewayId"), p.str("VpcId")
	return a.write(p, opening{required: []string{"InternetGatewayId", "VpcId"}}, func(opened) (change, error) {
		igw, err := a.internetGateway(igwID)
		if err != nil {
			return nil, err
		}
		if _, err := a.vpc(vpcID); err != nil {
			return nil, err
		}
		if igw.vpcID != "" {
			return nil, &apiError{Status: 400, Code: "Resource.AlreadyAssociated", Message: fmt.Sprintf("resource %s is already attached to network %s", igwID, igw.vpcID)}
		}
		for _, other := range a.igws {
			if other.vpcID == vpcID {
				return nil, errInvalidParameterValue("Network %s already has an internet gateway attached", vpcID)
			}
		}
		return func() result {
			igw.vpcID = vpcID
			return &returnResult{Return: true}
		}, nil
	})
}

// natTimeLayout is how EC2 writes createTime: UTC with milliseconds.
const natTimeLayout = "2006-01-02T15:04:05.000Z"

type xmlNatGateway struct {
	NatGatewayID     string              `xml:"natGatewayId"`
	SubnetID         string              `xml:"subnetId"`
	VpcID            string              `xml:"vpcId"`
	State            string              `xml:"state"`
	ConnectivityType string              `xml:"connectivityType"`
	AvailabilityMode string              `xml:"availabilityMode"`
	CreateTime       string              `xml:"createTime"`
	Addresses        []xmlNatGatewayAddr `xml:"natGatewayAddressSet>item"`
	Tags             []tag               `xml:"tagSet>item"`
}

type xmlNatGatewayAddr struct {
	AllocationID       string `xml:"allocationId,omitempty"`
	PublicIP           string `xml:"publicIp,omitempty"`
	PrivateIP          string `xml:"privateIp"`
	NetworkInterfaceID string `xml:"networkInterfaceId"`
	AssociationID      string `xml:"associationId,omitempty"`
	IsPrimary          bool   `xml:"isPrimary"`
	Status             string `xml:"status"`
}

type describeNatGatewaysResult struct {
	responseMeta
	NatGateways []xmlNatGateway `xml:"natGatewaySet>item"`
	NextToken   string          `xml:"nextToken,omitempty"`
}

type createNatGatewayResult struct {
	responseMeta
	ClientToken string        `xml:"clientToken,omitempty"`
	NatGateway  xmlNatGateway `xml:"natGateway"`
}

// natGatewayState is always available: the fake skips EC2's pending phase (a minute or two in
// AWS), so a NAT gateway is usable as a route target the moment it is created.
const natGatewayState = "available"

func natGatewayXML(n *natGateway) xmlNatGateway {
	addr := xmlNatGatewayAddr{
		AllocationID: n.allocationID, PublicIP: n.publicIP, PrivateIP: n.privateIP,
		NetworkInterfaceID: n.networkInterface, IsPrimary: true, Status: "succeeded",
	}
	if n.allocationID != "" {
		addr.AssociationID = elasticIPAssociationID(n.allocationID)
	}
	return xmlNatGateway{
		NatGatewayID: n.id, SubnetID: n.subnetID, VpcID: n.vpcID, State: natGatewayState,
		ConnectivityType: n.connectivityType, AvailabilityMode: "zonal", CreateTime: n.created.UTC().Format(natTimeLayout),
		Addresses: []xmlNatGatewayAddr{addr}, Tags: n.tags.sorted(),
	}
}

func natGatewayFilters(n *natGateway) filterValues {
	return func(name string) ([]string, bool) {
		switch name {
		case "nat-gateway-id":
			return []string{n.id}, true
		case "state":
			return []string{natGatewayState}, true
		case "subnet-id":
			return []string{n.subnetID}, true
		case "vpc-id":
			return []string{n.vpcID}, true
		}
		return nil, false
	}
}

func (a *account) describeNatGateways(p params) (result, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	page, next, err := describe(a, p, p.list("NatGatewayId"), resourceKind[*natGateway]{
		action: "DescribeNatGateways", all: a.nats, limits: limits5to1000,
		notFound: func(id string) error {
			return &apiError{Status: 400, Code: "NatGatewayNotFound", Message: fmt.Sprintf("The Nat Gateway %s was not found", id)}
		},
		id: func(n *natGateway) string { return n.id }, tags: func(n *natGateway) tagList { return n.tags }, filters: natGatewayFilters,
	})
	if err != nil {
		return nil, err
	}
	res := &describeNatGatewaysResult{NextToken: next}
	for _, n := range page {
		res.NatGateways = append(res.NatGateways, natGatewayXML(n))
	}
	return res, nil
}

func (a *account) createNatGateway(p params) (result, error) {
	subnetID, allocationID, connectivity := p.str("SubnetId"), p.str("AllocationId"), p.str("ConnectivityType")
	var wantIP netip.Addr
	checkParams := func() error {
		if mode := p.str("AvailabilityMode"); mode != "" && mode != "zonal" {
			return errInvalidParameterValue("Value (%s) for parameter AvailabilityMode is invalid. This endpoint simulates zonal NAT gateways only.", mode)
		}
		if subnetID == "" {
			return errMissingParameter("SubnetId")
		}
		switch connectivity {
		case "", "public":
			connectivity = "public"
			if allocationID == "" {
				return errMissingParameter("AllocationId")
			}
		case "private":
			if allocationID != "" {
				return &apiError{Status: 400, Code: "InvalidParameterCombination", Message: "An Elastic IP address cannot be associated with a private NAT gateway."}
			}
		default:
			return errInvalidParameterValue("Value (%s) for parameter ConnectivityType is invalid. Valid values are public, private.", connectivity)
		}
		if raw := p.str("PrivateIpAddress"); raw != "" {
			ip, err := netip.ParseAddr(raw)
			if err != nil || !ip.Is4() {
				return errInvalidParameterValue("Value (%s) for parameter PrivateIpAddress is invalid.", raw)
			}
			wantIP = ip
		}
		return nil
	}
	return a.write(p, opening{checkParams: checkParams, tagsFor: "natgateway"}, func(in opened) (change, error) {
		s, err := a.subnet(subnetID)
		if err != nil {
			return nil, err
		}
		var eip *address
		if allocationID != "" {
			if eip, err = a.address(allocationID); err != nil {
				return nil, err
			}
			if eip.associatedWith != "" {
				return nil, &apiError{Status: 400, Code: "Resource.AlreadyAssociated", Message: fmt.Sprintf("Elastic IP address [%s] is already associated", allocationID)}
			}
		}
		privateIP, err := a.natPrivateIP(s, wantIP)
		if err != nil {
			return nil, err
		}
		return func() result {
			n := &natGateway{
				id: a.newID("nat"), vpcID: s.vpcID, subnetID: s.id, privateIP: privateIP.String(),
				networkInterface: a.newID("eni"), connectivityType: connectivity, created: a.clock(), tags: in.tags,
			}
			if eip != nil {
				n.allocationID, n.publicIP = eip.allocationID, eip.publicIP
				eip.associatedWith = n.id
			}
			a.nats[n.id] = n
			return &createNatGatewayResult{ClientToken: p.str("ClientToken"), NatGateway: natGatewayXML(n)}
		}, nil
	})
}

// natPrivateIP picks the NAT gateway's address in s: want when given (it must be in the subnet
// and free), else the first free one from the subnet's tenth address on. AWS reserves the first
// four addresses and the last one of every subnet.
func (a *account) natPrivateIP(s *subnet, want netip.Addr) (netip.Addr, error) {
	prefix := netip.MustParsePrefix(s.cidr)
	size := 1 << (32 - prefix.Bits())
	used := map[netip.Addr]bool{}
	for _, n := range a.nats {
		if n.subnetID == s.id {
			used[netip.MustParseAddr(n.privateIP)] = true
		}
	}
	if want.IsValid() {
		first, last := nthAddr(prefix, 4), nthAddr(prefix, size-2)
		if !prefix.Contains(want) || want.Less(first) || last.Less(want) {
			return netip.Addr{}, errInvalidParameterValue("Address %s does not fall within the subnet's address range %s", want, s.cidr)
		}
		if used[want] {
			return netip.Addr{}, &apiError{Status: 400, Code: "InvalidIPAddress.InUse", Message: fmt.Sprintf("Address %s is in use.", want)}
		}
		return want, nil
	}
	for _, offset := range natAddressOffsets(size) {
		if ip := nthAddr(prefix, offset); !used[ip] {
			return ip, nil
		}
	}
	return netip.Addr{}, &apiError{Status: 400, Code: "InsufficientFreeAddressesInSubnet", Message: fmt.Sprintf("Subnet %s has no free IP addresses.", s.id)}
}

// natAddressOffsets lists the usable host offsets of a subnet of size addresses, the tenth first.
func natAddressOffsets(size int) []int {
	var out []int
	for off := 10; off <= size-2; off++ {
		out = append(out, off)
	}
	for off := 4; off < min(10, size-1); off++ {
		out = append(out, off)
	}
	return out
}

func nthAddr(prefix netip.Prefix, n int) netip.Addr {
	b := prefix.Masked().Addr().As4()
	v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	v += uint32(n)
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}
