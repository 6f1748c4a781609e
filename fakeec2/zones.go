package fakeec2

// Availability zones: the region's fixed set, every zone available and none needing opt-in.

type xmlAvailabilityZone struct {
	ZoneName           string `xml:"zoneName"`
	ZoneID             string `xml:"zoneId"`
	ZoneState          string `xml:"zoneState"`
	RegionName         string `xml:"regionName"`
	ZoneType           string `xml:"zoneType"`
	GroupName          string `xml:"groupName"`
	NetworkBorderGroup string `xml:"networkBorderGroup"`
	OptInStatus        string `xml:"optInStatus"`
}

type describeAvailabilityZonesResult struct {
	responseMeta
	Zones []xmlAvailabilityZone `xml:"availabilityZoneInfo>item"`
}

func (a *account) zoneXML(z zone) xmlAvailabilityZone {
	return xmlAvailabilityZone{
		ZoneName: z.name, ZoneID: z.id, ZoneState: "available", RegionName: a.region,
		ZoneType: "availability-zone", GroupName: a.region, NetworkBorderGroup: a.region,
		OptInStatus: "opt-in-not-required",
	}
}

func zoneFilters(a *account, z zone) filterValues {
	return func(name string) ([]string, bool) {
		switch name {
		case "zone-name":
			return []string{z.name}, true
		case "zone-id":
			return []string{z.id}, true
		case "state":
			return []string{"available"}, true
		case "region-name":
			return []string{a.region}, true
		case "zone-type":
			return []string{"availability-zone"}, true
		case "group-name", "network-border-group":
			return []string{a.region}, true
		case "opt-in-status":
			return []string{"opt-in-not-required"}, true
		}
		return nil, false
	}
}

// describeAvailabilityZones answers ZoneName.N and ZoneId.N (a zone named by either is listed)
// and filters, in zone-name order. The call has no pagination.
func (a *account) describeAvailabilityZones(p params) (result, error) {
	fs, err := p.filters()
	if err != nil {
		return nil, err
	}
	names, ids := p.list("ZoneName"), p.list("ZoneId")
	a.mu.RLock()
	defer a.mu.RUnlock()
	wanted := map[string]bool{}
	for _, name := range names {
		z, ok := a.zoneByName(name)
		if !ok {
			return nil, errInvalidParameterValue("Invalid availability zone: [%s]", name)
		}
		wanted[z.id] = true
	}
	for _, id := range ids {
		if _, ok := a.zoneByID(id); !ok {
			return nil, errInvalidParameterValue("Invalid availability zone: [%s]", id)
		}
		wanted[id] = true
	}
	res := &describeAvailabilityZonesResult{}
	for _, z := range a.zones {
		if len(wanted) > 0 && !wanted[z.id] {
			continue
		}
		ok, err := matchFilters(fs, nil, zoneFilters(a, z))
		if err != nil {
			return nil, err
		}
		if ok {
			res.Zones = append(res.Zones, a.zoneXML(z))
		}
	}
	return res, nil
}
