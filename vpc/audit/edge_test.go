package audit_test

import (
	"strings"
	"testing"

	"endpointconsole/vpc"
	"endpointconsole/vpc/audit"
)

// TestAuditEdgeAssociatedTable: a table edge-associated with the internet gateway, holding an
// S3 endpoint route, changes no subnet's path. The private subnets still reach S3 through the
// NAT gateway, the public ones through the internet gateway, and the endpoint serves no
// subnet, which the finding explains by the edge association.
func TestAuditEdgeAssociatedTable(t *testing.T) {
	in := demoLikeVPC().withTable(vpc.RouteTable{
		ID: "rtb-edge", Name: "RT-Edge", VPCID: "vpc-first", EdgeGatewayIDs: []string{"igw-first"},
		Routes: []vpc.Route{localRoute()},
	}).withGatewayEndpoint("vpce-edge", s3List, bucketPolicy, "rtb-edge")
	a := in.audit()
	for _, sp := range a.Subnets {
		if sp.RouteTable.ID == "rtb-edge" {
			t.Errorf("%s uses the edge-associated table", sp.Subnet.Name)
		}
		want := audit.PathNATGateway
		if sp.Public {
			want = audit.PathInternetGateway
		}
		if got := sp.S3.Kind(); got != want {
			t.Errorf("%s reaches S3 by %s, want %s", sp.Subnet.Name, got, want)
		}
	}
	f := findingByID(t, a.Findings, "endpoint-on-unused-route-tables:vpce-edge")
	if !strings.Contains(f.Why, "RT-Edge (rtb-edge) is edge-associated with igw-first") || !strings.Contains(f.Why, "not the traffic of any subnet") {
		t.Errorf("why: %q, want it to name the edge association and say it serves no subnet", f.Why)
	}
	// The same endpoint on a table of the private subnets is used: no such finding.
	used := demoLikeVPC().withGatewayEndpoint("vpce-used", s3List, bucketPolicy, "rtb-private").audit()
	for _, f := range used.Findings {
		if f.Kind == audit.FindingEndpointOnUnusedRouteTables {
			t.Errorf("unexpected %s", f.ID)
		}
	}
}
