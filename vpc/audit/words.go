package audit

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"endpointconsole/vpc"
)

// natLabels names NAT gateways as "First-NAT (nat-…)".
func (au *auditor) natLabels(ids []string) string {
	labels := make([]string, len(ids))
	for i, id := range ids {
		labels[i] = id
		if j := slices.IndexFunc(au.audit.NATGateways, func(n vpc.NATGateway) bool { return n.ID == id }); j >= 0 && au.audit.NATGateways[j].Name != "" {
			labels[i] = au.audit.NATGateways[j].Name + " (" + id + ")"
		}
	}
	return strings.Join(labels, ", ")
}

// natOnwards says where the NAT gateways send traffic: a public NAT through
// its subnet's internet gateway, a private one to other networks.
func (au *auditor) natOnwards(ids []string) string {
	for _, id := range ids {
		j := slices.IndexFunc(au.audit.NATGateways, func(n vpc.NATGateway) bool { return n.ID == id })
		if j < 0 || au.audit.NATGateways[j].ConnectivityType != "private" {
			return "through the internet gateway over the public internet"
		}
	}
	return "to other networks (a private NAT gateway: transit gateway or virtual private gateway)"
}

// segmentTargets returns the distinct targets of the segments of kind k.
func segmentTargets(p ServicePath, k PathKind) []string {
	var out []string
	for _, s := range p.Segments {
		if s.Kind == k {
			out = append(out, s.Target)
		}
	}
	return uniqueSorted(out)
}

func segmentCIDRs(p ServicePath, k PathKind) []string {
	var out []string
	for _, s := range p.Segments {
		if s.Kind == k {
			out = append(out, s.CIDRs...)
		}
	}
	return out
}

// describeSegment says where a segment goes: "internet gateway igw-… (52.216.0.0/16)".
func describeSegment(s PathSegment) string {
	return s.Kind.hop(s.Target) + " (" + strings.Join(s.CIDRs, ", ") + ")"
}

func serviceLabel(svc string) string {
	if svc == ServiceDynamoDB {
		return "DynamoDB"
	}
	return "S3"
}

// tableNameAndID writes a route table as "Name (rtb-…)", as the findings' sentences do.
func tableNameAndID(rt vpc.RouteTable) string {
	if rt.Name == "" {
		return rt.ID
	}
	return rt.Name + " (" + rt.ID + ")"
}

func vpcLabel(v vpc.VPC) string {
	if v.Name == "" {
		return v.ID
	}
	return v.Name + " (" + v.ID + ")"
}

func implicitly(rt vpc.RouteTable) string {
	if rt.Main {
		return " implicitly, as the main table,"
	}
	return ""
}

func subnetIDs(subnets []vpc.Subnet) []string {
	out := make([]string, len(subnets))
	for i, s := range subnets {
		out[i] = s.ID
	}
	slices.Sort(out)
	return out
}

// subnetNames lists subnets by name (ID when unnamed): "A, B and C".
func subnetNames(subnets []vpc.Subnet) string {
	names := make([]string, len(subnets))
	for i, s := range subnets {
		names[i] = cmp.Or(s.Name, s.ID)
	}
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func countSubnets(subnets []vpc.Subnet) string {
	if len(subnets) == 1 {
		return "1 subnet"
	}
	return fmt.Sprintf("%d subnets", len(subnets))
}

// agree picks the verb form agreeing with a number of subnets.
func agree(subnets []vpc.Subnet, singular, plural string) string {
	if len(subnets) == 1 {
		return singular
	}
	return plural
}

func pluralRoutes(routes []string) string {
	switch len(routes) {
	case 0:
		return "the routes that win over the endpoint route"
	case 1:
		return "route " + routes[0]
	}
	return "routes " + strings.Join(routes, ", ")
}

func uniqueSorted(in []string) []string {
	out := slices.Clone(in)
	slices.Sort(out)
	return slices.Compact(out)
}

func concat(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}
