package vpc_test

import (
	"testing"

	"endpointconsole/ec2test"
)

// backend is one EC2 implementation the gateway suite runs against.
type backend struct {
	newClient ec2test.Backend
	// fullEC2Rules is set for a backend that keeps gateway-endpoint routes in
	// step with ModifyVpcEndpoint, rejects a second endpoint route for the
	// same service in one table, and honours ClientToken, as EC2 does. moto
	// does none of these (reference/peers-and-pitfalls.md §1.1), so the
	// assertions about them run only where this is set; on moto the suite
	// checks only what EC2 and moto agree on.
	fullEC2Rules bool
	// honoursDryRun is set for a backend that answers DryRun=true with DryRunOperation
	// instead of carrying the request out: EC2 and fakeec2, not moto.
	honoursDryRun bool
}

// TestGatewayMoto runs the suite against moto_server.
func TestGatewayMoto(t *testing.T) {
	t.Parallel() // independent: moto accounts of its own on the shared moto_server
	runGatewaySuite(t, backend{newClient: ec2test.MotoBackend(t)})
}

// TestGatewayFake runs the suite against the demo backend, which follows
// EC2's rules where moto does not.
func TestGatewayFake(t *testing.T) {
	t.Parallel() // independent: its own servers
	runGatewaySuite(t, backend{newClient: ec2test.FakeBackend(), fullEC2Rules: true, honoursDryRun: true})
}

// runGatewaySuite checks the Service against one backend. Subtests run side
// by side: each gets an account of its own (see ec2test.Backend).
func runGatewaySuite(t *testing.T, b backend) {
	for _, tt := range []struct {
		name string
		run  func(*testing.T, backend)
		// fullEC2Only tests EC2 rules that moto does not enforce; they run on the fake only,
		// and vpc/differential_test.go records what moto does instead.
		fullEC2Only bool
	}{
		{"SeededAccountReads", testSeededAccountReads, false},
		{"SeededDefaultVPC", testSeededDefaultVPC, false},
		{"ReferenceData", testReferenceData, false},
		{"Pagination", testPagination, false},
		{"NotFound", testNotFound, false},
		{"CreateGatewayEndpoint", testCreateGatewayEndpoint, false},
		{"HonoursDryRun", testHonoursDryRun, false},
		{"CheckCreatePermission", testCheckCreatePermission, false},
		{"CreateErrors", testCreateErrors, false},
		{"InvalidRequestsStayLocal", testInvalidRequestsStayLocal, false},
		{"ModifyEndpointRouteTables", testModifyEndpointRouteTables, false},
		{"DeleteEndpoints", testDeleteEndpoints, false},
		{"SetTags", testSetTags, false},
		{"SecondEndpointSameTable", testSecondEndpointSameTable, true},
		{"ClientTokenIdempotency", testClientTokenIdempotency, true},
	} {
		if tt.fullEC2Only && !b.fullEC2Rules {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.run(t, b)
		})
	}
}
