package audit_test

import (
	"slices"
	"strings"
	"testing"

	"endpointconsole/vpc"
	"endpointconsole/vpc/audit"
)

// withDeletedEndpoint adds an endpoint EC2 still describes after DeleteVpcEndpoints, its
// routes already gone, as EC2 removes them at delete time.
func (in auditInput) withDeletedEndpoint(id, state string, pl vpc.PrefixList, tableIDs ...string) auditInput {
	in.endpoints = append(slices.Clone(in.endpoints), vpc.Endpoint{
		ID: id, Type: vpc.TypeGateway, VPCID: "vpc-first", ServiceName: pl.Name, State: state,
		PolicyDocument: fullAccessPolicy, RouteTableIDs: tableIDs,
	})
	return in
}

// TestAuditIgnoresDeletedEndpoints: a deleting or deleted S3 endpoint still listing RT-Private
// and First-RT gives no path, no finding and no fix; the private subnets are found going
// through the NAT gateway as if it had never been, and the fix is a new endpoint.
func TestAuditIgnoresDeletedEndpoints(t *testing.T) {
	for _, state := range []string{"deleting", "deleted"} {
		t.Run(state, func(t *testing.T) {
			const gone = "vpce-gone"
			a := demoLikeVPC().withDeletedEndpoint(gone, state, s3List, "rtb-private", "rtb-main").audit()
			if got := slices.IndexFunc(a.Endpoints, func(e vpc.Endpoint) bool { return e.ID == gone }); got >= 0 {
				t.Errorf("the audit lists the %s endpoint among the VPC's endpoints", state)
			}
			for _, sp := range a.Subnets {
				if sp.S3.Has(audit.PathGatewayEndpoint) {
					t.Errorf("%s reaches S3 through an endpoint: %+v", sp.Subnet.Name, sp.S3.Segments)
				}
			}
			for _, f := range a.Findings {
				if slices.Contains(f.Resources, gone) || f.FixEndpointID == gone || strings.Contains(f.Title+f.Why+f.Fix, gone) {
					t.Errorf("finding %s is about the %s endpoint: %s", f.ID, state, f.Title)
				}
			}
			nat := findingByID(t, a.Findings, "nat-without-gateway-endpoint:s3:rtb-private")
			if nat.FixEndpointID != "" || !strings.HasPrefix(nat.Fix, "Create a gateway endpoint") {
				t.Errorf("NAT finding's fix: endpoint %q, %q; want a new endpoint", nat.FixEndpointID, nat.Fix)
			}
		})
	}
}
