package vpc_test

import (
	"testing"

	"endpointconsole/vpc/vpctest"
)

// backend is one EC2 implementation the gateway suite runs against.
type backend struct {
	newClient vpctest.Backend
	// fullEC2Rules is set for a backend that keeps gateway-endpoint routes in
	// step with ModifyVpcEndpoint, rejects a second endpoint route for the
	// same service in one table, and honours ClientToken, as EC2 does. moto
	// does none of these (reference/peers-and-pitfalls.md §1.1), so the
	// assertions about them run only where this is set; on moto the suite
	// checks only what EC2 and moto agree on.
	fullEC2Rules bool
}

// TestGatewayMoto runs the suite against moto_server.
func TestGatewayMoto(t *testing.T) {
	runGatewaySuite(t, backend{newClient: vpctest.MotoBackend(t)})
}

// TestGatewayFake runs the suite against the demo backend, which follows
// EC2's rules where moto does not.
func TestGatewayFake(t *testing.T) {
	runGatewaySuite(t, backend{newClient: vpctest.FakeBackend(), fullEC2Rules: true})
}

// runGatewaySuite checks the Service against one backend. Subtests run one
// after the other: they may share a server, and each gets a fresh account.
func runGatewaySuite(t *testing.T, b backend) {
	for _, tt := range []struct {
		name string
		run  func(*testing.T, backend)
	}{
		{"SeededAccountReads", testSeededAccountReads},
		{"SeededDefaultVPC", testSeededDefaultVPC},
		{"ReferenceData", testReferenceData},
		{"Pagination", testPagination},
		{"NotFound", testNotFound},
		{"CreateGatewayEndpoint", testCreateGatewayEndpoint},
		{"CheckCreatePermission", testCheckCreatePermission},
		{"CreateErrors", testCreateErrors},
		{"InvalidRequestsStayLocal", testInvalidRequestsStayLocal},
		{"ModifyEndpointRouteTables", testModifyEndpointRouteTables},
		{"DeleteEndpoints", testDeleteEndpoints},
		{"SetTags", testSetTags},
		{"SecondEndpointSameTable", testSecondEndpointSameTable},
		{"ClientTokenIdempotency", testClientTokenIdempotency},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, b) })
	}
}
