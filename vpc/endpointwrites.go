package vpc

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
)

// CreateEndpoint validates req and creates the endpoint. For a gateway
// endpoint EC2 adds a "prefix list → vpce-…" route to every chosen route
// table. The ClientToken is always sent (EC2 does not fill one in for this
// call), so retries, the SDK's or a person's, never create a second endpoint.
func (s *Service) CreateEndpoint(ctx context.Context, req CreateEndpointRequest) (Endpoint, error) {
	if err := req.Validate().Err(); err != nil {
		return Endpoint{}, err
	}
	if req.ClientToken == "" {
		req.ClientToken = rand.Text()
	}
	out, err := s.ec2.CreateVpcEndpoint(ctx, req.ec2Input())
	if err != nil {
		return Endpoint{}, translate(req.operation(), err)
	}
	if out.VpcEndpoint == nil {
		return Endpoint{}, errorf(Internal, "", "EC2 created the endpoint but did not describe it; refresh the endpoint list.")
	}
	return endpointFromEC2(*out.VpcEndpoint), nil
}

// CheckCreatePermission asks EC2 whether req would be allowed, without
// creating anything: the same call with DryRun set. EC2 signals "allowed"
// with the DryRunOperation error, so that error means nil here.
//
// On a backend that ignores DryRun (HonoursDryRun) the dry run would create
// the endpoint, so it is not made: the answer is ErrDryRunIgnored.
func (s *Service) CheckCreatePermission(ctx context.Context, req CreateEndpointRequest) error {
	if err := req.Validate().Err(); err != nil {
		return err
	}
	honours, err := s.HonoursDryRun(ctx)
	if err != nil {
		return err
	}
	if !honours {
		return ErrDryRunIgnored
	}
	in := req.ec2Input()
	in.DryRun = aws.Bool(true)
	// The wizard's token belongs to the real create; a dry run creates
	// nothing, so it has nothing to make idempotent.
	in.ClientToken = nil
	out, err := s.ec2.CreateVpcEndpoint(ctx, in)
	if apiErr, ok := errors.AsType[smithy.APIError](err); ok && apiErr.ErrorCode() == "DryRunOperation" {
		return nil
	}
	if err == nil {
		// The backend honoured DryRun on the probe but not here. Remember that it ignores
		// it, so that this happens once, and name what it made: deleting it is left to the
		// person, rather than made a second write behind their back.
		s.dryRun.remember(false)
		id := "(no id given)"
		if out.VpcEndpoint != nil {
			id = aws.ToString(out.VpcEndpoint.VpcEndpointId)
		}
		return errorf(Internal, "", "This EC2 backend ignored DryRun and created endpoint %s while checking the permission; delete it from the endpoint list.", id)
	}
	return translate(req.operation(), err)
}

// operation describes the request in words, for error context and for
// "not allowed to …" sentences.
func (r CreateEndpointRequest) operation() string {
	return fmt.Sprintf("create a %s endpoint for %s in %s", r.endpointType(), r.ServiceName, r.VPCID)
}

func (r CreateEndpointRequest) ec2Input() *ec2.CreateVpcEndpointInput {
	in := &ec2.CreateVpcEndpointInput{
		VpcId:             aws.String(r.VPCID),
		ServiceName:       aws.String(r.ServiceName),
		VpcEndpointType:   types.VpcEndpointType(r.endpointType()),
		RouteTableIds:     r.RouteTableIDs,
		SubnetIds:         r.SubnetIDs,
		SecurityGroupIds:  r.SecurityGroupIDs,
		PrivateDnsEnabled: r.PrivateDNSEnabled,
		IpAddressType:     types.IpAddressType(r.IPAddressType),
		TagSpecifications: r.Tags.tagSpecifications(types.ResourceTypeVpcEndpoint),
	}
	// Empty strings would go on the wire as empty parameters, which EC2
	// reads as invalid values rather than as absent ones.
	if r.ClientToken != "" {
		in.ClientToken = aws.String(r.ClientToken)
	}
	if r.PolicyDocument != "" {
		in.PolicyDocument = aws.String(r.PolicyDocument)
	}
	return in
}

// ModifyEndpoint validates req and applies it. EC2 adds and removes the
// endpoint's routes as route tables are added and removed.
func (s *Service) ModifyEndpoint(ctx context.Context, req ModifyEndpointRequest) error {
	if err := req.Validate().Err(); err != nil {
		return err
	}
	in := &ec2.ModifyVpcEndpointInput{
		VpcEndpointId:          aws.String(req.ID),
		AddRouteTableIds:       req.AddRouteTableIDs,
		RemoveRouteTableIds:    req.RemoveRouteTableIDs,
		AddSubnetIds:           req.AddSubnetIDs,
		RemoveSubnetIds:        req.RemoveSubnetIDs,
		AddSecurityGroupIds:    req.AddSecurityGroupIDs,
		RemoveSecurityGroupIds: req.RemoveSecurityGroupIDs,
		PrivateDnsEnabled:      req.PrivateDNSEnabled,
	}
	if req.PolicyDocument != "" {
		in.PolicyDocument = aws.String(req.PolicyDocument)
	}
	if req.ResetPolicy {
		in.ResetPolicy = aws.Bool(true)
	}
	if _, err := s.ec2.ModifyVpcEndpoint(ctx, in); err != nil {
		return translate("modify VPC endpoint "+req.ID, err)
	}
	return nil
}

// DeleteFailure is one endpoint that DeleteEndpoints could not delete, with
// the reason translated like any other error.
type DeleteFailure struct {
	ID      string
	Code    Code
	Message string
}

// DeleteEndpoints deletes the endpoints, and with them their routes. EC2
// answers per endpoint: those it could not delete come back as failures while
// the others are deleted, so a nil error does not mean all went.
func (s *Service) DeleteEndpoints(ctx context.Context, ids []string) ([]DeleteFailure, error) {
	if len(ids) == 0 {
		return nil, errorf(Invalid, FieldEndpoint, "Choose at least one VPC endpoint to delete.")
	}
	if msg := duplicateIDProblem("VPC endpoint", ids); msg != "" {
		return nil, errorf(Invalid, FieldEndpoint, "%s", msg)
	}
	out, err := s.ec2.DeleteVpcEndpoints(ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: ids})
	if err != nil {
		return nil, translate(fmt.Sprintf("delete VPC endpoints %v", ids), err)
	}
	var failures []DeleteFailure
	for _, item := range out.Unsuccessful {
		id := aws.ToString(item.ResourceId)
		var code, message string
		if item.Error != nil {
			code, message = aws.ToString(item.Error.Code), aws.ToString(item.Error.Message)
		}
		if !strings.Contains(message, id) {
			// Let translate name the endpoint even when EC2's text does not.
			message = strings.TrimSpace(message + " (" + id + ")")
		}
		err := translate("delete VPC endpoint "+id, &smithy.GenericAPIError{Code: code, Message: message})
		failures = append(failures, DeleteFailure{ID: id, Code: ErrorCode(err), Message: ErrorMessage(err)})
	}
	return failures, nil
}
