package ascode

import (
	"fmt"
	"strings"
	"unicode"

	"endpointconsole/vpc"
)

// CloudFormation is a template (YAML) with one AWS::EC2::VPCEndpoint that makes req, to deploy
// as a stack in region. The policy is written as a YAML mapping, which CloudFormation turns
// back into JSON; a policy that is not JSON is written as the string it is.
func CloudFormation(req vpc.CreateEndpointRequest, region string) string {
	var y yamlWriter
	if region != "" {
		y.line(0, "# Deploy as a stack in "+region+".")
	}
	y.line(0, `AWSTemplateFormatVersion: "2010-09-09"`)
	y.line(0, "Resources:")
	y.line(1, logicalID(req)+":")
	y.line(2, "Type: AWS::EC2::VPCEndpoint")
	y.line(2, "Properties:")
	y.scalar(3, "VpcId", req.VPCID)
	y.scalar(3, "ServiceName", req.ServiceName)
	y.scalar(3, "VpcEndpointType", endpointType(req))
	y.list(3, "RouteTableIds", req.RouteTableIDs)
	y.list(3, "SubnetIds", req.SubnetIDs)
	y.list(3, "SecurityGroupIds", req.SecurityGroupIDs)
	if req.IPAddressType != "" {
		y.scalar(3, "IpAddressType", req.IPAddressType)
	}
	if req.PrivateDNSEnabled != nil {
		y.line(3, fmt.Sprintf("PrivateDnsEnabled: %t", *req.PrivateDNSEnabled))
	}
	if req.PolicyDocument != "" {
		if policy, err := decodePolicy(req.PolicyDocument); err == nil {
			y.value(3, "PolicyDocument", policy)
		} else {
			y.scalar(3, "PolicyDocument", req.PolicyDocument)
		}
	}
	if len(req.Tags) > 0 {
		y.line(3, "Tags:")
		for _, t := range req.Tags {
			y.line(4, "- Key: "+yamlString(t.Key))
			y.line(5, "Value: "+yamlString(t.Value))
		}
	}
	return y.String()
}

// logicalID is the resource's logical ID, letters and digits only: its name in words, each
// capitalised, ending in Endpoint (S3Endpoint, MyBucketsEndpoint).
func logicalID(req vpc.CreateEndpointRequest) string {
	var id strings.Builder
	for _, w := range nameWords(req) {
		id.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	s := id.String()
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		s = "Endpoint" + s
	}
	if !strings.HasSuffix(strings.ToLower(s), "endpoint") {
		s += "Endpoint"
	}
	return s
}

// yamlWriter writes block YAML, two spaces a level.
type yamlWriter struct{ strings.Builder }

func (y *yamlWriter) line(level int, s string) {
	y.WriteString(strings.Repeat("  ", level) + s + "\n")
}

func (y *yamlWriter) scalar(level int, key, value string) {
	y.line(level, yamlString(key)+": "+yamlString(value))
}

func (y *yamlWriter) list(level int, key string, values []string) {
	if len(values) == 0 {
		return
	}
	y.line(level, key+":")
	for _, v := range values {
		y.line(level+1, "- "+yamlString(v))
	}
}

// value writes key: v for a decoded JSON value: a mapping or a sequence in block style (empty
// ones in flow style), a scalar on the key's line.
func (y *yamlWriter) value(level int, key string, v any) {
	switch v := v.(type) {
	case object:
		if len(v) == 0 {
			y.line(level, yamlString(key)+": {}")
			return
		}
		y.line(level, yamlString(key)+":")
		y.members(level+1, v)
	case []any:
		if len(v) == 0 {
			y.line(level, yamlString(key)+": []")
			return
		}
		y.line(level, yamlString(key)+":")
		y.items(level+1, v)
	default:
		y.line(level, yamlString(key)+": "+yamlScalar(v))
	}
}

func (y *yamlWriter) members(level int, o object) {
	for _, m := range o {
		y.value(level, m.Key, m.Value)
	}
}

// items writes a sequence at level: each item starts "- ", a mapping's first member on the
// dash's line and the others under it.
func (y *yamlWriter) items(level int, items []any) {
	for _, item := range items {
		switch item := item.(type) {
		case object:
			if len(item) == 0 {
				y.line(level, "- {}")
				continue
			}
			var first yamlWriter
			first.value(0, item[0].Key, item[0].Value)
			lines := strings.SplitAfter(first.String(), "\n")
			y.WriteString(strings.Repeat("  ", level) + "- " + lines[0])
			for _, l := range lines[1:] {
				if l != "" {
					y.WriteString(strings.Repeat("  ", level+1) + l)
				}
			}
			y.members(level+1, item[1:])
		case []any:
			if len(item) == 0 {
				y.line(level, "- []")
				continue
			}
			y.line(level, "-")
			y.items(level+1, item)
		default:
			y.line(level, "- "+yamlScalar(item))
		}
	}
}

// yamlScalar writes a decoded JSON scalar: a string quoted where YAML needs it, a number, a
// boolean or null as JSON writes them.
func yamlScalar(v any) string {
	switch v := v.(type) {
	case string:
		return yamlString(v)
	case nil:
		return "null"
	case bool:
		return fmt.Sprint(v)
	}
	return fmt.Sprint(v) // json.Number
}

// yamlString writes s plain when YAML reads it back as that same string (an ID, a service
// name, Allow), and double-quoted otherwise, with every character YAML could misread escaped.
func yamlString(s string) string {
	if yamlPlain(s) {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == ' ' || unicode.IsPrint(r) && r != 0xFEFF:
			b.WriteRune(r)
		case r > 0xFFFF:
			fmt.Fprintf(&b, `\U%08x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// yamlPlain says whether s can be written without quotes: it starts with a letter, holds only
// letters, digits and ._/- and is none of the words YAML reads as a boolean or null.
func yamlPlain(s string) bool {
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._/-", r)) {
			return false
		}
	}
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "true", "false", "on", "off", "null":
		return false
	}
	return true
}
