package fakeec2

import "strings"

type xmlVpcEndpoint struct {
	VpcEndpointID       string         `xml:"vpcEndpointId"`
	VpcEndpointType     string         `xml:"vpcEndpointType"`
	VpcID               string         `xml:"vpcId"`
	ServiceName         string         `xml:"serviceName"`
	State               string         `xml:"state"`
	PolicyDocument      string         `xml:"policyDocument,omitempty"`
	RouteTableIDs       []string       `xml:"routeTableIdSet>item"`
	SubnetIDs           []string       `xml:"subnetIdSet>item"`
	Groups              []xmlGroup     `xml:"groupSet>item"`
	IPAddressType       string         `xml:"ipAddressType,omitempty"`
	DNSOptions          *xmlDNSOptions `xml:"dnsOptions"`
	PrivateDNSEnabled   bool           `xml:"privateDnsEnabled"`
	RequesterManaged    bool           `xml:"requesterManaged"`
	NetworkInterfaceIDs []string       `xml:"networkInterfaceIdSet>item"`
	DNSEntries          []xmlDNSEntry  `xml:"dnsEntrySet>item"`
	CreationTimestamp   string         `xml:"creationTimestamp"`
	Tags                []tag          `xml:"tagSet>item"`
	OwnerID             string         `xml:"ownerId"`
}

// xmlDNSOptions is an endpoint's dnsOptions; gateway endpoints have none.
type xmlDNSOptions struct {
	DNSRecordIPType string `xml:"dnsRecordIpType"`
}

type xmlGroup struct {
	GroupID   string `xml:"groupId"`
	GroupName string `xml:"groupName"`
}

type xmlDNSEntry struct {
	DNSName      string `xml:"dnsName"`
	HostedZoneID string `xml:"hostedZoneId"`
}

type describeVpcEndpointsResult struct {
	responseMeta
	VpcEndpoints []xmlVpcEndpoint `xml:"vpcEndpointSet>item"`
	NextToken    string           `xml:"nextToken,omitempty"`
}

// timestampFormat is how EC2 writes times on the wire.
const timestampFormat = "2006-01-02T15:04:05.000Z"

// defaultEndpointPolicy is the "Full access" policy EC2 attaches when none is given.
const defaultEndpointPolicy = `{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`

func (a *account) endpointXML(e *vpcEndpoint) xmlVpcEndpoint {
	out := xmlVpcEndpoint{
		VpcEndpointID: e.id, VpcEndpointType: e.endpointType, VpcID: e.vpcID, ServiceName: e.serviceName,
		State: a.endpointState(e), PolicyDocument: e.policy,
		RouteTableIDs: e.routeTableIDs, SubnetIDs: e.subnetIDs, NetworkInterfaceIDs: e.networkInterfaces,
		IPAddressType: e.ipAddressType, PrivateDNSEnabled: e.privateDNS,
		CreationTimestamp: e.created.UTC().Format(timestampFormat), Tags: e.tags.sorted(), OwnerID: a.owner,
	}
	for _, id := range e.groupIDs {
		name := ""
		if sg, ok := a.securityGroups[id]; ok {
			name = sg.name
		}
		out.Groups = append(out.Groups, xmlGroup{GroupID: id, GroupName: name})
	}
	if e.dnsRecordIPType != "" {
		out.DNSOptions = &xmlDNSOptions{DNSRecordIPType: e.dnsRecordIPType}
	}
	out.DNSEntries = a.endpointDNSEntries(e)
	return out
}

// endpointDNSEntries are an interface endpoint's names: a regional one, one per zone, and the
// service's private DNS name when private DNS is on. S3's endpoint-specific names are
// wildcards (*.vpce-…-….s3.us-east-1.vpce.amazonaws.com), as EC2 lists them: buckets, access
// points and S3 Control are reached as <name>.vpce-…-….s3.<region>.vpce.amazonaws.com.
func (a *account) endpointDNSEntries(e *vpcEndpoint) []xmlDNSEntry {
	if e.endpointType != "Interface" {
		return nil
	}
	svc, _ := a.service(e.serviceName, e.endpointType)
	if len(svc.baseDNSNames) == 0 {
		return nil
	}
	const regionalZone = "Z7HUB22UULQXV"
	base := e.id + "-" + e.dnsSuffix
	if e.serviceName == "com.amazonaws."+a.region+".s3" {
		base = "*." + base
	}
	out := []xmlDNSEntry{{DNSName: base + "." + svc.baseDNSNames[0], HostedZoneID: regionalZone}}
	for _, id := range e.subnetIDs {
		if s, ok := a.subnets[id]; ok {
			out = append(out, xmlDNSEntry{DNSName: base + "-" + s.zone.name + "." + svc.baseDNSNames[0], HostedZoneID: regionalZone})
		}
	}
	if e.privateDNS && svc.privateDNSName != "" {
		out = append(out, xmlDNSEntry{DNSName: svc.privateDNSName, HostedZoneID: "ZONEIDPENDING"})
	}
	return out
}

func endpointFilters(a *account, e *vpcEndpoint) filterValues {
	return func(name string) ([]string, bool) {
		switch name {
		case "vpc-endpoint-id":
			return []string{e.id}, true
		case "vpc-id":
			return []string{e.vpcID}, true
		case "service-name":
			return []string{e.serviceName}, true
		case "vpc-endpoint-type":
			return []string{e.endpointType}, true
		case "vpc-endpoint-state":
			return []string{a.endpointState(e)}, true
		case "ip-address-type":
			if e.ipAddressType == "" {
				return nil, true
			}
			return []string{e.ipAddressType}, true
		case "service-region":
			return []string{a.region}, true
		}
		return nil, false
	}
}

func (a *account) describeVpcEndpoints(p params) (result, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	page, next, err := describe(a, p, p.list("VpcEndpointId"), resourceKind[*vpcEndpoint]{
		action: "DescribeVpcEndpoints", all: a.visibleEndpoints(), limits: limitsCapped,
		notFound: endpointIDError,
		id:       func(e *vpcEndpoint) string { return e.id }, tags: func(e *vpcEndpoint) tagList { return e.tags },
		filters: func(e *vpcEndpoint) filterValues { return endpointFilters(a, e) },
	})
	if err != nil {
		return nil, err
	}
	res := &describeVpcEndpointsResult{NextToken: next}
	for _, e := range page {
		res.VpcEndpoints = append(res.VpcEndpoints, a.endpointXML(e))
	}
	return res, nil
}

// addEndpointRoutes writes the endpoint's route — the service's prefix list to the endpoint —
// into each table. The caller has checked the tables with checkGatewayRouteTables.
func (a *account) addEndpointRoutes(e *vpcEndpoint, tableIDs []string) {
	pl, _ := a.prefixListByName(e.serviceName)
	for _, id := range tableIDs {
		rt := a.routeTables[id]
		rt.routes = append(rt.routes, route{destinationPrefixList: pl.id, gatewayID: e.id, origin: "CreateRoute", state: "active"})
	}
}

// removeEndpointRoutes deletes the endpoint's routes from each table.
func (a *account) removeEndpointRoutes(e *vpcEndpoint, tableIDs []string) {
	for _, id := range tableIDs {
		rt, ok := a.routeTables[id]
		if !ok {
			continue
		}
		kept := rt.routes[:0:0]
		for _, r := range rt.routes {
			if r.gatewayID != e.id {
				kept = append(kept, r)
			}
		}
		rt.routes = kept
	}
}

// newDNSSuffix is the random-looking part of an interface endpoint's DNS names, derived from
// its id so that it repeats with the id.
func newDNSSuffix(id string) string {
	const letters = "abcdefghijklmnopqrstuvwxyz0123456789"
	h := shortHash(id) + shortHash(strings.ToUpper(id))
	out := make([]byte, 8)
	for i := range out {
		out[i] = letters[int(h[i])%len(letters)]
	}
	return string(out)
}
