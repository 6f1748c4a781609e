package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"endpointconsole/ec2test"
	"endpointconsole/fakeec2"
	"endpointconsole/handlers"
	"endpointconsole/views"
	"endpointconsole/vpc"
	"endpointconsole/vpc/seed"
)

// TestShutdownLetsRequestsFinish: when the console is told to stop (SIGINT/SIGTERM cancel the
// context Serve runs under), a page still waiting on EC2 is answered before Serve returns, and
// the listener stops taking new requests.
func TestShutdownLetsRequestsFinish(t *testing.T) {
	demo := ec2test.StartDemo(t, fakeec2.Options{}, seed.Options{})
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h, err := handlers.New(handlers.AccountsOf(vpc.NewAccounts(vpc.AccountRef{ID: "123456789012"}, vpc.NewRegionServices(demo.Service, nil), nil, nil)), handlers.Config{Site: views.Site{DemoEC2URL: demo.URL}}, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := New(Config{Addr: "127.0.0.1:0"}, h, log)
	ln, err := srv.Listen()
	if err != nil {
		t.Fatalf("Listen: %v", err)
	}
	url := "http://" + ln.Addr().String()
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()

	// Every EC2 call now takes 300 ms, so the page below is still in flight when the stop comes.
	demo.Fake.SetConditions(300*time.Millisecond, 0)
	type answer struct {
		status int
		err    error
	}
	inFlight := make(chan answer, 1)
	go func() {
		resp, err := http.Get(url + "/vpcs")
		if err != nil {
			inFlight <- answer{err: err}
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		inFlight <- answer{status: resp.StatusCode}
	}()
	time.Sleep(100 * time.Millisecond) // let the request reach the handler
	stop()

	if a := <-inFlight; a.err != nil || a.status != http.StatusOK {
		t.Errorf("the page in flight at shutdown: status %d, error %v; want 200", a.status, a.err)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve returned %v, want nil after a graceful shutdown", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Serve did not return after the context was cancelled")
	}
	if _, err := http.Get(url + "/healthz"); err == nil {
		t.Error("the console still answers after shutdown")
	}
}
