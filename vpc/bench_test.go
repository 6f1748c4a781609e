package vpc_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"endpointconsole/fakeec2"
	"endpointconsole/vpc"
	"endpointconsole/vpc/vpctest"
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
func BenchmarkDescribeRouteTables(b *testing.B) {
	b.Run("fakeec2", func(b *testing.B) { benchDescribeRouteTables(b, startFakeForBench(b)) })
	b.Run("fakeec2-parallel", func(b *testing.B) { benchDescribeRouteTablesParallel(b, startFakeForBench(b)) })
	b.Run("moto", func(b *testing.B) { benchDescribeRouteTables(b, startMotoForBench(b)) })
	b.Run("moto-parallel", func(b *testing.B) { benchDescribeRouteTablesParallel(b, startMotoForBench(b)) })
}

// startFakeForBench serves a seeded demo account from fakeec2; it stops
// when the benchmark run ends.
func startFakeForBench(b *testing.B) *ec2.Client {
	demo := vpctest.StartDemo(b, fakeec2.Options{}, vpc.SeedOptions{})
	return vpctest.Client(b, demo.URL)
}

// startMotoForBench starts moto_server (skipping without it; benchmarks do
// not run in CI's go test, so CI=true needs no care here) and seeds the demo
// account into it. StartMoto stops the server through b.Cleanup, which runs
// when this run of the benchmark function ends: once for a b.Loop benchmark,
// once per round for a RunParallel one.
func startMotoForBench(b *testing.B) *ec2.Client {
	url := vpctest.StartMoto(b)
	client := vpctest.Client(b, url)
	if _, err := vpc.SeedDemoAccount(context.Background(), client, vpc.SeedOptions{}); err != nil {
		b.Fatalf("seed the demo account into moto: %v", err)
	}
	return client
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
