package vpc_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"endpointconsole/ec2test"
	"endpointconsole/vpc"
)

// derivedView is a value derived from several reads, as the Region's audit is: the VPCs and
// their network.
type derivedView struct {
	vpcs    []vpc.VPC
	network vpc.Network
}

// deriveView reads what derivedView holds, under one key, the way the audit package does.
func deriveView(ctx context.Context, s *vpc.Service) (*derivedView, error) {
	v, err := s.Shared(ctx, "test.view", func(ctx context.Context) (any, error) {
		vpcs, err := s.VPCs(ctx)
		if err != nil {
			return nil, err
		}
		network, err := s.Network(ctx, "")
		if err != nil {
			return nil, err
		}
		return &derivedView{vpcs: vpcs, network: network}, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*derivedView), nil
}

// derivedViewCalls are the calls one deriveView makes.
var derivedViewCalls = map[string]int{
	"DescribeVpcs": 1, "DescribeSubnets": 1, "DescribeRouteTables": 1, "DescribePrefixLists": 1,
}

// TestSharedValueIsSharedAndKept: callers asking for a derived value at once get one value; a
// later caller within the TTL gets the kept one (and its read log says so); a write drops it, and
// the next value shows the write. The Region's audit (package vpc/audit) is such a value.
func TestSharedValueIsSharedAndKept(t *testing.T) {
	d := startWiredDemo(t)
	svc := vpc.NewWithOptions(d.client, ec2test.Region, vpc.Options{CacheTTL: time.Hour})
	ctx := context.Background()

	// Held at the fake, the first value's DescribeVpcs keeps it in flight while 20 more start.
	arrived, release := d.wire.holdNext("DescribeVpcs")
	views := make([]*derivedView, 21)
	var wg sync.WaitGroup
	for i := range views {
		wg.Go(func() {
			v, err := deriveView(ctx, svc)
			if err != nil {
				t.Errorf("Shared: %v", err)
			}
			views[i] = v
		})
		if i == 0 {
			<-arrived
		}
	}
	time.Sleep(100 * time.Millisecond) // the other 20 reach the shared value
	release()
	wg.Wait()
	for i, v := range views {
		if v == nil || v != views[0] {
			t.Fatalf("value %d is not the shared one", i)
		}
	}

	lctx, log := vpc.TrackReads(ctx)
	kept, err := deriveView(lctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	if kept != views[0] {
		t.Error("a value within the TTL was computed again")
	}
	if _, cached := log.CachedSince(); !cached {
		t.Error("the read log of a kept value says it was read fresh")
	}
	for action, n := range d.wire.take() {
		if n != 1 {
			t.Errorf("22 values made %d %s calls, want 1", n, action)
		}
	}

	ep, err := svc.CreateEndpoint(ctx, s3GatewayRequest(d.acct, d.acct.PrivateRouteTableID))
	if err != nil {
		t.Fatal(err)
	}
	after, err := deriveView(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	if after == views[0] {
		t.Fatal("the value after a write is the one from before it")
	}
	found := false
	for _, rt := range after.network.RouteTables {
		for _, r := range rt.Routes {
			found = found || r.Target == ep.ID
		}
	}
	if !found {
		t.Errorf("the value after the create shows no route to %s", ep.ID)
	}
}
