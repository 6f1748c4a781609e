// Package ascode writes a VPC endpoint change as the code a team would commit or run: the AWS
// CLI command, a CloudFormation template (YAML) and a Terraform configuration. It is
// presentation only: it reads vpc values and returns text, and calls nothing.
package ascode

import (
	"strings"

	"endpointconsole/vpc"
)

// Forms is one change written three ways.
type Forms struct {
	CLI            string
	CloudFormation string
	Terraform      string
}

// ForCreate writes the CreateVpcEndpoint call req as code, for region.
func ForCreate(req vpc.CreateEndpointRequest, region string) Forms {
	return Forms{CLI: CLI(req, region), CloudFormation: CloudFormation(req, region), Terraform: Terraform(req, region)}
}

// ForEndpoint writes, as code, the create that makes an endpoint like e (see FromEndpoint).
func ForEndpoint(e vpc.Endpoint, region string) Forms {
	return ForCreate(FromEndpoint(e), region)
}

// FromEndpoint is the request that creates an endpoint like e: its VPC, service, type, route
// tables or subnets and security groups, policy and tags. Tags whose key starts with aws: are
// left out, since AWS alone may set them. A policy that means full access is left out too: it
// is what EC2 attaches when none is given, and the code reads shorter without it.
func FromEndpoint(e vpc.Endpoint) vpc.CreateEndpointRequest {
	req := vpc.CreateEndpointRequest{VPCID: e.VPCID, ServiceName: e.ServiceName, Type: e.Type}
	if !vpc.IsFullAccess(e.PolicyDocument) {
		req.PolicyDocument = e.PolicyDocument
	}
	for _, t := range e.Tags {
		if !strings.HasPrefix(strings.ToLower(t.Key), "aws:") {
			req.Tags = append(req.Tags, t)
		}
	}
	if e.Type == vpc.TypeInterface {
		req.SubnetIDs = e.SubnetIDs
		req.SecurityGroupIDs = e.SecurityGroupIDs
		req.IPAddressType = e.IPAddressType
		privateDNS := e.PrivateDNSEnabled
		req.PrivateDNSEnabled = &privateDNS
	} else {
		req.RouteTableIDs = e.RouteTableIDs
	}
	return req
}

// endpointType is the request's type with EC2's default applied.
func endpointType(req vpc.CreateEndpointRequest) string {
	if req.Type == "" {
		return vpc.TypeGateway
	}
	return req.Type
}

// nameWords are the words a resource's name in the code is made of: those of its Name tag, or
// the service's last part (s3, dynamodb, ssm), ASCII letters and digits only.
func nameWords(req vpc.CreateEndpointRequest) []string {
	name := req.Tags.Name()
	if words := asciiWords(name); len(words) > 0 {
		return words
	}
	service := req.ServiceName
	if i := strings.LastIndex(service, "."); i >= 0 {
		service = service[i+1:]
	}
	return asciiWords(service)
}

func asciiWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
}
