package vpctest

import (
	"context"
	"net/http/httptest"
	"testing"

	"endpointconsole/fakeec2"
	"endpointconsole/vpc"
)

// Demo is the demo account served in-process, seeded as the console seeds it.
type Demo struct {
	// URL is the fake EC2 endpoint.
	URL string
	// Fake is the server, to change latency or faults during a test.
	Fake *fakeec2.Server
	// Service reads and writes the account as the console does.
	Service *vpc.Service
	// Account names what the seeding created.
	Account vpc.DemoAccount
}

// StartDemo serves a fresh fake account and seeds the tutorial's account into it (plus extra
// generated VPCs); it stops with the test.
func StartDemo(t testing.TB, opts fakeec2.Options, seed vpc.SeedOptions) Demo {
	t.Helper()
	fake := fakeec2.New(opts)
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	client := Client(t, srv.URL)
	account, err := vpc.SeedDemoAccount(context.Background(), client, seed)
	if err != nil {
		t.Fatalf("seed the demo account: %v", err)
	}
	return Demo{URL: srv.URL, Fake: fake, Service: vpc.New(client, Region), Account: account}
}
