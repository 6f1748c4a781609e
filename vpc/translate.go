package vpc

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/smithy-go"
)

// ec2ErrorRule says how one EC2 error code reads in the console.
type ec2ErrorRule struct {
	code  Code
	field string
	// message builds the sentence; id is the resource ID found in EC2's own
	// message (empty when there is none), ec2Message is EC2's text, op the
	// operation in words ("create VPC endpoint").
	message func(id, ec2Message, op string) string
}

// notFound builds the sentence for an ID that does not exist.
func notFound(what string) func(id, _, _ string) string {
	return func(id, _, _ string) string {
		return fmt.Sprintf("%s does not exist (it may have been deleted).", subject(what, id))
	}
}

// malformed builds the sentence for an ID that is not shaped like one.
func malformed(what, example string) func(id, _, _ string) string {
	return func(id, _, _ string) string {
		return fmt.Sprintf("%s is not a valid %s ID; they look like %s.", subject(what, id), what, example)
	}
}

// fixed returns a message builder that ignores EC2's details.
func fixed(sentence string) func(_, _, _ string) string {
	return func(_, _, _ string) string { return sentence }
}

// subject writes "The VPC vpc-0abc" or, when EC2 did not name it, "The VPC".
func subject(what, id string) string {
	if id == "" {
		return "The " + what
	}
	return "The " + what + " " + id
}

const throttledMessage = "EC2 is throttling requests; try again in a moment."

func rejectedPolicy(_, ec2Message, _ string) string {
	if ec2Message == "" {
		return "EC2 rejected the policy as invalid."
	}
	return "EC2 rejected the policy: " + strings.TrimSuffix(ec2Message, ".") + "."
}

func notAllowed(_, _, op string) string {
	return fmt.Sprintf("The AWS credentials in use are not allowed to %s. Ask an administrator for the permission, or use other credentials.", op)
}

func rejectedParameter(_, ec2Message, _ string) string {
	if ec2Message == "" {
		return "EC2 rejected the request as invalid."
	}
	return "EC2 rejected the request: " + strings.TrimSuffix(ec2Message, ".") + "."
}

// ec2ErrorRules maps EC2 error codes (exact case; EC2 is inconsistent about
// "ID" and "Id", so both spellings appear) to domain codes and sentences.
var ec2ErrorRules = map[string]ec2ErrorRule{
	"InvalidVpcID.NotFound":  {NotFound, FieldVPC, notFound("VPC")},
	"InvalidVpcID.Malformed": {Invalid, FieldVPC, malformed("VPC", "vpc-0123456789abcdef0")},

	"InvalidRouteTableID.NotFound":  {NotFound, FieldRouteTables, notFound("route table")},
	"InvalidRouteTableId.NotFound":  {NotFound, FieldRouteTables, notFound("route table")},
	"InvalidRouteTableId.Malformed": {Invalid, FieldRouteTables, malformed("route table", "rtb-0123456789abcdef0")},
	"RouteAlreadyExists": {Conflict, FieldRouteTables, func(id, _, _ string) string {
		return fmt.Sprintf("%s already routes this service through another endpoint; a route table can hold only one endpoint route per service.", subject("route table", id))
	}},

	"InvalidSubnetID.NotFound":   {NotFound, FieldSubnets, notFound("subnet")},
	"InvalidSubnetId.NotFound":   {NotFound, FieldSubnets, notFound("subnet")},
	"InvalidSubnetID.Malformed":  {Invalid, FieldSubnets, malformed("subnet", "subnet-0123456789abcdef0")},
	"InvalidSubnetId.Malformed":  {Invalid, FieldSubnets, malformed("subnet", "subnet-0123456789abcdef0")},
	"DuplicateSubnetsInSameZone": {Invalid, FieldSubnets, fixed("Choose at most one subnet in each Availability Zone.")},

	"InvalidGroup.NotFound":           {NotFound, FieldSecurityGroups, notFound("security group")},
	"InvalidSecurityGroupID.NotFound": {NotFound, FieldSecurityGroups, notFound("security group")},
	"InvalidGroupId.Malformed":        {Invalid, FieldSecurityGroups, malformed("security group", "sg-0123456789abcdef0")},

	"InvalidServiceName":     {Invalid, FieldService, fixed("There is no endpoint service with that name in this Region. Pick a service from the list, or check the name you typed.")},
	"InvalidVpcEndpointType": {Invalid, FieldType, fixed("That endpoint type is not valid for this service. Choose Gateway or Interface, as the service list shows.")},

	"InvalidPolicyDocument":   {Invalid, FieldPolicy, rejectedPolicy},
	"MalformedPolicyDocument": {Invalid, FieldPolicy, rejectedPolicy},

	"InvalidTagKey.Malformed": {Invalid, FieldTags, fixed("Tag keys can't be empty or start with aws: — that prefix is reserved for AWS.")},
	"TagLimitExceeded":        {Invalid, FieldTags, fixed("A resource can have at most 50 tags. Remove some tags before adding more.")},

	"InvalidVpcEndpointId.NotFound":  {NotFound, "", notFound("VPC endpoint")},
	"InvalidVpcEndpoint.NotFound":    {NotFound, "", notFound("VPC endpoint")},
	"InvalidVpcEndpointId.Malformed": {Invalid, "", malformed("VPC endpoint", "vpce-0123456789abcdef0")},

	"InvalidPrefixListID.NotFound":  {NotFound, "", notFound("prefix list")},
	"InvalidPrefixListId.Malformed": {Invalid, "", malformed("prefix list", "pl-63a5400a")},

	"IdempotentParameterMismatch": {Conflict, "", fixed("This form was already submitted with different choices, so EC2 refused to treat it as a retry. Start the wizard again to create another endpoint.")},
	"VpcEndpointLimitExceeded":    {Conflict, "", fixed("This Region has reached its quota of VPC endpoints. Delete an endpoint you no longer need, or ask AWS for a higher quota.")},

	"RequestLimitExceeded": {Throttled, "", fixed(throttledMessage)},
	"Throttling":           {Throttled, "", fixed(throttledMessage)},
	"ThrottlingException":  {Throttled, "", fixed(throttledMessage)},

	"UnauthorizedOperation": {Unauthorized, "", notAllowed},
	"AccessDenied":          {Unauthorized, "", notAllowed},
	"AccessDeniedException": {Unauthorized, "", notAllowed},
	"AuthFailure":           {Unauthorized, "", fixed("AWS did not accept the credentials in use. Check the profile or the access keys the console was started with.")},
	"SignatureDoesNotMatch": {Unauthorized, "", fixed("AWS did not accept the credentials in use. Check the profile or the access keys the console was started with.")},
	"InvalidClientTokenId":  {Unauthorized, "", fixed("AWS did not accept the credentials in use. Check the profile or the access keys the console was started with.")},
	"ExpiredToken":          {Unauthorized, "", fixed("The AWS session has expired. Refresh the credentials and try again.")},

	"InvalidParameterValue":       {Invalid, "", rejectedParameter},
	"InvalidParameter":            {Invalid, "", rejectedParameter},
	"InvalidParameterCombination": {Invalid, "", rejectedParameter},
	"MissingParameter":            {Invalid, "", rejectedParameter},
	"UnknownParameter":            {Invalid, "", rejectedParameter},
}

// resourceIDPattern finds an EC2 resource ID inside an EC2 error message,
// such as "The routeTable ID 'rtb-0abc' does not exist".
var resourceIDPattern = regexp.MustCompile(`\b(?:vpc|vpce|rtb|subnet|sg|pl|igw|nat)-[0-9a-zA-Z]+\b`)

// fieldHints guesses the form field of a generic parameter error from EC2's
// text, so that "Route table IDs are only supported for Gateway type VPC
// Endpoint" lands on the route-table step. Order matters: the first match wins.
var fieldHints = []struct{ phrase, field string }{
	{"route table", FieldRouteTables},
	{"routetable", FieldRouteTables},
	{"subnet", FieldSubnets},
	{"security group", FieldSecurityGroups},
	{"policy", FieldPolicy},
	{"tag", FieldTags},
	{"service name", FieldService},
	{"servicename", FieldService},
	{"ip address type", FieldIPAddressType},
	{"ipaddresstype", FieldIPAddressType},
	{"clienttoken", FieldClientToken},
	{"client token", FieldClientToken},
	{"vpcid", FieldVPC},
	{"vpc id", FieldVPC},
}

func guessField(ec2Message string) string {
	lower := strings.ToLower(ec2Message)
	for _, h := range fieldHints {
		if strings.Contains(lower, h.phrase) {
			return h.field
		}
	}
	return ""
}

// translate turns an error from the SDK into an *Error. op says what we were
// doing, as a verb phrase ("describe route tables for vpc-1"); it becomes the
// context of the wrapped cause and, for permission errors, part of the
// sentence. An *Error passes through unchanged.
func translate(op string, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := errors.AsType[*Error](err); ok {
		return err
	}
	cause := fmt.Errorf("%s: %w", op, err)
	if apiErr, ok := errors.AsType[smithy.APIError](err); ok {
		code, ec2Message := apiErr.ErrorCode(), apiErr.ErrorMessage()
		rule, known := ec2ErrorRules[code]
		if !known {
			return &Error{Code: Internal, Message: fmt.Sprintf("EC2 could not %s (error %s).", op, code), Err: cause}
		}
		field := rule.field
		if field == "" && rule.code == Invalid {
			field = guessField(ec2Message)
		}
		id := resourceIDPattern.FindString(ec2Message)
		return &Error{Code: rule.code, Field: field, Message: rule.message(id, ec2Message, op), Err: cause}
	}
	switch {
	case errors.Is(err, context.Canceled):
		return &Error{Code: Internal, Message: "The request to EC2 was cancelled.", Err: cause}
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{Code: Internal, Message: "EC2 did not answer in time. Try again in a moment.", Err: cause}
	}
	return &Error{Code: Internal, Message: fmt.Sprintf("Could not reach EC2 to %s. Check the network and the endpoint URL.", op), Err: cause}
}

// Translate is translate for the packages under vpc that call EC2 through the SDK themselves
// (the demo seed), so that their errors read like the Service's.
func Translate(op string, err error) error { return translate(op, err) }
