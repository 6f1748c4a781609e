package web

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"endpointconsole/ec2test"
	"endpointconsole/fakeec2"
	"endpointconsole/vpc"
	"endpointconsole/vpc/seed"
)

// What the audit costs in EC2 calls, counted (a test) and timed (a benchmark): it reads the
// whole Region with one paginated call per resource type, so its calls grow with pagination
// only, never with one call per VPC or subnet.

// auditEC2Recorder stands between the console and the fake EC2: it counts the calls by Action,
// notes the page size each asked for, and can play two parts of a real account: an EC2 that
// pages its answers by itself (pageSize), and an IAM policy that allows only some actions.
type auditEC2Recorder struct {
	next http.Handler
	// allow, when not nil, is every action permitted; others get UnauthorizedOperation.
	allow map[string]bool

	mu sync.Mutex
	// pageSize, when set, is the MaxResults given to a paginated request that names none.
	pageSize int
	counted  auditEC2Calls
	refused  []string
}

// auditEC2Calls are the requests of a stretch of time, by Action.
type auditEC2Calls struct {
	// calls counts first attempts: one per call the console made.
	calls map[string]int
	// retries counts the SDK's further attempts of a call (amz-sdk-request: attempt=2…). On
	// loopback under load the SDK now and then retries a read that net/http cut short
	// (net.ErrClosed, aws/aws-sdk-go-v2#2737, retried by design since #2949); that repeats a
	// call, it does not make a new one.
	retries map[string]int
	// pages is the MaxResults each call asked for ("" for none).
	pages map[string][]string
}

func newAuditEC2Calls() auditEC2Calls {
	return auditEC2Calls{calls: map[string]int{}, retries: map[string]int{}, pages: map[string][]string{}}
}

func (c auditEC2Calls) total() int {
	n := 0
	for _, v := range c.calls {
		n += v
	}
	return n
}

// auditPaginatedActions are the Describe calls that take MaxResults and NextToken.
var auditPaginatedActions = map[string]bool{
	"DescribeVpcs": true, "DescribeSubnets": true, "DescribeRouteTables": true, "DescribeInternetGateways": true,
	"DescribeNatGateways": true, "DescribeVpcEndpoints": true, "DescribePrefixLists": true,
	"DescribeSecurityGroups": true, "DescribeVpcEndpointServices": true, "GetManagedPrefixListEntries": true,
}

func (rec *auditEC2Recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	form, _ := url.ParseQuery(string(body))
	action := form.Get("Action")
	rec.mu.Lock()
	if attempt := r.Header.Get("Amz-Sdk-Request"); attempt == "" || strings.HasPrefix(attempt, "attempt=1;") {
		rec.counted.calls[action]++
	} else {
		rec.counted.retries[action]++
	}
	if rec.allow != nil && !rec.allow[action] {
		rec.refused = append(rec.refused, action)
		rec.mu.Unlock()
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>`+
			`<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: ec2:%s</Message></Error></Errors><RequestID>recorder</RequestID></Response>`, action)
		return
	}
	if rec.pageSize > 0 && auditPaginatedActions[action] && form.Get("MaxResults") == "" {
		form.Set("MaxResults", strconv.Itoa(rec.pageSize))
		body = []byte(form.Encode())
	}
	rec.counted.pages[action] = append(rec.counted.pages[action], form.Get("MaxResults"))
	rec.mu.Unlock()
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	rec.next.ServeHTTP(w, r)
}

// take returns the requests counted since the last take, and starts counting afresh.
func (rec *auditEC2Recorder) take() auditEC2Calls {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	out := rec.counted
	rec.counted = newAuditEC2Calls()
	return out
}

func (rec *auditEC2Recorder) setPageSize(n int) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.pageSize = n
}

// startAuditRecordedConsole seeds a fresh fake account (with extraVPCs generated VPCs) and serves
// the console on it through an auditEC2Recorder; the test's own reads and the seeding go straight
// to the fake and are not counted.
func startAuditRecordedConsole(tb testing.TB, extraVPCs int, readOnly bool, allow map[string]bool) (*console, *auditEC2Recorder) {
	tb.Helper()
	fake := fakeec2.New(fakeec2.Options{})
	direct := httptest.NewServer(fake)
	tb.Cleanup(direct.Close)
	rec := &auditEC2Recorder{next: fake, allow: allow, counted: newAuditEC2Calls()}
	recorded := httptest.NewServer(rec)
	tb.Cleanup(recorded.Close)

	client := ec2test.Client(tb, direct.URL)
	acct, err := seed.Tutorial(tb.Context(), client, seed.Options{ExtraVPCs: extraVPCs})
	if err != nil {
		tb.Fatalf("seed the demo account with %d extra VPCs: %v", extraVPCs, err)
	}
	demo := ec2test.Demo{URL: direct.URL, Fake: fake, Service: vpc.New(client, ec2test.Region), Account: acct}
	return auditConsoleOn(tb, recorded.URL, demo, readOnly), rec
}

// auditItems counts, with the SDK straight on the fake, what each of the audit's Describe calls
// lists in the whole Region.
func auditItems(t *testing.T, ec2URL string) map[string]int {
	t.Helper()
	ctx, client := t.Context(), ec2test.Client(t, ec2URL)
	items := map[string]int{}
	count := func(action string, n int, err error) {
		if err != nil {
			t.Fatalf("%s: %v", action, err)
		}
		items[action] += n
	}
	for p := ec2.NewDescribeVpcsPaginator(client, &ec2.DescribeVpcsInput{}); p.HasMorePages(); {
		out, err := p.NextPage(ctx)
		count("DescribeVpcs", len(out.Vpcs), err)
	}
	for p := ec2.NewDescribeSubnetsPaginator(client, &ec2.DescribeSubnetsInput{}); p.HasMorePages(); {
		out, err := p.NextPage(ctx)
		count("DescribeSubnets", len(out.Subnets), err)
	}
	for p := ec2.NewDescribeRouteTablesPaginator(client, &ec2.DescribeRouteTablesInput{}); p.HasMorePages(); {
		out, err := p.NextPage(ctx)
		count("DescribeRouteTables", len(out.RouteTables), err)
	}
	for p := ec2.NewDescribeInternetGatewaysPaginator(client, &ec2.DescribeInternetGatewaysInput{}); p.HasMorePages(); {
		out, err := p.NextPage(ctx)
		count("DescribeInternetGateways", len(out.InternetGateways), err)
	}
	for p := ec2.NewDescribeNatGatewaysPaginator(client, &ec2.DescribeNatGatewaysInput{}); p.HasMorePages(); {
		out, err := p.NextPage(ctx)
		count("DescribeNatGateways", len(out.NatGateways), err)
	}
	for p := ec2.NewDescribeVpcEndpointsPaginator(client, &ec2.DescribeVpcEndpointsInput{}); p.HasMorePages(); {
		out, err := p.NextPage(ctx)
		count("DescribeVpcEndpoints", len(out.VpcEndpoints), err)
	}
	for p := ec2.NewDescribePrefixListsPaginator(client, &ec2.DescribePrefixListsInput{}); p.HasMorePages(); {
		out, err := p.NextPage(ctx)
		count("DescribePrefixLists", len(out.PrefixLists), err)
	}
	return items
}

// auditFakePageSize is how many items the fake returns to a request without MaxResults
// (fakeec2/paginate.go): all of them, except for the actions EC2 caps at 1,000.
func auditFakePageSize(action string, items int) int {
	switch action {
	case "DescribeVpcEndpoints", "DescribePrefixLists", "DescribeVpcEndpointServices":
		return 1000
	}
	return max(items, 1)
}

// TestAuditEC2CallsGrowOnlyWithPagination counts the EC2 requests of the audit pages on the
// demo account and on one with 500 more VPCs (1,000 more subnets and route tables): each
// Describe action costs ceil(items ÷ page size) requests — one when EC2 answers a request
// without MaxResults in full, as the fake does, more when EC2 pages by itself — and never one
// per VPC or subnet. Only Describe calls are made, so read-only credentials suffice.
func TestAuditEC2CallsGrowOnlyWithPagination(t *testing.T) {
	for _, extra := range []int{0, 500} {
		t.Run(fmt.Sprintf("%d extra VPCs", extra), func(t *testing.T) {
			c, rec := startAuditRecordedConsole(t, extra, false, nil)
			items := auditItems(t, c.demo.URL)
			if got, want := items["DescribeVpcs"], 2+extra; got != want {
				t.Fatalf("VPCs: got %d, want %d", got, want)
			}
			// Each GET at 500 extra VPCs takes about a second under -race: there, the summary
			// at both page sizes and one VPC's page at each; the exports on the small account.
			a := c.demo.Account
			paths := map[int][]string{
				0:   {"/audit", "/audit/vpcs/" + a.VPCID, "/audit/export.json", "/audit/subnets.csv?vpc=" + a.VPCID},
				100: {"/audit", "/audit/vpcs/" + a.VPCID, "/audit/findings.csv", "/audit/export.json?vpc=" + a.DefaultVPCID},
			}
			if extra > 0 {
				last := a.ExtraVPCs[extra-1].VPCID
				paths = map[int][]string{0: {"/audit", "/audit/vpcs/" + last}, 100: {"/audit", "/audit/vpcs/" + a.VPCID}}
			}
			for _, pageSize := range []int{0, 100} {
				rec.setPageSize(pageSize)
				for _, path := range paths[pageSize] {
					rec.take()
					c.getOK(t, path)
					got := rec.take()
					want := map[string]int{}
					for action, n := range items {
						size := auditFakePageSize(action, n)
						if pageSize > 0 {
							size = pageSize
						}
						want[action] = max(1, (n+size-1)/size)
						for _, sent := range got.pages[action] {
							if pageSize == 0 && sent != "" {
								t.Errorf("%s: %s sent MaxResults=%s; the service leaves the page size to EC2", path, action, sent)
							}
						}
					}
					if !maps.Equal(got.calls, want) {
						t.Errorf("GET %s, page size %s: EC2 calls %v, want %v for items %v", path, auditPageLabel(pageSize), got.calls, want, items)
					}
					if len(got.retries) > 0 {
						t.Logf("GET %s, page size %s: the SDK retried %v", path, auditPageLabel(pageSize), got.retries)
					}
					if path == "/audit" {
						t.Logf("GET /audit, %d VPCs, page size %s: %v", items["DescribeVpcs"], auditPageLabel(pageSize), got.calls)
					}
				}
			}
		})
	}
}

func auditPageLabel(pageSize int) string {
	if pageSize == 0 {
		return "EC2's"
	}
	return strconv.Itoa(pageSize)
}

// auditReadOnlyActions is the policy README.md gives for -read-only.
var auditReadOnlyActions = map[string]bool{
	"DescribeVpcs": true, "DescribeSubnets": true, "DescribeRouteTables": true,
	"DescribeInternetGateways": true, "DescribeNatGateways": true, "DescribeSecurityGroups": true,
	"DescribeAvailabilityZones": true, "DescribeVpcEndpoints": true, "DescribeVpcEndpointServices": true,
	"DescribePrefixLists": true, "DescribeManagedPrefixLists": true, "GetManagedPrefixListEntries": true,
}

// TestAuditNeedsOnlyReadPermissions runs the read-only console with credentials allowed only
// the README's Describe* policy: every audit page and export works. Taking one action away
// breaks the audit, which shows that the refusals are real.
func TestAuditNeedsOnlyReadPermissions(t *testing.T) {
	c, rec := startAuditRecordedConsole(t, 0, true, auditReadOnlyActions)
	a := c.demo.Account
	for _, path := range []string{
		"/audit", "/audit/vpcs/" + a.VPCID, "/audit/vpcs/" + a.VPCID + "?s3_gb=100", "/audit/export.json",
		"/audit/subnets.csv", "/audit/findings.csv?vpc=" + a.DefaultVPCID,
	} {
		c.getOK(t, path)
	}
	if len(rec.refused) > 0 {
		t.Errorf("refused actions: %q", rec.refused)
	}
	for action := range rec.take().calls {
		if !strings.HasPrefix(action, "Describe") {
			t.Errorf("the audit called %s", action)
		}
	}

	t.Run("without DescribeNatGateways", func(t *testing.T) {
		allow := maps.Clone(auditReadOnlyActions)
		delete(allow, "DescribeNatGateways")
		c, _ := startAuditRecordedConsole(t, 0, true, allow)
		p := c.get(t, "/audit")
		if p.status != http.StatusForbidden {
			t.Errorf("status: got %d, want 403", p.status)
		}
		for _, s := range forbiddenErrorText {
			if strings.Contains(p.body, s) {
				t.Errorf("the page shows %q, Go or SDK error text", s)
			}
		}
	})
}

// BenchmarkAuditSummary serves GET /audit from the in-process console on the fake, on the demo
// account plus 0, 100 and 500 generated VPCs (two subnets and two route tables each), and
// reports the EC2 calls each page costs next to its time.
//
//	go test ./web/ -run '^$' -bench AuditSummary -benchtime 5x
func BenchmarkAuditSummary(b *testing.B) {
	for _, extra := range []int{0, 100, 500} {
		b.Run(fmt.Sprintf("vpcs=%d", extra), func(b *testing.B) {
			c, rec := startAuditRecordedConsole(b, extra, false, nil)
			get := func() {
				resp, err := c.client.Get(c.URL + "/audit")
				if err != nil {
					b.Fatalf("GET /audit: %v", err)
				}
				n, err := io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK || n == 0 {
					b.Fatalf("GET /audit: status %d, %d bytes, %v", resp.StatusCode, n, err)
				}
			}
			get() // the first request opens the connections
			rec.take()
			b.ReportAllocs()
			for b.Loop() {
				get()
			}
			b.ReportMetric(float64(rec.take().total())/float64(b.N), "ec2-calls/op")
		})
	}
}
