package ascode

import (
	"bytes"
	"encoding/json"
	"strings"

	"endpointconsole/vpc"
)

// CLI is the aws ec2 create-vpc-endpoint command that makes req in region, for a POSIX shell:
// one option a line, every value quoted where the shell would otherwise read it. The tags go
// in the JSON form of --tag-specifications, which, unlike the shorthand, takes any character
// in a value. The wizard's client token is left out: it belongs to one press of Create endpoint.
func CLI(req vpc.CreateEndpointRequest, region string) string {
	c := command{"aws ec2 create-vpc-endpoint"}
	c.option("--region", region)
	c.option("--vpc-id", req.VPCID)
	c.option("--vpc-endpoint-type", endpointType(req))
	c.option("--service-name", req.ServiceName)
	c.option("--route-table-ids", req.RouteTableIDs...)
	c.option("--subnet-ids", req.SubnetIDs...)
	c.option("--security-group-ids", req.SecurityGroupIDs...)
	c.option("--ip-address-type", req.IPAddressType)
	if req.PrivateDNSEnabled != nil {
		if *req.PrivateDNSEnabled {
			c = append(c, "--private-dns-enabled")
		} else {
			c = append(c, "--no-private-dns-enabled")
		}
	}
	if req.PolicyDocument != "" {
		c = append(c, "--policy-document "+shellQuote(indentPolicy(req.PolicyDocument, "  ")))
	}
	if len(req.Tags) > 0 {
		c.option("--tag-specifications", tagSpecifications(req.Tags))
	}
	return c.String()
}

// ModifyRouteTablesCLI is the aws ec2 modify-vpc-endpoint command that adds the endpoint's
// route to the tables add and removes it from the tables remove.
func ModifyRouteTablesCLI(endpointID string, add, remove []string, region string) string {
	c := command{"aws ec2 modify-vpc-endpoint"}
	c.option("--region", region)
	c.option("--vpc-endpoint-id", endpointID)
	c.option("--add-route-table-ids", add...)
	c.option("--remove-route-table-ids", remove...)
	return c.String()
}

// command is a shell command, a line per option.
type command []string

// option adds flag with values, each quoted; nothing when there is no non-empty value.
func (c *command) option(flag string, values ...string) {
	line := flag
	for _, v := range values {
		if v != "" {
			line += " " + shellQuote(v)
		}
	}
	if line != flag {
		*c = append(*c, line)
	}
}

func (c command) String() string { return strings.Join(c, " \\\n  ") + "\n" }

// shellQuote makes s one word for a POSIX shell: as it is when every character is safe there,
// otherwise in single quotes, inside which the shell reads nothing. A single quote in s closes
// the quoted part, is written escaped with a backslash, and a new quoted part opens.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool { return !shellSafe(r) }) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func shellSafe(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("@%+=:,./_-", r)
}

// indentPolicy indents a JSON policy two spaces a level, each line after the first prefixed;
// a policy that is not JSON is left as written.
func indentPolicy(doc, prefix string) string {
	var out bytes.Buffer
	if err := json.Indent(&out, []byte(strings.TrimSpace(doc)), prefix, "  "); err != nil {
		return doc
	}
	return out.String()
}

// tagSpecifications is --tag-specifications in JSON, on one line, with <, > and & as they are.
func tagSpecifications(tags vpc.Tags) string {
	type tag struct{ Key, Value string }
	spec := []struct {
		ResourceType string
		Tags         []tag
	}{{ResourceType: "vpc-endpoint"}}
	for _, t := range tags {
		spec[0].Tags = append(spec[0].Tags, tag{t.Key, t.Value})
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.Encode(spec) // a struct of strings always encodes
	return strings.TrimSuffix(out.String(), "\n")
}
