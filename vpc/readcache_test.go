package vpc_test

import (
	"context"
	"errors"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"golang.org/x/sync/errgroup"

	"endpointconsole/ec2test"
	"endpointconsole/vpc"
)

// routeTableCalls are the calls one RouteTables makes.
var routeTableCalls = map[string]int{"DescribeRouteTables": 1, "DescribePrefixLists": 1}

// TestIdenticalReadsInFlightAreMadeOnce: 50 people opening the same page at once cost EC2 one
// call per action, with no cache at all (CacheTTL 0); the fake's latency keeps the first call in
// flight while the others start.
func TestIdenticalReadsInFlightAreMadeOnce(t *testing.T) {
	const readers = 50
	for _, tt := range []struct {
		name string
		read func(context.Context, *vpc.Service) error
		want map[string]int
		// hits are the reads answered by the one in flight: none for a shared value, which is
		// shared whole (the other 49 join the value, not its reads).
		hits int
	}{
		{"Shared", func(ctx context.Context, s *vpc.Service) error { _, err := deriveView(ctx, s); return err }, derivedViewCalls, 0},
		{"RouteTables", func(ctx context.Context, s *vpc.Service) error { _, err := s.RouteTables(ctx, ""); return err }, routeTableCalls, readers - 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := startWiredDemo(t)
			obs := newRecordingObserver()
			svc := vpc.NewWithOptions(d.client, ec2test.Region, vpc.Options{Observer: obs})
			d.fake.SetConditions(300*time.Millisecond, 0)
			start := make(chan struct{})
			var g errgroup.Group
			for range readers {
				g.Go(func() error {
					<-start
					return tt.read(context.Background(), svc)
				})
			}
			close(start)
			if err := g.Wait(); err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if got := d.wire.take(); !maps.Equal(got, tt.want) {
				t.Errorf("%d concurrent %s made calls %v, want %v", readers, tt.name, got, tt.want)
			}
			lookups := obs.takeLookups()
			for action := range tt.want {
				if got, want := lookups[action], [2]int{1, tt.hits}; got != want {
					t.Errorf("%s lookups (misses, hits) = %v, want %v", action, got, want)
				}
			}
			if got, want := len(obs.takeCalls()), len(tt.want); got != want {
				t.Errorf("the observer saw %d EC2 calls, want %d", got, want)
			}
		})
	}
}

// TestCachedReadsLastTheirTTL: within CacheTTL repeats are answered from memory; after it, one
// wave of calls refreshes the cache. The cache's clock is a test clock.
func TestCachedReadsLastTheirTTL(t *testing.T) {
	const ttl = time.Minute
	d := startWiredDemo(t)
	obs := newRecordingObserver()
	svc := vpc.NewWithOptions(d.client, ec2test.Region, vpc.Options{CacheTTL: ttl, Observer: obs})
	clock := &steppingClock{now: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	vpc.SetCacheClock(svc, clock.Now)
	ctx := context.Background()
	for _, tt := range []struct {
		name    string
		advance time.Duration
		want    map[string]int
	}{
		{"first read goes to EC2", 0, routeTableCalls},
		{"repeats make no call", time.Second, nil},
		{"just before the TTL ends", ttl - 2*time.Second, nil},
		{"after the TTL, one wave", 2 * time.Second, routeTableCalls},
		{"then from memory again", 0, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			clock.advance(tt.advance)
			for range 3 {
				if _, err := svc.RouteTables(ctx, ""); err != nil {
					t.Fatalf("RouteTables: %v", err)
				}
			}
			if got := d.wire.take(); !maps.Equal(got, tt.want) {
				t.Errorf("three reads made calls %v, want %v", got, tt.want)
			}
			wantCalls := 0
			for _, n := range tt.want {
				wantCalls += n
			}
			if got := len(obs.takeCalls()); got != wantCalls {
				t.Errorf("the observer saw %d EC2 calls, want %d (cache answers are not EC2 calls)", got, wantCalls)
			}
		})
	}
}

// TestWritesShowInTheNextRead: with a long TTL, each change a person makes shows in the very
// next read, and the read after that is answered from memory again.
func TestWritesShowInTheNextRead(t *testing.T) {
	d := startWiredDemo(t)
	acct := d.acct
	svc := vpc.NewWithOptions(d.client, ec2test.Region, vpc.Options{CacheTTL: time.Hour})
	ctx := context.Background()
	read := func(t *testing.T) ([]vpc.RouteTable, []vpc.Endpoint) {
		t.Helper()
		tables, err := svc.RouteTables(ctx, acct.VPCID)
		if err != nil {
			t.Fatalf("RouteTables: %v", err)
		}
		endpoints, err := svc.Endpoints(ctx, vpc.EndpointFilter{})
		if err != nil {
			t.Fatalf("Endpoints: %v", err)
		}
		return tables, endpoints
	}
	read(t) // fills the cache
	var ep vpc.Endpoint
	routesTo := func(tables []vpc.RouteTable, table string) []string {
		var targets []string
		for _, rt := range tables {
			if rt.ID == table {
				for _, r := range endpointRoutes(rt) {
					targets = append(targets, r.Target)
				}
			}
		}
		return targets
	}
	for _, tt := range []struct {
		name  string
		write func(t *testing.T)
		check func(t *testing.T, tables []vpc.RouteTable, endpoints []vpc.Endpoint)
	}{
		{"create", func(t *testing.T) {
			var err error
			if ep, err = svc.CreateEndpoint(ctx, s3GatewayRequest(acct, acct.PrivateRouteTableID)); err != nil {
				t.Fatalf("CreateEndpoint: %v", err)
			}
		}, func(t *testing.T, tables []vpc.RouteTable, endpoints []vpc.Endpoint) {
			if got := routesTo(tables, acct.PrivateRouteTableID); !slices.Equal(got, []string{ep.ID}) {
				t.Errorf("RT-Private endpoint routes = %q, want [%s]", got, ep.ID)
			}
			if len(endpoints) != 1 || endpoints[0].ID != ep.ID {
				t.Errorf("endpoints = %+v, want %s", endpoints, ep.ID)
			}
		}},
		{"modify", func(t *testing.T) {
			if err := svc.ModifyEndpoint(ctx, vpc.ModifyEndpointRequest{ID: ep.ID, AddRouteTableIDs: []string{acct.MainRouteTableID}}); err != nil {
				t.Fatalf("ModifyEndpoint: %v", err)
			}
		}, func(t *testing.T, tables []vpc.RouteTable, endpoints []vpc.Endpoint) {
			if got := routesTo(tables, acct.MainRouteTableID); !slices.Equal(got, []string{ep.ID}) {
				t.Errorf("First-RT endpoint routes = %q, want [%s]", got, ep.ID)
			}
		}},
		{"tag", func(t *testing.T) {
			if err := svc.SetTags(ctx, ep.ID, vpc.Tags{{Key: "team", Value: "network"}}, nil); err != nil {
				t.Fatalf("SetTags: %v", err)
			}
		}, func(t *testing.T, _ []vpc.RouteTable, endpoints []vpc.Endpoint) {
			if len(endpoints) != 1 {
				t.Fatalf("endpoints = %+v, want one", endpoints)
			}
			if v, ok := endpoints[0].Tags.Get("team"); !ok || v != "network" {
				t.Errorf("tags = %v, want team=network", endpoints[0].Tags)
			}
		}},
		{"delete", func(t *testing.T) {
			if failures, err := svc.DeleteEndpoints(ctx, []string{ep.ID}); err != nil || len(failures) > 0 {
				t.Fatalf("DeleteEndpoints: %v, %+v", err, failures)
			}
		}, func(t *testing.T, tables []vpc.RouteTable, endpoints []vpc.Endpoint) {
			for _, rt := range tables {
				if routes := endpointRoutes(rt); len(routes) > 0 {
					t.Errorf("%s still has endpoint routes %+v", rt.Name, routes)
				}
			}
			for _, e := range endpoints {
				if e.ID == ep.ID && !e.Deleted() {
					t.Errorf("endpoint %s is still listed as %s", e.ID, e.State)
				}
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.write(t)
			tables, endpoints := read(t)
			tt.check(t, tables, endpoints)
			d.wire.take()
			read(t)
			if got := d.wire.take(); len(got) > 0 {
				t.Errorf("reading again made calls %v, want none (the cache answers)", got)
			}
		})
	}
}

// TestReadInFlightDuringWriteIsNotKept: a read whose answer EC2 made before a write, but which
// comes back after it, is neither kept nor joined by the reads that start after the write. The
// wire holds the older answer until the write and the next read are done.
func TestReadInFlightDuringWriteIsNotKept(t *testing.T) {
	for _, tt := range []struct {
		name string
		ttl  time.Duration
		// lastReadCalls is what a read after everything costs: nothing when the fresh answer
		// was kept, and not the stale one.
		lastReadCalls int
	}{
		{"no cache", 0, 1},
		{"cache", time.Hour, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := startWiredDemo(t)
			acct := d.acct
			svc := vpc.NewWithOptions(d.client, ec2test.Region, vpc.Options{CacheTTL: tt.ttl})
			ctx := context.Background()
			privateRoutes := func(t *testing.T, tables []vpc.RouteTable) []vpc.Route {
				t.Helper()
				return endpointRoutes(routeTableNamed(t, tables, "RT-Private"))
			}

			arrived, release := d.wire.holdNext("DescribeRouteTables")
			defer release()
			type answer struct {
				tables []vpc.RouteTable
				err    error
			}
			before := make(chan answer, 1)
			go func() {
				tables, err := svc.RouteTables(ctx, acct.VPCID)
				before <- answer{tables, err}
			}()
			<-arrived

			ep, err := svc.CreateEndpoint(ctx, s3GatewayRequest(acct, acct.PrivateRouteTableID))
			if err != nil {
				t.Fatalf("CreateEndpoint: %v", err)
			}
			// Joining the held read would wait for it, so a deadline turns that into a failure.
			afterCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
			defer cancel()
			after, err := svc.RouteTables(afterCtx, acct.VPCID)
			if err != nil {
				t.Fatalf("RouteTables after the create: %v (did it join the read held since before the create?)", err)
			}
			if routes := privateRoutes(t, after); len(routes) != 1 || routes[0].Target != ep.ID {
				t.Errorf("the read after the create joined the older one: RT-Private endpoint routes %+v, want one to %s", routes, ep.ID)
			}

			release()
			old := <-before
			if old.err != nil {
				t.Fatalf("the read held during the create: %v", old.err)
			}
			if routes := privateRoutes(t, old.tables); len(routes) != 0 {
				t.Fatalf("the held read shows %+v; the test meant it to be older than the create", routes)
			}

			d.wire.take()
			last, err := svc.RouteTables(ctx, acct.VPCID)
			if err != nil {
				t.Fatalf("RouteTables at last: %v", err)
			}
			if routes := privateRoutes(t, last); len(routes) != 1 || routes[0].Target != ep.ID {
				t.Errorf("the last read shows RT-Private endpoint routes %+v, want one to %s: the stale answer was kept", routes, ep.ID)
			}
			if got := d.wire.take()["DescribeRouteTables"]; got != tt.lastReadCalls {
				t.Errorf("the last read made %d DescribeRouteTables calls, want %d", got, tt.lastReadCalls)
			}
		})
	}
}

// TestReadLogTellsCachedAnswers: CachedSince is the fetch time of the oldest cached answer the
// reads on a context were given, and false when all came from EC2.
func TestReadLogTellsCachedAnswers(t *testing.T) {
	d := startWiredDemo(t)
	svc := vpc.NewWithOptions(d.client, ec2test.Region, vpc.Options{CacheTTL: time.Hour})
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	clock := &steppingClock{now: t0}
	vpc.SetCacheClock(svc, clock.Now)
	vpcs := func(ctx context.Context) error { _, err := svc.VPCs(ctx); return err }
	tables := func(ctx context.Context) error { _, err := svc.RouteTables(ctx, ""); return err }
	zones := func(ctx context.Context) error { _, err := svc.AvailabilityZones(ctx); return err }
	for _, tt := range []struct {
		name       string
		advance    time.Duration
		reads      []func(context.Context) error
		wantCached bool
		wantSince  time.Time
	}{
		{"fresh from EC2", 0, []func(context.Context) error{vpcs}, false, time.Time{}},
		{"another fresh one, later", 10 * time.Second, []func(context.Context) error{tables}, false, time.Time{}},
		{"one cached answer", time.Second, []func(context.Context) error{vpcs}, true, t0},
		{"the newer cached answer", 0, []func(context.Context) error{tables}, true, t0.Add(10 * time.Second)},
		{"the oldest of several, read concurrently", 0, []func(context.Context) error{tables, vpcs, zones}, true, t0},
		{"no reads", 0, nil, false, time.Time{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			clock.advance(tt.advance)
			ctx, log := vpc.TrackReads(context.Background())
			var g errgroup.Group
			for _, read := range tt.reads {
				g.Go(func() error { return read(ctx) })
			}
			if err := g.Wait(); err != nil {
				t.Fatalf("read: %v", err)
			}
			since, cached := log.CachedSince()
			if cached != tt.wantCached || !since.Equal(tt.wantSince) {
				t.Errorf("CachedSince() = %v, %v, want %v, %v", since, cached, tt.wantSince, tt.wantCached)
			}
		})
	}
}

// TestCanceledCallerDoesNotCancelTheSharedRead: the person whose read started a shared call
// leaves; the person who joined it still gets the answer, and EC2 was called once.
func TestCanceledCallerDoesNotCancelTheSharedRead(t *testing.T) {
	d := startWiredDemo(t)
	obs := newRecordingObserver()
	svc := vpc.NewWithOptions(d.client, ec2test.Region, vpc.Options{Observer: obs})
	arrived, release := d.wire.holdNext("DescribeVpcs")
	defer release()

	leaving, leave := context.WithCancel(context.Background())
	first := make(chan error, 1)
	go func() { _, err := svc.VPCs(leaving); first <- err }()
	<-arrived
	type answer struct {
		vpcs []vpc.VPC
		err  error
	}
	second := make(chan answer, 1)
	go func() { v, err := svc.VPCs(context.Background()); second <- answer{v, err} }()
	// The second read has only to reach the sharing middleware, microseconds away; if it were
	// late it would make a second call, which the count below would show.
	time.Sleep(100 * time.Millisecond)
	leave()
	if err := <-first; !errors.Is(err, context.Canceled) || vpc.ErrorCode(err) != vpc.Internal {
		t.Errorf("the canceled read returned %v, want an internal vpc.Error wrapping context.Canceled", err)
	}
	release()
	got := <-second
	if got.err != nil {
		t.Fatalf("the read that joined failed: %v", got.err)
	}
	if len(got.vpcs) != 2 {
		t.Errorf("the read that joined got %d VPCs, want 2", len(got.vpcs))
	}
	if n := d.wire.take()["DescribeVpcs"]; n != 1 {
		t.Errorf("DescribeVpcs calls = %d, want 1", n)
	}
	calls := obs.takeCalls()
	if len(calls) != 1 || calls[0].action != "DescribeVpcs" || calls[0].outcome != "ok" {
		t.Errorf("observed calls %+v, want one DescribeVpcs, ok", calls)
	}
}

// TestReadKey: the JSON of an EC2 input tells apart any two inputs that send different
// parameters, so identical keys mean identical requests.
func TestReadKey(t *testing.T) {
	key := func(action string, in any) string {
		t.Helper()
		k, ok := vpc.ReadKey(action, in)
		if !ok {
			t.Fatalf("no key for %s %+v", action, in)
		}
		return k
	}
	vpcFilter := func(values ...string) []types.Filter {
		return []types.Filter{{Name: aws.String("vpc-id"), Values: values}}
	}
	for _, tt := range []struct {
		name string
		a, b any
		same bool
	}{
		{"equal inputs built apart", &ec2.DescribeRouteTablesInput{Filters: vpcFilter("vpc-1")}, &ec2.DescribeRouteTablesInput{Filters: vpcFilter("vpc-1")}, true},
		{"filter values", &ec2.DescribeRouteTablesInput{Filters: vpcFilter("vpc-1")}, &ec2.DescribeRouteTablesInput{Filters: vpcFilter("vpc-2")}, false},
		{"filter names", &ec2.DescribeRouteTablesInput{Filters: vpcFilter("vpc-1")},
			&ec2.DescribeRouteTablesInput{Filters: []types.Filter{{Name: aws.String("route-table-id"), Values: []string{"vpc-1"}}}}, false},
		{"one filter or two", &ec2.DescribeRouteTablesInput{Filters: vpcFilter("a", "b")},
			&ec2.DescribeRouteTablesInput{Filters: append(vpcFilter("a"), vpcFilter("b")...)}, false},
		{"MaxResults", &ec2.DescribeVpcsInput{}, &ec2.DescribeVpcsInput{MaxResults: aws.Int32(5)}, false},
		{"MaxResults values", &ec2.DescribeVpcsInput{MaxResults: aws.Int32(5)}, &ec2.DescribeVpcsInput{MaxResults: aws.Int32(6)}, false},
		{"NextToken", &ec2.DescribeVpcsInput{MaxResults: aws.Int32(5)}, &ec2.DescribeVpcsInput{MaxResults: aws.Int32(5), NextToken: aws.String("t1")}, false},
		{"ids", &ec2.DescribeRouteTablesInput{RouteTableIds: []string{"rtb-1"}}, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{"rtb-2"}}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := key("DescribeX", tt.a) == key("DescribeX", tt.b); got != tt.same {
				t.Errorf("same key = %v, want %v: %s and %s", got, tt.same, key("DescribeX", tt.a), key("DescribeX", tt.b))
			}
		})
	}
	if key("DescribeVpcs", &ec2.DescribeVpcsInput{}) == key("DescribeSubnets", &ec2.DescribeSubnetsInput{}) {
		t.Error("two actions with empty inputs share a key")
	}

	// Every read input of the EC2 client is made of what JSON writes in full: exported fields
	// without json tags, of strings, numbers, booleans, times, pointers, slices and structs.
	// (The one unexported field, noSmithyDocumentSerde, is an empty marker.)
	client := reflect.TypeFor[*ec2.Client]()
	reads := 0
	for m := range client.Methods() {
		if !strings.HasPrefix(m.Name, "Describe") && !strings.HasPrefix(m.Name, "Get") || m.Type.NumIn() < 3 {
			continue
		}
		in := m.Type.In(2)
		if in.Kind() != reflect.Pointer || !strings.HasSuffix(in.Elem().Name(), "Input") {
			continue
		}
		reads++
		if problem := jsonUnfaithful(in.Elem(), map[reflect.Type]bool{}); problem != "" {
			t.Errorf("%s: %s", in.Elem().Name(), problem)
		}
	}
	if reads < 100 {
		t.Errorf("found only %d read inputs on *ec2.Client; the walk is broken", reads)
	}
}

// jsonUnfaithful names a part of t that JSON would not write in full, or returns "".
func jsonUnfaithful(t reflect.Type, seen map[reflect.Type]bool) string {
	if t == reflect.TypeFor[time.Time]() || seen[t] {
		return ""
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return jsonUnfaithful(t.Elem(), seen)
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return ""
	case reflect.Struct:
		for f := range t.Fields() {
			if !f.IsExported() {
				if f.Type.Size() != 0 {
					return t.Name() + "." + f.Name + " is unexported"
				}
				continue
			}
			if tag, ok := f.Tag.Lookup("json"); ok {
				return t.Name() + "." + f.Name + " has the json tag " + tag
			}
			if p := jsonUnfaithful(f.Type, seen); p != "" {
				return t.Name() + "." + f.Name + ": " + p
			}
		}
		return ""
	}
	return t.String() + " is a " + t.Kind().String()
}
