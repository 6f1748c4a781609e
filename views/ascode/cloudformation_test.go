package ascode

import (
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"endpointconsole/vpc"
)

// The template is read back by a YAML parser: one AWS::EC2::VPCEndpoint, with the property
// names CloudFormation documents and the request's values, the policy meaning the same.
func TestCloudFormation(t *testing.T) {
	for _, tt := range []struct {
		name  string
		req   vpc.CreateEndpointRequest
		props map[string]any
	}{{
		name: "gateway",
		req:  gatewayRequest(),
		props: map[string]any{
			"VpcId": "vpc-0a1b2c3d4e5f60718", "ServiceName": "com.amazonaws.us-east-1.s3", "VpcEndpointType": "Gateway",
			"RouteTableIds": []any{"rtb-0a1b2c3d4e5f60718", "rtb-0f1e2d3c4b5a69788"},
		},
	}, {
		name: "interface",
		req:  interfaceRequest(),
		props: map[string]any{
			"VpcId": "vpc-0a1b2c3d4e5f60718", "ServiceName": "com.amazonaws.us-east-1.ssm", "VpcEndpointType": "Interface",
			"SubnetIds": []any{"subnet-01", "subnet-02"}, "SecurityGroupIds": []any{"sg-01"},
			"PrivateDnsEnabled": false, "IpAddressType": "dualstack",
		},
	}} {
		t.Run(tt.name, func(t *testing.T) {
			text := CloudFormation(tt.req, "us-east-1")
			var template struct {
				Version   string `yaml:"AWSTemplateFormatVersion"`
				Resources map[string]struct {
					Type       string         `yaml:"Type"`
					Properties map[string]any `yaml:"Properties"`
				} `yaml:"Resources"`
			}
			if err := yaml.Unmarshal([]byte(text), &template); err != nil {
				t.Fatalf("the template is not YAML: %v\n%s", err, text)
			}
			if template.Version != "2010-09-09" {
				t.Errorf("AWSTemplateFormatVersion = %q, want 2010-09-09", template.Version)
			}
			if len(template.Resources) != 1 {
				t.Fatalf("resources %v, want one", template.Resources)
			}
			for id, r := range template.Resources {
				if id != logicalID(tt.req) || r.Type != "AWS::EC2::VPCEndpoint" {
					t.Errorf("resource %s of type %q, want %s of type AWS::EC2::VPCEndpoint", id, r.Type, logicalID(tt.req))
				}
				props := r.Properties
				if tt.req.PolicyDocument != "" {
					if got, want := normalizeNumbers(props["PolicyDocument"]), jsonValue(t, tt.req.PolicyDocument); !reflect.DeepEqual(got, want) {
						t.Errorf("PolicyDocument:\n got %#v\nwant %#v\n%s", got, want, text)
					}
				} else if _, ok := props["PolicyDocument"]; ok {
					t.Errorf("a PolicyDocument for a request without one")
				}
				var tags vpc.Tags
				for _, tag := range props["Tags"].([]any) {
					m := tag.(map[string]any)
					if len(m) != 2 {
						t.Errorf("tag %v, want Key and Value only", m)
					}
					tags = append(tags, vpc.Tag{Key: m["Key"].(string), Value: m["Value"].(string)})
				}
				if !reflect.DeepEqual(tags, tt.req.Tags) {
					t.Errorf("Tags:\n got %q\nwant %q", tags, tt.req.Tags)
				}
				delete(props, "PolicyDocument")
				delete(props, "Tags")
				if !reflect.DeepEqual(props, tt.props) {
					t.Errorf("Properties:\n got %#v\nwant %#v", props, tt.props)
				}
			}
		})
	}
}

// Every string the template holds reads back as itself, however YAML could misread it.
func TestYAMLString(t *testing.T) {
	for _, s := range []string{
		"plain", "vpc-0a1b", "Gateway", "yes", "No", "on", "OFF", "y", "null", "~", "true", "", " lead", "trail ", "123", "0x1F", "1e3",
		"2012-10-17", "12:30", "a: b", "a #b", "#c", "- item", "[x]", "{y}", "*alias", "&anchor", "!tag", "|", ">", "%d", "@at", "`b`",
		"'single'", `"double"`, `back\slash`, "line\nbreak", "cr\rlf", "tab\t", "bell\a", "nel\u0085", "bom\ufeff", "café", "emoji 🙂", "del\x7f",
	} {
		var doc map[string]any
		if err := yaml.Unmarshal([]byte("v: "+yamlString(s)+"\n"), &doc); err != nil {
			t.Errorf("yamlString(%q) = %s: not YAML: %v", s, yamlString(s), err)
			continue
		}
		if got, ok := doc["v"].(string); !ok || got != s {
			t.Errorf("yamlString(%q) = %s, read back as %#v", s, yamlString(s), doc["v"])
		}
	}
	// YAML 1.1, which CloudFormation reads, takes these for booleans; yaml.v3 reads 1.2.
	for _, s := range []string{"yes", "No", "on", "OFF", "y", "N"} {
		if got := yamlString(s); !strings.HasPrefix(got, `"`) {
			t.Errorf("yamlString(%q) = %s, want it quoted", s, got)
		}
	}
	if got := yamlString("vpc-0a1b"); got != "vpc-0a1b" {
		t.Errorf("an ID is written %s, want it plain", got)
	}
}
