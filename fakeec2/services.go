package fakeec2

import "slices"

type xmlServiceDetail struct {
	ServiceName        string           `xml:"serviceName"`
	ServiceID          string           `xml:"serviceId"`
	ServiceType        []xmlServiceType `xml:"serviceType>item"`
	ServiceRegion      string           `xml:"serviceRegion"`
	AvailabilityZones  []string         `xml:"availabilityZoneSet>item"`
	Owner              string           `xml:"owner"`
	BaseEndpointDNS    []string         `xml:"baseEndpointDnsNameSet>item"`
	PrivateDNSName     string           `xml:"privateDnsName,omitempty"`
	PrivateDNSNames    []xmlPrivateDNS  `xml:"privateDnsNameSet>item"`
	PolicySupported    bool             `xml:"vpcEndpointPolicySupported"`
	AcceptanceRequired bool             `xml:"acceptanceRequired"`
	ManagesEndpoints   bool             `xml:"managesVpcEndpoints"`
	Tags               *xmlTagSet       `xml:"tagSet"`
	// DNSVerification is verified for AWS's services with a private DNS name: AWS owns the
	// domain, so there is nothing for anyone to verify.
	DNSVerification  string   `xml:"privateDnsNameVerificationState,omitempty"`
	SupportedIPTypes []string `xml:"supportedIpAddressTypeSet>item"`
}

type xmlPrivateDNS struct {
	PrivateDNSName string `xml:"privateDnsName"`
}

// xmlTagSet writes a tagSet element even when it holds no tags, as EC2 does (<tagSet/>), so
// that clients show an empty Tags list rather than none.
type xmlTagSet struct {
	Items []tag `xml:"item"`
}

type xmlServiceType struct {
	ServiceType string `xml:"serviceType"`
}

type describeVpcEndpointServicesResult struct {
	responseMeta
	ServiceNames   []string           `xml:"serviceNameSet>item"`
	ServiceDetails []xmlServiceDetail `xml:"serviceDetailSet>item"`
	NextToken      string             `xml:"nextToken,omitempty"`
}

func (a *account) serviceXML(s endpointService) xmlServiceDetail {
	out := xmlServiceDetail{
		ServiceName: s.name, ServiceID: s.serviceID, ServiceType: []xmlServiceType{{s.serviceType}},
		ServiceRegion: a.region, AvailabilityZones: s.zones, Owner: s.owner, BaseEndpointDNS: s.baseDNSNames,
		PrivateDNSName: s.privateDNSName, PolicySupported: s.policySupported, AcceptanceRequired: s.acceptanceRequired,
		Tags: &xmlTagSet{}, SupportedIPTypes: []string{"ipv4"},
	}
	if s.privateDNSName != "" {
		out.PrivateDNSNames = []xmlPrivateDNS{{s.privateDNSName}}
		out.DNSVerification = "verified"
	}
	return out
}

func serviceFilters(region string, s endpointService) filterValues {
	return func(name string) ([]string, bool) {
		switch name {
		case "service-name":
			return []string{s.name}, true
		case "service-type":
			return []string{s.serviceType}, true
		case "owner":
			return []string{s.owner}, true
		case "service-region":
			return []string{region}, true
		case "supported-ip-address-types":
			return []string{"ipv4"}, true
		}
		return nil, false
	}
}

// serviceKey orders the catalog and pages through it: S3 and DynamoDB have one entry per type.
func serviceKey(s endpointService) string { return s.name + "/" + s.serviceType }

func (a *account) describeVpcEndpointServices(p params) (result, error) {
	fs, err := p.filters()
	if err != nil {
		return nil, err
	}
	names := p.list("ServiceName")
	for _, n := range names {
		if !a.serviceExists(n) {
			return nil, &apiError{Status: 400, Code: "InvalidServiceName", Message: "The Vpc Endpoint Service '" + n + "' does not exist"}
		}
	}
	byKey := map[string]endpointService{}
	for _, s := range a.services {
		if len(names) == 0 || slices.Contains(names, s.name) {
			byKey[serviceKey(s)] = s
		}
	}
	found, err := selectByID(byKey, nil, fs, nil,
		func(endpointService) tagList { return nil },
		func(s endpointService) filterValues { return serviceFilters(a.region, s) })
	if err != nil {
		return nil, err
	}
	page, next, err := paginate(a, p, "DescribeVpcEndpointServices", found, serviceKey, limitsCapped)
	if err != nil {
		return nil, err
	}
	res := &describeVpcEndpointServicesResult{NextToken: next}
	for _, s := range page {
		if !slices.Contains(res.ServiceNames, s.name) {
			res.ServiceNames = append(res.ServiceNames, s.name)
		}
		res.ServiceDetails = append(res.ServiceDetails, a.serviceXML(s))
	}
	return res, nil
}
