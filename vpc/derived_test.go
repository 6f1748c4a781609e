package vpc_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"endpointconsole/vpc"
	"endpointconsole/vpc/vpctest"
)

// TestAuditIsSharedAndKept: pages asking for the Region's audit at once get one audit; a later
// page within the TTL gets the kept one (and its read log says so); a write drops it, and the
// next audit shows the write.
func TestAuditIsSharedAndKept(t *testing.T) {
	d := startWiredDemo(t)
	svc := vpc.NewWithOptions(d.client, vpctest.Region, vpc.Options{CacheTTL: time.Hour})
	ctx := context.Background()

	// Held at the fake, the first audit's DescribeVpcs keeps it in flight while 20 more start.
	arrived, release := d.wire.holdNext("DescribeVpcs")
	audits := make([][]vpc.VPCAudit, 21)
	var wg sync.WaitGroup
	for i := range audits {
		wg.Go(func() {
			a, err := svc.AuditRegion(ctx)
			if err != nil {
				t.Errorf("AuditRegion: %v", err)
			}
			audits[i] = a
		})
		if i == 0 {
			<-arrived
		}
	}
	time.Sleep(100 * time.Millisecond) // the other 20 reach the shared audit
	release()
	wg.Wait()
	for i, a := range audits {
		if len(a) == 0 || &a[0] != &audits[0][0] {
			t.Fatalf("audit %d is not the shared one", i)
		}
	}

	lctx, log := vpc.TrackReads(ctx)
	kept, err := svc.AuditRegion(lctx)
	if err != nil {
		t.Fatal(err)
	}
	if &kept[0] != &audits[0][0] {
		t.Error("an audit within the TTL was computed again")
	}
	if _, cached := log.CachedSince(); !cached {
		t.Error("the read log of a kept audit says it was read fresh")
	}
	for action, n := range d.wire.take() {
		if n != 1 {
			t.Errorf("22 audits made %d %s calls, want 1", n, action)
		}
	}

	ep, err := svc.CreateEndpoint(ctx, s3GatewayRequest(d.acct, d.acct.PrivateRouteTableID))
	if err != nil {
		t.Fatal(err)
	}
	after, err := svc.AuditRegion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if &after[0] == &audits[0][0] {
		t.Fatal("the audit after a write is the one from before it")
	}
	found := false
	for _, a := range after {
		for _, sp := range a.Subnets {
			for _, seg := range sp.S3.Segments {
				found = found || seg.Target == ep.ID
			}
		}
	}
	if !found {
		t.Errorf("the audit after the create shows no subnet reaching S3 through %s", ep.ID)
	}
}
