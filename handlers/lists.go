package handlers

import (
	"strings"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// matchesQuery is the list pages' filter: every word of the query must appear, ignoring case,
// in one of the row's fields.
func matchesQuery(query string, fields ...string) bool {
	haystack := strings.ToLower(strings.Join(fields, " "))
	for _, word := range strings.Fields(strings.ToLower(query)) {
		if !strings.Contains(haystack, word) {
			return false
		}
	}
	return true
}

// vpcNames maps VPC ids to their Name tags.
func vpcNames(vpcs []vpc.VPC) map[string]string {
	names := make(map[string]string, len(vpcs))
	for _, v := range vpcs {
		names[v.ID] = v.Name
	}
	return names
}

// vpcOptions are the VPCs as a drop-down lists them.
func vpcOptions(vpcs []vpc.VPC) []views.VPCOption {
	out := make([]views.VPCOption, len(vpcs))
	for i, v := range vpcs {
		out[i] = views.VPCOption{ID: v.ID, Label: views.VPCLabel(v.ID, v.Name)}
	}
	return out
}

// wizardVPCOptions are the wizard's choice of VPC, which says more than a list filter does: the
// CIDR, and "(default)" on the default VPC, as the console's Create endpoint does.
func wizardVPCOptions(vpcs []vpc.VPC) []views.VPCOption {
	out := vpcOptions(vpcs)
	for i, v := range vpcs {
		if v.CIDR != "" {
			out[i].Label += " · " + v.CIDR
		}
		if v.IsDefault {
			out[i].Label += " (default)"
		}
	}
	return out
}
