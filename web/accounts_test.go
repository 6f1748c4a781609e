package web

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"endpointconsole/fakeec2"
	"endpointconsole/vpc"
)

// The console over an organization: its own account (123456789012, the tutorial) and two others
// reached through the role auditRole — Workloads, which has it, and Sandbox, which has not.
const (
	auditRole   = "EndpointConsoleAudit"
	workloadsID = "210000000001"
	sandboxID   = "210000000002"
	homeID      = "123456789012"
)

// organizationConsole serves the console with the two other accounts, as -accounts would give
// them, on a fake that holds them as an organization.
func organizationConsole(t *testing.T, opts ...consoleOption) *console {
	t.Helper()
	members := []fakeec2.Member{
		{ID: workloadsID, Name: "Workloads", Roles: []string{auditRole}},
		{ID: sandboxID, Name: "Sandbox"},
	}
	others := []vpc.AccountRef{
		{ID: workloadsID, Name: "Workloads", RoleARN: vpc.RoleInAccount("aws", workloadsID, auditRole)},
		{ID: sandboxID, Name: "Sandbox", RoleARN: vpc.RoleInAccount("aws", sandboxID, auditRole)},
	}
	return newConsole(t, append([]consoleOption{withFake(fakeec2.Options{Members: members}), withAccounts(others)}, opts...)...)
}

// accountSwitcher is the header's account switcher: the accounts it offers and the one selected.
func accountSwitcher(t *testing.T, p page) (offered []string, selected string) {
	t.Helper()
	sel := p.doc.Find("header form.region-switch select[name=account]")
	if sel.Length() != 1 {
		t.Fatalf("got %d account selects in the header, want 1", sel.Length())
	}
	if id := sel.AttrOr("id", ""); id == "" || p.doc.Find("label[for="+id+"]").Length() != 1 {
		t.Errorf("the account select has no label")
	}
	sel.Find("option").Each(func(_ int, o *goquery.Selection) {
		offered = append(offered, o.AttrOr("value", ""))
		if _, ok := o.Attr("selected"); ok {
			selected = o.AttrOr("value", "")
		}
	})
	return offered, selected
}

// TestAccountSwitcher: the switcher lists every account; switching keeps the kind of page and
// the Region, and the other account's pages show its own resources, with every link kept in it.
func TestAccountSwitcher(t *testing.T) {
	t.Parallel() // independent: its own servers
	c := organizationConsole(t)
	member := "/accounts/" + workloadsID + "/regions/us-east-1"

	home := c.getOK(t, "/route-tables/"+c.demo.Account.PrivateRouteTableID)
	offered, selected := accountSwitcher(t, home)
	if want := []string{homeID, workloadsID, sandboxID}; !slices.Equal(offered, want) || selected != homeID {
		t.Errorf("accounts offered %v (selected %q), want %v with %s selected", offered, selected, want, homeID)
	}

	for _, tt := range []struct{ from, region, want string }{
		{"/route-tables/" + c.demo.Account.PrivateRouteTableID, "us-east-1", member + "/route-tables"},
		{"/regions/us-west-2/vpcs", "us-west-2", "/accounts/" + workloadsID + "/regions/us-west-2/vpcs"},
		{"/audit", "eu-north-1", member + "/audit"}, // a Region the account has not: its default
	} {
		q := url.Values{"account": {workloadsID}, "region": {tt.region}, "from": {tt.from}}
		p := c.noRedirects().get(t, "/switch-region?"+q.Encode())
		if got := p.header.Get("Location"); p.status != http.StatusSeeOther || got != tt.want {
			t.Errorf("switch to %s from %s: %d to %q, want 303 to %q", workloadsID, tt.from, p.status, got, tt.want)
		}
	}

	// The other account's VPCs: its own default VPC, none of the console's account.
	memberVPCs := c.getOK(t, member+"/vpcs")
	if _, selected := accountSwitcher(t, memberVPCs); selected != workloadsID {
		t.Errorf("the account selected on %s/vpcs: %q", member, selected)
	}
	owners := column(tableRows(t, memberVPCs.doc, "vpcs"), "Owner ID")
	if strings.Contains(memberVPCs.body, c.demo.Account.VPCID) || len(owners) == 0 {
		t.Errorf("%s/vpcs shows the console's own First-VPC, or no VPC", member)
	}
	for _, o := range owners {
		if o != workloadsID {
			t.Errorf("%s/vpcs lists a VPC owned by %q", member, o)
		}
	}
	memberVPCs.doc.Find("main a[href^='/']").Each(func(_ int, a *goquery.Selection) {
		if href := a.AttrOr("href", ""); !strings.HasPrefix(href, member) && !strings.HasPrefix(href, "/static/") {
			t.Errorf("link %q on %s/vpcs leaves the account", href, member)
		}
	})
	if got := text(memberVPCs.doc.Find(".account, select[name=account] option[selected]")); !strings.Contains(got, workloadsID) {
		t.Errorf("the header names %q, want the account %s", got, workloadsID)
	}
}

// TestAccountThatRefusesShowsWhy: an account whose role cannot be assumed is a 403 page naming
// the role, and the other accounts keep working; an account the console does not reach is a 404.
func TestAccountThatRefusesShowsWhy(t *testing.T) {
	t.Parallel() // independent: its own servers
	c := organizationConsole(t)
	refused := c.get(t, "/accounts/"+sandboxID+"/regions/us-east-1/vpcs")
	role := vpc.RoleInAccount("aws", sandboxID, auditRole)
	if refused.status != http.StatusForbidden || !strings.Contains(refused.body, role) {
		t.Errorf("the Sandbox account's VPCs: status %d, want 403 naming %s; body:\n%s", refused.status, role, text(refused.doc.Find("main")))
	}
	c.getOK(t, "/accounts/"+workloadsID+"/regions/us-east-1/vpcs")
	c.getOK(t, "/vpcs")
	if p := c.get(t, "/accounts/999999999999/regions/us-east-1/vpcs"); p.status != http.StatusNotFound {
		t.Errorf("an account the console does not reach: status %d, want 404", p.status)
	}
}

// TestChangeInAnotherAccountLandsThere: an endpoint the wizard creates on another account's page
// is in that account (read with the fake's own view of it), not in the console's.
func TestChangeInAnotherAccountLandsThere(t *testing.T) {
	t.Parallel() // independent: its own servers
	c := organizationConsole(t, withLogBuffer())
	member := *c
	member.URL = c.URL + "/accounts/" + workloadsID + "/regions/us-east-1"

	vpcs := c.getOK(t, "/accounts/"+workloadsID+"/regions/us-east-1/vpcs")
	vpcID := column(tableRows(t, vpcs.doc, "vpcs"), "VPC ID")[0]
	tables := c.getOK(t, "/accounts/"+workloadsID+"/regions/us-east-1/route-tables?vpc="+vpcID)
	tableID := column(tableRows(t, tables.doc, "route-tables"), "Route table ID")[0]

	s := startWizard(t, member.noRedirects())
	s.advance(t, map[string]url.Values{
		"category":     {"category": {"aws"}},
		"service":      {"service": {wizardS3 + "|Gateway"}},
		"vpc":          {"vpc": {vpcID}},
		"route-tables": {"route_tables": {tableID}},
		"policy":       {"policy_mode": {"full"}},
		"tags":         {"tag_key": {"Name"}, "tag_value": {"Workloads-S3"}},
	}, "review")
	created := s.post(t, "create", nil)
	m := regexp.MustCompile(`^/accounts/` + workloadsID + `/regions/us-east-1/endpoints/(vpce-[0-9a-f]+)\?done=created$`).FindStringSubmatch(created.header.Get("Location"))
	if created.status != http.StatusSeeOther || m == nil {
		t.Fatalf("Create endpoint in Workloads: %d to %q, want 303 to the endpoint's page in the account", created.status, created.header.Get("Location"))
	}
	id := m[1]

	memberEC2, err := vpc.NewEC2Client(t.Context(), vpc.Config{EndpointURL: c.demo.URL, Region: "us-east-1",
		StaticAccessKey: "testing", StaticSecretKey: "testing", AssumeRoleARN: vpc.RoleInAccount("aws", workloadsID, auditRole)})
	if err != nil {
		t.Fatal(err)
	}
	out, err := memberEC2.DescribeVpcEndpoints(t.Context(), &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id}})
	if err != nil || len(out.VpcEndpoints) != 1 || aws.ToString(out.VpcEndpoints[0].OwnerId) != workloadsID {
		t.Errorf("the endpoint %s in the Workloads account: %v, %v", id, out, err)
	}
	if _, err := c.demo.Service.Endpoint(t.Context(), id); vpc.ErrorCode(err) != vpc.NotFound {
		t.Errorf("the endpoint %s in the console's own account: %v, want NotFound", id, err)
	}
	if logs := c.logs.String(); !strings.Contains(logs, id) || !strings.Contains(logs, workloadsID) {
		t.Errorf("the change log does not name the endpoint and its account:\n%s", logs)
	}
}

// awaitSweep loads path until the audit it shows has finished, and returns that page.
func awaitSweep(t testing.TB, c *console, path string) page {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		p := c.getOK(t, path)
		if p.doc.Find("[data-sweep-progress]").Length() == 0 {
			return p
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: the audit still runs after 30 s: %s", path, text(p.doc.Find("[data-sweep-progress]")))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestOrganizationAudit: the audit of all accounts shows its progress while it runs (a bar, and a
// refresh for browsers without JavaScript), then one table per account × Region, the account that
// refused with why, the NAT cost for the GB entered, and exports naming each row's account and
// Region.
func TestOrganizationAudit(t *testing.T) {
	t.Parallel() // independent: its own servers
	c := organizationConsole(t)
	const path = "/audit?scope=organization"

	c.demo.Fake.SetConditions(200*time.Millisecond, 0)
	running := c.getOK(t, path)
	if running.doc.Find("[data-sweep-progress] progress").Length() != 1 {
		t.Errorf("a running audit shows no progress bar:\n%s", text(running.doc.Find("main")))
	}
	// The HTML parser reads noscript as text, as a browser with JavaScript does: the meta refresh
	// is there for the browsers without it.
	if got := text(running.doc.Find("head noscript")); !strings.Contains(got, `<meta http-equiv="refresh" content="2">`) {
		t.Errorf("a running audit has no refresh for browsers without JavaScript: head noscript holds %q", got)
	}
	if running.doc.Find("head > meta[http-equiv=refresh]").Length() != 0 {
		t.Errorf("a running audit refreshes with JavaScript too: the script moves its bar in place")
	}
	if p := c.get(t, "/audit/export.json?scope=organization"); p.status != http.StatusConflict {
		t.Errorf("the export of a running audit: status %d, want 409", p.status)
	}
	c.demo.Fake.SetConditions(0, 0)

	done := awaitSweep(t, c, path)
	var headings []string
	done.doc.Find(".sweep-part h2 a").Each(func(_ int, a *goquery.Selection) { headings = append(headings, text(a)) })
	want := []string{
		homeID + " · us-east-1", homeID + " · us-west-2",
		"Workloads (" + workloadsID + ") · us-east-1", "Workloads (" + workloadsID + ") · us-west-2",
	}
	if !slices.Equal(headings, want) {
		t.Errorf("account × Region tables: got %q, want %q", headings, want)
	}
	failed := tableRows(t, done.doc, "sweep-failed")
	if len(failed) != 1 || failed[0].text("Account") != "Sandbox ("+sandboxID+")" || !strings.Contains(failed[0].text("Why"), auditRole) {
		t.Errorf("not audited: %v, want the Sandbox account and its role", column(failed, "Account"))
	}
	// The console's own First-VPC reaches S3 through its NAT gateway.
	firstVPC := done.doc.Find("#sweep-part-0 a[href='/regions/us-east-1/audit/vpcs/" + c.demo.Account.VPCID + "']")
	if firstVPC.Length() != 1 {
		t.Errorf("the first table has no link to First-VPC's audit in its Region")
	}

	priced := c.getOK(t, path+"&gb=200")
	natVPCs := 0
	for _, row := range tableRows(t, priced.doc, "sweep-cost") {
		var n int
		fmt.Sscan(row.text("VPCs through NAT"), &n)
		natVPCs += n
	}
	wantTotal := fmt.Sprintf("$%.2f per month", float64(natVPCs)*200*0.045)
	if got := text(priced.doc.Find(".sweep-total strong")); natVPCs == 0 || got != wantTotal {
		t.Errorf("NAT cost at 200 GB: %q over %d VPCs, want %q", got, natVPCs, wantTotal)
	}
	bad := c.get(t, path+"&gb=lots")
	if bad.status != http.StatusUnprocessableEntity || bad.doc.Find("#sweep-gb").AttrOr("value", "") != "lots" || bad.doc.Find("#error-gb").Length() != 1 {
		t.Errorf("gb=lots: status %d, want 422 with the value kept and the message by the field", bad.status)
	}

	doc := decodeAuditExport(t, getAuditExport(t, c, "/audit/export.json?scope=organization", "application/json"))
	seen := map[string]bool{}
	for _, s := range doc.Subnets {
		seen[s.AccountID+" "+s.Region] = true
	}
	for _, key := range []string{homeID + " us-east-1", homeID + " us-west-2", workloadsID + " us-east-1", workloadsID + " us-west-2"} {
		if !seen[key] {
			t.Errorf("the JSON export has no subnet of %s (it has %v)", key, seen)
		}
	}
	if len(doc.Failed) != 1 || doc.Failed[0].AccountID != sandboxID || doc.Failed[0].Region != "" {
		t.Errorf("the JSON export's failed: %+v, want the Sandbox account", doc.Failed)
	}
	rows, err := csv.NewReader(strings.NewReader(string(getAuditExport(t, c, "/audit/findings.csv?scope=organization", "text/csv; charset=utf-8")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	accounts := map[string]bool{}
	for _, r := range rows[1:] {
		accounts[r[0]] = true
	}
	if !accounts[homeID] || !accounts[workloadsID] {
		t.Errorf("findings.csv names the accounts %v, want %s and %s", accounts, homeID, workloadsID)
	}

	// Audit again starts a new sweep and comes back to the scope's page.
	again := c.noRedirects().get(t, path+"&again=1")
	if loc := again.header.Get("Location"); again.status != http.StatusSeeOther || loc != path {
		t.Errorf("Audit again: %d to %q, want 303 to %q", again.status, loc, path)
	}
}

// TestAuditOfAllRegions: the console's own account alone has the scopes this Region and all
// Regions (no organization), and all Regions audits both of the demo's.
func TestAuditOfAllRegions(t *testing.T) {
	t.Parallel() // independent: its own servers
	c := newConsole(t)
	summary := c.getOK(t, "/audit")
	var scopes []string
	summary.doc.Find("nav.audit-scopes a").Each(func(_ int, a *goquery.Selection) { scopes = append(scopes, a.AttrOr("href", "")) })
	if want := []string{"/audit", "/audit?scope=regions"}; !slices.Equal(scopes, want) {
		t.Errorf("scopes of a console of one account: %q, want %q", scopes, want)
	}
	if p := c.get(t, "/audit?scope=organization"); p.status != http.StatusNotFound {
		t.Errorf("the organization scope with one account: status %d, want 404", p.status)
	}
	done := awaitSweep(t, c, "/audit?scope=regions")
	var headings []string
	done.doc.Find(".sweep-part h2 a").Each(func(_ int, a *goquery.Selection) { headings = append(headings, text(a)) })
	if want := []string{"us-east-1", "us-west-2"}; !slices.Equal(headings, want) {
		t.Errorf("all Regions: tables %q, want %q", headings, want)
	}
	if !strings.Contains(done.body, c.west.VPCID) || !strings.Contains(done.body, c.demo.Account.VPCID) {
		t.Errorf("all Regions does not show both First-VPC and Oregon-VPC")
	}
}

// TestAuditOfAllRegionsShowsAFailedRegion: a Region whose EC2 throttles to the end of the
// retries is one failed part, named with why, on the page and in the export; the other Region's
// audit is there in full.
func TestAuditOfAllRegionsShowsAFailedRegion(t *testing.T) {
	t.Parallel() // independent: its own servers
	c := newConsole(t)
	c.ec2.refuse("DescribeNatGateways", ec2Refusal{status: http.StatusServiceUnavailable, code: "RequestLimitExceeded",
		message: "Request limit exceeded.", region: "us-west-2"})
	done := awaitSweep(t, c, "/audit?scope=regions")
	var headings []string
	done.doc.Find(".sweep-part h2 a").Each(func(_ int, a *goquery.Selection) { headings = append(headings, text(a)) })
	if !slices.Equal(headings, []string{"us-east-1"}) {
		t.Errorf("tables: %q, want us-east-1's alone", headings)
	}
	failed := tableRows(t, done.doc, "sweep-failed")
	if len(failed) != 1 || failed[0].text("Region") != "us-west-2" || !strings.Contains(strings.ToLower(failed[0].text("Why")), "throttl") {
		t.Errorf("not audited: %d rows (%v), want us-west-2 with the throttling", len(failed), column(failed, "Why"))
	}
	doc := decodeAuditExport(t, getAuditExport(t, c, "/audit/export.json?scope=regions", "application/json"))
	if len(doc.Failed) != 1 || doc.Failed[0].Region != "us-west-2" || doc.Failed[0].AccountID != homeID {
		t.Errorf("the export's failed: %+v, want us-west-2 of %s", doc.Failed, homeID)
	}
	for _, s := range doc.Subnets {
		if s.Region != "us-east-1" {
			t.Errorf("the export has a subnet of %s", s.Region)
		}
	}
}
