package vpc_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"endpointconsole/ec2test"
	"endpointconsole/fakeec2"
	"endpointconsole/vpc/seed"
)

// benchParallelism is RunParallel's goroutines per GOMAXPROCS: with 4, a
// two-CPU machine keeps 8 requests in flight, as wrk -c 8 does.
const benchParallelism = 4

// BenchmarkDescribeRouteTables measures one DescribeRouteTables call (every
// table, no filters) through the SDK client the console uses, on the seeded
// demo account, served by fakeec2 and by moto: one caller at a time, and
// many at once (req/s under concurrency). The client runs in this process,
// so its cost (signing, XML decoding) is part of every figure.
//
//	go test ./vpc/ -run '^$' -bench DescribeRouteTables -benchtime 3s
//
// The -http variants measure the servers alone, as wrk does: the same request posted over plain
// HTTP by 8 concurrent callers, the answer read but not decoded.
func BenchmarkDescribeRouteTables(b *testing.B) {
	b.Run("fakeec2", func(b *testing.B) { benchDescribeRouteTables(b, startFakeForBench(b)) })
	b.Run("fakeec2-parallel", func(b *testing.B) { benchDescribeRouteTablesParallel(b, startFakeForBench(b)) })
	b.Run("fakeec2-http", func(b *testing.B) { benchDescribeRouteTablesHTTP(b, startFakeURL(b)) })
	b.Run("moto", func(b *testing.B) { benchDescribeRouteTables(b, startMotoForBench(b)) })
	b.Run("moto-parallel", func(b *testing.B) { benchDescribeRouteTablesParallel(b, startMotoForBench(b)) })
	b.Run("moto-http", func(b *testing.B) { benchDescribeRouteTablesHTTP(b, startMotoURL(b)) })
}

// startFakeForBench serves a seeded demo account from fakeec2; it stops
// when the benchmark run ends.
func startFakeForBench(b *testing.B) *ec2.Client {
	return ec2test.Client(b, startFakeURL(b))
}

func startFakeURL(b *testing.B) string {
	return ec2test.StartDemo(b, fakeec2.Options{}, seed.Options{}).URL
}

// startMotoURL starts moto seeded with the demo account and returns its URL.
func startMotoURL(b *testing.B) string {
	url := ec2test.StartMoto(b)
	if _, err := seed.Tutorial(context.Background(), ec2test.Client(b, url), seed.Options{}); err != nil {
		b.Fatalf("seed the demo account into moto: %v", err)
	}
	return url
}

// benchDescribeRouteTablesHTTP posts DescribeRouteTables as a plain form. moto routes a request
// to EC2 by the service named in its signature, so the request carries a SigV4-shaped
// Authorization header; fakeec2 ignores it.
func benchDescribeRouteTablesHTTP(b *testing.B, url string) {
	const body = "Action=DescribeRouteTables&Version=2016-11-15"
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	post := func() error {
		req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0")
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		answer, err := io.ReadAll(resp.Body)
		if err == nil && (resp.StatusCode != http.StatusOK || !strings.Contains(string(answer), "routeTableSet")) {
			return fmt.Errorf("answered %d: %.200s", resp.StatusCode, answer)
		}
		return err
	}
	if err := post(); err != nil {
		b.Fatalf("DescribeRouteTables: %v", err)
	}
	b.SetParallelism(benchParallelism)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := post(); err != nil {
				b.Errorf("DescribeRouteTables: %v", err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

// startMotoForBench starts moto_server (skipping without it; benchmarks do
// not run in CI's go test, so CI=true needs no care here) and seeds the demo
// account into it. StartMoto stops the server through b.Cleanup, which runs
// when this run of the benchmark function ends: once for a b.Loop benchmark,
// once per round for a RunParallel one.
func startMotoForBench(b *testing.B) *ec2.Client {
	return ec2test.Client(b, startMotoURL(b))
}

func benchDescribeRouteTables(b *testing.B, client *ec2.Client) {
	ctx := context.Background()
	wantTables := describeAllRouteTables(ctx, b, client)
	b.ReportAllocs()
	for b.Loop() {
		if got := describeAllRouteTables(ctx, b, client); got != wantTables {
			b.Fatalf("DescribeRouteTables returned %d tables, then %d", wantTables, got)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

func benchDescribeRouteTablesParallel(b *testing.B, client *ec2.Client) {
	ctx := context.Background()
	wantTables := describeAllRouteTables(ctx, b, client)
	b.ReportAllocs()
	b.SetParallelism(benchParallelism)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			out, err := client.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{})
			if err != nil {
				b.Errorf("DescribeRouteTables: %v", err)
				return
			}
			if len(out.RouteTables) != wantTables {
				b.Errorf("DescribeRouteTables returned %d tables, want %d", len(out.RouteTables), wantTables)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

// describeAllRouteTables makes the measured call and returns how many tables
// it got, so the benchmark checks it did real work.
func describeAllRouteTables(ctx context.Context, b *testing.B, client *ec2.Client) int {
	out, err := client.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{})
	if err != nil {
		b.Fatalf("DescribeRouteTables: %v", err)
	}
	if out.NextToken != nil && *out.NextToken != "" {
		b.Fatalf("DescribeRouteTables paginated a %d-table answer", len(out.RouteTables))
	}
	return len(out.RouteTables)
}
