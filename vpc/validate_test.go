package vpc

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func validGateway() CreateEndpointRequest {
	return CreateEndpointRequest{
		VPCID: "vpc-1", ServiceName: "com.amazonaws.us-east-1.s3", Type: TypeGateway,
		RouteTableIDs: []string{"rtb-1"}, Tags: Tags{{Key: "Name", Value: "s3"}}, ClientToken: "token-1",
	}
}

func validInterface() CreateEndpointRequest {
	return CreateEndpointRequest{
		VPCID: "vpc-1", ServiceName: "com.amazonaws.us-east-1.ssm", Type: TypeInterface,
		SubnetIDs: []string{"subnet-1", "subnet-2"}, SecurityGroupIDs: []string{"sg-1"},
	}
}

func manyTags(n int) Tags {
	tags := make(Tags, n)
	for i := range tags {
		tags[i] = Tag{Key: fmt.Sprintf("k%d", i), Value: "v"}
	}
	return tags
}

func TestCreateEndpointRequestValidate(t *testing.T) {
	long := func(n int) string { return strings.Repeat("x", n) }
	policyOfLength := func(n int) string {
		p := `{"Statement":[],"Pad":""}`
		return p[:len(p)-2] + long(n-len(p)) + `"}`
	}
	for _, tt := range []struct {
		name  string
		base  func() CreateEndpointRequest
		edit  func(*CreateEndpointRequest)
		field string // "" when valid
		says  string // part of the message
	}{
		{"valid gateway", validGateway, func(*CreateEndpointRequest) {}, "", ""},
		{"valid interface", validInterface, func(*CreateEndpointRequest) {}, "", ""},
		{"type defaults to gateway", validGateway, func(r *CreateEndpointRequest) { r.Type = "" }, "", ""},
		{"no service", validGateway, func(r *CreateEndpointRequest) { r.ServiceName = " " }, FieldService, "Choose a service"},
		{"no VPC", validGateway, func(r *CreateEndpointRequest) { r.VPCID = "" }, FieldVPC, "Choose a VPC"},
		{"unknown type", validGateway, func(r *CreateEndpointRequest) { r.Type = "GatewayLoadBalancer" }, FieldType, "Gateway or Interface"},
		{"gateway without route tables", validGateway, func(r *CreateEndpointRequest) { r.RouteTableIDs = nil }, FieldRouteTables, "at least one route table"},
		{"type defaults to gateway, needs route tables", validGateway, func(r *CreateEndpointRequest) { r.Type, r.RouteTableIDs = "", nil }, FieldRouteTables, "at least one route table"},
		{"gateway with subnets", validGateway, func(r *CreateEndpointRequest) { r.SubnetIDs = []string{"subnet-1"} }, FieldSubnets, "don't use subnets"},
		{"gateway with security groups", validGateway, func(r *CreateEndpointRequest) { r.SecurityGroupIDs = []string{"sg-1"} }, FieldSecurityGroups, "security groups"},
		{"route table twice", validGateway, func(r *CreateEndpointRequest) { r.RouteTableIDs = []string{"rtb-1", "rtb-1"} }, FieldRouteTables, "chosen twice"},
		{"interface without subnets", validInterface, func(r *CreateEndpointRequest) { r.SubnetIDs = nil }, FieldSubnets, "at least one subnet"},
		{"interface with route tables", validInterface, func(r *CreateEndpointRequest) { r.RouteTableIDs = []string{"rtb-1"} }, FieldRouteTables, "don't use route tables"},
		{"bad IP address type", validInterface, func(r *CreateEndpointRequest) { r.IPAddressType = "ipv5" }, FieldIPAddressType, "ipv4, ipv6 or dualstack"},
		{"dualstack", validInterface, func(r *CreateEndpointRequest) { r.IPAddressType = "dualstack" }, "", ""},
		{"policy ok", validGateway, func(r *CreateEndpointRequest) {
			r.PolicyDocument = `{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`
		}, "", ""},
		{"policy not JSON", validGateway, func(r *CreateEndpointRequest) { r.PolicyDocument = `{"Statement": [` }, FieldPolicy, "not valid JSON"},
		{"policy error by line and column", validGateway, func(r *CreateEndpointRequest) {
			r.PolicyDocument = "{\n  \"Statement\": [\n    {\"Effect\": \"Allow\",}\n  ]\n}"
		}, FieldPolicy, "line 3, column 24: invalid character '}'"},
		{"policy trailing data", validGateway, func(r *CreateEndpointRequest) { r.PolicyDocument = `{"Statement": []} {}` }, FieldPolicy, "not valid JSON"},
		{"policy an array", validGateway, func(r *CreateEndpointRequest) { r.PolicyDocument = `[{"Statement": []}]` }, FieldPolicy, "JSON object"},
		{"policy a string", validGateway, func(r *CreateEndpointRequest) { r.PolicyDocument = `"Statement"` }, FieldPolicy, "JSON object"},
		{"policy without Statement", validGateway, func(r *CreateEndpointRequest) { r.PolicyDocument = `{"Version":"2012-10-17"}` }, FieldPolicy, `"Statement"`},
		{"policy at the limit", validGateway, func(r *CreateEndpointRequest) { r.PolicyDocument = policyOfLength(MaxPolicyLength) }, "", ""},
		{"policy over the limit", validGateway, func(r *CreateEndpointRequest) { r.PolicyDocument = policyOfLength(MaxPolicyLength + 1) }, FieldPolicy, "20480"},
		{"50 tags", validGateway, func(r *CreateEndpointRequest) { r.Tags = manyTags(MaxTags) }, "", ""},
		{"51 tags", validGateway, func(r *CreateEndpointRequest) { r.Tags = manyTags(MaxTags + 1) }, FieldTags, "at most 50"},
		{"empty tag key", validGateway, func(r *CreateEndpointRequest) { r.Tags = Tags{{Key: "Name"}, {Key: " ", Value: "x"}} }, FieldTags, "Tag 2 has no key"},
		{"tag key 127", validGateway, func(r *CreateEndpointRequest) { r.Tags = Tags{{Key: long(127)}} }, "", ""},
		{"tag key 128", validGateway, func(r *CreateEndpointRequest) { r.Tags = Tags{{Key: long(128)}} }, FieldTags, "at most 127"},
		{"tag key counts characters, not bytes", validGateway, func(r *CreateEndpointRequest) { r.Tags = Tags{{Key: strings.Repeat("é", 127)}} }, "", ""},
		{"aws: prefix", validGateway, func(r *CreateEndpointRequest) { r.Tags = Tags{{Key: "aws:cloudformation:stack-name"}} }, FieldTags, "can't start with aws:"},
		{"AWS: prefix", validGateway, func(r *CreateEndpointRequest) { r.Tags = Tags{{Key: "AwS:x"}} }, FieldTags, "can't start with aws:"},
		{"aws without colon", validGateway, func(r *CreateEndpointRequest) { r.Tags = Tags{{Key: "awsome"}} }, "", ""},
		{"duplicate tag key", validGateway, func(r *CreateEndpointRequest) { r.Tags = Tags{{Key: "Team"}, {Key: "Team"}} }, FieldTags, "used twice"},
		{"tag keys are case-sensitive", validGateway, func(r *CreateEndpointRequest) { r.Tags = Tags{{Key: "team"}, {Key: "Team"}} }, "", ""},
		{"tag value 256", validGateway, func(r *CreateEndpointRequest) { r.Tags = Tags{{Key: "k", Value: long(256)}} }, "", ""},
		{"tag value 257", validGateway, func(r *CreateEndpointRequest) { r.Tags = Tags{{Key: "k", Value: long(257)}} }, FieldTags, "at most 256"},
		{"empty tag value", validGateway, func(r *CreateEndpointRequest) { r.Tags = Tags{{Key: "k"}} }, "", ""},
		{"client token 64", validGateway, func(r *CreateEndpointRequest) { r.ClientToken = long(64) }, "", ""},
		{"client token 65", validGateway, func(r *CreateEndpointRequest) { r.ClientToken = long(65) }, FieldClientToken, "at most 64"},
		{"client token not ASCII", validGateway, func(r *CreateEndpointRequest) { r.ClientToken = "tøken" }, FieldClientToken, "ASCII"},
		{"client token empty", validGateway, func(r *CreateEndpointRequest) { r.ClientToken = "" }, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.base()
			tt.edit(&req)
			errs := req.Validate()
			if tt.field == "" {
				if errs != nil {
					t.Fatalf("Validate() = %v, want no errors", errs)
				}
				return
			}
			msg, ok := errs[tt.field]
			if !ok || len(errs) != 1 {
				t.Fatalf("Validate() = %v, want exactly one error, on %s", errs, tt.field)
			}
			if !strings.Contains(msg, tt.says) {
				t.Errorf("message %q does not say %q", msg, tt.says)
			}
		})
	}
}

func TestFieldErrorsErr(t *testing.T) {
	if err := (FieldErrors{}).Err(); err != nil {
		t.Fatalf("empty FieldErrors.Err() = %v, want nil", err)
	}
	req := CreateEndpointRequest{Type: TypeGateway, Tags: Tags{{Key: "aws:x"}}}
	err := req.Validate().Err()
	var e *Error
	if !errors.As(err, &e) || e.Code != Invalid || e.Field != FieldService {
		t.Fatalf("Err() = %#v, want Invalid on %s, the earliest step", err, FieldService)
	}
	var all FieldErrors
	if !errors.As(err, &all) || len(all) != 4 {
		t.Errorf("the error wraps %v, want all 4 field errors (service, vpc, route tables, tags)", all)
	}
}

func TestModifyEndpointRequestValidate(t *testing.T) {
	for _, tt := range []struct {
		name  string
		req   ModifyEndpointRequest
		field string
	}{
		{"valid", ModifyEndpointRequest{ID: "vpce-1", AddRouteTableIDs: []string{"rtb-1"}, RemoveRouteTableIDs: []string{"rtb-2"}}, ""},
		{"reset policy", ModifyEndpointRequest{ID: "vpce-1", ResetPolicy: true}, ""},
		{"no ID", ModifyEndpointRequest{AddRouteTableIDs: []string{"rtb-1"}}, FieldEndpoint},
		{"added and removed", ModifyEndpointRequest{ID: "vpce-1", AddRouteTableIDs: []string{"rtb-1"}, RemoveRouteTableIDs: []string{"rtb-1"}}, FieldRouteTables},
		{"subnet added twice", ModifyEndpointRequest{ID: "vpce-1", AddSubnetIDs: []string{"subnet-1", "subnet-1"}}, FieldSubnets},
		{"group added and removed", ModifyEndpointRequest{ID: "vpce-1", AddSecurityGroupIDs: []string{"sg-1"}, RemoveSecurityGroupIDs: []string{"sg-1"}}, FieldSecurityGroups},
		{"bad policy", ModifyEndpointRequest{ID: "vpce-1", PolicyDocument: "{}"}, FieldPolicy},
		{"policy and reset", ModifyEndpointRequest{ID: "vpce-1", PolicyDocument: `{"Statement":[]}`, ResetPolicy: true}, FieldPolicy},
	} {
		t.Run(tt.name, func(t *testing.T) {
			errs := tt.req.Validate()
			if tt.field == "" && errs != nil || tt.field != "" && (len(errs) != 1 || errs[tt.field] == "") {
				t.Errorf("Validate() = %v, want an error on %q only", errs, tt.field)
			}
		})
	}
}

func TestValidateSetTags(t *testing.T) {
	for _, tt := range []struct {
		name     string
		resource string
		add      Tags
		remove   []string
		field    string
	}{
		{"add and remove", "vpce-1", Tags{{Key: "Team", Value: "x"}}, []string{"Old"}, ""},
		{"no resource", "", Tags{{Key: "Team"}}, nil, FieldEndpoint},
		{"reserved key added", "vpce-1", Tags{{Key: "aws:x"}}, nil, FieldTags},
		{"reserved key removed", "vpce-1", nil, []string{"AWS:x"}, FieldTags},
		{"empty key removed", "vpce-1", nil, []string{""}, FieldTags},
		{"same key added and removed", "vpce-1", Tags{{Key: "Team"}}, []string{"Team"}, FieldTags},
		{"too many", "vpce-1", manyTags(51), nil, FieldTags},
	} {
		t.Run(tt.name, func(t *testing.T) {
			errs := validateSetTags(tt.resource, tt.add, tt.remove)
			if tt.field == "" && errs != nil || tt.field != "" && (len(errs) != 1 || errs[tt.field] == "") {
				t.Errorf("validateSetTags = %v, want an error on %q only", errs, tt.field)
			}
		})
	}
}

func TestTagsName(t *testing.T) {
	for _, tt := range []struct {
		tags Tags
		want string
	}{
		{nil, ""},
		{Tags{{Key: "name", Value: "lower"}}, ""},
		{Tags{{Key: "Team", Value: "x"}, {Key: "Name", Value: "First-VPC"}}, "First-VPC"},
	} {
		if got := tt.tags.Name(); got != tt.want {
			t.Errorf("%v.Name() = %q, want %q", tt.tags, got, tt.want)
		}
	}
}
