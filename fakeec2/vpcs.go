package fakeec2

import (
	"fmt"
	"net/netip"
)

type xmlVpc struct {
	VpcID           string       `xml:"vpcId"`
	OwnerID         string       `xml:"ownerId"`
	State           string       `xml:"state"`
	CidrBlock       string       `xml:"cidrBlock"`
	CidrAssociation []xmlVpcCidr `xml:"cidrBlockAssociationSet>item"`
	DhcpOptionsID   string       `xml:"dhcpOptionsId"`
	InstanceTenancy string       `xml:"instanceTenancy"`
	IsDefault       bool         `xml:"isDefault"`
	Tags            []tag        `xml:"tagSet>item"`
}

type xmlVpcCidr struct {
	AssociationID string `xml:"associationId"`
	CidrBlock     string `xml:"cidrBlock"`
	State         string `xml:"cidrBlockState>state"`
}

type describeVpcsResult struct {
	responseMeta
	Vpcs      []xmlVpc `xml:"vpcSet>item"`
	NextToken string   `xml:"nextToken,omitempty"`
}

type createVpcResult struct {
	responseMeta
	Vpc xmlVpc `xml:"vpc"`
}

func (a *account) vpcXML(v *vpc) xmlVpc {
	return xmlVpc{
		VpcID: v.id, OwnerID: a.owner, State: "available", CidrBlock: v.cidr,
		CidrAssociation: []xmlVpcCidr{{AssociationID: "vpc-cidr-assoc-" + v.id[4:], CidrBlock: v.cidr, State: "associated"}},
		DhcpOptionsID:   v.dhcpOptions, InstanceTenancy: v.instanceTenancy, IsDefault: v.isDefault, Tags: v.tags.sorted(),
	}
}

func vpcFilters(v *vpc) filterValues {
	return func(name string) ([]string, bool) {
		switch name {
		case "vpc-id":
			return []string{v.id}, true
		case "cidr", "cidr-block-association.cidr-block", "cidrBlock":
			return []string{v.cidr}, true
		case "is-default", "isDefault":
			return []string{boolString(v.isDefault)}, true
		case "state":
			return []string{"available"}, true
		case "dhcp-options-id":
			return []string{v.dhcpOptions}, true
		}
		return nil, false
	}
}

func (a *account) describeVpcs(p params) (result, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	page, next, err := describe(a, p, p.list("VpcId"), resourceKind[*vpc]{
		action: "DescribeVpcs", all: a.vpcs, limits: limits5to1000,
		notFound: vpcNotFound.of,
		id:       func(v *vpc) string { return v.id }, tags: func(v *vpc) tagList { return v.tags }, filters: vpcFilters,
	})
	if err != nil {
		return nil, err
	}
	res := &describeVpcsResult{NextToken: next}
	for _, v := range page {
		res.Vpcs = append(res.Vpcs, a.vpcXML(v))
	}
	return res, nil
}

func (a *account) createVpc(p params) (result, error) {
	cidr, tenancy := p.str("CidrBlock"), p.str("InstanceTenancy")
	var prefix netip.Prefix
	return a.write(p, opening{
		required: []string{"CidrBlock"},
		checkParams: func() (err error) {
			prefix, err = parseIPv4CIDR(cidr)
			if err != nil {
				return err
			}
			if prefix.Bits() < 16 || prefix.Bits() > 28 {
				return &apiError{Status: 400, Code: "InvalidVpc.Range", Message: fmt.Sprintf("The CIDR '%s' is invalid.", cidr)}
			}
			return checkVpcTenancy(tenancy)
		},
		tagsFor: "vpc",
	}, func(in opened) (change, error) {
		return func() result {
			v := a.addVPC(prefix.String(), false, in.tags)
			if tenancy != "" {
				v.instanceTenancy = tenancy
			}
			return &createVpcResult{Vpc: a.vpcXML(v)}
		}, nil
	})
}

// checkVpcTenancy accepts CreateVpc's InstanceTenancy as EC2 does: default (also when absent) or
// dedicated. The model's Tenancy enum also has host, but its CreateVpc doc says "The host value
// cannot be used with this parameter. Use the default or dedicated values only."; EC2 refuses it,
// and any other value, with InvalidParameterValue.
func checkVpcTenancy(tenancy string) error {
	switch tenancy {
	case "", "default", "dedicated":
		return nil
	}
	return errInvalidParameterValue("Value (%s) for parameter instanceTenancy is invalid. Valid values are default and dedicated.", tenancy)
}

// parseIPv4CIDR reads the CidrBlock of a new VPC or subnet in its canonical form, host bits
// cleared: the model's CreateVpc.CidrBlock and CreateSubnet.CidrBlock both say "We modify the
// specified CIDR block to its canonical form; for example, if you specify 100.68.0.18/18, we
// modify it to 100.68.0.0/18".
func parseIPv4CIDR(cidr string) (netip.Prefix, error) {
	prefix, err := netip.ParsePrefix(cidr)
	if err != nil || !prefix.Addr().Is4() {
		return netip.Prefix{}, errInvalidParameterValue("Value (%s) for parameter cidrBlock is invalid. This is not a valid CIDR block.", cidr)
	}
	return prefix.Masked(), nil
}

// addVPC creates a VPC with what EC2 creates alongside it: the main route table (holding the
// local route) and the default security group.
func (a *account) addVPC(cidr string, isDefault bool, tags tagList) *vpc {
	v := &vpc{id: a.newID("vpc"), cidr: cidr, isDefault: isDefault, dhcpOptions: "dopt-0a1b2c3d4e5f60001", instanceTenancy: "default", tags: tags}
	a.vpcs[v.id] = v
	rt := a.addRouteTable(v)
	rt.assocs = append(rt.assocs, routeTableAssociation{id: a.newID("rtbassoc"), main: true})
	v.mainRouteTable = rt.id
	sg := &securityGroup{id: a.newID("sg"), name: "default", description: "default VPC security group", vpcID: v.id}
	a.securityGroups[sg.id] = sg
	v.defaultGroup = sg.id
	return v
}

// createDefaultVPC builds the default VPC every account has: 172.31.0.0/16, a /20 default subnet
// per zone, an internet gateway and 0.0.0.0/0 to it in the main table.
func (a *account) createDefaultVPC() {
	v := a.addVPC("172.31.0.0/16", true, nil)
	for i, z := range a.zones {
		s := &subnet{id: a.newID("subnet"), vpcID: v.id, cidr: fmt.Sprintf("172.31.%d.0/20", i*16), zone: z, defaultForAz: true, mapPublicIP: true}
		a.subnets[s.id] = s
	}
	igw := &internetGateway{id: a.newID("igw"), vpcID: v.id}
	a.igws[igw.id] = igw
	rt := a.routeTables[v.mainRouteTable]
	rt.routes = append(rt.routes, route{destinationCIDR: "0.0.0.0/0", gatewayID: igw.id, origin: "CreateRoute", state: "active"})
}
