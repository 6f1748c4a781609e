package fakeec2

import (
	"fmt"
	"net/netip"
	"strings"
)

type xmlSubnet struct {
	SubnetID                string `xml:"subnetId"`
	SubnetArn               string `xml:"subnetArn"`
	State                   string `xml:"state"`
	VpcID                   string `xml:"vpcId"`
	OwnerID                 string `xml:"ownerId"`
	CidrBlock               string `xml:"cidrBlock"`
	AvailableIPAddressCount int    `xml:"availableIpAddressCount"`
	AvailabilityZone        string `xml:"availabilityZone"`
	AvailabilityZoneID      string `xml:"availabilityZoneId"`
	DefaultForAz            bool   `xml:"defaultForAz"`
	MapPublicIPOnLaunch     bool   `xml:"mapPublicIpOnLaunch"`
	Tags                    []tag  `xml:"tagSet>item"`
}

type describeSubnetsResult struct {
	responseMeta
	Subnets   []xmlSubnet `xml:"subnetSet>item"`
	NextToken string      `xml:"nextToken,omitempty"`
}

type createSubnetResult struct {
	responseMeta
	Subnet xmlSubnet `xml:"subnet"`
}

func (a *account) subnetXML(s *subnet) xmlSubnet {
	return xmlSubnet{
		SubnetID: s.id, SubnetArn: fmt.Sprintf("arn:aws:ec2:%s:%s:subnet/%s", a.region, a.owner, s.id),
		State: "available", VpcID: s.vpcID, OwnerID: a.owner, CidrBlock: s.cidr,
		AvailableIPAddressCount: a.freeAddresses(s), AvailabilityZone: s.zone.name, AvailabilityZoneID: s.zone.id,
		DefaultForAz: s.defaultForAz, MapPublicIPOnLaunch: s.mapPublicIP, Tags: s.tags.sorted(),
	}
}

// freeAddresses is the subnet's size less the five addresses AWS reserves and the network
// interfaces placed in it (NAT gateways, interface endpoints).
func (a *account) freeAddresses(s *subnet) int {
	prefix := netip.MustParsePrefix(s.cidr)
	used := 0
	for _, n := range a.nats {
		if n.subnetID == s.id {
			used++
		}
	}
	for _, e := range a.endpoints {
		if !endpointLive(e) {
			continue // its network interfaces were released by the delete
		}
		for _, id := range e.subnetIDs {
			if id == s.id {
				used++
			}
		}
	}
	return 1<<(32-prefix.Bits()) - 5 - used
}

func subnetFilters(s *subnet) filterValues {
	return func(name string) ([]string, bool) {
		switch name {
		case "subnet-id":
			return []string{s.id}, true
		case "vpc-id":
			return []string{s.vpcID}, true
		case "availability-zone", "availabilityZone":
			return []string{s.zone.name}, true
		case "availability-zone-id":
			return []string{s.zone.id}, true
		case "cidr-block", "cidr", "cidrBlock":
			return []string{s.cidr}, true
		case "default-for-az", "defaultForAz":
			return []string{boolString(s.defaultForAz)}, true
		case "map-public-ip-on-launch":
			return []string{boolString(s.mapPublicIP)}, true
		case "state":
			return []string{"available"}, true
		}
		return nil, false
	}
}

func (a *account) describeSubnets(p params) (result, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	page, next, err := describe(a, p, p.list("SubnetId"), resourceKind[*subnet]{
		action: "DescribeSubnets", all: a.subnets, limits: limits5to1000,
		notFound: subnetNotFound.of,
		id:       func(s *subnet) string { return s.id }, tags: func(s *subnet) tagList { return s.tags }, filters: subnetFilters,
	})
	if err != nil {
		return nil, err
	}
	res := &describeSubnetsResult{NextToken: next}
	for _, s := range page {
		res.Subnets = append(res.Subnets, a.subnetXML(s))
	}
	return res, nil
}

func (a *account) createSubnet(p params) (result, error) {
	vpcID, cidr := p.str("VpcId"), p.str("CidrBlock")
	var prefix netip.Prefix
	return a.write(p, opening{
		required:    []string{"VpcId", "CidrBlock"},
		checkParams: func() (err error) { prefix, err = parseIPv4CIDR(cidr); return err },
		tagsFor:     "subnet",
	}, func(in opened) (change, error) {
		v, err := a.vpc(vpcID)
		if err != nil {
			return nil, err
		}
		z, err := a.subnetZone(p)
		if err != nil {
			return nil, err
		}
		vpcPrefix := netip.MustParsePrefix(v.cidr)
		if prefix.Bits() < 16 || prefix.Bits() > 28 || !vpcPrefix.Contains(prefix.Addr()) || prefix.Bits() < vpcPrefix.Bits() {
			return nil, &apiError{Status: 400, Code: "InvalidSubnet.Range", Message: fmt.Sprintf("The CIDR '%s' is invalid.", cidr)}
		}
		for _, other := range a.subnets {
			if other.vpcID == vpcID && netip.MustParsePrefix(other.cidr).Overlaps(prefix) {
				return nil, &apiError{Status: 400, Code: "InvalidSubnet.Conflict", Message: fmt.Sprintf("The CIDR '%s' conflicts with another subnet", cidr)}
			}
		}
		return func() result {
			s := &subnet{id: a.newID("subnet"), vpcID: vpcID, cidr: prefix.String(), zone: z, tags: in.tags}
			a.subnets[s.id] = s
			return &createSubnetResult{Subnet: a.subnetXML(s)}
		}, nil
	})
}

// subnetZone reads AvailabilityZone or AvailabilityZoneId; neither picks the region's first zone.
func (a *account) subnetZone(p params) (zone, error) {
	if name := p.str("AvailabilityZone"); name != "" {
		if z, ok := a.zoneByName(name); ok {
			return z, nil
		}
		return zone{}, errInvalidParameterValue("Value (%s) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: %s.", name, a.zoneNames())
	}
	if id := p.str("AvailabilityZoneId"); id != "" {
		if z, ok := a.zoneByID(id); ok {
			return z, nil
		}
		return zone{}, errInvalidParameterValue("Value (%s) for parameter availabilityZoneId is invalid.", id)
	}
	return a.zones[0], nil
}

func (a *account) zoneNames() string {
	names := make([]string, len(a.zones))
	for i, z := range a.zones {
		names[i] = z.name
	}
	return strings.Join(names, ", ")
}
