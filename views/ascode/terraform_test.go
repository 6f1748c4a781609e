package ascode

import (
	"reflect"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"endpointconsole/vpc"
)

// terraformEval evaluates the configuration's expressions: literals, and jsonencode as
// Terraform defines it.
var terraformEval = &hcl.EvalContext{Functions: map[string]function.Function{"jsonencode": stdlib.JSONEncodeFunc}}

// parseTerraform parses text as HCL and returns the aws_vpc_endpoint resource's attributes
// evaluated, and its name.
func parseTerraform(t *testing.T, text string) (string, map[string]cty.Value) {
	t.Helper()
	file, diags := hclsyntax.ParseConfig([]byte(text), "main.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("the configuration is not HCL: %v\n%s", diags, text)
	}
	var name string
	attrs := map[string]cty.Value{}
	for _, b := range file.Body.(*hclsyntax.Body).Blocks {
		switch {
		case b.Type == "provider" && reflect.DeepEqual(b.Labels, []string{"aws"}):
			region, diags := b.Body.Attributes["region"].Expr.Value(nil)
			if diags.HasErrors() || region.AsString() != "us-east-1" {
				t.Errorf("provider aws region = %#v (%v), want us-east-1", region, diags)
			}
		case b.Type == "resource" && len(b.Labels) == 2 && b.Labels[0] == "aws_vpc_endpoint":
			if name != "" {
				t.Errorf("a second aws_vpc_endpoint")
			}
			name = b.Labels[1]
			if !hclsyntax.ValidIdentifier(name) {
				t.Errorf("resource name %q is not an identifier", name)
			}
			if len(b.Body.Blocks) > 0 {
				t.Errorf("nested blocks %v, want attributes only", b.Body.Blocks)
			}
			for key, a := range b.Body.Attributes {
				v, diags := a.Expr.Value(terraformEval)
				if diags.HasErrors() {
					t.Fatalf("evaluate %s: %v", key, diags)
				}
				attrs[key] = v
			}
		default:
			t.Errorf("unexpected block %s %q", b.Type, b.Labels)
		}
	}
	if name == "" {
		t.Fatalf("no aws_vpc_endpoint resource in\n%s", text)
	}
	return name, attrs
}

func TestTerraform(t *testing.T) {
	for _, tt := range []struct {
		name  string
		req   vpc.CreateEndpointRequest
		attrs map[string]any
	}{{
		name: "gateway",
		req:  gatewayRequest(),
		attrs: map[string]any{
			"vpc_id": "vpc-0a1b2c3d4e5f60718", "service_name": "com.amazonaws.us-east-1.s3", "vpc_endpoint_type": "Gateway",
			"route_table_ids": []string{"rtb-0a1b2c3d4e5f60718", "rtb-0f1e2d3c4b5a69788"},
		},
	}, {
		name: "interface",
		req:  interfaceRequest(),
		attrs: map[string]any{
			"vpc_id": "vpc-0a1b2c3d4e5f60718", "service_name": "com.amazonaws.us-east-1.ssm", "vpc_endpoint_type": "Interface",
			"subnet_ids": []string{"subnet-01", "subnet-02"}, "security_group_ids": []string{"sg-01"},
			"private_dns_enabled": false, "ip_address_type": "dualstack",
		},
	}} {
		t.Run(tt.name, func(t *testing.T) {
			text := Terraform(tt.req, "us-east-1")
			name, attrs := parseTerraform(t, text)
			if name != resourceName(tt.req) {
				t.Errorf("resource name %q, want %q", name, resourceName(tt.req))
			}
			if tt.req.PolicyDocument != "" {
				policy, ok := attrs["policy"]
				if !ok || policy.Type() != cty.String {
					t.Fatalf("policy = %#v, want a string", policy)
				}
				if got, want := jsonValue(t, policy.AsString()), jsonValue(t, tt.req.PolicyDocument); !reflect.DeepEqual(got, want) {
					t.Errorf("policy:\n got %#v\nwant %#v\n%s", got, want, text)
				}
			} else if _, ok := attrs["policy"]; ok {
				t.Errorf("a policy for a request without one")
			}
			tags := map[string]string{}
			for key, v := range attrs["tags"].AsValueMap() {
				tags[key] = v.AsString()
			}
			wantTags := map[string]string{}
			for _, tag := range tt.req.Tags {
				wantTags[tag.Key] = tag.Value
			}
			if !reflect.DeepEqual(tags, wantTags) {
				t.Errorf("tags:\n got %q\nwant %q", tags, wantTags)
			}
			delete(attrs, "policy")
			delete(attrs, "tags")
			got := map[string]any{}
			for key, v := range attrs {
				got[key] = goValue(v)
			}
			if !reflect.DeepEqual(got, tt.attrs) {
				t.Errorf("attributes:\n got %#v\nwant %#v", got, tt.attrs)
			}
		})
	}
}

// goValue is a string, bool or tuple of strings as Go sees it.
func goValue(v cty.Value) any {
	switch {
	case v.Type() == cty.String:
		return v.AsString()
	case v.Type() == cty.Bool:
		return v.True()
	case v.Type().IsTupleType() || v.Type().IsListType():
		var out []string
		for _, item := range v.AsValueSlice() {
			out = append(out, item.AsString())
		}
		return out
	}
	return v.GoString()
}

// Every string the configuration holds reads back as itself: nothing in it is a template.
func TestHCLString(t *testing.T) {
	for _, s := range []string{
		"plain", "", `"double"`, `back\slash`, "${var.x}", "%{ if true }x%{ endif }", "$${y}", "$$${z}", "$", "%", "${", "a$", "line\nbreak",
		"cr\rlf", "tab\t", "bell\a", "nel\u0085", "café", "emoji 🙂", "del\x7f", "{ }", "#", "//", "/* c */",
	} {
		expr, diags := hclsyntax.ParseExpression([]byte(hclString(s)), "s.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Errorf("hclString(%q) = %s: not HCL: %v", s, hclString(s), diags)
			continue
		}
		v, diags := expr.Value(nil)
		if diags.HasErrors() || v.Type() != cty.String || v.AsString() != s {
			t.Errorf("hclString(%q) = %s, read back as %#v (%v)", s, hclString(s), v, diags)
		}
	}
}

// Object keys read back as themselves: the bare ones are identifiers, the others quoted.
func TestHCLKey(t *testing.T) {
	for _, key := range []string{"Name", "created-by", "cost center", "aws:SourceVpc", "for", "if", "true", "null", "123", "_x", "-x", "${x}", "a.b"} {
		text := "{\n  " + hclKey(key) + " = 1\n}"
		expr, diags := hclsyntax.ParseExpression([]byte(text), "k.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Errorf("hclKey(%q) = %s: not HCL: %v", key, hclKey(key), diags)
			continue
		}
		v, diags := expr.Value(nil)
		if diags.HasErrors() || !v.Type().IsObjectType() || !v.Type().HasAttribute(key) {
			t.Errorf("hclKey(%q) = %s, read back as %#v (%v)", key, hclKey(key), v, diags)
		}
	}
}
