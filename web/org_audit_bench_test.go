package web

import (
	"cmp"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"endpointconsole/fakeec2"
	"endpointconsole/handlers"
	"endpointconsole/vpc"
	"endpointconsole/vpc/seed"
)

// BenchmarkOrganizationAudit is the scale figure of the audit of all accounts: an organization of
// 20 accounts (the console's own and 19 others, the last without the console's role, as
// -demo-accounts 20 makes it) × 2 Regions, with 50 generated VPCs besides each account's own in
// each Region, every EC2, STS and Organizations call answered after 100 ms, and the default
// -audit-concurrency. It reports the wall time of one audit, the calls it made (by action, and in
// all), the bound the issue sets — (calls ÷ concurrency) × latency, doubled — and the process's
// peak resident memory (VmHWM: the fake and its seeded accounts included, an upper bound).
//
//	go test ./web/ -run '^$' -bench OrganizationAudit -benchtime 1x
func BenchmarkOrganizationAudit(b *testing.B) {
	const (
		accounts    = 20
		vpcs        = 50
		latency     = 100 * time.Millisecond
		concurrency = 4
	)
	orgAccounts := seed.Organization(accounts)
	var members []fakeec2.Member
	var others []vpc.AccountRef
	for _, a := range orgAccounts {
		m := fakeec2.Member{ID: a.ID, Name: a.Name}
		if a.Role != "" {
			m.Roles = []string{a.Role}
		}
		members = append(members, m)
		others = append(others, vpc.AccountRef{ID: a.ID, Name: a.Name, RoleARN: vpc.RoleInAccount("aws", a.ID, seed.OrganizationRole)})
	}
	c := newConsole(b, withFake(fakeec2.Options{Members: members}), withSeed(seed.Options{ExtraVPCs: vpcs}),
		withAccounts(others), withHandlers(handlers.Config{AuditConcurrency: concurrency}))
	seedCfg := vpc.Config{EndpointURL: c.demo.URL, Region: "us-east-1", StaticAccessKey: "testing", StaticSecretKey: "testing"}
	if err := seed.OrganizationAt(b.Context(), seedCfg, orgAccounts, []string{"us-east-1", seed.SecondRegionName}, seed.Options{ExtraVPCs: vpcs}); err != nil {
		b.Fatalf("seed the organization: %v", err)
	}
	c.demo.Fake.SetConditions(latency, 0)
	c.ec2.take()

	var calls map[string]int
	var last page
	for b.Loop() {
		calls = c.ec2.during(func() {
			c.noRedirects().get(b, "/audit?scope=organization&again=1")
			last = awaitSweep(b, c, "/audit?scope=organization")
		})
	}
	total := 0
	var byAction []string
	for action, n := range calls {
		total += n
		byAction = append(byAction, fmt.Sprintf("%s=%d", cmp.Or(action, "(Organizations)"), n))
	}
	bound := time.Duration(float64(total) / concurrency * float64(latency))
	b.ReportMetric(float64(total), "calls/op")
	b.ReportMetric((2 * bound).Seconds(), "bound-s")
	b.ReportMetric(float64(peakRSS(b))/(1<<20), "peak-RSS-MB")
	b.Logf("calls by action: %s; tables: %d; bound (calls ÷ %d) × %v = %v; %s",
		strings.Join(byAction, " "), last.doc.Find(".sweep-part").Length(), concurrency, latency, bound, text(last.doc.Find(".sweep-done")))
}

// peakRSS is the process's peak resident set size in bytes (VmHWM of /proc/self/status), or 0
// where there is none.
func peakRSS(tb testing.TB) int64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		tb.Logf("no peak RSS: %v", err)
		return 0
	}
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
