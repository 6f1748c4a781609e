package audit_test

import (
	"context"
	"maps"
	"sync"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"

	"endpointconsole/ec2test"
	"endpointconsole/fakeec2"
	"endpointconsole/vpc"
	"endpointconsole/vpc/audit"
	"endpointconsole/vpc/seed"
)

// regionCalls are the EC2 calls one AuditRegion makes: one per resource type.
var regionCalls = map[string]int{
	"DescribeVpcs": 1, "DescribeSubnets": 1, "DescribeRouteTables": 1, "DescribeVpcEndpoints": 1,
	"DescribeNatGateways": 1, "DescribeInternetGateways": 1, "DescribePrefixLists": 1,
}

// callCounter is a vpc.Observer counting EC2 calls and cache lookups by action.
type callCounter struct {
	mu           sync.Mutex
	calls        map[string]int
	misses, hits map[string]int
}

func newCallCounter() *callCounter {
	return &callCounter{calls: map[string]int{}, misses: map[string]int{}, hits: map[string]int{}}
}

func (c *callCounter) EC2Call(action, outcome string, attempts, throttles int, took time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls[action]++
}

func (c *callCounter) CacheLookup(action string, hit bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if hit {
		c.hits[action]++
	} else {
		c.misses[action]++
	}
}

// take returns the calls, misses and hits so far and starts counting again.
func (c *callCounter) take() (calls, misses, hits map[string]int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	calls, misses, hits = c.calls, c.misses, c.hits
	c.calls, c.misses, c.hits = map[string]int{}, map[string]int{}, map[string]int{}
	return calls, misses, hits
}

// TestAuditRegionIsComputedOnceForPagesAskingAtOnce: 50 pages asking for the audit at once,
// with no cache at all, cost EC2 one call per resource type and get one audit; the other 49
// join the audit, not its reads.
func TestAuditRegionIsComputedOnceForPagesAskingAtOnce(t *testing.T) {
	const readers = 50
	demo := ec2test.StartDemo(t, fakeec2.Options{}, seed.Options{})
	counter := newCallCounter()
	auditor := audit.New(vpc.NewWithOptions(ec2test.Client(t, demo.URL), ec2test.Region, vpc.Options{Observer: counter}))
	demo.Fake.SetConditions(300*time.Millisecond, 0)

	audits := make([][]audit.VPCAudit, readers)
	start := make(chan struct{})
	var g errgroup.Group
	for i := range audits {
		g.Go(func() (err error) {
			<-start
			audits[i], err = auditor.AuditRegion(context.Background())
			return err
		})
	}
	close(start)
	if err := g.Wait(); err != nil {
		t.Fatalf("AuditRegion: %v", err)
	}
	for i, a := range audits {
		if len(a) == 0 || &a[0] != &audits[0][0] {
			t.Fatalf("audit %d is not the shared one", i)
		}
	}
	calls, misses, hits := counter.take()
	if !maps.Equal(calls, regionCalls) {
		t.Errorf("%d concurrent audits made calls %v, want %v", readers, calls, regionCalls)
	}
	if !maps.Equal(misses, regionCalls) || len(hits) != 0 {
		t.Errorf("cache lookups: misses %v, hits %v; want misses %v and no hits", misses, hits, regionCalls)
	}
}

// TestAuditRegionIsKeptUntilAWrite: within the cache's TTL a later page gets the kept audit (and
// its read log says so); a write drops it, and the next audit shows the write.
func TestAuditRegionIsKeptUntilAWrite(t *testing.T) {
	demo := ec2test.StartDemo(t, fakeec2.Options{}, seed.Options{})
	counter := newCallCounter()
	svc := vpc.NewWithOptions(ec2test.Client(t, demo.URL), ec2test.Region, vpc.Options{CacheTTL: time.Hour, Observer: counter})
	auditor := audit.New(svc)
	ctx := context.Background()

	first, err := auditor.AuditRegion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	lctx, log := vpc.TrackReads(ctx)
	kept, err := auditor.AuditRegion(lctx)
	if err != nil {
		t.Fatal(err)
	}
	if &kept[0] != &first[0] {
		t.Error("an audit within the TTL was computed again")
	}
	if _, cached := log.CachedSince(); !cached {
		t.Error("the read log of a kept audit says it was read fresh")
	}
	if calls, _, _ := counter.take(); !maps.Equal(calls, regionCalls) {
		t.Errorf("two audits made calls %v, want those of one %v", calls, regionCalls)
	}

	acct := demo.Account
	ep, err := svc.CreateEndpoint(ctx, vpc.CreateEndpointRequest{VPCID: acct.VPCID, ServiceName: "com.amazonaws.us-east-1.s3",
		Type: vpc.TypeGateway, RouteTableIDs: []string{acct.PrivateRouteTableID}})
	if err != nil {
		t.Fatal(err)
	}
	after, err := auditor.AuditRegion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if &after[0] == &first[0] {
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
