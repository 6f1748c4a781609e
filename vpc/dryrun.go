package vpc

import (
	"context"
	"errors"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/smithy-go"
)

// ErrDryRunIgnored is CheckCreatePermission's answer on an EC2 backend that ignores DryRun
// (moto, LocalStack): there a dry run of CreateVpcEndpoint would create the endpoint, so the
// permission is not checked in advance. Test for it with errors.Is.
var ErrDryRunIgnored = &Error{
	Code:    Internal,
	Message: "The permission to create endpoints could not be checked: this EC2 backend ignores DryRun. EC2 checks it when the endpoint is created.",
}

// dryRunSupport remembers the backend's answer to HonoursDryRun. Only answers are kept: an
// error (EC2 unreachable, throttled, cancelled) says nothing about the backend.
type dryRunSupport struct {
	mu      sync.Mutex
	known   bool
	honours bool
}

func (d *dryRunSupport) remember(honours bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.known, d.honours = true, honours
}

// HonoursDryRun reports whether the EC2 backend honours DryRun on the VPC-endpoint actions.
// Real EC2 and fakeec2 do; moto and LocalStack carry the request out as if DryRun were absent
// (reference/peers-and-pitfalls.md, vpc/differential_test.go). The first call asks the backend
// with a dry-run DescribeVpcEndpoints, which creates nothing whichever way it is answered; the
// answer is kept for the Service's life, and concurrent first calls ask once.
//
// EC2 answers a dry run with DryRunOperation when the call is allowed and UnauthorizedOperation
// when it is not: both are DryRun honoured. A backend that ignores DryRun answers the list.
func (s *Service) HonoursDryRun(ctx context.Context) (bool, error) {
	d := &s.dryRun
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.known {
		return d.honours, nil
	}
	_, err := s.ec2.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{DryRun: aws.Bool(true), MaxResults: aws.Int32(5)})
	if err == nil {
		d.known, d.honours = true, false
		return false, nil
	}
	if apiErr, ok := errors.AsType[smithy.APIError](err); ok {
		switch apiErr.ErrorCode() {
		case "DryRunOperation", "UnauthorizedOperation":
			d.known, d.honours = true, true
			return true, nil
		}
	}
	return false, translate("ask EC2 whether it honours DryRun", err)
}
