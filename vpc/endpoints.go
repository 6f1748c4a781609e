package vpc

import (
	"context"
	"slices"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// Endpoint is a VPC endpoint. RouteTableIDs apply to gateway endpoints;
// SubnetIDs, SecurityGroupIDs, NetworkInterfaceIDs, DNSNames and
// PrivateDNSEnabled to interface endpoints. State uses EC2's lowercase wire
// spelling: available, pending, pendingAcceptance, deleting, deleted,
// rejected, failed.
type Endpoint struct {
	ID                  string
	Name                string
	Type                string
	VPCID               string
	ServiceName         string
	State               string
	PolicyDocument      string
	IPAddressType       string
	RouteTableIDs       []string
	SubnetIDs           []string
	SecurityGroupIDs    []string
	NetworkInterfaceIDs []string
	DNSNames            []string
	PrivateDNSEnabled   bool
	Created             time.Time
	OwnerID             string
	Tags                Tags
}

// Deleted reports whether the endpoint is being deleted or has been: EC2 describes it as
// deleting, then deleted, for a while after DeleteVpcEndpoints. Such an endpoint routes
// nothing and can no longer be changed; pages show it greyed, the audit leaves it out.
func (e Endpoint) Deleted() bool {
	return e.State == "deleting" || e.State == "deleted"
}

// ErrIfDeleted refuses a change to a deleted endpoint before EC2 is called, in words the person
// can act on. EC2 answers NotFound for such a change, so the code is NotFound too.
func (e Endpoint) ErrIfDeleted() error {
	switch e.State {
	case "deleting":
		return errorf(NotFound, "", "%s is being deleted; it can no longer be changed.", subject("VPC endpoint", e.ID))
	case "deleted":
		return errorf(NotFound, "", "%s has been deleted; it can no longer be changed.", subject("VPC endpoint", e.ID))
	}
	return nil
}

// EndpointFilter narrows Endpoints; empty fields match everything.
type EndpointFilter struct {
	VPCID       string
	ServiceName string
	// Type is Gateway or Interface.
	Type string
	// State is a lowercase state such as available or pending.
	State string
}

func (f EndpointFilter) ec2Filters() []types.Filter {
	var out []types.Filter
	for _, kv := range [][2]string{
		{"vpc-id", f.VPCID},
		{"service-name", f.ServiceName},
		{"vpc-endpoint-type", f.Type},
		{"vpc-endpoint-state", f.State},
	} {
		if kv[1] != "" {
			out = append(out, types.Filter{Name: aws.String(kv[0]), Values: []string{kv[1]}})
		}
	}
	return out
}

// Endpoints lists the VPC endpoints matching f, sorted by name then ID. The deleting and deleted
// ones EC2 still describes are listed too (see Endpoint.Deleted): the list shows what was just
// deleted, and counts and checks leave them out.
func (s *Service) Endpoints(ctx context.Context, f EndpointFilter) ([]Endpoint, error) {
	out, err := s.describeEndpoints(ctx, "describe VPC endpoints", &ec2.DescribeVpcEndpointsInput{Filters: f.ec2Filters()})
	if err != nil {
		return nil, err
	}
	SortByNameThenID(out, func(e Endpoint) (string, string) { return e.Name, e.ID })
	return out, nil
}

// Endpoint returns one VPC endpoint, a deleting or deleted one included; NotFound when EC2 no
// longer knows it.
func (s *Service) Endpoint(ctx context.Context, id string) (Endpoint, error) {
	if id == "" {
		return Endpoint{}, errorf(Invalid, FieldEndpoint, "Choose a VPC endpoint.")
	}
	out, err := s.describeEndpoints(ctx, "describe VPC endpoint "+id, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id}})
	if err != nil {
		return Endpoint{}, err
	}
	if len(out) == 0 {
		return Endpoint{}, errorf(NotFound, "", "%s does not exist (it may have been deleted).", subject("VPC endpoint", id))
	}
	return out[0], nil
}

func (s *Service) describeEndpoints(ctx context.Context, op string, in *ec2.DescribeVpcEndpointsInput) ([]Endpoint, error) {
	in.MaxResults = s.maxResults()
	var out []Endpoint
	p := ec2.NewDescribeVpcEndpointsPaginator(s.ec2, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, translate(op, err)
		}
		for _, e := range page.VpcEndpoints {
			out = append(out, endpointFromEC2(e))
		}
	}
	return out, nil
}

func endpointFromEC2(e types.VpcEndpoint) Endpoint {
	tags := tagsFromEC2(e.Tags)
	out := Endpoint{
		ID:                  aws.ToString(e.VpcEndpointId),
		Name:                tags.Name(),
		Type:                string(e.VpcEndpointType),
		VPCID:               aws.ToString(e.VpcId),
		ServiceName:         aws.ToString(e.ServiceName),
		State:               lowerFirst(string(e.State)),
		PolicyDocument:      aws.ToString(e.PolicyDocument),
		IPAddressType:       string(e.IpAddressType),
		RouteTableIDs:       sortedCopy(e.RouteTableIds),
		SubnetIDs:           sortedCopy(e.SubnetIds),
		NetworkInterfaceIDs: sortedCopy(e.NetworkInterfaceIds),
		PrivateDNSEnabled:   aws.ToBool(e.PrivateDnsEnabled),
		Created:             aws.ToTime(e.CreationTimestamp),
		OwnerID:             aws.ToString(e.OwnerId),
		Tags:                tags,
	}
	for _, g := range e.Groups {
		out.SecurityGroupIDs = append(out.SecurityGroupIDs, aws.ToString(g.GroupId))
	}
	slices.Sort(out.SecurityGroupIDs)
	for _, d := range e.DnsEntries {
		out.DNSNames = append(out.DNSNames, aws.ToString(d.DnsName))
	}
	return out
}

// lowerFirst turns the SDK model's "PendingAcceptance" into the wire's
// "pendingAcceptance"; EC2 sends lowercase but models it capitalised, and a
// backend may send either.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

func sortedCopy(in []string) []string {
	if len(in) == 0 {
		return nil
	}
	out := slices.Clone(in)
	slices.Sort(out)
	return out
}
