package vpc_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"endpointconsole/ec2test"
	"endpointconsole/vpc"
)

// This file checks answers that moto never gives (DryRunOperation, per-ID
// delete failures, throttling) against canned EC2 wire responses, in the
// shapes of reference/ec2-endpoint-api.md §4.

// cannedAnswer is one HTTP answer of the canned server.
type cannedAnswer struct {
	status int
	body   string
}

func ec2Error(status int, code, message string) cannedAnswer {
	return cannedAnswer{status, fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>req-1</RequestID></Response>`, code, message)}
}

func ec2OK(action, inner string) cannedAnswer {
	return cannedAnswer{http.StatusOK, fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<%[1]sResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-1</requestId>%[2]s</%[1]sResponse>`, action, inner)}
}

// cannedEC2 serves answers in order and records the forms it received.
type cannedEC2 struct {
	mu       sync.Mutex
	answers  []cannedAnswer
	requests []url.Values
}

func (c *cannedEC2) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.requests = append(c.requests, r.PostForm)
	if len(c.answers) == 0 {
		http.Error(w, "no more canned answers", http.StatusInternalServerError)
		return
	}
	a := c.answers[0]
	c.answers = c.answers[1:]
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(a.status)
	fmt.Fprint(w, a.body)
}

func (c *cannedEC2) received() []url.Values {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.requests
}

// cannedService returns a service whose EC2 answers are answers, in order.
func cannedService(t *testing.T, answers ...cannedAnswer) (*vpc.Service, *cannedEC2) {
	t.Helper()
	canned := &cannedEC2{answers: answers}
	srv := httptest.NewServer(canned)
	t.Cleanup(srv.Close)
	return vpc.New(ec2test.Client(t, srv.URL), ec2test.Region), canned
}

var gatewayRequest = vpc.CreateEndpointRequest{
	VPCID: "vpc-0a1b2c3d4e5f60718", ServiceName: s3Service, RouteTableIDs: []string{"rtb-0aaa1111bbbb2222c"},
	Tags: vpc.Tags{{Key: "Name", Value: "s3-gw"}},
}

// The answers of a backend to the DryRun probe (a dry-run DescribeVpcEndpoints).
var (
	dryRunHonoured   = ec2Error(http.StatusPreconditionFailed, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.")
	dryRunRefused    = ec2Error(http.StatusForbidden, "UnauthorizedOperation", "You are not authorized to perform this operation.")
	dryRunIgnored    = ec2OK("DescribeVpcEndpoints", "<vpcEndpointSet/>")
	credentialsNotOK = ec2Error(http.StatusUnauthorized, "AuthFailure", "AWS was not able to validate the provided access credentials")
)

func TestCheckCreatePermissionOnTheWire(t *testing.T) {
	for _, tt := range []struct {
		name    string
		answers []cannedAnswer // the probe's, then the dry-run create's when it is made
		want    vpc.Code       // "" for nil
		wantIs  error          // when set, errors.Is(err, wantIs) must hold
		// actions are the calls made, in order.
		actions []string
	}{
		{name: "allowed", answers: []cannedAnswer{dryRunHonoured, dryRunHonoured},
			actions: []string{"DescribeVpcEndpoints", "CreateVpcEndpoint"}},
		{name: "not allowed", answers: []cannedAnswer{dryRunHonoured, dryRunRefused}, want: vpc.Unauthorized,
			actions: []string{"DescribeVpcEndpoints", "CreateVpcEndpoint"}},
		{name: "probe not allowed either: DryRun is still honoured", answers: []cannedAnswer{dryRunRefused, dryRunRefused}, want: vpc.Unauthorized,
			actions: []string{"DescribeVpcEndpoints", "CreateVpcEndpoint"}},
		{name: "unknown VPC", answers: []cannedAnswer{dryRunHonoured, ec2Error(http.StatusBadRequest, "InvalidVpcID.NotFound", "The vpc ID 'vpc-0a1b2c3d4e5f60718' does not exist")},
			want: vpc.NotFound, actions: []string{"DescribeVpcEndpoints", "CreateVpcEndpoint"}},
		{name: "DryRun ignored: no create is sent", answers: []cannedAnswer{dryRunIgnored}, want: vpc.Internal, wantIs: vpc.ErrDryRunIgnored,
			actions: []string{"DescribeVpcEndpoints"}},
		{name: "probe fails: no create is sent", answers: []cannedAnswer{credentialsNotOK}, want: vpc.Unauthorized,
			actions: []string{"DescribeVpcEndpoints"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			svc, canned := cannedService(t, tt.answers...)
			err := svc.CheckCreatePermission(context.Background(), gatewayRequest)
			if got := vpc.ErrorCode(err); got != tt.want {
				t.Fatalf("CheckCreatePermission = %v (code %q), want code %q", err, got, tt.want)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("CheckCreatePermission = %v, want %v", err, tt.wantIs)
			}
			reqs := canned.received()
			if got := actionsOf(reqs); !slices.Equal(got, tt.actions) {
				t.Fatalf("calls = %q, want %q", got, tt.actions)
			}
			if got := reqs[0].Get("DryRun"); got != "true" {
				t.Errorf("the probe's DryRun = %q, want true", got)
			}
			if len(reqs) < 2 {
				return
			}
			if got := reqs[1].Get("DryRun"); got != "true" {
				t.Errorf("the create's DryRun = %q, want true", got)
			}
			for _, key := range []string{"ClientToken", "PolicyDocument", "IpAddressType", "PrivateDnsEnabled"} {
				if reqs[1].Has(key) {
					t.Errorf("%s = %q was sent, want it left out", key, reqs[1].Get(key))
				}
			}
		})
	}
}

// TestCheckCreatePermissionWhenCreateIgnoresDryRun: a backend that honours DryRun on the probe
// but creates the endpoint on the dry-run create is told to the person, with the endpoint's
// id, and is not asked again: the next check makes no call.
func TestCheckCreatePermissionWhenCreateIgnoresDryRun(t *testing.T) {
	svc, canned := cannedService(t, dryRunHonoured, ec2OK("CreateVpcEndpoint", "<vpcEndpoint><vpcEndpointId>vpce-1</vpcEndpointId></vpcEndpoint>"))
	err := svc.CheckCreatePermission(context.Background(), gatewayRequest)
	if vpc.ErrorCode(err) != vpc.Internal || !strings.Contains(vpc.ErrorMessage(err), "vpce-1") {
		t.Errorf("CheckCreatePermission = %v, want an internal error naming vpce-1", err)
	}
	err = svc.CheckCreatePermission(context.Background(), gatewayRequest)
	if !errors.Is(err, vpc.ErrDryRunIgnored) {
		t.Errorf("second CheckCreatePermission = %v, want ErrDryRunIgnored", err)
	}
	if got, want := actionsOf(canned.received()), []string{"DescribeVpcEndpoints", "CreateVpcEndpoint"}; !slices.Equal(got, want) {
		t.Errorf("calls = %q, want %q (no clean-up delete, nothing more after the first check)", got, want)
	}
}

// TestHonoursDryRunOnTheWire: the probe reads EC2's two dry-run answers as "honoured" and a
// plain answer as "ignored", keeps an answer for good, and keeps no error.
func TestHonoursDryRunOnTheWire(t *testing.T) {
	for _, tt := range []struct {
		name    string
		answers []cannedAnswer
		// want is the answer of each of two calls to HonoursDryRun; wantErr is whether each failed.
		want    [2]bool
		wantErr [2]bool
		calls   int // requests the backend received
	}{
		{"DryRunOperation: honoured, asked once", []cannedAnswer{dryRunHonoured}, [2]bool{true, true}, [2]bool{}, 1},
		{"UnauthorizedOperation: honoured, asked once", []cannedAnswer{dryRunRefused}, [2]bool{true, true}, [2]bool{}, 1},
		{"a plain answer: ignored, asked once", []cannedAnswer{dryRunIgnored}, [2]bool{false, false}, [2]bool{}, 1},
		{"an error is not kept: asked again", []cannedAnswer{credentialsNotOK, dryRunHonoured}, [2]bool{false, true}, [2]bool{true, false}, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			svc, canned := cannedService(t, tt.answers...)
			for i := range 2 {
				got, err := svc.HonoursDryRun(context.Background())
				if got != tt.want[i] || (err != nil) != tt.wantErr[i] {
					t.Errorf("call %d: HonoursDryRun = %v, %v; want %v, error %v", i+1, got, err, tt.want[i], tt.wantErr[i])
				}
			}
			reqs := canned.received()
			if len(reqs) != tt.calls {
				t.Fatalf("requests = %d, want %d", len(reqs), tt.calls)
			}
			for _, r := range reqs {
				if r.Get("Action") != "DescribeVpcEndpoints" || r.Get("DryRun") != "true" {
					t.Errorf("probe = %s DryRun=%q, want DescribeVpcEndpoints DryRun=true", r.Get("Action"), r.Get("DryRun"))
				}
			}
		})
	}
}

// TestHonoursDryRunConcurrently: callers arriving together before the answer is known make one
// probe between them.
func TestHonoursDryRunConcurrently(t *testing.T) {
	var probes atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		probes.Add(1)
		w.WriteHeader(dryRunHonoured.status)
		fmt.Fprint(w, dryRunHonoured.body)
	}))
	t.Cleanup(srv.Close)
	svc := vpc.New(ec2test.Client(t, srv.URL), ec2test.Region)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if ok, err := svc.HonoursDryRun(context.Background()); !ok || err != nil {
				t.Errorf("HonoursDryRun = %v, %v; want true", ok, err)
			}
		})
	}
	wg.Wait()
	if got := probes.Load(); got != 1 {
		t.Errorf("probes = %d, want 1", got)
	}
}

func actionsOf(reqs []url.Values) []string {
	out := make([]string, len(reqs))
	for i, r := range reqs {
		out[i] = r.Get("Action")
	}
	return out
}

func TestCreateEndpointOnTheWire(t *testing.T) {
	answer := ec2OK("CreateVpcEndpoint", `<vpcEndpoint><vpcEndpointId>vpce-0e5f3c2a1b9d87654</vpcEndpointId>
<vpcEndpointType>Gateway</vpcEndpointType><vpcId>vpc-0a1b2c3d4e5f60718</vpcId><serviceName>com.amazonaws.us-east-1.s3</serviceName>
<state>Available</state><routeTableIdSet><item>rtb-0aaa1111bbbb2222c</item></routeTableIdSet>
<creationTimestamp>2026-05-20T10:15:30.000Z</creationTimestamp><tagSet><item><key>Name</key><value>s3-gw</value></item></tagSet>
</vpcEndpoint><clientToken>t</clientToken>`)
	for _, tt := range []struct {
		name      string
		token     string
		wantToken func(string) bool
	}{
		{"token given", "wizard-token", func(got string) bool { return got == "wizard-token" }},
		{"token generated", "", func(got string) bool { return len(got) >= 16 && len(got) <= vpc.MaxClientTokenLength }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			svc, canned := cannedService(t, answer)
			req := gatewayRequest
			req.ClientToken = tt.token
			ep, err := svc.CreateEndpoint(context.Background(), req)
			if err != nil {
				t.Fatalf("CreateEndpoint: %v", err)
			}
			if ep.ID != "vpce-0e5f3c2a1b9d87654" || ep.State != "available" || ep.Name != "s3-gw" || ep.Created.IsZero() {
				t.Errorf("endpoint = %+v, want vpce-0e5f3c2a1b9d87654, available, named s3-gw, with a creation time", ep)
			}
			form := canned.received()[0]
			for key, want := range map[string]string{
				"Action":                          "CreateVpcEndpoint",
				"VpcEndpointType":                 "Gateway",
				"RouteTableId.1":                  "rtb-0aaa1111bbbb2222c",
				"TagSpecification.1.ResourceType": "vpc-endpoint",
				"TagSpecification.1.Tag.1.Key":    "Name",
				"PolicyDocument":                  "",
			} {
				if got := form.Get(key); got != want {
					t.Errorf("%s = %q, want %q", key, got, want)
				}
			}
			if got := form.Get("ClientToken"); !tt.wantToken(got) {
				t.Errorf("ClientToken = %q", got)
			}
		})
	}
}

func TestDeleteEndpointsOnTheWire(t *testing.T) {
	svc, _ := cannedService(t, ec2OK("DeleteVpcEndpoints", `<unsuccessful><item><error><code>InvalidVpcEndpoint.NotFound</code>
<message>The VpcEndpoint Id does not exist</message></error><resourceId>vpce-0123456789abcdef0</resourceId></item></unsuccessful>`))
	failures, err := svc.DeleteEndpoints(context.Background(), []string{"vpce-1", "vpce-0123456789abcdef0"})
	if err != nil {
		t.Fatalf("DeleteEndpoints: %v", err)
	}
	want := vpc.DeleteFailure{ID: "vpce-0123456789abcdef0", Code: vpc.NotFound,
		Message: "The VPC endpoint vpce-0123456789abcdef0 does not exist (it may have been deleted)."}
	if len(failures) != 1 || failures[0] != want {
		t.Errorf("failures = %+v, want [%+v]", failures, want)
	}
}

// TestThrottlingIsRetried: RequestLimitExceeded is a throttle to the SDK, so
// the client's retryer tries again rather than failing the page.
func TestThrottlingIsRetried(t *testing.T) {
	svc, canned := cannedService(t,
		ec2Error(http.StatusServiceUnavailable, "RequestLimitExceeded", "Request limit exceeded."),
		ec2OK("DescribeVpcs", `<vpcSet><item><vpcId>vpc-1</vpcId><cidrBlock>10.0.0.0/16</cidrBlock></item></vpcSet>`))
	vpcs, err := svc.VPCs(context.Background())
	if err != nil {
		t.Fatalf("VPCs: %v", err)
	}
	if len(vpcs) != 1 || len(canned.received()) != 2 {
		t.Errorf("got %d VPCs after %d requests, want 1 after 2", len(vpcs), len(canned.received()))
	}
}

// TestSDKErrorsTranslate checks translation on errors as the SDK really
// wraps them, with retries off so that the first answer is final.
func TestSDKErrorsTranslate(t *testing.T) {
	for _, tt := range []struct {
		answer cannedAnswer
		code   vpc.Code
		field  string
	}{
		{ec2Error(http.StatusServiceUnavailable, "RequestLimitExceeded", "Request limit exceeded."), vpc.Throttled, ""},
		{ec2Error(http.StatusBadRequest, "InvalidRouteTableID.NotFound", "The routeTable ID 'rtb-0123456789abcdef0' does not exist"), vpc.NotFound, vpc.FieldRouteTables},
		{ec2Error(http.StatusUnauthorized, "AuthFailure", "AWS was not able to validate the provided access credentials"), vpc.Unauthorized, ""},
	} {
		t.Run(string(tt.code), func(t *testing.T) {
			canned := &cannedEC2{answers: []cannedAnswer{tt.answer}}
			srv := httptest.NewServer(canned)
			t.Cleanup(srv.Close)
			client := ec2.New(ec2test.Client(t, srv.URL).Options(), func(o *ec2.Options) { o.Retryer = aws.NopRetryer{} })
			_, err := vpc.New(client, ec2test.Region).VPCs(context.Background())
			wantError(t, err, tt.code, tt.field)
		})
	}
}
