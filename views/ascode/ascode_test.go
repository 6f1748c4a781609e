package ascode

import (
	"encoding/json"
	"reflect"
	"testing"

	"endpointconsole/vpc"
)

// hostilePolicy has, in its values, what a shell, YAML or HCL would read as something else:
// quotes, a command substitution, a template, a newline, a backslash, a YAML comment mark and
// a non-ASCII character.
const hostilePolicy = "{\r\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Sid\": \"it's \\\"quoted\\\"\", \"Effect\": \"Allow\", \"Principal\": \"*\",\n" +
	"   \"Action\": [\"s3:GetObject\", \"s3:ListBucket\"], \"Resource\": [\"arn:aws:s3:::bucket-$(id)/*\", \"arn:aws:s3:::b`whoami`\"],\n" +
	"   \"Condition\": {\"StringEquals\": {\"aws:SourceVpc\": \"vpc-1 ${x} %{if} $${y} # not a comment\", \"s3:prefix\": \"a\\\\b\\nc: d\", \"aws:userid\": \"café 'x' \\u0007\"}, \"NumericLessThan\": {\"s3:max-keys\": 10}, \"Bool\": {\"aws:SecureTransport\": true}, \"Null\": {\"x\": null}, \"Empty\": {}, \"List\": []},\n" +
	"   \"Nested\": [[1.5, \"a\", [true]], [], [{}, {\"k\": [{\"deep\": \"v\"}]}]]}]\n}"

// hostileTags are tags a person may type: spaces, quotes of both kinds, a command
// substitution, brackets and commas (which break the CLI's shorthand), words YAML reads as
// booleans and keys that are not HCL identifiers.
var hostileTags = vpc.Tags{
	{Key: "Name", Value: `Bob's "private" S3, [prod]`},
	{Key: "cost center", Value: "$(rm -rf /) `id` ${HOME}"},
	{Key: "yes", Value: "no"},
	{Key: "for", Value: "true"},
	{Key: "123", Value: "0x1F"},
	{Key: "team:owner", Value: ""},
	{Key: "created-by", Value: "alice@example.com"},
}

func gatewayRequest() vpc.CreateEndpointRequest {
	return vpc.CreateEndpointRequest{
		VPCID: "vpc-0a1b2c3d4e5f60718", ServiceName: "com.amazonaws.us-east-1.s3", Type: vpc.TypeGateway,
		RouteTableIDs:  []string{"rtb-0a1b2c3d4e5f60718", "rtb-0f1e2d3c4b5a69788"},
		PolicyDocument: hostilePolicy, Tags: hostileTags, ClientToken: "token-not-shown",
	}
}

func interfaceRequest() vpc.CreateEndpointRequest {
	off := false
	return vpc.CreateEndpointRequest{
		VPCID: "vpc-0a1b2c3d4e5f60718", ServiceName: "com.amazonaws.us-east-1.ssm", Type: vpc.TypeInterface,
		SubnetIDs:        []string{"subnet-01", "subnet-02"},
		SecurityGroupIDs: []string{"sg-01"}, PrivateDNSEnabled: &off, IPAddressType: "dualstack",
		Tags: vpc.Tags{{Key: "Name", Value: "ssm"}},
	}
}

// jsonValue decodes a JSON document, for comparing policies by meaning.
func jsonValue(t *testing.T, doc string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatalf("decode JSON %q: %v", doc, err)
	}
	return normalizeNumbers(v)
}

// normalizeNumbers makes every number a float64, whichever decoder read it.
func normalizeNumbers(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = normalizeNumbers(x)
		}
	case []any:
		for i, x := range v {
			v[i] = normalizeNumbers(x)
		}
	case int:
		return float64(v)
	case int64:
		return float64(v)
	case uint64:
		return float64(v)
	}
	return v
}

func TestFromEndpoint(t *testing.T) {
	for _, tt := range []struct {
		name string
		e    vpc.Endpoint
		want vpc.CreateEndpointRequest
	}{{
		name: "gateway: route tables, custom policy, user tags without aws: ones",
		e: vpc.Endpoint{
			ID: "vpce-1", Type: vpc.TypeGateway, VPCID: "vpc-1", ServiceName: "com.amazonaws.us-east-1.s3", State: "available",
			PolicyDocument: `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}`,
			IPAddressType:  "ipv4", RouteTableIDs: []string{"rtb-1", "rtb-2"},
			Tags: vpc.Tags{{Key: "Name", Value: "x"}, {Key: "aws:cloudformation:stack-name", Value: "s"}, {Key: "AWS:Other", Value: "o"}, {Key: "created-by", Value: "bob"}},
		},
		want: vpc.CreateEndpointRequest{
			VPCID: "vpc-1", ServiceName: "com.amazonaws.us-east-1.s3", Type: vpc.TypeGateway, RouteTableIDs: []string{"rtb-1", "rtb-2"},
			PolicyDocument: `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}`,
			Tags:           vpc.Tags{{Key: "Name", Value: "x"}, {Key: "created-by", Value: "bob"}},
		},
	}, {
		name: "interface: subnets, groups, DNS, address type; full access left out",
		e: vpc.Endpoint{
			ID: "vpce-2", Type: vpc.TypeInterface, VPCID: "vpc-1", ServiceName: "com.amazonaws.us-east-1.ssm",
			PolicyDocument: vpc.FullAccessPolicy, IPAddressType: "ipv4", SubnetIDs: []string{"subnet-1"}, SecurityGroupIDs: []string{"sg-1"},
			NetworkInterfaceIDs: []string{"eni-1"}, PrivateDNSEnabled: true,
		},
		want: vpc.CreateEndpointRequest{
			VPCID: "vpc-1", ServiceName: "com.amazonaws.us-east-1.ssm", Type: vpc.TypeInterface, SubnetIDs: []string{"subnet-1"},
			SecurityGroupIDs: []string{"sg-1"}, IPAddressType: "ipv4", PrivateDNSEnabled: new(true),
		},
	}} {
		t.Run(tt.name, func(t *testing.T) {
			if got := FromEndpoint(tt.e); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("FromEndpoint:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestNames(t *testing.T) {
	for _, tt := range []struct {
		name           string
		req            vpc.CreateEndpointRequest
		logical, label string
	}{
		{"from the Name tag", vpc.CreateEndpointRequest{ServiceName: "com.amazonaws.us-east-1.s3", Tags: vpc.Tags{{Key: "Name", Value: "my private-s3"}}}, "MyPrivateS3Endpoint", "my_private_s3"},
		{"from the service", vpc.CreateEndpointRequest{ServiceName: "com.amazonaws.us-east-1.dynamodb"}, "DynamodbEndpoint", "dynamodb"},
		{"a name ending in endpoint", vpc.CreateEndpointRequest{ServiceName: "x", Tags: vpc.Tags{{Key: "Name", Value: "S3 endpoint"}}}, "S3Endpoint", "s3_endpoint"},
		{"a name starting with a digit", vpc.CreateEndpointRequest{ServiceName: "x", Tags: vpc.Tags{{Key: "Name", Value: "2nd"}}}, "Endpoint2ndEndpoint", "endpoint_2nd"},
		{"no ASCII word at all", vpc.CreateEndpointRequest{ServiceName: "", Tags: vpc.Tags{{Key: "Name", Value: "東京"}}}, "Endpoint", "endpoint"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := logicalID(tt.req); got != tt.logical {
				t.Errorf("logicalID = %q, want %q", got, tt.logical)
			}
			if got := resourceName(tt.req); got != tt.label {
				t.Errorf("resourceName = %q, want %q", got, tt.label)
			}
		})
	}
}
