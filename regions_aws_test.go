package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"endpointconsole/ec2test"
	"endpointconsole/views"
	"endpointconsole/vpc"
)

// TestConnectAWSRegions: on -backend aws, -region is the default Region and the others come from
// DescribeRegions, each connected the first time it is asked for, signing for itself. An account
// whose policy refuses DescribeRegions still starts, with the default Region only.
func TestConnectAWSRegions(t *testing.T) {
	motoURL := ec2test.StartMoto(t)
	testAWSEnv(t)
	// refuse answers DescribeRegions as EC2 answers an action the policy does not allow.
	var refuse atomic.Bool
	target, _ := url.Parse(motoURL)
	proxy := httputil.NewSingleHostReverseProxy(target)
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if refuse.Load() && strings.Contains(string(body), "Action=DescribeRegions") {
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, `<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>1</RequestID></Response>`)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(front.Close)
	cfg := with(func(c *config) { c.backend, c.endpointURL, c.region = "aws", front.URL, "us-west-2" })

	accounts, site, err := connectAWS(t.Context(), cfg, views.Site{}, vpc.Options{}, discardLog())
	if err != nil {
		t.Fatalf("connectAWS: %v", err)
	}
	regions, err := accounts.Regions(t.Context(), accounts.Home().ID)
	if err != nil {
		t.Fatal(err)
	}
	if site.Region != "us-west-2" || regions.Default().Region() != "us-west-2" {
		t.Errorf("default Region: site %q, Service %q; want us-west-2", site.Region, regions.Default().Region())
	}
	if enabled := regions.Enabled(); !slices.Contains(enabled, "us-east-1") || !slices.Contains(enabled, "us-west-2") {
		t.Errorf("enabled Regions %v, want us-east-1 and us-west-2 among them", enabled)
	}
	east, err := regions.In("us-east-1")
	if err != nil {
		t.Fatalf("In(us-east-1): %v", err)
	}
	if east.Region() != "us-east-1" {
		t.Errorf("In(us-east-1).Region() = %q", east.Region())
	}
	if _, err := regions.In("xx-nowhere-1"); vpc.ErrorCode(err) != vpc.NotFound {
		t.Errorf("In(xx-nowhere-1): got %v, want NotFound", err)
	}

	refuse.Store(true)
	accounts, _, err = connectAWS(t.Context(), cfg, views.Site{}, vpc.Options{}, discardLog())
	if err != nil {
		t.Fatalf("connectAWS without DescribeRegions: %v, want the console to start", err)
	}
	if regions, err = accounts.Regions(t.Context(), accounts.Home().ID); err != nil {
		t.Fatal(err)
	}
	if got := regions.Enabled(); !slices.Equal(got, []string{"us-west-2"}) {
		t.Errorf("without DescribeRegions: enabled %v, want [us-west-2]", got)
	}
}
