package fakeec2

import "strings"

// What every account in a region has without creating it: availability zones, the AWS-managed
// prefix lists of the gateway services, and the catalog of endpoint services.

func shortHash(s string) string {
	var h uint32 = 2166136261
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	const hex = "0123456789abcdef"
	out := make([]byte, 7)
	for i := range out {
		out[i] = hex[h>>(4*i)&0xf]
	}
	return string(out)
}

func (a *account) prefixListByName(name string) (prefixList, bool) {
	for _, pl := range a.prefixLists {
		if pl.name == name {
			return pl, true
		}
	}
	return prefixList{}, false
}

func (a *account) prefixListByID(id string) (prefixList, bool) {
	for _, pl := range a.prefixLists {
		if pl.id == id {
			return pl, true
		}
	}
	return prefixList{}, false
}

// Owners of the services that are not AWS's own: a partner's service found by name, and a
// service sold through AWS Marketplace (679593333241 is the Marketplace's account).
const (
	partnerOwner     = "111122223333"
	marketplaceOwner = "679593333241"
)

// service finds a catalog entry by name and type.
func (a *account) service(name, serviceType string) (endpointService, bool) {
	for _, s := range a.services {
		if s.name == name && strings.EqualFold(s.serviceType, serviceType) {
			return s, true
		}
	}
	return endpointService{}, false
}

func (a *account) serviceExists(name string) bool {
	for _, s := range a.services {
		if s.name == name {
			return true
		}
	}
	return false
}

func (a *account) zoneByName(name string) (zone, bool) {
	for _, z := range a.zones {
		if z.name == name {
			return z, true
		}
	}
	return zone{}, false
}

func (a *account) zoneByID(id string) (zone, bool) {
	for _, z := range a.zones {
		if z.id == id {
			return z, true
		}
	}
	return zone{}, false
}
