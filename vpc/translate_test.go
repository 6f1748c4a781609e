package vpc

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/smithy-go"
)

func TestTranslateEC2Codes(t *testing.T) {
	for _, tt := range []struct {
		code, message string
		want          Code
		field         string
		says          string // part of the sentence
	}{
		{"InvalidVpcID.NotFound", "The vpc ID 'vpc-0a1b2c3d4e5f60718' does not exist", NotFound, FieldVPC, "The VPC vpc-0a1b2c3d4e5f60718 does not exist (it may have been deleted)."},
		{"InvalidVpcID.NotFound", "VpcID {'vpc-9'} does not exist.", NotFound, FieldVPC, "The VPC vpc-9 does not exist"},
		{"InvalidVpcID.NotFound", "", NotFound, FieldVPC, "The VPC does not exist"},
		{"InvalidRouteTableID.NotFound", "The routeTable ID 'rtb-0123456789abcdef0' does not exist", NotFound, FieldRouteTables, "The route table rtb-0123456789abcdef0 does not exist"},
		{"InvalidRouteTableId.Malformed", "Invalid id: \"rtb-x!\"", Invalid, FieldRouteTables, "not a valid route table ID"},
		{"InvalidServiceName", "The Vpc Endpoint Service 'com.amazonaws.us-east-1.nope' does not exist", Invalid, FieldService, "no endpoint service with that name"},
		{"RouteAlreadyExists", "The route identified by pl-63a5400a already exists in rtb-0aaa1111bbbb2222c", Conflict, FieldRouteTables, "already routes this service through another endpoint"},
		{"InvalidPolicyDocument", "Policy is not valid JSON", Invalid, FieldPolicy, "EC2 rejected the policy: Policy is not valid JSON."},
		{"MalformedPolicyDocument", "", Invalid, FieldPolicy, "rejected the policy"},
		{"InvalidTagKey.Malformed", "Tag keys cannot start with aws:", Invalid, FieldTags, "can't be empty or start with aws:"},
		{"TagLimitExceeded", "The maximum number of Tags for a resource has been reached.", Invalid, FieldTags, "at most 50 tags"},
		{"DuplicateSubnetsInSameZone", "Found another VPC endpoint subnet in the availability zone", Invalid, FieldSubnets, "one subnet in each Availability Zone"},
		{"InvalidSubnetID.NotFound", "The subnet ID 'subnet-0aa11bb22cc33dd44' does not exist", NotFound, FieldSubnets, "The subnet subnet-0aa11bb22cc33dd44"},
		{"InvalidGroup.NotFound", "The security group 'sg-0123' does not exist", NotFound, FieldSecurityGroups, "The security group sg-0123"},
		{"InvalidSecurityGroupID.NotFound", "", NotFound, FieldSecurityGroups, "security group does not exist"},
		{"IdempotentParameterMismatch", "client token reused", Conflict, "", "already submitted"},
		{"VpcEndpointLimitExceeded", "", Conflict, "", "quota"},
		{"InvalidVpcEndpointId.NotFound", "The VpcEndpoint Id 'vpce-0123' does not exist", NotFound, "", "The VPC endpoint vpce-0123 does not exist"},
		{"InvalidVpcEndpoint.NotFound", "", NotFound, "", "VPC endpoint does not exist"},
		{"RequestLimitExceeded", "Request limit exceeded.", Throttled, "", "EC2 is throttling requests; try again in a moment."},
		{"Throttling", "Rate exceeded", Throttled, "", "throttling"},
		{"UnauthorizedOperation", "You are not authorized to perform this operation. Encoded authorization failure message: abc", Unauthorized, "", "not allowed to create an endpoint"},
		{"AuthFailure", "AWS was not able to validate the provided access credentials", Unauthorized, "", "did not accept the credentials"},
		{"AccessDenied", "", Unauthorized, "", "not allowed"},
		{"InvalidParameter", "Route table IDs are only supported for Gateway type VPC Endpoint", Invalid, FieldRouteTables, "EC2 rejected the request: Route table IDs are only supported"},
		{"InvalidParameterValue", "Value (ipv5) for parameter IpAddressType is invalid", Invalid, FieldIPAddressType, "ipv5"},
		{"InvalidParameterCombination", "PrivateDnsEnabled is only supported for Interface endpoints", Invalid, "", "PrivateDnsEnabled"},
		{"MissingParameter", "The request must contain the parameter ServiceName", Invalid, FieldService, "ServiceName"},
		{"InternalError", "An internal error has occurred", Internal, "", "EC2 could not create an endpoint (error InternalError)."},
		{"SomethingNew", "whatever", Internal, "", "SomethingNew"},
	} {
		t.Run(tt.code, func(t *testing.T) {
			cause := &smithy.GenericAPIError{Code: tt.code, Message: tt.message}
			// The SDK wraps API errors in an OperationError; translate must
			// see through it.
			sdkErr := &smithy.OperationError{ServiceID: "EC2", OperationName: "CreateVpcEndpoint", Err: cause}
			err := translate("create an endpoint", sdkErr)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("translate returned %T, want *Error", err)
			}
			if e.Code != tt.want || e.Field != tt.field {
				t.Errorf("got code %s field %q, want %s %q", e.Code, e.Field, tt.want, tt.field)
			}
			if !strings.Contains(e.Message, tt.says) {
				t.Errorf("message %q does not say %q", e.Message, tt.says)
			}
			if !errors.Is(err, sdkErr) || !strings.Contains(err.Error(), "create an endpoint: ") {
				t.Errorf("error %q does not wrap the SDK error with its context", err)
			}
		})
	}
}

func TestTranslateOtherErrors(t *testing.T) {
	domain := &Error{Code: Conflict, Field: FieldVPC, Message: "kept"}
	for _, tt := range []struct {
		name string
		err  error
		want Code
		says string
	}{
		{"nil", nil, "", ""},
		{"domain error passes through", fmt.Errorf("wrapped: %w", domain), Conflict, "kept"},
		{"cancelled", fmt.Errorf("op: %w", context.Canceled), Internal, "cancelled"},
		{"deadline", context.DeadlineExceeded, Internal, "did not answer in time"},
		{"network", errors.New("dial tcp 127.0.0.1:1: connection refused"), Internal, "Could not reach EC2 to describe VPCs"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := translate("describe VPCs", tt.err)
			if got := ErrorCode(err); got != tt.want {
				t.Errorf("ErrorCode = %q, want %q", got, tt.want)
			}
			if tt.err != nil && !strings.Contains(ErrorMessage(err), tt.says) {
				t.Errorf("ErrorMessage = %q, want it to say %q", ErrorMessage(err), tt.says)
			}
		})
	}
}

func TestErrorHelpers(t *testing.T) {
	e := &Error{Code: NotFound, Field: FieldVPC, Message: "The VPC vpc-1 does not exist.", Err: errors.New("api error")}
	wrapped := fmt.Errorf("handler: %w", e)
	for _, tt := range []struct {
		name                 string
		err                  error
		code                 Code
		message, field, text string
	}{
		{"nil", nil, "", "", "", ""},
		{"wrapped Error", wrapped, NotFound, e.Message, FieldVPC, "handler: The VPC vpc-1 does not exist.: api error"},
		{"plain error", errors.New("secret internals"), Internal, "Something went wrong on our side. Try again; if it keeps happening, check the server log.", "", "secret internals"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := ErrorCode(tt.err); got != tt.code {
				t.Errorf("ErrorCode = %q, want %q", got, tt.code)
			}
			if got := ErrorMessage(tt.err); got != tt.message {
				t.Errorf("ErrorMessage = %q, want %q", got, tt.message)
			}
			if got := ErrorField(tt.err); got != tt.field {
				t.Errorf("ErrorField = %q, want %q", got, tt.field)
			}
			if tt.err != nil && tt.err.Error() != tt.text {
				t.Errorf("Error() = %q, want %q", tt.err.Error(), tt.text)
			}
		})
	}
}
