package fakeec2

import "strings"

// What every account in a region has without creating it: availability zones, the AWS-managed
// prefix lists of the gateway services, and the catalog of endpoint services.

func regionZones(region string) []zone {
	ids := []string{"az6", "az1", "az2", "az4", "az3", "az5"}
	short := regionShortName(region)
	out := make([]zone, len(ids))
	for i, id := range ids {
		out[i] = zone{name: region + string(rune('a'+i)), id: short + "-" + id}
	}
	return out
}

// regionShortName is the prefix of zone ids: us-east-1 → use1.
func regionShortName(region string) string {
	parts := strings.Split(region, "-")
	if len(parts) != 3 {
		return region
	}
	return parts[0] + string(parts[1][0]) + parts[2]
}

// awsManagedPrefixLists are the lists gateway endpoint routes point at. The us-east-1 ids are the
// real ones (pl-63a5400a, pl-02cd2c6b); the CIDRs are a published snapshot (they drift in AWS).
func awsManagedPrefixLists(region string) []prefixList {
	s3ID, dynamoID := "pl-63a5400a", "pl-02cd2c6b"
	if region != "us-east-1" {
		s3ID, dynamoID = "pl-6"+shortHash(region+"s3"), "pl-0"+shortHash(region+"dynamodb")
	}
	return []prefixList{
		{id: dynamoID, name: "com.amazonaws." + region + ".dynamodb", cidrs: []string{"3.218.182.0/24", "3.218.180.0/23", "52.94.0.0/22", "52.119.224.0/20"}},
		{id: s3ID, name: "com.amazonaws." + region + ".s3", cidrs: []string{"52.216.0.0/15", "3.5.0.0/19", "54.231.0.0/16"}},
	}
}

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
