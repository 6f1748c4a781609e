package vpc_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"endpointconsole/ec2test"
	"endpointconsole/fakeec2"
	"endpointconsole/vpc"
	"endpointconsole/vpc/seed"
)

// pageWire keeps the parameters of every request the SDK sends to the fake, and can spoil the
// NextToken of the next request, as EC2 refuses a token that has expired.
type pageWire struct {
	next http.Handler

	mu       sync.Mutex
	requests []url.Values
	spoil    bool
}

func (w *pageWire) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	form, _ := url.ParseQuery(string(body))
	w.mu.Lock()
	if w.spoil && form.Get("NextToken") != "" {
		form.Set("NextToken", "expired")
		body = []byte(form.Encode())
		w.spoil = false
	}
	w.requests = append(w.requests, form)
	w.mu.Unlock()
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	w.next.ServeHTTP(rw, r)
}

// take returns the requests of one action since the last take.
func (w *pageWire) take(action string) []url.Values {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []url.Values
	for _, f := range w.requests {
		if f.Get("Action") == action {
			out = append(out, f)
		}
	}
	w.requests = nil
	return out
}

// TestListPagesSendMaxResultsTokensAndFilters: a page read is one Describe call with
// MaxResults=100, the NextToken that ended the page before, and the ?vpc= filter as EC2's vpc-id
// filter; the pages hold every item once; a page whose token the Service does not know (a new
// Service: a restart) is reached by walking from the first page, and then remembered; a page past
// the end is the last page; a token EC2 refuses sends the walk back to the first page.
func TestListPagesSendMaxResultsTokensAndFilters(t *testing.T) {
	t.Parallel()
	fake := fakeec2.New(fakeec2.Options{})
	wire := &pageWire{next: fake}
	srv := httptest.NewServer(wire)
	t.Cleanup(srv.Close)
	client := ec2test.Client(t, srv.URL)
	acct, err := seed.Tutorial(t.Context(), client, seed.Options{ExtraVPCs: 120})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	var all []string
	for p := ec2.NewDescribeRouteTablesPaginator(client, &ec2.DescribeRouteTablesInput{}); p.HasMorePages(); {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, rt := range page.RouteTables {
			all = append(all, aws.ToString(rt.RouteTableId))
		}
	}
	slices.Sort(all)
	if len(all) != 243 {
		t.Fatalf("%d route tables, want 243", len(all))
	}
	wire.take("")

	svc := vpc.New(client, ec2test.Region)
	var seen []string
	var tokens []string
	for n := 1; n <= 3; n++ {
		page, err := svc.RouteTablesPage(ctx, "", vpc.PageRequest{Number: n})
		if err != nil {
			t.Fatal(err)
		}
		reqs := wire.take("DescribeRouteTables")
		if len(reqs) != 1 {
			t.Fatalf("page %d: %d DescribeRouteTables calls, want 1", n, len(reqs))
		}
		if got := reqs[0].Get("MaxResults"); got != "100" {
			t.Errorf("page %d: MaxResults %q, want 100", n, got)
		}
		if got := reqs[0].Get("Filter.1.Name"); got != "" {
			t.Errorf("page %d: filter %q, want none", n, got)
		}
		token := reqs[0].Get("NextToken")
		if (n == 1) != (token == "") || slices.Contains(tokens, token) {
			t.Errorf("page %d: NextToken %q, want none on the first page and a new one after (%q)", n, token, tokens)
		}
		tokens = append(tokens, token)
		if page.Number != n || page.More != (n < 3) || len(page.Items) != min(100, 243-(n-1)*100) {
			t.Errorf("page %d: number %d, more %v, %d items", n, page.Number, page.More, len(page.Items))
		}
		for _, rt := range page.Items {
			seen = append(seen, rt.ID)
		}
	}
	if slices.Sort(seen); !slices.Equal(seen, all) {
		t.Errorf("the three pages hold %d tables, want the %d there are, once each", len(seen), len(all))
	}

	t.Run("a restarted Service walks to page 3, then knows it", func(t *testing.T) {
		fresh := vpc.New(client, ec2test.Region)
		if _, err := fresh.RouteTablesPage(ctx, "", vpc.PageRequest{Number: 3}); err != nil {
			t.Fatal(err)
		}
		reqs := wire.take("DescribeRouteTables")
		var got []string
		for _, r := range reqs {
			got = append(got, r.Get("NextToken"))
		}
		if !slices.Equal(got, tokens) {
			t.Errorf("walk sent NextTokens %q, want %q", got, tokens)
		}
		if _, err := fresh.RouteTablesPage(ctx, "", vpc.PageRequest{Number: 2}); err != nil {
			t.Fatal(err)
		}
		if reqs := wire.take("DescribeRouteTables"); len(reqs) != 1 || reqs[0].Get("NextToken") != tokens[1] {
			t.Errorf("page 2 after the walk: %d calls, want 1 with the remembered token", len(reqs))
		}
	})

	t.Run("a page past the end is the last", func(t *testing.T) {
		page, err := svc.RouteTablesPage(ctx, "", vpc.PageRequest{Number: 99})
		if err != nil {
			t.Fatal(err)
		}
		if page.Number != 3 || page.More || len(page.Items) != 43 {
			t.Errorf("page 99: number %d, more %v, %d items; want page 3, the last, of 43", page.Number, page.More, len(page.Items))
		}
		wire.take("")
	})

	t.Run("an expired token starts again from the first page", func(t *testing.T) {
		wire.mu.Lock()
		wire.spoil = true
		wire.mu.Unlock()
		page, err := svc.RouteTablesPage(ctx, "", vpc.PageRequest{Number: 2})
		if err != nil {
			t.Fatalf("page 2 after EC2 refused its token: %v", err)
		}
		var got []string
		for _, r := range wire.take("DescribeRouteTables") {
			got = append(got, r.Get("NextToken"))
		}
		if want := []string{"expired", "", tokens[1]}; !slices.Equal(got, want) {
			t.Errorf("NextTokens sent %q, want %q", got, want)
		}
		if page.Number != 2 || len(page.Items) != 100 {
			t.Errorf("page %d of %d items, want page 2 of 100", page.Number, len(page.Items))
		}
	})

	t.Run("filters", func(t *testing.T) {
		extra := acct.ExtraVPCs[0].VPCID
		for _, tt := range []struct {
			name, action string
			read         func() error
			want         map[string]string
		}{
			{"route tables of a VPC", "DescribeRouteTables", func() error {
				_, err := svc.RouteTablesPage(ctx, extra, vpc.PageRequest{Number: 1})
				return err
			}, map[string]string{"MaxResults": "100", "Filter.1.Name": "vpc-id", "Filter.1.Value.1": extra}},
			{"endpoints of a VPC", "DescribeVpcEndpoints", func() error {
				_, err := svc.EndpointsPage(ctx, vpc.EndpointFilter{VPCID: extra, Type: "Gateway"}, vpc.PageRequest{Number: 1})
				return err
			}, map[string]string{"MaxResults": "100", "Filter.1.Name": "vpc-id", "Filter.1.Value.1": extra,
				"Filter.2.Name": "vpc-endpoint-type", "Filter.2.Value.1": "Gateway"}},
			{"subnets of a VPC", "DescribeSubnets", func() error {
				_, err := svc.SubnetsPage(ctx, extra, vpc.PageRequest{Number: 1})
				return err
			}, map[string]string{"MaxResults": "100", "Filter.1.Name": "vpc-id", "Filter.1.Value.1": extra}},
			{"NAT gateways of a VPC", "DescribeNatGateways", func() error {
				_, err := svc.NATGatewaysPage(ctx, acct.VPCID, vpc.PageRequest{Number: 1})
				return err
			}, map[string]string{"MaxResults": "100", "Filter.1.Name": "vpc-id", "Filter.1.Value.1": acct.VPCID}},
			{"VPCs", "DescribeVpcs", func() error {
				_, err := svc.VPCsPage(ctx, vpc.PageRequest{Number: 1})
				return err
			}, map[string]string{"MaxResults": "100", "Filter.1.Name": ""}},
			{"internet gateways", "DescribeInternetGateways", func() error {
				_, err := svc.InternetGatewaysPage(ctx, vpc.PageRequest{Number: 1})
				return err
			}, map[string]string{"MaxResults": "100", "Filter.1.Name": ""}},
			{"VPCs by id", "DescribeVpcs", func() error {
				vpcs, err := svc.VPCsByID(ctx, []string{extra, acct.VPCID})
				if err == nil && len(vpcs) != 2 {
					t.Errorf("VPCsByID: %d VPCs, want 2", len(vpcs))
				}
				return err
			}, map[string]string{"Filter.1.Name": "vpc-id", "Filter.1.Value.1": extra, "Filter.1.Value.2": acct.VPCID}},
			{"main route tables", "DescribeRouteTables", func() error {
				main, err := svc.MainRouteTables(ctx, []string{extra, acct.VPCID})
				if err == nil && (main[extra] != acct.ExtraVPCs[0].MainRouteTableID || main[acct.VPCID] != acct.MainRouteTableID) {
					t.Errorf("MainRouteTables: %v", main)
				}
				return err
			}, map[string]string{"Filter.1.Name": "vpc-id", "Filter.1.Value.2": acct.VPCID,
				"Filter.2.Name": "association.main", "Filter.2.Value.1": "true"}},
		} {
			t.Run(tt.name, func(t *testing.T) {
				wire.take("")
				if err := tt.read(); err != nil {
					t.Fatal(err)
				}
				reqs := wire.take(tt.action)
				if len(reqs) != 1 {
					t.Fatalf("%d %s calls, want 1", len(reqs), tt.action)
				}
				for k, want := range tt.want {
					if got := reqs[0].Get(k); got != want {
						t.Errorf("%s: got %q, want %q", k, got, want)
					}
				}
			})
		}
	})
}
