package audit_test

import (
	"bytes"
	"context"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sync"
	"testing"

	"endpointconsole/ec2test"
	"endpointconsole/fakeec2"
	"endpointconsole/vpc"
	"endpointconsole/vpc/audit"
	"endpointconsole/vpc/seed"
)

func byName[T any](t *testing.T, items []T, name string, nameOf func(T) string) T {
	t.Helper()
	i := slices.IndexFunc(items, func(it T) bool { return nameOf(it) == name })
	if i < 0 {
		var names []string
		for _, it := range items {
			names = append(names, nameOf(it))
		}
		t.Fatalf("no %q among %q", name, names)
	}
	return items[i]
}

func auditNamed(t *testing.T, audits []audit.VPCAudit, name string) audit.VPCAudit {
	t.Helper()
	return byName(t, audits, name, func(a audit.VPCAudit) string { return a.VPC.Name })
}

func TestAuditRegionDemoBeforeAndAfterEndpoint(t *testing.T) {
	demo := ec2test.StartDemo(t, fakeec2.Options{}, seed.Options{})
	ctx := context.Background()
	acct := demo.Account

	type want struct {
		kind    audit.PathKind
		target  string
		private bool
	}
	check := func(t *testing.T, a audit.VPCAudit, subnetIDs []string, w want) {
		t.Helper()
		for _, id := range subnetIDs {
			sp := byName(t, a.Subnets, id, func(sp audit.SubnetPath) string { return sp.Subnet.ID })
			if got := sp.S3.Kind(); got != w.kind {
				t.Errorf("%s (%s): S3 path %q, want %q", sp.Subnet.Name, id, got, w.kind)
			}
			if got := sp.S3.IsPrivate(); got != w.private {
				t.Errorf("%s: IsPrivate() = %v, want %v", sp.Subnet.Name, got, w.private)
			}
			if len(sp.S3.Segments) != 1 || sp.S3.Segments[0].Target != w.target {
				t.Errorf("%s: S3 segments %+v, want one to %s", sp.Subnet.Name, sp.S3.Segments, w.target)
			}
		}
	}

	audits, err := audit.New(demo.Service).AuditRegion(ctx)
	if err != nil {
		t.Fatalf("AuditRegion: %v", err)
	}
	before := auditNamed(t, audits, "First-VPC")
	t.Run("before an endpoint", func(t *testing.T) {
		check(t, before, acct.PrivateSubnetIDs, want{audit.PathNATGateway, acct.NATGatewayID, false})
		check(t, before, acct.PublicSubnetIDs, want{audit.PathInternetGateway, acct.InternetGatewayID, false})
		f := findingByID(t, before.Findings, "nat-without-gateway-endpoint:s3:"+acct.PrivateRouteTableID)
		if f.Severity != audit.SeverityHigh || f.FixVPC != acct.VPCID || f.FixService != "com.amazonaws.us-east-1.s3|Gateway" {
			t.Errorf("finding %+v: want high, fix in %s with the S3 gateway service", f, acct.VPCID)
		}
		for _, id := range acct.PrivateSubnetIDs {
			if !slices.Contains(f.Resources, id) {
				t.Errorf("resources %q do not name private subnet %s", f.Resources, id)
			}
		}
		if got, want := before.Counts(audit.ServiceS3), map[audit.PathKind]int{audit.PathNATGateway: 3, audit.PathInternetGateway: 2}; !maps.Equal(got, want) {
			t.Errorf("Counts(s3) = %v, want %v", got, want)
		}
	})

	if _, err := demo.Service.CreateEndpoint(ctx, vpc.CreateEndpointRequest{
		VPCID:         acct.VPCID,
		ServiceName:   "com.amazonaws.us-east-1.s3",
		Type:          vpc.TypeGateway,
		RouteTableIDs: []string{acct.PrivateRouteTableID},
	}); err != nil {
		t.Fatalf("CreateEndpoint: %v", err)
	}
	audits, err = audit.New(demo.Service).AuditRegion(ctx)
	if err != nil {
		t.Fatalf("AuditRegion after the endpoint: %v", err)
	}
	after := auditNamed(t, audits, "First-VPC")
	t.Run("after an endpoint on RT-Private", func(t *testing.T) {
		if len(after.Endpoints) != 1 {
			t.Fatalf("endpoints = %+v, want the new one", after.Endpoints)
		}
		endpointID := after.Endpoints[0].ID
		check(t, after, acct.PrivateSubnetIDs, want{audit.PathGatewayEndpoint, endpointID, true})
		check(t, after, acct.PublicSubnetIDs, want{audit.PathInternetGateway, acct.InternetGatewayID, false})
		f := findingByID(t, after.Findings, "endpoint-not-on-route-table:s3:"+acct.MainRouteTableID)
		if f.Severity != audit.SeverityMedium || f.FixEndpointID != endpointID {
			t.Errorf("finding %+v: want medium, fix by adding the main table to %s", f, endpointID)
		}
		if slices.ContainsFunc(after.Findings, func(f audit.Finding) bool {
			return f.ID == "nat-without-gateway-endpoint:s3:"+acct.PrivateRouteTableID
		}) {
			t.Errorf("the NAT finding for S3 is still there: %q", findingIDs(after.Findings))
		}
	})
}

// actionCounter counts the EC2 requests a handler serves, by Action.
type actionCounter struct {
	next   http.Handler
	mu     sync.Mutex
	counts map[string]int
}

func (c *actionCounter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	form, _ := url.ParseQuery(string(body))
	c.mu.Lock()
	c.counts[form.Get("Action")]++
	c.mu.Unlock()
	c.next.ServeHTTP(w, r)
}

func (c *actionCounter) reset() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.counts
	c.counts = map[string]int{}
	return old
}

// TestAuditRegionCallsDoNotGrowWithVPCs counts the requests AuditRegion
// makes on an account with 2 VPCs and on one with 62: one per resource type
// in both, with the SDK's default page sizes.
func TestAuditRegionCallsDoNotGrowWithVPCs(t *testing.T) {
	ctx := context.Background()
	calls := map[int]map[string]int{}
	for _, extra := range []int{0, 60} {
		counter := &actionCounter{next: fakeec2.New(fakeec2.Options{}), counts: map[string]int{}}
		srv := httptest.NewServer(counter)
		t.Cleanup(srv.Close)
		client := ec2test.Client(t, srv.URL)
		if _, err := seed.Tutorial(ctx, client, seed.Options{ExtraVPCs: extra}); err != nil {
			t.Fatalf("seed with %d extra VPCs: %v", extra, err)
		}
		counter.reset()
		audits, err := audit.New(vpc.New(client, ec2test.Region)).AuditRegion(ctx)
		if err != nil {
			t.Fatalf("AuditRegion with %d extra VPCs: %v", extra, err)
		}
		calls[extra] = counter.reset()
		if got, want := len(audits), 2+extra; got != want {
			t.Errorf("%d extra VPCs: %d audits, want %d", extra, got, want)
		}
	}
	want := map[string]int{
		"DescribeVpcs": 1, "DescribeSubnets": 1, "DescribeRouteTables": 1, "DescribeVpcEndpoints": 1,
		"DescribeNatGateways": 1, "DescribeInternetGateways": 1, "DescribePrefixLists": 1,
	}
	if !maps.Equal(calls[0], calls[60]) {
		t.Errorf("calls with 0 extra VPCs %v differ from calls with 60 %v", calls[0], calls[60])
	}
	if !maps.Equal(calls[60], want) {
		t.Errorf("calls = %v, want one per resource type %v", calls[60], want)
	}
}
