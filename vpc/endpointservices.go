package vpc

import (
	"cmp"
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// Endpoint types the console creates.
const (
	TypeGateway   = "Gateway"
	TypeInterface = "Interface"
)

// EndpointService is one row of the wizard's service table: a service name
// with one endpoint type. Services offered as both types (S3, DynamoDB) give
// two entries, one per type, because the wizard lists the Type per row.
type EndpointService struct {
	Name string
	// Type is Gateway or Interface.
	Type               string
	Owner              string
	AvailabilityZones  []string
	PolicySupported    bool
	PrivateDNSName     string
	AcceptanceRequired bool
}

// EndpointServices lists the endpoint services available in the Region, one
// entry per (name, type), sorted by name then type. The SDK has no paginator
// for DescribeVpcEndpointServices, so it follows NextToken itself.
func (s *Service) EndpointServices(ctx context.Context) ([]EndpointService, error) {
	var out []EndpointService
	seen := make(map[[2]string]bool)
	in := &ec2.DescribeVpcEndpointServicesInput{MaxResults: s.maxResults()}
	for {
		page, err := s.ec2.DescribeVpcEndpointServices(ctx, in)
		if err != nil {
			return nil, translate("describe endpoint services", err)
		}
		for _, d := range page.ServiceDetails {
			for _, e := range endpointServicesFromEC2(d) {
				key := [2]string{e.Name, e.Type}
				if !seen[key] {
					seen[key] = true
					out = append(out, e)
				}
			}
		}
		next := aws.ToString(page.NextToken)
		// A repeated token would loop forever; EC2 never sends one, but the
		// paginators the SDK generates guard against it too.
		if next == "" || next == aws.ToString(in.NextToken) {
			break
		}
		in.NextToken = aws.String(next)
	}
	slices.SortFunc(out, func(a, b EndpointService) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Type, b.Type))
	})
	return out, nil
}

// endpointServicesFromEC2 splits a service detail into one entry per type.
func endpointServicesFromEC2(d types.ServiceDetail) []EndpointService {
	base := EndpointService{
		Name:               aws.ToString(d.ServiceName),
		Owner:              aws.ToString(d.Owner),
		AvailabilityZones:  slices.Clone(d.AvailabilityZones),
		PolicySupported:    aws.ToBool(d.VpcEndpointPolicySupported),
		PrivateDNSName:     aws.ToString(d.PrivateDnsName),
		AcceptanceRequired: aws.ToBool(d.AcceptanceRequired),
	}
	slices.Sort(base.AvailabilityZones)
	var out []EndpointService
	for _, t := range d.ServiceType {
		e := base
		e.Type = string(t.ServiceType)
		out = append(out, e)
	}
	return out
}
