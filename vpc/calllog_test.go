package vpc_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"endpointconsole/ec2test"
	"endpointconsole/vpc"
)

// TestCallLogListsWhatWentToEC2: a context's CallLog gets each call that reached EC2, with its
// parameters, EC2's request id, attempts and outcome; a read the cache answered is not a call,
// and a context without a log records nothing.
func TestCallLogListsWhatWentToEC2(t *testing.T) {
	d := startWiredDemo(t)
	svc := vpc.NewWithOptions(d.client, ec2test.Region, vpc.Options{CacheTTL: time.Hour})
	if _, err := svc.VPCs(context.Background()); err != nil { // fills the cache, logged nowhere
		t.Fatal(err)
	}
	ctx, log := vpc.RecordCalls(context.Background())
	if _, err := svc.VPCs(ctx); err != nil {
		t.Fatal(err)
	}
	if calls := log.Calls(); len(calls) != 0 {
		t.Fatalf("a read the cache answered was logged: %+v", calls)
	}
	d.wire.setThrottleFirst(true)
	e, err := svc.CreateEndpoint(ctx, vpc.CreateEndpointRequest{VPCID: d.acct.VPCID, ServiceName: "com.amazonaws.us-east-1.s3",
		RouteTableIDs: []string{d.acct.PrivateRouteTableID}, PolicyDocument: `{"Statement":[]}`, ClientToken: "calllog-test"})
	d.wire.setThrottleFirst(false)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(log.Calls(), func(c vpc.Call) bool { return c.Action == "CreateVpcEndpoint" })
	if i < 0 {
		t.Fatalf("no CreateVpcEndpoint in %+v", log.Calls())
	}
	c := log.Calls()[i]
	if c.RequestID == "" || c.RequestID != d.wire.lastRequestID("CreateVpcEndpoint") {
		t.Errorf("request id: got %q, want the one EC2 answered, %q", c.RequestID, d.wire.lastRequestID("CreateVpcEndpoint"))
	}
	if c.Outcome != "ok" || c.Attempts != 2 || !c.IsWrite() || c.Took <= 0 {
		t.Errorf("got outcome %q, %d attempts, write %v, took %v; want ok, 2 (the first throttled), true, > 0", c.Outcome, c.Attempts, c.IsWrite(), c.Took)
	}
	want := []vpc.CallParam{{Name: "VpcId", Value: d.acct.VPCID}, {Name: "ServiceName", Value: "com.amazonaws.us-east-1.s3"},
		{Name: "VpcEndpointType", Value: "Gateway"}, {Name: "RouteTableId.N", Value: d.acct.PrivateRouteTableID},
		{Name: "PolicyDocument", Value: "(16 bytes of JSON)"}, {Name: "ClientToken", Value: "calllog-test"}}
	if !slices.Equal(c.Params, want) {
		t.Errorf("parameters:\n got %+v\nwant %+v", c.Params, want)
	}
	before := len(log.Calls())
	if _, err := svc.Endpoint(context.Background(), e.ID); err != nil {
		t.Fatal(err)
	}
	if got := len(log.Calls()); got != before {
		t.Errorf("a call made without the log's context was logged: %+v", log.Calls()[before:])
	}
}
