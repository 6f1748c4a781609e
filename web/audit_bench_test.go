package web

import (
	"fmt"
	"io"
	"maps"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"endpointconsole/ec2test"
	"endpointconsole/vpc/seed"
)

// What the audit costs in EC2 calls, counted (a test) and timed (a benchmark): it reads the
// whole Region with one paginated call per resource type, so its calls grow with pagination
// only, never with one call per VPC or subnet.

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
// demo account and on one with 150 more VPCs (300 more subnets and route tables, so that every
// list is more than one page of 100): each Describe action costs ceil(items ÷ page size)
// requests — one when EC2 answers a request without MaxResults in full, as the fake does, more
// when EC2 pages by itself — and never one per VPC or subnet. Only Describe calls are made, so
// read-only credentials suffice. (BenchmarkAuditSummary goes to 500 VPCs.)
func TestAuditEC2CallsGrowOnlyWithPagination(t *testing.T) {
	t.Parallel()
	for _, extra := range []int{0, 150} {
		t.Run(fmt.Sprintf("%d extra VPCs", extra), func(t *testing.T) {
			c := newConsole(t, withSeed(seed.Options{ExtraVPCs: extra}), withCacheTTL(0)) // every read reaches EC2, to be counted
			rec := c.ec2
			items := auditItems(t, c.demo.URL)
			if got, want := items["DescribeVpcs"], 2+extra; got != want {
				t.Fatalf("VPCs: got %d, want %d", got, want)
			}
			// Each GET on the large account takes a while under -race: there, the summary
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
	"DescribeRegions": true,
}

// TestAuditNeedsOnlyReadPermissions runs the read-only console with credentials allowed only
// the README's Describe* policy: every audit page and export works. Taking one action away
// breaks the audit, which shows that the refusals are real.
func TestAuditNeedsOnlyReadPermissions(t *testing.T) {
	t.Parallel()
	c := newConsole(t, withReadOnly(true))
	rec := c.ec2
	rec.allowOnly(auditReadOnlyActions)
	a := c.demo.Account
	for _, path := range []string{
		"/audit", "/audit/vpcs/" + a.VPCID, "/audit/vpcs/" + a.VPCID + "?s3_gb=100", "/audit/export.json",
		"/audit/subnets.csv", "/audit/findings.csv?vpc=" + a.DefaultVPCID,
	} {
		c.getOK(t, path)
	}
	if refused := rec.refusedActions(); len(refused) > 0 {
		t.Errorf("refused actions: %q", refused)
	}
	for action := range rec.take().calls {
		if !strings.HasPrefix(action, "Describe") {
			t.Errorf("the audit called %s", action)
		}
	}

	t.Run("without DescribeNatGateways", func(t *testing.T) {
		allow := maps.Clone(auditReadOnlyActions)
		delete(allow, "DescribeNatGateways")
		c := newConsole(t, withReadOnly(true))
		c.ec2.allowOnly(allow)
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
			c := newConsole(b, withSeed(seed.Options{ExtraVPCs: extra}))
			rec := c.ec2
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
