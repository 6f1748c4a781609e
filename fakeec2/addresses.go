package fakeec2

import (
	"fmt"
	"net/netip"
	"strings"
)

// Elastic IP addresses: what a public NAT gateway needs before it can be created.

type xmlAddress struct {
	PublicIP           string `xml:"publicIp"`
	AllocationID       string `xml:"allocationId"`
	Domain             string `xml:"domain"`
	AssociationID      string `xml:"associationId,omitempty"`
	NetworkInterfaceID string `xml:"networkInterfaceId,omitempty"`
	NetworkOwnerID     string `xml:"networkInterfaceOwnerId,omitempty"`
	PrivateIPAddress   string `xml:"privateIpAddress,omitempty"`
	PublicIPv4Pool     string `xml:"publicIpv4Pool"`
	NetworkBorderGroup string `xml:"networkBorderGroup"`
	Tags               []tag  `xml:"tagSet>item"`
}

type describeAddressesResult struct {
	responseMeta
	Addresses []xmlAddress `xml:"addressesSet>item"`
}

type allocateAddressResult struct {
	responseMeta
	PublicIP           string `xml:"publicIp"`
	AllocationID       string `xml:"allocationId"`
	Domain             string `xml:"domain"`
	PublicIPv4Pool     string `xml:"publicIpv4Pool"`
	NetworkBorderGroup string `xml:"networkBorderGroup"`
}

// elasticIPAssociationID names the association of an address with its NAT gateway. It is derived
// from the allocation id rather than stored: an address has at most one association.
func elasticIPAssociationID(allocationID string) string {
	return "eipassoc-" + strings.TrimPrefix(allocationID, "eipalloc-")
}

func (a *account) addressXML(e *address) xmlAddress {
	out := xmlAddress{
		PublicIP: e.publicIP, AllocationID: e.allocationID, Domain: "vpc",
		PublicIPv4Pool: "amazon", NetworkBorderGroup: a.region, Tags: e.tags.sorted(),
	}
	if n, ok := a.nats[e.associatedWith]; ok {
		out.AssociationID = elasticIPAssociationID(e.allocationID)
		out.NetworkInterfaceID, out.NetworkOwnerID, out.PrivateIPAddress = n.networkInterface, a.owner, n.privateIP
	}
	return out
}

func addressFilters(a *account, e *address) filterValues {
	return func(name string) ([]string, bool) {
		switch name {
		case "allocation-id":
			return []string{e.allocationID}, true
		case "public-ip":
			return []string{e.publicIP}, true
		case "domain":
			return []string{"vpc"}, true
		case "network-border-group":
			return []string{a.region}, true
		case "association-id", "network-interface-id", "private-ip-address", "network-interface-owner-id":
			n, ok := a.nats[e.associatedWith]
			if !ok {
				return nil, true
			}
			switch name {
			case "association-id":
				return []string{elasticIPAssociationID(e.allocationID)}, true
			case "network-interface-id":
				return []string{n.networkInterface}, true
			case "private-ip-address":
				return []string{n.privateIP}, true
			}
			return []string{a.owner}, true
		}
		return nil, false
	}
}

// describeAddresses answers every matching address at once: DescribeAddresses has no pagination.
// AllocationId.N and PublicIp.N both narrow the answer; an unknown one of either is an error.
func (a *account) describeAddresses(p params) (result, error) {
	fs, err := p.filters()
	if err != nil {
		return nil, err
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	found, err := selectByID(a.addresses, p.list("AllocationId"), fs, allocationNotFound.of,
		func(e *address) tagList { return e.tags },
		func(e *address) filterValues { return addressFilters(a, e) })
	if err != nil {
		return nil, err
	}
	if ips := p.list("PublicIp"); len(ips) > 0 {
		wanted := map[string]bool{}
		for _, ip := range ips {
			if !a.publicIPAllocated(ip) {
				return nil, &apiError{Status: 400, Code: "InvalidAddress.NotFound", Message: fmt.Sprintf("Address '%s' not found.", ip)}
			}
			wanted[ip] = true
		}
		var kept []*address
		for _, e := range found {
			if wanted[e.publicIP] {
				kept = append(kept, e)
			}
		}
		found = kept
	}
	res := &describeAddressesResult{}
	for _, e := range found {
		res.Addresses = append(res.Addresses, a.addressXML(e))
	}
	return res, nil
}

func (a *account) publicIPAllocated(ip string) bool {
	for _, e := range a.addresses {
		if e.publicIP == ip {
			return true
		}
	}
	return false
}

func (a *account) allocateAddress(p params) (result, error) {
	checkParams := func() error {
		if domain := p.str("Domain"); domain != "" && domain != "vpc" {
			// EC2-Classic ("standard") addresses were retired with EC2-Classic.
			return errInvalidParameterValue("Value (%s) for parameter domain is invalid. Valid values are vpc.", domain)
		}
		if pool := p.str("PublicIpv4Pool"); pool != "" && pool != "amazon" {
			return errInvalidParameterValue("Value (%s) for parameter PublicIpv4Pool is invalid. This endpoint has only Amazon's pool.", pool)
		}
		return nil
	}
	return a.write(p, opening{checkParams: checkParams, tagsFor: "elastic-ip"}, func(in opened) (change, error) {
		return func() result {
			e := &address{allocationID: a.newID("eipalloc"), tags: in.tags}
			e.publicIP = elasticIP(a.region, a.seq["eipalloc"]).String()
			a.addresses[e.allocationID] = e
			return &allocateAddressResult{
				PublicIP: e.publicIP, AllocationID: e.allocationID, Domain: "vpc",
				PublicIPv4Pool: "amazon", NetworkBorderGroup: a.region,
			}
		}, nil
	})
}

// elasticIP is the n-th address handed out in region, counted up from the tenth address of the
// Region's pool (regionAddressPool), so the same calls get the same addresses run after run and
// no two allocations share one.
func elasticIP(region string, n uint64) netip.Addr {
	pool := regionAddressPool(region)
	size := 1 << (32 - pool.Bits())
	return nthAddr(pool, int(9+n%uint64(size-9)))
}
