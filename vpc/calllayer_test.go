package vpc_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"endpointconsole/ec2test"
	"endpointconsole/vpc"
)

// TestObserverSeesEveryCall: the Observer hears of each operation once, after the SDK's
// retries, with its outcome, attempts and throttled attempts.
func TestObserverSeesEveryCall(t *testing.T) {
	d := startWiredDemo(t)
	obs := newRecordingObserver()
	svc := vpc.NewWithOptions(d.client, ec2test.Region, vpc.Options{Observer: obs})
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tt := range []struct {
		name          string
		throttleFirst bool
		call          func(context.Context) error
		ctx           context.Context
		action        string
		outcome       string
		minAttempts   int
		throttles     int
	}{
		{"a read", false, func(ctx context.Context) error { _, err := svc.VPCs(ctx); return err },
			context.Background(), "DescribeVpcs", "ok", 1, 0},
		{"an unknown id", false, func(ctx context.Context) error { _, err := svc.RouteTable(ctx, "rtb-0123456789abcdef0"); return err },
			context.Background(), "DescribeRouteTables", "InvalidRouteTableID.NotFound", 1, 0},
		{"a throttled read", true, func(ctx context.Context) error { _, err := svc.InternetGateways(ctx); return err },
			context.Background(), "DescribeInternetGateways", "ok", 2, 1},
		{"a throttled write", true, func(ctx context.Context) error {
			return svc.SetTags(ctx, d.acct.VPCID, vpc.Tags{{Key: "team", Value: "network"}}, nil)
		}, context.Background(), "CreateTags", "ok", 2, 1},
		{"a canceled write", false, func(ctx context.Context) error {
			return svc.SetTags(ctx, d.acct.VPCID, vpc.Tags{{Key: "team", Value: "platform"}}, nil)
		}, canceled, "CreateTags", "canceled", 0, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d.wire.setThrottleFirst(tt.throttleFirst)
			defer d.wire.setThrottleFirst(false)
			err := tt.call(tt.ctx)
			if (err != nil) != (tt.outcome != "ok") {
				t.Fatalf("call: error %v, want outcome %s", err, tt.outcome)
			}
			calls := obs.takeCalls()
			i := slices.IndexFunc(calls, func(c observedCall) bool { return c.action == tt.action })
			if i < 0 {
				t.Fatalf("observed %+v, no %s", calls, tt.action)
			}
			if n := len(slices.DeleteFunc(slices.Clone(calls), func(c observedCall) bool { return c.action != tt.action })); n != 1 {
				t.Errorf("observed %d %s calls, want 1: %+v", n, tt.action, calls)
			}
			c := calls[i]
			if c.outcome != tt.outcome || c.attempts < tt.minAttempts || c.throttles != tt.throttles {
				t.Errorf("observed %s: outcome %q, %d attempts, %d throttled; want %q, at least %d attempts, %d throttled",
					c.action, c.outcome, c.attempts, c.throttles, tt.outcome, tt.minAttempts, tt.throttles)
			}
			if c.attempts > 0 && c.took <= 0 {
				t.Errorf("observed %s took %v", c.action, c.took)
			}
		})
	}
}

// TestChangeRecords: every write that is not a dry run is one "change" line naming the person,
// the action, what it changed, EC2's request id and the outcome; reads and dry runs write none.
func TestChangeRecords(t *testing.T) {
	d := startWiredDemo(t)
	acct := d.acct
	log := &ec2test.LogBuffer{}
	svc := vpc.NewWithOptions(d.client, ec2test.Region, vpc.Options{Log: log.Logger()})
	ana := vpc.WithPerson(context.Background(), vpc.Person{User: "ana", Email: "ana@example.com"})
	var ep vpc.Endpoint
	// want lists the lines expected, each as its attributes; ec2_request_id is checked against
	// the fake's answer to the line's action.
	type line map[string]any
	for _, tt := range []struct {
		name string
		do   func(t *testing.T) error
		want func() []line
	}{
		{"a dry run writes none", func(t *testing.T) error {
			return svc.CheckCreatePermission(ana, s3GatewayRequest(acct, acct.PrivateRouteTableID))
		}, func() []line { return nil }},
		{"create", func(t *testing.T) (err error) {
			ep, err = svc.CreateEndpoint(ana, s3GatewayRequest(acct, acct.PrivateRouteTableID))
			return err
		}, func() []line {
			return []line{{"who": "ana@example.com", "action": "CreateVpcEndpoint", "endpoint_ids": []string{ep.ID},
				"route_table_ids": []string{acct.PrivateRouteTableID}, "outcome": "ok"}}
		}},
		{"reads write none", func(t *testing.T) error {
			if _, err := svc.RouteTables(ana, acct.VPCID); err != nil {
				return err
			}
			_, err := svc.Endpoint(ana, ep.ID)
			return err
		}, func() []line { return nil }},
		{"modify", func(t *testing.T) error {
			return svc.ModifyEndpoint(ana, vpc.ModifyEndpointRequest{ID: ep.ID, AddRouteTableIDs: []string{acct.MainRouteTableID}})
		}, func() []line {
			return []line{{"who": "ana@example.com", "action": "ModifyVpcEndpoint", "endpoint_ids": []string{ep.ID},
				"add_route_table_ids": []string{acct.MainRouteTableID}, "remove_route_table_ids": []string{}, "outcome": "ok"}}
		}},
		{"tags", func(t *testing.T) error {
			return svc.SetTags(ana, ep.ID, vpc.Tags{{Key: "team", Value: "network"}}, []string{"Name"})
		}, func() []line {
			return []line{
				{"who": "ana@example.com", "action": "DeleteTags", "resources": []string{ep.ID}, "outcome": "ok"},
				{"who": "ana@example.com", "action": "CreateTags", "resources": []string{ep.ID}, "outcome": "ok"},
			}
		}},
		{"a failed write", func(t *testing.T) error {
			err := svc.ModifyEndpoint(ana, vpc.ModifyEndpointRequest{ID: "vpce-0123456789abcdef0", AddRouteTableIDs: []string{acct.MainRouteTableID}})
			if vpc.ErrorCode(err) != vpc.NotFound {
				return fmt.Errorf("modify an unknown endpoint: %v, want not found", err)
			}
			return nil
		}, func() []line {
			return []line{{"who": "ana@example.com", "action": "ModifyVpcEndpoint", "endpoint_ids": []string{"vpce-0123456789abcdef0"},
				"outcome": "InvalidVpcEndpointId.NotFound"}}
		}},
		{"delete by nobody identified", func(t *testing.T) error {
			_, err := svc.DeleteEndpoints(context.Background(), []string{ep.ID})
			return err
		}, func() []line {
			return []line{{"who": vpc.Anonymous, "action": "DeleteVpcEndpoints", "endpoint_ids": []string{ep.ID}, "outcome": "ok"}}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.do(t); err != nil {
				t.Fatal(err)
			}
			got, want := log.Take(t, ""), tt.want()
			if len(got) != len(want) {
				t.Fatalf("logged %d lines, want %d: %v", len(got), len(want), got)
			}
			for i, w := range want {
				g := got[i]
				w["msg"], w["level"] = "change", "INFO"
				w["ec2_request_id"] = d.wire.lastRequestID(w["action"].(string))
				for key, wv := range w {
					if gv := g[key]; fmt.Sprint(gv) != fmt.Sprint(wv) {
						t.Errorf("line %d: %s = %v, want %v (line %v)", i, key, gv, wv, g)
					}
				}
				if w["ec2_request_id"] == "" {
					t.Errorf("line %d: the fake answered %s with no request id", i, w["action"])
				}
				if took, ok := g["duration"].(float64); !ok || took <= 0 {
					t.Errorf("line %d: duration = %v, want a positive number", i, g["duration"])
				}
			}
		})
	}
}

// TestPingAlwaysCallsEC2: Ping is one call, made every time, even with a long cache.
func TestPingAlwaysCallsEC2(t *testing.T) {
	d := startWiredDemo(t)
	svc := vpc.NewWithOptions(d.client, ec2test.Region, vpc.Options{CacheTTL: time.Hour})
	ctx := context.Background()
	for i := range 3 {
		if err := svc.Ping(ctx); err != nil {
			t.Fatalf("Ping %d: %v", i+1, err)
		}
	}
	if got := d.wire.take(); len(got) != 1 || got["DescribeAvailabilityZones"] != 3 {
		t.Errorf("three pings made calls %v, want 3 DescribeAvailabilityZones", got)
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	wantError(t, svc.Ping(canceled), vpc.Internal, "")
}
