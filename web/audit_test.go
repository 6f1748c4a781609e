package web

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"endpointconsole/ec2test"
	"endpointconsole/views/diagram"
	"endpointconsole/vpc"
	"endpointconsole/vpc/audit"
	"endpointconsole/vpc/seed"
)

// The audit pages: /audit (per VPC, how many subnets reach S3 and DynamoDB by each path),
// /audit/vpcs/{id} (diagram, findings with their fix, every subnet's paths, the cost panel) and
// the exports. The account is the tutorial's: before any endpoint, First-VPC's three private
// subnets reach S3 through First-NAT; after a gateway endpoint on RT-Private they reach it
// privately, while the public subnets (First-RT, the main table, implicitly) still use the
// internet gateway.

const auditS3GatewayService = "com.amazonaws.us-east-1.s3|Gateway"

// auditSubnetNames is how the demo account names each of First-VPC's subnets.
func auditSubnetNames(a seed.Account) map[string]string {
	return map[string]string{
		a.PublicSubnetIDs[0]: "Public-1a", a.PublicSubnetIDs[1]: "Public-1b",
		a.PrivateSubnetIDs[0]: "Private-1a", a.PrivateSubnetIDs[1]: "Private-1b", a.PrivateSubnetIDs[2]: "Private-1c",
	}
}

// auditSummaryRows reads table#audit-summary, whose header has two rows: a cell spanning both
// (VPC, Subnets, Findings) names its column; a service's cell spans its path columns, which are
// named like "Amazon S3: NAT gateway".
func auditSummaryRows(t *testing.T, doc *goquery.Document) []tableRow {
	t.Helper()
	table := doc.Find("table#audit-summary")
	if table.Length() != 1 {
		t.Fatalf("got %d table#audit-summary, want 1", table.Length())
	}
	header := table.Find("thead tr")
	if header.Length() != 2 {
		t.Fatalf("got %d header rows in table#audit-summary, want 2", header.Length())
	}
	second := header.Eq(1).Find("th")
	var headings []string
	next := 0
	header.Eq(0).Find("th").Each(func(_ int, th *goquery.Selection) {
		if th.AttrOr("rowspan", "1") == "2" {
			headings = append(headings, text(th))
			return
		}
		span, err := strconv.Atoi(th.AttrOr("colspan", "1"))
		if err != nil {
			t.Fatalf("colspan %q: %v", th.AttrOr("colspan", ""), err)
		}
		for range span {
			headings = append(headings, text(th)+": "+text(second.Eq(next)))
			next++
		}
	})
	var rows []tableRow
	table.Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
		if tr.Find("td.empty").Length() > 0 {
			return
		}
		row := tableRow{sel: tr, cells: map[string]*goquery.Selection{}}
		tr.Find("td").Each(func(i int, td *goquery.Selection) {
			if i < len(headings) {
				row.cells[headings[i]] = td
			}
		})
		rows = append(rows, row)
	})
	return rows
}

// auditFinding is one finding of an audit page, as shown.
type auditFinding struct {
	id, severity, title, resources, text string
	// fixes are the hrefs of its "Fix it" links.
	fixes []string
}

func auditFindings(doc *goquery.Document) []auditFinding {
	var out []auditFinding
	doc.Find("ol#findings > li.finding").Each(func(_ int, li *goquery.Selection) {
		f := auditFinding{
			id:        strings.TrimPrefix(li.AttrOr("id", ""), "finding-"),
			severity:  text(li.Find(".severity")),
			title:     text(li.Find("strong").First()),
			resources: text(li.Find("p.mono")),
			text:      text(li),
		}
		li.Find("a").Each(func(_ int, a *goquery.Selection) {
			if text(a) == "Fix it" {
				f.fixes = append(f.fixes, a.AttrOr("href", ""))
			}
		})
		out = append(out, f)
	})
	return out
}

func auditFindingIDs(fs []auditFinding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.id
	}
	return out
}

func auditFindingByID(t *testing.T, fs []auditFinding, id string) auditFinding {
	t.Helper()
	for _, f := range fs {
		if f.id == id {
			return f
		}
	}
	t.Fatalf("no finding %s; the page has %q", id, auditFindingIDs(fs))
	return auditFinding{}
}

// auditPathCell is a subnet's path to one service on the VPC audit page.
type auditPathCell struct {
	kind, text string
}

func auditSubnetPath(row tableRow, column string) auditPathCell {
	c, ok := row.cells[column]
	if !ok {
		return auditPathCell{text: "<no column " + column + ">"}
	}
	return auditPathCell{kind: c.AttrOr("data-path", ""), text: text(c)}
}

// auditSubnetRow is First-VPC's row for a subnet on the VPC audit page, found by the Subnet column
// ("subnet-… Private-1a").
func auditSubnetRow(t *testing.T, rows []tableRow, id, name string) tableRow {
	t.Helper()
	return findRow(t, rows, "Subnet", id+" "+name)
}

func TestAuditSummaryBeforeAndAfterEndpoint(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	a := c.demo.Account
	defaultSubnets, err := c.demo.Service.Subnets(t.Context(), a.DefaultVPCID)
	if err != nil {
		t.Fatal(err)
	}
	nDefault := strconv.Itoa(len(defaultSubnets))

	type vpcRow struct {
		label, subnets string
		// counts by column; every other path column must read "–" (no subnet).
		counts   map[string]string
		findings string
	}
	check := func(t *testing.T, want []vpcRow) {
		t.Helper()
		rows := auditSummaryRows(t, c.getOK(t, "/audit").doc)
		if got := column(rows, "VPC"); len(got) != len(want) {
			t.Errorf("rows: got %q, want %d", got, len(want))
		}
		for _, w := range want {
			row := findRow(t, rows, "VPC", w.label)
			if got := row.text("Subnets"); got != w.subnets {
				t.Errorf("%s subnets: got %s, want %s", w.label, got, w.subnets)
			}
			for _, svc := range []string{"Amazon S3", "Amazon DynamoDB"} {
				for _, kind := range []string{"Private (endpoint)", "NAT gateway", "Internet gateway", "Split", "No route"} {
					col := svc + ": " + kind
					wantCount := w.counts[col]
					if wantCount == "" {
						wantCount = "–"
					}
					if got := row.text(col); got != wantCount {
						t.Errorf("%s, %s: got %q, want %q", w.label, col, got, wantCount)
					}
				}
			}
			if got := row.text("Findings"); got != w.findings {
				t.Errorf("%s findings: got %q, want %q", w.label, got, w.findings)
			}
			if got, want := row.cells["VPC"].Find("a").AttrOr("href", ""), "/audit/vpcs/"+strings.Fields(w.label)[0]; got != want {
				t.Errorf("%s link: got %q, want %q", w.label, got, want)
			}
		}
	}
	defaultRow := vpcRow{
		label: a.DefaultVPCID, subnets: nDefault,
		counts:   map[string]string{"Amazon S3: Internet gateway": nDefault, "Amazon DynamoDB: Internet gateway": nDefault},
		findings: "2 low",
	}

	t.Run("before an endpoint", func(t *testing.T) {
		check(t, []vpcRow{{
			label: a.VPCID + " | First-VPC", subnets: "5",
			counts: map[string]string{
				"Amazon S3: NAT gateway": "3", "Amazon S3: Internet gateway": "2",
				"Amazon DynamoDB: NAT gateway": "3", "Amazon DynamoDB: Internet gateway": "2",
			},
			// S3 through the NAT is high, DynamoDB through it medium; the public subnets'
			// internet paths are low.
			findings: "1 high, 1 medium, 2 low",
		}, defaultRow})
	})

	createS3Endpoint(t, c.demo, a.PrivateRouteTableID)

	t.Run("after an S3 gateway endpoint on RT-Private", func(t *testing.T) {
		check(t, []vpcRow{{
			label: a.VPCID + " | First-VPC", subnets: "5",
			counts: map[string]string{
				"Amazon S3: Private (endpoint)": "3", "Amazon S3: Internet gateway": "2",
				"Amazon DynamoDB: NAT gateway": "3", "Amazon DynamoDB: Internet gateway": "2",
			},
			// DynamoDB through the NAT; the endpoint not on First-RT; DynamoDB through the
			// internet gateway; the endpoint's full-access policy.
			findings: "2 medium, 1 low, 1 info",
		}, defaultRow})
	})
}

func TestAuditVPCPageBeforeAndAfterEndpoint(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	a := c.demo.Account
	names := auditSubnetNames(a)
	page := "/audit/vpcs/" + a.VPCID
	natFinding := "nat-without-gateway-endpoint:s3:" + a.PrivateRouteTableID

	// checkPublicSubnets: First-RT is the main table, used implicitly, and sends everything to
	// the internet gateway, before and after the endpoint (which is not on First-RT).
	checkPublicSubnets := func(t *testing.T, rows []tableRow) {
		t.Helper()
		for _, id := range a.PublicSubnetIDs {
			row := auditSubnetRow(t, rows, id, names[id])
			if got, want := row.text("Route table"), a.MainRouteTableID+" | First-RT (main, implicit)"; got != want {
				t.Errorf("%s route table: got %q, want %q", names[id], got, want)
			}
			if got, want := row.text("Public or private"), "Public"; got != want {
				t.Errorf("%s: got %q, want %q", names[id], got, want)
			}
			for _, col := range []string{"Path to Amazon S3", "Path to Amazon DynamoDB"} {
				p := auditSubnetPath(row, col)
				if p.kind != string(audit.PathInternetGateway) || !strings.HasPrefix(p.text, "Internet gateway") || !strings.Contains(p.text, a.InternetGatewayID) {
					t.Errorf("%s %s: got %q (%s), want the internet gateway %s", names[id], col, p.text, p.kind, a.InternetGatewayID)
				}
			}
		}
	}

	t.Run("before an endpoint", func(t *testing.T) {
		p := c.getOK(t, page)
		if got, want := text(p.doc.Find("main h1")), "Audit of "+a.VPCID+" | First-VPC"; got != want {
			t.Errorf("h1: got %q, want %q", got, want)
		}
		rows := tableRows(t, p.doc, "subnet-paths")
		if got := len(rows); got != 5 {
			t.Errorf("subnet rows: got %d, want 5 (%q)", got, column(rows, "Subnet"))
		}
		for _, id := range a.PrivateSubnetIDs {
			row := auditSubnetRow(t, rows, id, names[id])
			if got, want := row.text("Route table"), a.PrivateRouteTableID+" | RT-Private"; got != want {
				t.Errorf("%s route table: got %q, want %q", names[id], got, want)
			}
			if got, want := row.text("Public or private"), "Private"; got != want {
				t.Errorf("%s: got %q, want %q", names[id], got, want)
			}
			for _, col := range []string{"Path to Amazon S3", "Path to Amazon DynamoDB"} {
				p := auditSubnetPath(row, col)
				if p.kind != string(audit.PathNATGateway) || !strings.HasPrefix(p.text, "NAT gateway") || !strings.Contains(p.text, a.NATGatewayID) {
					t.Errorf("%s %s: got %q (%s), want the NAT gateway %s", names[id], col, p.text, p.kind, a.NATGatewayID)
				}
			}
		}
		checkPublicSubnets(t, rows)

		findings := auditFindings(p.doc)
		if len(findings) == 0 || findings[0].id != natFinding {
			t.Fatalf("findings: got %q, want %s first (the most severe)", auditFindingIDs(findings), natFinding)
		}
		f := findings[0]
		if f.severity != string(audit.SeverityHigh) {
			t.Errorf("severity: got %q, want high", f.severity)
		}
		for _, id := range a.PrivateSubnetIDs {
			if !strings.Contains(f.resources, id) || !strings.Contains(f.text, names[id]) {
				t.Errorf("the finding does not name %s (%s): resources %q, text %q", names[id], id, f.resources, f.text)
			}
		}
		for _, id := range a.PublicSubnetIDs {
			if strings.Contains(f.resources, id) {
				t.Errorf("the NAT finding names public subnet %s: %q", names[id], f.resources)
			}
		}
		if !strings.Contains(f.title, a.NATGatewayID) || !strings.Contains(f.title, "RT-Private") {
			t.Errorf("title: got %q, want it to name the NAT gateway and RT-Private", f.title)
		}
		if len(f.fixes) != 1 {
			t.Fatalf("Fix it links: got %q, want 1", f.fixes)
		}
		fix, err := url.Parse(f.fixes[0])
		if err != nil {
			t.Fatal(err)
		}
		if fix.Path != "/endpoints/new" {
			t.Errorf("Fix it goes to %s, want the wizard /endpoints/new", fix.Path)
		}
		q := fix.Query()
		for key, want := range map[string][]string{"vpc": {a.VPCID}, "service": {auditS3GatewayService}, "route_tables": {a.PrivateRouteTableID}} {
			if got := q[key]; !slices.Equal(got, want) {
				t.Errorf("Fix it query %s: got %q, want %q (%s)", key, got, want, f.fixes[0])
			}
		}

		t.Run("Fix it opens the wizard with the answers", func(t *testing.T) {
			w := c.getOK(t, f.fixes[0])
			if got := text(w.doc.Find("main h1")); !strings.HasPrefix(got, "Create endpoint") {
				t.Errorf("h1: got %q, want the wizard", got)
			}
			hidden := map[string][]string{}
			w.doc.Find(`form input[type=hidden]`).Each(func(_ int, in *goquery.Selection) {
				hidden[in.AttrOr("name", "")] = append(hidden[in.AttrOr("name", "")], in.AttrOr("value", ""))
			})
			for key, want := range map[string][]string{"vpc": {a.VPCID}, "service": {auditS3GatewayService}, "route_tables": {a.PrivateRouteTableID}} {
				if got := hidden[key]; !slices.Equal(got, want) {
					t.Errorf("hidden %s: got %q, want %q", key, got, want)
				}
			}
			if tok := hidden["token"]; len(tok) != 1 || tok[0] == "" {
				t.Errorf("hidden token: got %q, want one client token", tok)
			}
		})
	})

	ep := createS3Endpoint(t, c.demo, a.PrivateRouteTableID)

	t.Run("after an S3 gateway endpoint on RT-Private", func(t *testing.T) {
		p := c.getOK(t, page)
		rows := tableRows(t, p.doc, "subnet-paths")
		for _, id := range a.PrivateSubnetIDs {
			row := auditSubnetRow(t, rows, id, names[id])
			s3 := auditSubnetPath(row, "Path to Amazon S3")
			if s3.kind != string(audit.PathGatewayEndpoint) || !strings.HasPrefix(s3.text, "Private (endpoint)") || !strings.Contains(s3.text, ep.ID) {
				t.Errorf("%s S3: got %q (%s), want gateway endpoint %s", names[id], s3.text, s3.kind, ep.ID)
			}
			if ddb := auditSubnetPath(row, "Path to Amazon DynamoDB"); ddb.kind != string(audit.PathNATGateway) || !strings.Contains(ddb.text, a.NATGatewayID) {
				t.Errorf("%s DynamoDB: got %q (%s), want still the NAT gateway", names[id], ddb.text, ddb.kind)
			}
		}
		checkPublicSubnets(t, rows)

		findings := auditFindings(p.doc)
		if slices.Contains(auditFindingIDs(findings), natFinding) {
			t.Errorf("the S3 NAT finding is still there: %q", auditFindingIDs(findings))
		}
		f := auditFindingByID(t, findings, "endpoint-not-on-route-table:s3:"+a.MainRouteTableID)
		if f.severity != string(audit.SeverityMedium) {
			t.Errorf("severity: got %q, want medium", f.severity)
		}
		for _, want := range []string{ep.ID, "main route table", "First-RT", names[a.PublicSubnetIDs[0]], names[a.PublicSubnetIDs[1]]} {
			if !strings.Contains(f.text, want) {
				t.Errorf("the finding does not mention %q: %q", want, f.text)
			}
		}
		// The fix is to add First-RT to the endpoint, on its Manage route tables page.
		if want := []string{"/endpoints/" + ep.ID + "/route-tables"}; !slices.Equal(f.fixes, want) {
			t.Errorf("Fix it: got %q, want %q", f.fixes, want)
		} else {
			c.getOK(t, f.fixes[0])
		}
	})
}

// TestAuditReadOnly: a read-only console has every audit page, and no "Fix it" button, since
// the wizard and the manage pages do not exist there.
func TestAuditReadOnly(t *testing.T) {
	t.Parallel()
	c := newConsole(t, withReadOnly(true))
	a := c.demo.Account
	for _, path := range []string{
		"/audit", "/audit/vpcs/" + a.VPCID, "/audit/vpcs/" + a.DefaultVPCID, "/audit/vpcs/" + a.VPCID + "?s3_gb=1000&ddb_gb=200",
		"/audit/export.json", "/audit/subnets.csv", "/audit/findings.csv", "/audit/export.json?vpc=" + a.VPCID,
	} {
		t.Run(path, func(t *testing.T) {
			p := c.getOK(t, path)
			if !strings.HasPrefix(p.header.Get("Content-Type"), "text/html") {
				return
			}
			if got := text(p.doc.Find(".banner-readonly")); got == "" {
				t.Errorf("no read-only banner")
			}
			p.doc.Find("main a").Each(func(_ int, a *goquery.Selection) {
				if text(a) == "Fix it" || strings.HasPrefix(a.AttrOr("href", ""), "/endpoints/new") {
					t.Errorf("read-only page links to a change: %q → %s", text(a), a.AttrOr("href", ""))
				}
			})
		})
	}
	findings := auditFindings(c.getOK(t, "/audit/vpcs/"+a.VPCID).doc)
	if got := auditFindingIDs(findings); !slices.Contains(got, "nat-without-gateway-endpoint:s3:"+a.PrivateRouteTableID) {
		t.Errorf("findings: got %q, want the NAT finding, shown without its button", got)
	}
}

func TestAuditCost(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	a := c.demo.Account
	year := regexp.MustCompile(`\b20\d\d\b`)
	for _, tt := range []struct {
		name       string
		vpcID      string
		query      string
		wantStatus int
		// s3 and ddb are the NAT column of the cost table; "" when no table is shown.
		s3, ddb string
		// inputs are the values the form shows.
		s3Value, ddbValue string
		// errField is the field with a message, or "".
		errField string
		// noNATNote: the VPC pays none of it today, and the page says so.
		noNATNote bool
	}{
		{"no traffic entered", a.VPCID, "", 200, "", "", "", "", "", false},
		{"1000 GB of S3 and 200 of DynamoDB", a.VPCID, "?s3_gb=1000&ddb_gb=200", 200, "$45.00 per month", "$9.00 per month", "1000", "200", "", false},
		{"S3 only, with a thousands separator", a.VPCID, "?s3_gb=1,000", 200, "$45.00 per month", "$0.00 per month", "1,000", "", "", false},
		{"a VPC without a NAT gateway", a.DefaultVPCID, "?s3_gb=1000", 200, "$45.00 per month", "$0.00 per month", "1000", "", "", true},
		{"S3 not a number", a.VPCID, "?s3_gb=abc&ddb_gb=200", 422, "", "", "abc", "200", "s3_gb", false},
		{"DynamoDB negative", a.VPCID, "?s3_gb=10&ddb_gb=-5", 422, "", "", "10", "-5", "ddb_gb", false},
		{"S3 NaN", a.VPCID, "?s3_gb=NaN", 422, "", "", "NaN", "", "s3_gb", false},
		{"S3 too large", a.VPCID, "?s3_gb=1e12", 422, "", "", "1e12", "", "s3_gb", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := c.get(t, "/audit/vpcs/"+tt.vpcID+tt.query)
			if p.status != tt.wantStatus {
				t.Fatalf("status: got %d, want %d", p.status, tt.wantStatus)
			}
			panel := p.doc.Find(`section[aria-labelledby="cost-heading"]`)
			if panel.Length() != 1 {
				t.Fatalf("got %d cost panels, want 1", panel.Length())
			}
			note := text(panel.Find("p.muted"))
			if !strings.Contains(note, audit.PricingNote) || !strings.Contains(note, audit.PricingRegion) || !year.MatchString(note) || !strings.Contains(note, "$0.045/GB") {
				t.Errorf("price note: got %q, want the rate with its Region and year", note)
			}
			for id, want := range map[string]string{"s3-gb": tt.s3Value, "ddb-gb": tt.ddbValue} {
				if got := panel.Find("input#"+id).AttrOr("value", "<none>"); got != want {
					t.Errorf("input#%s keeps %q, want %q", id, got, want)
				}
			}

			errs := panel.Find("p.field-error")
			if tt.errField == "" {
				if errs.Length() != 0 {
					t.Errorf("field errors: got %q, want none", text(errs))
				}
			} else {
				input := panel.Find(`input[name="` + tt.errField + `"]`)
				msg := input.Next()
				if !msg.Is("p.field-error") || !strings.Contains(text(msg), "GB per month") {
					t.Errorf("after the %s field: got <%s> %q, want its message", tt.errField, goquery.NodeName(msg), text(msg))
				}
				if got, want := input.AttrOr("aria-describedby", ""), msg.AttrOr("id", "<no id>"); got != want {
					t.Errorf("aria-describedby: got %q, want the message's id %q", got, want)
				}
				if got := input.AttrOr("aria-invalid", ""); got != "true" {
					t.Errorf(`aria-invalid: got %q, want "true" as the wizard's fields have`, got)
				}
				if errs.Length() != 1 {
					t.Errorf("field errors: got %d, want 1", errs.Length())
				}
			}

			if tt.s3 == "" {
				if n := panel.Find("table#cost").Length(); n != 0 {
					t.Errorf("a cost table without valid traffic figures")
				}
				return
			}
			rows := tableRows(t, p.doc, "cost")
			for svc, want := range map[string]string{"Amazon S3": tt.s3, "Amazon DynamoDB": tt.ddb} {
				row := findRow(t, rows, "Service", svc)
				got := row.text("Through a NAT gateway (data processing)")
				if !strings.HasPrefix(got, want) {
					t.Errorf("%s through a NAT gateway: got %q, want %q", svc, got, want)
				}
				// First-VPC's private subnets use its NAT for both services; the
				// default VPC has none, so the amount is not paid there today, and each row says so.
				if notPaid := strings.Contains(got, "not paid today"); notPaid != tt.noNATNote {
					t.Errorf("%s row says the amount is not paid today: got %v, want %v", svc, notPaid, tt.noNATNote)
				}
				if got := row.text("Through a gateway endpoint"); got != "$0.00" {
					t.Errorf("%s through a gateway endpoint: got %q, want $0.00", svc, got)
				}
			}
			if got := strings.Contains(text(panel), "No subnet of this VPC reaches these services through a NAT gateway"); got != tt.noNATNote {
				t.Errorf("says the VPC pays none of it today: got %v, want %v", got, tt.noNATNote)
			}
		})
	}
}

// The export formats, as the README documents them. The decoders refuse unknown fields, so a
// field added or renamed without the README shows here.
type auditExportDoc struct {
	Scope       string               `json:"scope"`
	AccountID   string               `json:"account_id"`
	Region      string               `json:"region"`
	GeneratedAt string               `json:"generated_at"`
	Subnets     []auditExportSubnet  `json:"subnets"`
	Findings    []auditExportFinding `json:"findings"`
	Failed      []auditExportFailure `json:"failed"`
}

type auditExportFailure struct {
	AccountID string `json:"account_id"`
	Region    string `json:"region"`
	Error     string `json:"error"`
}

type auditExportSubnet struct {
	AccountID              string   `json:"account_id"`
	Region                 string   `json:"region"`
	VPCID                  string   `json:"vpc_id"`
	VPCName                string   `json:"vpc_name"`
	SubnetID               string   `json:"subnet_id"`
	SubnetName             string   `json:"subnet_name"`
	AvailabilityZone       string   `json:"availability_zone"`
	Public                 bool     `json:"public"`
	RouteTableID           string   `json:"route_table_id"`
	RouteTableImplicitMain bool     `json:"route_table_implicit_main"`
	S3Path                 string   `json:"s3_path"`
	S3Targets              []string `json:"s3_targets"`
	DynamoDBPath           string   `json:"dynamodb_path"`
	DynamoDBTargets        []string `json:"dynamodb_targets"`
}

type auditExportFinding struct {
	AccountID string   `json:"account_id"`
	Region    string   `json:"region"`
	ID        string   `json:"id"`
	VPCID     string   `json:"vpc_id"`
	Severity  string   `json:"severity"`
	Kind      string   `json:"kind"`
	Title     string   `json:"title"`
	Resources []string `json:"resources"`
	Why       string   `json:"why"`
	Fix       string   `json:"fix"`
}

var (
	auditSubnetColumns  = []string{"account_id", "region", "vpc_id", "vpc_name", "subnet_id", "subnet_name", "availability_zone", "public", "route_table_id", "route_table_implicit_main", "s3_path", "s3_targets", "dynamodb_path", "dynamodb_targets"}
	auditFindingColumns = []string{"account_id", "region", "id", "vpc_id", "severity", "kind", "title", "resources", "why", "fix"}
	auditPathKinds      = []string{"gateway-endpoint", "nat-gateway", "internet-gateway", "none", "blackhole", "other", "split", "unknown"}
)

func (s auditExportSubnet) record() []string {
	return []string{s.AccountID, s.Region, s.VPCID, s.VPCName, s.SubnetID, s.SubnetName, s.AvailabilityZone, strconv.FormatBool(s.Public),
		s.RouteTableID, strconv.FormatBool(s.RouteTableImplicitMain), s.S3Path, strings.Join(s.S3Targets, " "),
		s.DynamoDBPath, strings.Join(s.DynamoDBTargets, " ")}
}

func (f auditExportFinding) record() []string {
	return []string{f.AccountID, f.Region, f.ID, f.VPCID, f.Severity, f.Kind, f.Title, strings.Join(f.Resources, " "), f.Why, f.Fix}
}

// auditCSVText is how the README says a CSV cell is written: one that a spreadsheet would
// take for a formula gets a leading '.
func auditCSVText(row []string) []string {
	out := slices.Clone(row)
	for i, cell := range out {
		if cell != "" && strings.ContainsAny(cell[:1], "=+-@") {
			out[i] = "'" + cell
		}
	}
	return out
}

// getAuditExport fetches an export and checks its status and Content-Type.
func getAuditExport(t *testing.T, c *console, path, contentType string) []byte {
	t.Helper()
	p := c.get(t, path)
	if p.status != http.StatusOK {
		t.Fatalf("GET %s: got status %d, want 200; body:\n%s", path, p.status, p.body)
	}
	if got := p.header.Get("Content-Type"); got != contentType {
		t.Errorf("GET %s: Content-Type %q, want %q", path, got, contentType)
	}
	if got := p.header.Get("Content-Disposition"); !strings.HasPrefix(got, "attachment;") {
		t.Errorf("GET %s: Content-Disposition %q, want an attachment", path, got)
	}
	return []byte(p.body)
}

func decodeAuditExport(t *testing.T, body []byte) auditExportDoc {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var doc auditExportDoc
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("decode the JSON export: %v\n%s", err, body)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		t.Errorf("the JSON export goes on after its document: %v", err)
	}
	// Every documented field is there, none left out as empty.
	var raw struct {
		Subnets  []map[string]json.RawMessage `json:"subnets"`
		Findings []map[string]json.RawMessage `json:"findings"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		t.Fatal(err)
	}
	for i, s := range raw.Subnets {
		if got := slices.Sorted(maps.Keys(s)); !slices.Equal(got, slices.Sorted(slices.Values(auditSubnetColumns))) {
			t.Errorf("subnet %d fields: got %q, want %q", i, got, auditSubnetColumns)
		}
	}
	for i, f := range raw.Findings {
		if got := slices.Sorted(maps.Keys(f)); !slices.Equal(got, slices.Sorted(slices.Values(auditFindingColumns))) {
			t.Errorf("finding %d fields: got %q, want %q", i, got, auditFindingColumns)
		}
	}
	return doc
}

func readAuditCSV(t *testing.T, body []byte, header []string) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(body))
	r.FieldsPerRecord = len(header)
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("parse the CSV: %v\n%s", err, body)
	}
	if len(records) == 0 || !slices.Equal(records[0], header) {
		t.Fatalf("CSV header: got %q, want %q", records[:min(1, len(records))], header)
	}
	return records[1:]
}

// auditShown is what an audit page shows, in the export's terms.
type auditShown struct {
	subnets  [][4]string // subnet id, route table id, S3 path, DynamoDB path
	findings []string
}

func readAuditPage(t *testing.T, c *console, vpcID string) auditShown {
	t.Helper()
	p := c.getOK(t, "/audit/vpcs/"+vpcID)
	var out auditShown
	for _, row := range tableRows(t, p.doc, "subnet-paths") {
		id := strings.Fields(row.text("Subnet"))[0]
		table := strings.TrimPrefix(row.cells["Route table"].Find("a").AttrOr("href", ""), "/route-tables/")
		out.subnets = append(out.subnets, [4]string{id, table,
			auditSubnetPath(row, "Path to Amazon S3").kind, auditSubnetPath(row, "Path to Amazon DynamoDB").kind})
	}
	out.findings = auditFindingIDs(auditFindings(p.doc))
	return out
}

func auditExported(doc auditExportDoc, vpcID string) auditShown {
	var out auditShown
	for _, s := range doc.Subnets {
		if s.VPCID == vpcID {
			out.subnets = append(out.subnets, [4]string{s.SubnetID, s.RouteTableID, s.S3Path, s.DynamoDBPath})
		}
	}
	for _, f := range doc.Findings {
		if f.VPCID == vpcID {
			out.findings = append(out.findings, f.ID)
		}
	}
	return out
}

func TestAuditExports(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	a := c.demo.Account
	ep := createS3Endpoint(t, c.demo, a.PrivateRouteTableID)
	// A Name tag that a spreadsheet would run as a formula, and that sorts first.
	const formula = `=HYPERLINK("http://example.com","x")`
	if _, err := ec2test.Client(t, c.demo.URL).CreateTags(t.Context(), &ec2.CreateTagsInput{
		Resources: []string{a.PrivateSubnetIDs[0]},
		Tags:      []types.Tag{{Key: aws.String("Name"), Value: aws.String(formula)}},
	}); err != nil {
		t.Fatalf("tag Private-1a: %v", err)
	}
	vpcIDs := []string{a.VPCID, a.DefaultVPCID}

	all := decodeAuditExport(t, getAuditExport(t, c, "/audit/export.json", "application/json"))

	t.Run("JSON", func(t *testing.T) {
		if all.Scope != "region" || all.AccountID != "123456789012" || all.Region != "us-east-1" || all.GeneratedAt == "" || all.Failed == nil {
			t.Errorf("scope %q, account_id %q, region %q, generated_at %q, failed %v: want region, 123456789012, us-east-1, a time and an empty list",
				all.Scope, all.AccountID, all.Region, all.GeneratedAt, all.Failed)
		}
		for _, s := range all.Subnets {
			for _, path := range []string{s.S3Path, s.DynamoDBPath} {
				if !slices.Contains(auditPathKinds, path) {
					t.Errorf("subnet %s: path %q is not one of the documented %q", s.SubnetID, path, auditPathKinds)
				}
			}
		}
		s := all.Subnets[slices.IndexFunc(all.Subnets, func(s auditExportSubnet) bool { return s.SubnetID == a.PrivateSubnetIDs[0] })]
		want := auditExportSubnet{
			AccountID: "123456789012", Region: "us-east-1",
			VPCID: a.VPCID, VPCName: "First-VPC", SubnetID: a.PrivateSubnetIDs[0], SubnetName: formula,
			AvailabilityZone: "us-east-1a", Public: false, RouteTableID: a.PrivateRouteTableID,
			S3Path: "gateway-endpoint", S3Targets: []string{ep.ID}, DynamoDBPath: "nat-gateway", DynamoDBTargets: []string{a.NATGatewayID},
		}
		if fmt.Sprint(s) != fmt.Sprint(want) {
			t.Errorf("Private-1a:\n got %+v\nwant %+v", s, want)
		}
		pub := all.Subnets[slices.IndexFunc(all.Subnets, func(s auditExportSubnet) bool { return s.SubnetID == a.PublicSubnetIDs[0] })]
		if !pub.Public || !pub.RouteTableImplicitMain || pub.RouteTableID != a.MainRouteTableID || pub.S3Path != "internet-gateway" || !slices.Equal(pub.S3Targets, []string{a.InternetGatewayID}) {
			t.Errorf("Public-1a: got %+v, want public, First-RT implicitly, S3 through %s", pub, a.InternetGatewayID)
		}
	})

	t.Run("JSON matches the pages", func(t *testing.T) {
		n := 0
		for _, id := range vpcIDs {
			shown, exported := readAuditPage(t, c, id), auditExported(all, id)
			if fmt.Sprint(shown.subnets) != fmt.Sprint(exported.subnets) {
				t.Errorf("%s subnets:\n page %q\n JSON %q", id, shown.subnets, exported.subnets)
			}
			if !slices.Equal(shown.findings, exported.findings) {
				t.Errorf("%s findings:\n page %q\n JSON %q", id, shown.findings, exported.findings)
			}
			n += len(exported.subnets)
		}
		if n != len(all.Subnets) {
			t.Errorf("the JSON has %d subnets, the pages %d", len(all.Subnets), n)
		}
	})

	t.Run("CSV matches the JSON", func(t *testing.T) {
		subnets := readAuditCSV(t, getAuditExport(t, c, "/audit/subnets.csv", "text/csv; charset=utf-8"), auditSubnetColumns)
		var want [][]string
		for _, s := range all.Subnets {
			want = append(want, auditCSVText(s.record()))
		}
		if fmt.Sprint(subnets) != fmt.Sprint(want) {
			t.Errorf("subnets.csv:\n got %q\nwant %q", subnets, want)
		}
		findings := readAuditCSV(t, getAuditExport(t, c, "/audit/findings.csv", "text/csv; charset=utf-8"), auditFindingColumns)
		want = nil
		for _, f := range all.Findings {
			want = append(want, auditCSVText(f.record()))
		}
		if fmt.Sprint(findings) != fmt.Sprint(want) {
			t.Errorf("findings.csv:\n got %q\nwant %q", findings, want)
		}
	})

	t.Run("CSV cells never start a formula", func(t *testing.T) {
		subnets := readAuditCSV(t, getAuditExport(t, c, "/audit/subnets.csv?vpc="+a.VPCID, "text/csv; charset=utf-8"), auditSubnetColumns)
		i := slices.IndexFunc(subnets, func(r []string) bool { return r[4] == a.PrivateSubnetIDs[0] })
		if got := subnets[i][5]; got != "'"+formula {
			t.Errorf("subnet_name of the tagged subnet: got %q, want %q", got, "'"+formula)
		}
		findings := readAuditCSV(t, getAuditExport(t, c, "/audit/findings.csv?vpc="+a.VPCID, "text/csv; charset=utf-8"), auditFindingColumns)
		guarded := 0
		for _, rec := range slices.Concat(subnets, findings) {
			for _, cell := range rec {
				if cell != "" && strings.ContainsAny(cell[:1], "=+-@") {
					t.Errorf("cell %q starts a formula", cell)
				}
				if strings.HasPrefix(cell, "'=HYPERLINK") {
					guarded++
				}
			}
		}
		// The name, and the "why" of the DynamoDB NAT finding, which starts with it.
		if guarded < 2 {
			t.Errorf("cells guarded: got %d, want the name and a finding that starts with it", guarded)
		}
	})

	t.Run("?vpc= narrows", func(t *testing.T) {
		for _, id := range vpcIDs {
			one := decodeAuditExport(t, getAuditExport(t, c, "/audit/export.json?vpc="+id, "application/json"))
			want := auditExported(all, id)
			if got := auditExported(one, id); fmt.Sprint(got) != fmt.Sprint(want) || len(one.Subnets) != len(want.subnets) || len(one.Findings) != len(want.findings) {
				t.Errorf("export.json?vpc=%s: got %d subnets, %d findings, want only the VPC's %d and %d",
					id, len(one.Subnets), len(one.Findings), len(want.subnets), len(want.findings))
			}
			subnets := readAuditCSV(t, getAuditExport(t, c, "/audit/subnets.csv?vpc="+id, "text/csv; charset=utf-8"), auditSubnetColumns)
			findings := readAuditCSV(t, getAuditExport(t, c, "/audit/findings.csv?vpc="+id, "text/csv; charset=utf-8"), auditFindingColumns)
			if len(subnets) != len(want.subnets) || len(findings) != len(want.findings) {
				t.Errorf("CSV ?vpc=%s: got %d subnets and %d findings, want %d and %d", id, len(subnets), len(findings), len(want.subnets), len(want.findings))
			}
			for _, rec := range subnets {
				if rec[2] != id {
					t.Errorf("subnets.csv?vpc=%s has a row of %s", id, rec[2])
				}
			}
			for _, rec := range findings {
				if rec[3] != id {
					t.Errorf("findings.csv?vpc=%s has a row of %s", id, rec[3])
				}
			}
		}
	})

	t.Run("an unknown ?vpc= is not found", func(t *testing.T) {
		for _, path := range []string{"/audit/export.json", "/audit/subnets.csv", "/audit/findings.csv"} {
			p := c.get(t, path+"?vpc=vpc-0123456789abcdef0")
			if p.status != http.StatusNotFound {
				t.Errorf("GET %s?vpc=vpc-0123456789abcdef0: got %d, want 404", path, p.status)
			}
		}
		if p := c.get(t, "/audit/vpcs/vpc-0123456789abcdef0"); p.status != http.StatusNotFound {
			t.Errorf("GET /audit/vpcs/vpc-0123456789abcdef0: got %d, want 404", p.status)
		}
	})
}

// auditSVGTexts parses an SVG document as XML to its end and returns the text of its <text> and
// <title> elements.
func auditSVGTexts(t *testing.T, doc string) []string {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(doc))
	var names []string
	var stack []xml.Name
	root := true
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v\n%s", err, doc)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if root && (tok.Name.Local != "svg" || tok.Name.Space != "http://www.w3.org/2000/svg") {
				t.Errorf("root element: got %v, want svg in the SVG namespace", tok.Name)
			}
			root = false
			stack = append(stack, tok.Name)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 && (stack[len(stack)-1].Local == "text" || stack[len(stack)-1].Local == "title") {
				names = append(names, string(tok))
			}
		}
	}
	if root {
		t.Fatalf("no element in the SVG")
	}
	return names
}

func TestAuditDiagramSVG(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	a := c.demo.Account
	names := auditSubnetNames(a)
	// A Name tag with XML's special characters must come out escaped.
	const markup = `<b>Private & "1b"</b>`
	if _, err := ec2test.Client(t, c.demo.URL).CreateTags(t.Context(), &ec2.CreateTagsInput{
		Resources: []string{a.PrivateSubnetIDs[1]},
		Tags:      []types.Tag{{Key: aws.String("Name"), Value: aws.String(markup)}},
	}); err != nil {
		t.Fatalf("tag Private-1b: %v", err)
	}
	names[a.PrivateSubnetIDs[1]] = markup
	createS3Endpoint(t, c.demo, a.PrivateRouteTableID)

	checkNames := func(t *testing.T, texts []string) {
		t.Helper()
		for id, name := range names {
			named := slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, name) })
			withID := slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, id) })
			if !named || !withID {
				t.Errorf("the SVG does not name subnet %s (%s): named %v, id %v", name, id, named, withID)
			}
		}
	}

	t.Run("as the page serves it", func(t *testing.T) {
		p := c.getOK(t, "/audit/vpcs/"+a.VPCID)
		svg := p.doc.Find(`main svg.vpc-diagram-svg[role="group"]`)
		if svg.Length() != 1 {
			t.Fatalf(`got %d <svg class="vpc-diagram-svg" role="group">, want 1`, svg.Length())
		}
		if got, want := p.doc.Find(`main a:contains("Full size")`).AttrOr("href", ""), "/audit/vpcs/"+a.VPCID+"/diagram.svg"; got != want {
			t.Errorf("the Full size link goes to %q, want %q", got, want)
		}
		// Every subnet of the diagram links to its row of the subnet table.
		svg.Find("a.dg-subnet-link").Each(func(_ int, link *goquery.Selection) {
			href := link.AttrOr("href", "")
			if !strings.HasPrefix(href, "#") || p.doc.Find(`table#subnet-paths tr[id="`+strings.TrimPrefix(href, "#")+`"]`).Length() != 1 {
				t.Errorf("the diagram's link %q does not lead to a row of the subnet table", href)
			}
		})
		if got := svg.Find("a.dg-subnet-link").Length(); got != len(names) {
			t.Errorf("the diagram has %d subnet links, want %d", got, len(names))
		}
		label := strings.Fields(svg.AttrOr("aria-labelledby", ""))
		if len(label) == 0 {
			t.Errorf("the SVG has no aria-labelledby")
		}
		for _, id := range label {
			if svg.Find(`[id="`+id+`"]`).Length() != 1 {
				t.Errorf("aria-labelledby names %q, which is not in the SVG", id)
			}
		}
		outer, err := goquery.OuterHtml(svg)
		if err != nil {
			t.Fatal(err)
		}
		checkNames(t, auditSVGTexts(t, outer))
	})

	t.Run("full size, alone", func(t *testing.T) {
		p := c.get(t, "/audit/vpcs/"+a.VPCID+"/diagram.svg")
		if p.status != http.StatusOK {
			t.Fatalf("GET diagram.svg: got %d, want 200", p.status)
		}
		if got, want := p.header.Get("Content-Type"), "image/svg+xml"; got != want {
			t.Errorf("Content-Type: got %q, want %q", got, want)
		}
		// Its stylesheet is inside it, allowed by its digest; nothing else may load or run.
		csp := p.header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "style-src 'sha256-") || strings.Contains(csp, "unsafe") {
			t.Errorf("Content-Security-Policy: got %q, want default-src 'none' and the stylesheet by its digest", csp)
		}
		if !strings.HasPrefix(p.body, "<?xml") || !strings.Contains(p.body, "<style>") || !strings.Contains(p.body, ".vpc-diagram .path") {
			t.Errorf("the SVG does not start with an XML declaration or does not carry the diagram's stylesheet")
		}
		checkNames(t, auditSVGTexts(t, p.body))
		if p := c.get(t, "/audit/vpcs/vpc-0123456789abcdef0/diagram.svg"); p.status != http.StatusNotFound {
			t.Errorf("GET the diagram of an unknown VPC: got %d, want 404", p.status)
		}
	})

	t.Run("as the view renders it", func(t *testing.T) {
		audits, err := audit.New(c.demo.Service).AuditRegion(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(audits, func(au audit.VPCAudit) bool { return au.VPC.ID == a.VPCID })
		var buf bytes.Buffer
		if err := diagram.VPC(audits[i]).Render(t.Context(), &buf); err != nil {
			t.Fatal(err)
		}
		// The bytes templ writes, before any HTML parser has repaired them: the figure
		// holding the diagram and its legend must be XML too.
		doc := buf.String()
		start, end := strings.Index(doc, "<svg"), strings.Index(doc, "</svg>")
		if start < 0 || end < 0 {
			t.Fatalf("no <svg> in the rendered diagram:\n%s", doc)
		}
		checkNames(t, auditSVGTexts(t, doc[start:end+len("</svg>")]))
		for dec := xml.NewDecoder(strings.NewReader(doc)); ; {
			if _, err := dec.Token(); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				t.Fatalf("the rendered figure is not well-formed XML: %v", err)
			}
		}
	})
}

// TestAuditOnMoto runs the tutorial's before and after against moto, an independent EC2
// emulator, seeded with the same account: its ids, prefix lists (without CIDRs in
// DescribePrefixLists) and default VPC differ from the fake's.
func TestAuditOnMoto(t *testing.T) {
	t.Parallel() // independent: its own console, on a moto account of its own
	c := newConsole(t, onMoto(ec2test.SharedMoto(t)))
	acct, svc := c.demo.Account, c.demo.Service
	names := auditSubnetNames(acct)

	checkPaths := func(t *testing.T, private, privateTarget string) {
		t.Helper()
		rows := tableRows(t, c.getOK(t, "/audit/vpcs/"+acct.VPCID).doc, "subnet-paths")
		for id, want := range map[string][2]string{
			acct.PrivateSubnetIDs[0]: {private, privateTarget}, acct.PrivateSubnetIDs[1]: {private, privateTarget},
			acct.PrivateSubnetIDs[2]: {private, privateTarget},
			acct.PublicSubnetIDs[0]:  {string(audit.PathInternetGateway), acct.InternetGatewayID},
			acct.PublicSubnetIDs[1]:  {string(audit.PathInternetGateway), acct.InternetGatewayID},
		} {
			p := auditSubnetPath(auditSubnetRow(t, rows, id, names[id]), "Path to Amazon S3")
			if p.kind != want[0] || !strings.Contains(p.text, want[1]) {
				t.Errorf("%s S3: got %q (%s), want %s through %s", names[id], p.text, p.kind, want[0], want[1])
			}
		}
	}
	summary := func(t *testing.T) tableRow {
		t.Helper()
		return findRow(t, auditSummaryRows(t, c.getOK(t, "/audit").doc), "VPC", acct.VPCID+" | First-VPC")
	}

	t.Run("before an endpoint", func(t *testing.T) {
		checkPaths(t, string(audit.PathNATGateway), acct.NATGatewayID)
		f := auditFindingByID(t, auditFindings(c.getOK(t, "/audit/vpcs/"+acct.VPCID).doc), "nat-without-gateway-endpoint:s3:"+acct.PrivateRouteTableID)
		if f.severity != string(audit.SeverityHigh) || len(f.fixes) != 1 || !strings.HasPrefix(f.fixes[0], "/endpoints/new?") {
			t.Errorf("the NAT finding: severity %q, fixes %q; want high, fixed in the wizard", f.severity, f.fixes)
		}
		if got := summary(t).text("Amazon S3: NAT gateway"); got != "3" {
			t.Errorf("summary, S3 through the NAT: got %q, want 3", got)
		}
	})

	ep, err := svc.CreateEndpoint(t.Context(), vpc.CreateEndpointRequest{
		VPCID: acct.VPCID, ServiceName: "com.amazonaws.us-east-1.s3", Type: vpc.TypeGateway,
		RouteTableIDs: []string{acct.PrivateRouteTableID},
	})
	if err != nil {
		t.Fatalf("create the S3 gateway endpoint on moto: %v", err)
	}

	t.Run("after an S3 gateway endpoint on RT-Private", func(t *testing.T) {
		checkPaths(t, string(audit.PathGatewayEndpoint), ep.ID)
		row := summary(t)
		for col, want := range map[string]string{
			"Amazon S3: Private (endpoint)": "3", "Amazon S3: NAT gateway": "–", "Amazon S3: Internet gateway": "2",
			"Amazon DynamoDB: NAT gateway": "3",
		} {
			if got := row.text(col); got != want {
				t.Errorf("summary %s: got %q, want %q", col, got, want)
			}
		}
		doc := decodeAuditExport(t, getAuditExport(t, c, "/audit/export.json?vpc="+acct.VPCID, "application/json"))
		if got, want := auditExported(doc, acct.VPCID), readAuditPage(t, c, acct.VPCID); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("export and page differ:\n JSON %q\n page %q", got, want)
		}
	})
}
