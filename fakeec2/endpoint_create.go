package fakeec2

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"sort"
	"strings"
)

type createVpcEndpointResult struct {
	responseMeta
	VpcEndpoint xmlVpcEndpoint `xml:"vpcEndpoint"`
	ClientToken string         `xml:"clientToken,omitempty"`
}

// endpointRequest is a CreateVpcEndpoint call as read from the wire.
type endpointRequest struct {
	vpcID, serviceName, endpointType string
	routeTableIDs, subnetIDs         []string
	groupIDs                         []string
	policy                           string
	hasPolicy                        bool
	privateDNS                       *bool
	ipAddressType, dnsRecordIPType   string
	clientToken                      string
	tags                             []tag
}

// readEndpointRequest reads and checks CreateVpcEndpoint's parameters, VpcId and ServiceName
// being given. It reads the tag specifications itself: EC2 checks them before the policy.
func readEndpointRequest(p params) (endpointRequest, error) {
	req := endpointRequest{
		vpcID: p.str("VpcId"), serviceName: p.str("ServiceName"), endpointType: p.str("VpcEndpointType"),
		routeTableIDs: dedupe(p.list("RouteTableId")), subnetIDs: dedupe(p.list("SubnetId")), groupIDs: dedupe(p.list("SecurityGroupId")),
		policy: p.str("PolicyDocument"), hasPolicy: p.has("PolicyDocument"),
		ipAddressType: p.str("IpAddressType"), dnsRecordIPType: p.str("DnsOptions.DnsRecordIpType"),
		clientToken: p.str("ClientToken"),
	}
	if len(req.clientToken) > 64 {
		return req, errInvalidParameterValue("Value (%s) for parameter clientToken is invalid. The client token must be at most 64 ASCII characters.", req.clientToken)
	}
	if req.endpointType == "" {
		req.endpointType = "Gateway" // EC2's documented default
	}
	switch req.endpointType {
	case "Gateway", "Interface", "GatewayLoadBalancer":
		// Checked against the service's types, under the lock: no AWS service in the
		// catalog is a Gateway Load Balancer service.
	case "Resource", "ServiceNetwork":
		return req, errInvalidParameter("The VPC endpoint service %s does not support the VPC endpoint type %s.", req.serviceName, req.endpointType)
	default:
		return req, &apiError{Status: 400, Code: "InvalidVpcEndpointType", Message: "The VPC endpoint type '" + req.endpointType + "' is not valid."}
	}
	if p.has("PrivateDnsEnabled") {
		v, err := p.bool("PrivateDnsEnabled", false)
		if err != nil {
			return req, err
		}
		req.privateDNS = &v
	}
	if req.ipAddressType == "" {
		req.ipAddressType = "ipv4"
	}
	if req.ipAddressType != "ipv4" {
		return req, errInvalidParameter("The IP address type %s is not supported by this VPC's subnets; only ipv4 is.", req.ipAddressType)
	}
	tags, err := p.tagSpecifications("vpc-endpoint")
	if err != nil {
		return req, err
	}
	req.tags = tags
	if req.hasPolicy {
		if err := validatePolicy(req.policy); err != nil {
			return req, err
		}
	}
	return req, nil
}

// fingerprint identifies a request's parameters for ClientToken idempotency: every parameter
// but the token and DryRun, in a canonical order.
func fingerprint(p params) string {
	var keys []string
	for k := range p.values {
		if k != "ClientToken" && k != "DryRun" && k != "Action" && k != "Version" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	h := sha256.New()
	for _, k := range keys {
		h.Write([]byte(k + "=" + strings.Join(p.values[k], ",") + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (a *account) createVpcEndpoint(p params) (result, error) {
	var req endpointRequest
	return a.write(p, opening{
		required:    []string{"VpcId", "ServiceName"},
		checkParams: func() (err error) { req, err = readEndpointRequest(p); return err },
	}, func(in opened) (change, error) {
		// A dry run is checked as a new endpoint, whatever its ClientToken made before.
		if req.clientToken != "" && !in.dry {
			if rec, seen := a.clientTokens[req.clientToken]; seen {
				if rec.fingerprint != fingerprint(p) {
					return nil, &apiError{Status: 400, Code: "IdempotentParameterMismatch",
						Message: "The client token you have provided is associated with a resource that is already created with different parameters. Use a unique client token."}
				}
				return func() result {
					res := &createVpcEndpointResult{VpcEndpoint: rec.snapshot, ClientToken: req.clientToken}
					if e, ok := a.endpoints[rec.endpointID]; ok && !a.endpointGone(e) {
						res.VpcEndpoint = a.endpointXML(e)
					}
					return res
				}, nil
			}
		}
		e, err := a.checkNewEndpoint(req)
		if err != nil {
			return nil, err
		}
		return func() result {
			a.placeEndpoint(e)
			out := a.endpointXML(e)
			if req.clientToken != "" {
				a.clientTokens[req.clientToken] = clientTokenRecord{fingerprint: fingerprint(p), endpointID: e.id, snapshot: out}
			}
			return &createVpcEndpointResult{VpcEndpoint: out, ClientToken: req.clientToken}
		}, nil
	})
}

// checkNewEndpoint applies every rule of CreateVpcEndpoint against the account and returns the
// endpoint to create, not yet stored. The caller holds the write lock.
func (a *account) checkNewEndpoint(req endpointRequest) (*vpcEndpoint, error) {
	v, err := a.vpc(req.vpcID)
	if err != nil {
		return nil, err
	}
	if !a.serviceExists(req.serviceName) {
		return nil, &apiError{Status: 400, Code: "InvalidServiceName", Message: "The Vpc Endpoint Service '" + req.serviceName + "' does not exist"}
	}
	svc, ok := a.service(req.serviceName, req.endpointType)
	if !ok {
		return nil, a.errEndpointTypeMismatch(req.serviceName, req.endpointType)
	}
	if req.hasPolicy && !svc.policySupported {
		return nil, errInvalidParameter("The VPC endpoint service %s does not support policies.", req.serviceName)
	}
	if err := a.checkEndpointLimit(v.id, req.endpointType); err != nil {
		return nil, err
	}
	e := &vpcEndpoint{
		endpointType: req.endpointType, vpcID: v.id, serviceName: req.serviceName,
		ipAddressType: req.ipAddressType, dnsRecordIPType: req.dnsRecordIPType, created: a.clock(), tags: req.tags,
	}
	if svc.policySupported {
		e.policy = defaultEndpointPolicy
		if req.hasPolicy {
			e.policy = req.policy
		}
	}
	if req.endpointType == "Gateway" {
		if len(req.subnetIDs) > 0 || len(req.groupIDs) > 0 {
			return nil, errInvalidParameter("Subnet IDs and security group IDs are only supported for Interface type VPC Endpoint")
		}
		if req.privateDNS != nil && *req.privateDNS {
			return nil, errInvalidParameter("Private DNS can only be enabled for Interface type VPC Endpoint")
		}
		if err := a.checkGatewayRouteTables(v.id, req.serviceName, "", req.routeTableIDs); err != nil {
			return nil, err
		}
		e.routeTableIDs = req.routeTableIDs
		// EC2 describes a gateway endpoint without an IP address type or DNS options
		// (the AWS CLI's describe-vpc-endpoints examples show neither for one).
		e.ipAddressType, e.dnsRecordIPType = "", ""
		return e, nil
	}
	if len(req.routeTableIDs) > 0 {
		return nil, errInvalidParameter("Route table IDs are only supported for Gateway type VPC Endpoint")
	}
	if err := a.checkInterfaceSubnets(v.id, req.subnetIDs); err != nil {
		return nil, err
	}
	groups := req.groupIDs
	if len(groups) == 0 {
		groups = []string{v.defaultGroup}
	}
	if err := a.checkSecurityGroups(v.id, groups); err != nil {
		return nil, err
	}
	e.subnetIDs, e.groupIDs = req.subnetIDs, groups
	e.privateDNS = svc.privateDNSName != ""
	if req.privateDNS != nil {
		if *req.privateDNS && svc.privateDNSName == "" {
			return nil, errInvalidParameter("Private DNS can't be enabled because the service %s does not provide a private DNS name.", req.serviceName)
		}
		e.privateDNS = *req.privateDNS
	}
	if e.dnsRecordIPType == "" {
		e.dnsRecordIPType = "ipv4"
	}
	return e, nil
}

// errEndpointTypeMismatch is EC2's answer for an endpoint type the service does not offer, in
// EC2's words as Terraform users quote them, e.g. "Endpoint type (Gateway) does not match
// available service types ([Interface])." (hashicorp/terraform#24478).
func (a *account) errEndpointTypeMismatch(serviceName, endpointType string) error {
	var types []string
	for _, s := range a.services {
		if s.name == serviceName {
			types = append(types, s.serviceType)
		}
	}
	slices.Sort(types)
	return errInvalidParameter("Endpoint type (%s) does not match available service types ([%s]).", endpointType, strings.Join(types, ", "))
}

// placeEndpoint stores a checked endpoint: it gets its id, its routes (gateway) or its network
// interfaces (interface).
func (a *account) placeEndpoint(e *vpcEndpoint) {
	e.id = a.newID("vpce")
	e.dnsSuffix = newDNSSuffix(e.id)
	for range e.subnetIDs {
		e.networkInterfaces = append(e.networkInterfaces, a.newID("eni"))
	}
	a.endpoints[e.id] = e
	a.addEndpointRoutes(e, e.routeTableIDs)
}
