package ascode

import (
	"fmt"
	"strings"
	"unicode"

	"endpointconsole/vpc"
)

// Terraform is a configuration with one aws_vpc_endpoint that makes req, with the provider in
// region. The policy is written with jsonencode, so that it reads as HCL and Terraform compares
// it by meaning; a policy that is not JSON is written as the string it is.
func Terraform(req vpc.CreateEndpointRequest, region string) string {
	var h hclWriter
	if region != "" {
		h.line(0, `provider "aws" {`)
		h.line(1, "region = "+hclString(region))
		h.line(0, "}")
		h.line(0, "")
	}
	h.line(0, `resource "aws_vpc_endpoint" `+hclString(resourceName(req))+" {")
	attrs := []member{
		{"vpc_id", hclString(req.VPCID)},
		{"service_name", hclString(req.ServiceName)},
		{"vpc_endpoint_type", hclString(endpointType(req))},
	}
	for _, list := range []member{{"route_table_ids", req.RouteTableIDs}, {"subnet_ids", req.SubnetIDs}, {"security_group_ids", req.SecurityGroupIDs}} {
		if ids := list.Value.([]string); len(ids) > 0 {
			attrs = append(attrs, member{list.Key, hclList(ids)})
		}
	}
	if req.IPAddressType != "" {
		attrs = append(attrs, member{"ip_address_type", hclString(req.IPAddressType)})
	}
	if req.PrivateDNSEnabled != nil {
		attrs = append(attrs, member{"private_dns_enabled", fmt.Sprint(*req.PrivateDNSEnabled)})
	}
	h.attributes(1, attrs)
	if req.PolicyDocument != "" {
		if policy, err := decodePolicy(req.PolicyDocument); err == nil {
			h.WriteString(strings.Repeat("  ", 1) + "policy = jsonencode(")
			h.value(1, policy)
			h.WriteString(")\n")
		} else {
			h.line(1, "policy = "+hclString(req.PolicyDocument))
		}
	}
	if len(req.Tags) > 0 {
		var tags []member
		for _, t := range req.Tags {
			tags = append(tags, member{hclKey(t.Key), hclString(t.Value)})
		}
		h.line(1, "tags = {")
		h.attributes(2, tags)
		h.line(1, "}")
	}
	h.line(0, "}")
	return h.String()
}

// resourceName is the resource's name in the configuration: its name in lower-case words
// joined by _, starting with a letter (s3, my_buckets).
func resourceName(req vpc.CreateEndpointRequest) string {
	s := strings.ToLower(strings.Join(nameWords(req), "_"))
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		s = "endpoint_" + s
	}
	return strings.TrimSuffix(s, "_")
}

// hclWriter writes HCL, two spaces a level.
type hclWriter struct{ strings.Builder }

func (h *hclWriter) line(level int, s string) {
	if s == "" {
		h.WriteString("\n")
		return
	}
	h.WriteString(strings.Repeat("  ", level) + s + "\n")
}

// attributes writes name = value lines, the = signs aligned as terraform fmt aligns them.
// Each Value is already HCL.
func (h *hclWriter) attributes(level int, attrs []member) {
	width := 0
	for _, a := range attrs {
		width = max(width, len(a.Key))
	}
	for _, a := range attrs {
		h.line(level, fmt.Sprintf("%-*s = %s", width, a.Key, a.Value))
	}
}

// value writes a decoded JSON value as an HCL expression, the first line where the writer
// stands and the rest at level: objects and tuples over several lines, scalars as they are.
func (h *hclWriter) value(level int, v any) {
	indent := strings.Repeat("  ", level)
	switch v := v.(type) {
	case object:
		if len(v) == 0 {
			h.WriteString("{}")
			return
		}
		h.WriteString("{\n")
		width := 0
		for _, m := range v {
			width = max(width, len(hclKey(m.Key)))
		}
		for _, m := range v {
			fmt.Fprintf(h, "%s  %-*s = ", indent, width, hclKey(m.Key))
			h.value(level+1, m.Value)
			h.WriteString("\n")
		}
		h.WriteString(indent + "}")
	case []any:
		if len(v) == 0 {
			h.WriteString("[]")
			return
		}
		h.WriteString("[\n")
		for _, item := range v {
			h.WriteString(indent + "  ")
			h.value(level+1, item)
			h.WriteString(",\n")
		}
		h.WriteString(indent + "]")
	case string:
		h.WriteString(hclString(v))
	case nil:
		h.WriteString("null")
	default:
		fmt.Fprint(h, v) // bool, json.Number
	}
}

func hclList(ids []string) string {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = hclString(id)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// hclKey writes an object key: bare when it is an identifier HCL reads as that same name,
// quoted otherwise (aws:SourceVpc, created-by is bare: - is allowed in identifiers).
func hclKey(key string) string {
	if hclIdentifier(key) {
		return key
	}
	return hclString(key)
}

func hclIdentifier(s string) bool {
	if s == "" {
		return false
	}
	switch s {
	case "true", "false", "null", "for", "if", "in", "endfor", "endif":
		return false
	}
	for i, r := range s {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_'
		if !letter && (i == 0 || !(r >= '0' && r <= '9' || r == '-')) {
			return false
		}
	}
	return true
}

// hclString writes s as an HCL quoted string: \ and " escaped, control characters as \n, \t
// or \u escapes, and ${ and %{ doubled, so that nothing in s is read as a template.
func hclString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case (r == '$' || r == '%') && strings.HasPrefix(s[i+1:], "{"):
			b.WriteRune(r)
			b.WriteRune(r)
		case r == ' ' || unicode.IsPrint(r):
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
