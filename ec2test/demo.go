package ec2test

import (
	"context"
	"net/http/httptest"
	"testing"

	"endpointconsole/fakeec2"
	"endpointconsole/vpc"
	"endpointconsole/vpc/seed"
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
	Account seed.Account
}

// StartDemo serves a fresh fake account and seeds the tutorial's account into it (plus extra
// generated VPCs); it stops with the test.
func StartDemo(t testing.TB, opts fakeec2.Options, seedOpts seed.Options) Demo {
	t.Helper()
	fake := fakeec2.New(opts)
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	client := Client(t, srv.URL)
	account, err := seed.Tutorial(context.Background(), client, seedOpts)
	if err != nil {
		t.Fatalf("seed the demo account: %v", err)
	}
	return Demo{URL: srv.URL, Fake: fake, Service: vpc.New(client, Region), Account: account}
}
