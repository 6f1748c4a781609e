package vpc_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"endpointconsole/ec2test"
	"endpointconsole/vpc"
	"endpointconsole/vpc/seed"
)

const s3Service = "com.amazonaws.us-east-1.s3"

// s3GatewayRequest asks for the tutorial's endpoint: S3, gateway, into the
// given route tables of First-VPC.
func s3GatewayRequest(acct seed.Account, routeTables ...string) vpc.CreateEndpointRequest {
	return vpc.CreateEndpointRequest{
		VPCID:         acct.VPCID,
		ServiceName:   s3Service,
		Type:          vpc.TypeGateway,
		RouteTableIDs: routeTables,
		Tags:          vpc.Tags{{Key: "Name", Value: "Endpoint-First-VPC-S3"}},
	}
}

func testCreateGatewayEndpoint(t *testing.T, b backend) {
	ctx := context.Background()
	svc, acct := seeded(t, b, seed.Options{})
	req := s3GatewayRequest(acct, acct.PrivateRouteTableID, acct.MainRouteTableID)
	req.ClientToken = "create-gateway-endpoint-test"
	ep, err := svc.CreateEndpoint(ctx, req)
	if err != nil {
		t.Fatalf("CreateEndpoint: %v", err)
	}
	wantTables := slices.Sorted(slices.Values(req.RouteTableIDs))
	if !strings.HasPrefix(ep.ID, "vpce-") || ep.Type != vpc.TypeGateway || ep.VPCID != acct.VPCID ||
		ep.ServiceName != s3Service || ep.State != "available" || ep.Name != "Endpoint-First-VPC-S3" ||
		!slices.Equal(ep.RouteTableIDs, wantTables) || !strings.Contains(ep.PolicyDocument, "Statement") {
		t.Errorf("created endpoint = %+v, want an available S3 gateway endpoint in %s on %v with the default policy", ep, acct.VPCID, wantTables)
	}

	lists, err := svc.PrefixLists(ctx)
	if err != nil {
		t.Fatalf("PrefixLists: %v", err)
	}
	s3, ok := vpc.PrefixListByName(lists, s3Service)
	if !ok {
		t.Fatalf("no prefix list named %s", s3Service)
	}
	wantDestination := fmt.Sprintf("%s (%s, %s)", s3.ID, s3Service, strings.Join(s3.CIDRs, ", "))

	tables, err := svc.RouteTables(ctx, acct.VPCID)
	if err != nil {
		t.Fatalf("RouteTables: %v", err)
	}
	for _, tt := range []struct {
		table   string
		keeps   string // the 0.0.0.0/0 target that must still be there
		keepsTo vpc.TargetKind
	}{
		{"RT-Private", acct.NATGatewayID, vpc.TargetNATGateway},
		{"First-RT", acct.InternetGatewayID, vpc.TargetInternetGateway},
	} {
		t.Run(tt.table, func(t *testing.T) {
			rt := routeTableNamed(t, tables, tt.table)
			routes := endpointRoutes(rt)
			if len(routes) != 1 {
				t.Fatalf("got %d endpoint routes in %s, want 1: %+v", len(routes), tt.table, rt.Routes)
			}
			r := routes[0]
			if r.Target != ep.ID || r.TargetKind != vpc.TargetGatewayEndpoint || r.DestinationPrefixList.ID != s3.ID ||
				r.DestinationPrefixList.Name != s3Service || r.State != "active" {
				t.Errorf("endpoint route = %+v, want %s → %s, active", r, s3.ID, ep.ID)
			}
			if got := r.Destination(); got != wantDestination {
				t.Errorf("Destination() = %q, want %q", got, wantDestination)
			}
			kept := slices.ContainsFunc(rt.Routes, func(r vpc.Route) bool {
				return r.DestinationCIDR == "0.0.0.0/0" && r.Target == tt.keeps && r.TargetKind == tt.keepsTo
			})
			if !kept {
				t.Errorf("%s lost its 0.0.0.0/0 → %s route: %+v", tt.table, tt.keeps, rt.Routes)
			}
		})
	}

	for _, tt := range []struct {
		name   string
		filter vpc.EndpointFilter
		want   int
	}{
		{"vpc", vpc.EndpointFilter{VPCID: acct.VPCID}, 1},
		{"service", vpc.EndpointFilter{ServiceName: s3Service}, 1},
		{"gateway", vpc.EndpointFilter{Type: vpc.TypeGateway}, 1},
		{"interface", vpc.EndpointFilter{Type: vpc.TypeInterface}, 0},
		{"other vpc", vpc.EndpointFilter{VPCID: acct.DefaultVPCID}, 0},
	} {
		t.Run("Endpoints "+tt.name, func(t *testing.T) {
			eps, err := svc.Endpoints(ctx, tt.filter)
			if err != nil {
				t.Fatalf("Endpoints: %v", err)
			}
			if len(eps) != tt.want {
				t.Fatalf("got %d endpoints, want %d: %+v", len(eps), tt.want, eps)
			}
			if tt.want == 1 && eps[0].ID != ep.ID {
				t.Errorf("got endpoint %s, want %s", eps[0].ID, ep.ID)
			}
		})
	}
	got, err := svc.Endpoint(ctx, ep.ID)
	if err != nil {
		t.Fatalf("Endpoint: %v", err)
	}
	if got.ID != ep.ID || !slices.Equal(got.RouteTableIDs, wantTables) || got.Name != ep.Name {
		t.Errorf("Endpoint(%s) = %+v, want %+v", ep.ID, got, ep)
	}
}

// testHonoursDryRun: the probe tells a backend that honours DryRun (fakeec2) from one that
// ignores it (moto), and creates nothing on either.
func testHonoursDryRun(t *testing.T, b backend) {
	ctx := context.Background()
	client, svc, _ := seededClient(t, b)
	got, err := svc.HonoursDryRun(ctx)
	if err != nil || got != b.honoursDryRun {
		t.Fatalf("HonoursDryRun = %v, %v; want %v", got, err, b.honoursDryRun)
	}
	wantNoEndpointInEC2(t, client)
}

// testCheckCreatePermission: the review's permission check creates nothing on any backend. On
// one that ignores DryRun it is not made (ErrDryRunIgnored); either way the real create then
// finds the tables as they were and makes the one endpoint.
func testCheckCreatePermission(t *testing.T, b backend) {
	ctx := context.Background()
	client, svc, acct := seededClient(t, b)
	err := svc.CheckCreatePermission(ctx, s3GatewayRequest(acct))
	wantError(t, err, vpc.Invalid, vpc.FieldRouteTables)
	req := s3GatewayRequest(acct, acct.PrivateRouteTableID, acct.MainRouteTableID)
	// Twice, as a person going back and forth on the review does: the second check runs on
	// what the first learnt about the backend.
	for i := range 2 {
		err = svc.CheckCreatePermission(ctx, req)
		if b.honoursDryRun && err != nil {
			t.Fatalf("CheckCreatePermission #%d = %v, want nil", i+1, err)
		}
		if !b.honoursDryRun && !errors.Is(err, vpc.ErrDryRunIgnored) {
			t.Fatalf("CheckCreatePermission #%d = %v, want ErrDryRunIgnored", i+1, err)
		}
	}
	wantNoEndpointInEC2(t, client)
	tables, err := client.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: req.RouteTableIDs})
	if err != nil {
		t.Fatalf("DescribeRouteTables: %v", err)
	}
	for _, rt := range tables.RouteTables {
		for _, r := range rt.Routes {
			if r.DestinationPrefixListId != nil {
				t.Errorf("%s has a route %s → %s after the permission check", aws.ToString(rt.RouteTableId), aws.ToString(r.DestinationPrefixListId), aws.ToString(r.GatewayId))
			}
		}
	}
	ep, err := svc.CreateEndpoint(ctx, req)
	if err != nil {
		t.Fatalf("CreateEndpoint after the check: %v", err)
	}
	out, err := client.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{})
	if err != nil {
		t.Fatalf("DescribeVpcEndpoints: %v", err)
	}
	if len(out.VpcEndpoints) != 1 || aws.ToString(out.VpcEndpoints[0].VpcEndpointId) != ep.ID {
		t.Errorf("endpoints in EC2 after the check and the create: %d, want only %s", len(out.VpcEndpoints), ep.ID)
	}
}

// seededClient is seeded, with the EC2 client too, to look at the account around the Service.
func seededClient(t *testing.T, b backend) (*ec2.Client, *vpc.Service, seed.Account) {
	t.Helper()
	client := b.newClient(t)
	acct, err := seed.Tutorial(context.Background(), client, seed.Options{})
	if err != nil {
		t.Fatalf("seed.Tutorial: %v", err)
	}
	return client, vpc.New(client, ec2test.Region), acct
}

// wantNoEndpointInEC2 fails the test when DescribeVpcEndpoints lists any endpoint, in any
// state (moto keeps deleted ones, as "deleted").
func wantNoEndpointInEC2(t *testing.T, client *ec2.Client) {
	t.Helper()
	out, err := client.DescribeVpcEndpoints(context.Background(), &ec2.DescribeVpcEndpointsInput{})
	if err != nil {
		t.Fatalf("DescribeVpcEndpoints: %v", err)
	}
	for _, e := range out.VpcEndpoints {
		t.Errorf("endpoint in EC2: %s %s (%s)", aws.ToString(e.VpcEndpointId), aws.ToString(e.ServiceName), e.State)
	}
}

func testCreateErrors(t *testing.T, b backend) {
	ctx := context.Background()
	svc, acct := seeded(t, b, seed.Options{})
	tests := []struct {
		name  string
		edit  func(*vpc.CreateEndpointRequest)
		codes []vpc.Code // any of these
		field string
		// onlyFullEC2 marks checks moto does not make: it accepts both.
		onlyFullEC2 bool
	}{
		{"unknown VPC", func(r *vpc.CreateEndpointRequest) { r.VPCID = "vpc-0123456789abcdef0" },
			[]vpc.Code{vpc.NotFound}, vpc.FieldVPC, false},
		{"unknown route table", func(r *vpc.CreateEndpointRequest) { r.RouteTableIDs = []string{"rtb-0123456789abcdef0"} },
			[]vpc.Code{vpc.NotFound}, vpc.FieldRouteTables, false},
		{"unknown service", func(r *vpc.CreateEndpointRequest) { r.ServiceName = "com.amazonaws.us-east-1.nosuchservice" },
			[]vpc.Code{vpc.Invalid}, vpc.FieldService, true},
		// EC2's exact code for this one is not documented; either reads well.
		{"route table of another VPC", func(r *vpc.CreateEndpointRequest) { r.RouteTableIDs = []string{acct.DefaultRouteTableID} },
			[]vpc.Code{vpc.Invalid, vpc.NotFound}, vpc.FieldRouteTables, true},
	}
	for _, tt := range tests {
		if tt.onlyFullEC2 && !b.fullEC2Rules {
			// moto accepts this request; vpc/differential_test.go records it.
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			req := s3GatewayRequest(acct, acct.PrivateRouteTableID)
			tt.edit(&req)
			_, err := svc.CreateEndpoint(ctx, req)
			code := vpc.ErrorCode(err)
			if !slices.Contains(tt.codes, code) {
				t.Fatalf("error = %v, want code in %v", err, tt.codes)
			}
			wantError(t, err, code, tt.field)
		})
	}
}

// testInvalidRequestsStayLocal checks that requests failing validation are
// refused before any call to EC2.
func testInvalidRequestsStayLocal(t *testing.T, b backend) {
	ctx := context.Background()
	client, calls := countingClient(b.newClient(t))
	svc := vpc.New(client, "us-east-1")
	_, err := svc.CreateEndpoint(ctx, vpc.CreateEndpointRequest{VPCID: "vpc-1", ServiceName: s3Service})
	wantError(t, err, vpc.Invalid, vpc.FieldRouteTables)
	err = svc.ModifyEndpoint(ctx, vpc.ModifyEndpointRequest{ID: "vpce-1", PolicyDocument: "{}"})
	wantError(t, err, vpc.Invalid, vpc.FieldPolicy)
	err = svc.SetTags(ctx, "vpce-1", vpc.Tags{{Key: "AWS:owner", Value: "x"}}, nil)
	wantError(t, err, vpc.Invalid, vpc.FieldTags)
	_, err = svc.DeleteEndpoints(ctx, nil)
	wantError(t, err, vpc.Invalid, vpc.FieldEndpoint)
	if n := calls.total(); n != 0 {
		t.Errorf("invalid requests made %d EC2 calls (%v), want 0", n, calls.calls)
	}
}

func testModifyEndpointRouteTables(t *testing.T, b backend) {
	ctx := context.Background()
	svc, acct := seeded(t, b, seed.Options{})
	ep, err := svc.CreateEndpoint(ctx, s3GatewayRequest(acct, acct.PrivateRouteTableID))
	if err != nil {
		t.Fatalf("CreateEndpoint: %v", err)
	}
	steps := []struct {
		name       string
		req        vpc.ModifyEndpointRequest
		wantTables []string
	}{
		{"add First-RT", vpc.ModifyEndpointRequest{ID: ep.ID, AddRouteTableIDs: []string{acct.MainRouteTableID}},
			[]string{acct.MainRouteTableID, acct.PrivateRouteTableID}},
		{"remove RT-Private", vpc.ModifyEndpointRequest{ID: ep.ID, RemoveRouteTableIDs: []string{acct.PrivateRouteTableID}},
			[]string{acct.MainRouteTableID}},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			if err := svc.ModifyEndpoint(ctx, step.req); err != nil {
				t.Fatalf("ModifyEndpoint: %v", err)
			}
			got, err := svc.Endpoint(ctx, ep.ID)
			if err != nil {
				t.Fatalf("Endpoint: %v", err)
			}
			want := slices.Sorted(slices.Values(step.wantTables))
			if !slices.Equal(got.RouteTableIDs, want) {
				t.Errorf("route tables = %v, want %v", got.RouteTableIDs, want)
			}
			// EC2 adds and removes the endpoint's routes with the route
			// tables; moto only edits the list and leaves routes as they were,
			// so the routes are checked where the backend follows EC2.
			if !b.fullEC2Rules {
				return
			}
			tables, err := svc.RouteTables(ctx, acct.VPCID)
			if err != nil {
				t.Fatalf("RouteTables: %v", err)
			}
			for _, rt := range tables {
				routes := endpointRoutes(rt)
				wantRoute := slices.Contains(want, rt.ID)
				if gotRoute := len(routes) == 1 && routes[0].Target == ep.ID; gotRoute != wantRoute || len(routes) > 1 {
					t.Errorf("%s has endpoint routes %+v, want a route to %s: %v", rt.Name, routes, ep.ID, wantRoute)
				}
			}
		})
	}
	err = svc.ModifyEndpoint(ctx, vpc.ModifyEndpointRequest{ID: "vpce-0123456789abcdef0", AddRouteTableIDs: []string{acct.MainRouteTableID}})
	wantError(t, err, vpc.NotFound, "")
}

func testDeleteEndpoints(t *testing.T, b backend) {
	ctx := context.Background()
	svc, acct := seeded(t, b, seed.Options{})
	ep, err := svc.CreateEndpoint(ctx, s3GatewayRequest(acct, acct.PrivateRouteTableID, acct.MainRouteTableID))
	if err != nil {
		t.Fatalf("CreateEndpoint: %v", err)
	}
	const unknown = "vpce-0123456789abcdef0"
	failures, err := svc.DeleteEndpoints(ctx, []string{ep.ID, unknown})
	if err != nil {
		t.Fatalf("DeleteEndpoints: %v", err)
	}
	// EC2 lists unknown IDs as unsuccessful; moto skips them without a word,
	// so this is checked on EC2-like backends (wire_test.go checks how such
	// an answer is read).
	if b.fullEC2Rules && (len(failures) != 1 || failures[0].ID != unknown || failures[0].Code != vpc.NotFound ||
		!strings.Contains(failures[0].Message, unknown)) {
		t.Errorf("failures = %+v, want one NotFound for %s naming it", failures, unknown)
	}
	// EC2 may keep listing a deleted endpoint for a while, as "deleted".
	got, err := svc.Endpoint(ctx, ep.ID)
	if err == nil && got.State != "deleted" && got.State != "deleting" {
		t.Errorf("after delete, endpoint %s is %q", ep.ID, got.State)
	} else if err != nil && vpc.ErrorCode(err) != vpc.NotFound {
		t.Errorf("Endpoint after delete: %v, want NotFound", err)
	}
	tables, err := svc.RouteTables(ctx, acct.VPCID)
	if err != nil {
		t.Fatalf("RouteTables: %v", err)
	}
	for _, rt := range tables {
		if routes := endpointRoutes(rt); len(routes) != 0 {
			t.Errorf("%s still has endpoint routes after delete: %+v", rt.Name, routes)
		}
	}
}

func testSetTags(t *testing.T, b backend) {
	ctx := context.Background()
	svc, acct := seeded(t, b, seed.Options{})
	ep, err := svc.CreateEndpoint(ctx, s3GatewayRequest(acct, acct.PrivateRouteTableID))
	if err != nil {
		t.Fatalf("CreateEndpoint: %v", err)
	}
	steps := []struct {
		name   string
		add    vpc.Tags
		remove []string
		want   vpc.Tags
	}{
		{"add", vpc.Tags{{Key: "Team", Value: "network"}, {Key: "Name", Value: "s3-private"}},
			nil, vpc.Tags{{Key: "Name", Value: "s3-private"}, {Key: "Team", Value: "network"}}},
		{"remove", nil, []string{"Team"}, vpc.Tags{{Key: "Name", Value: "s3-private"}}},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			if err := svc.SetTags(ctx, ep.ID, step.add, step.remove); err != nil {
				t.Fatalf("SetTags: %v", err)
			}
			got, err := svc.Endpoint(ctx, ep.ID)
			if err != nil {
				t.Fatalf("Endpoint: %v", err)
			}
			if !slices.Equal(got.Tags, step.want) || got.Name != step.want.Name() {
				t.Errorf("tags = %+v (name %q), want %+v", got.Tags, got.Name, step.want)
			}
		})
	}
}

// testSecondEndpointSameTable: EC2 allows one endpoint route per service per
// table. moto accepts the second endpoint and silently repoints the route.
func testSecondEndpointSameTable(t *testing.T, b backend) {
	ctx := context.Background()
	svc, acct := seeded(t, b, seed.Options{})
	if _, err := svc.CreateEndpoint(ctx, s3GatewayRequest(acct, acct.PrivateRouteTableID)); err != nil {
		t.Fatalf("CreateEndpoint: %v", err)
	}
	_, err := svc.CreateEndpoint(ctx, s3GatewayRequest(acct, acct.PrivateRouteTableID))
	wantError(t, err, vpc.Conflict, vpc.FieldRouteTables)
}

// testClientTokenIdempotency: the same token and request give the same
// endpoint; the same token with other choices is a conflict. moto ignores
// the token.
func testClientTokenIdempotency(t *testing.T, b backend) {
	ctx := context.Background()
	svc, acct := seeded(t, b, seed.Options{})
	req := s3GatewayRequest(acct, acct.PrivateRouteTableID)
	req.ClientToken = "wizard-token-1"
	first, err := svc.CreateEndpoint(ctx, req)
	if err != nil {
		t.Fatalf("CreateEndpoint: %v", err)
	}
	again, err := svc.CreateEndpoint(ctx, req)
	if err != nil || again.ID != first.ID {
		t.Fatalf("CreateEndpoint again = %s, %v, want %s, nil", again.ID, err, first.ID)
	}
	req.RouteTableIDs = []string{acct.MainRouteTableID}
	_, err = svc.CreateEndpoint(ctx, req)
	wantError(t, err, vpc.Conflict, "")
}
