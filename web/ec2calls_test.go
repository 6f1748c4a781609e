package web

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// ec2CallRow is one row of a page's "EC2 calls" panel.
type ec2CallRow struct {
	action, params, requestID, outcome string
}

// ec2CallsPanel reads the "EC2 calls" panel of a page; nil when it has none.
func ec2CallsPanel(doc *goquery.Document) []ec2CallRow {
	var rows []ec2CallRow
	doc.Find("details.ec2-calls tbody tr").Each(func(_ int, tr *goquery.Selection) {
		td := tr.Find("td")
		var params []string
		td.Eq(1).Find("dt").Each(func(_ int, dt *goquery.Selection) {
			params = append(params, text(dt)+" "+text(dt.Next()))
		})
		params = append(params, text(td.Eq(1).Find("p.call-note")))
		rows = append(rows, ec2CallRow{action: text(td.Eq(0).Find("code").First()), params: strings.Join(params, "; "),
			requestID: text(td.Eq(0).Find("code.call-request-id")), outcome: text(td.Eq(3))})
	})
	return rows
}

// callOf is the panel's row for action; the test fails when there is not exactly one.
func callOf(t *testing.T, rows []ec2CallRow, action string) ec2CallRow {
	t.Helper()
	var found []ec2CallRow
	for _, r := range rows {
		if r.action == action {
			found = append(found, r)
		}
	}
	if len(found) != 1 {
		t.Fatalf("EC2 calls panel: got %d %s rows, want 1; the panel: %+v", len(found), action, rows)
	}
	return found[0]
}

// changeRequestIDs are the EC2 request ids of the change lines the console logged, by action.
func changeRequestIDs(t *testing.T, c *console) map[string]string {
	t.Helper()
	ids := map[string]string{}
	for _, line := range c.logs.Take(t, "change") {
		ids[line["action"].(string)] = line["ec2_request_id"].(string)
	}
	return ids
}

// withCookies gives the console's client a cookie jar, as a browser has, and follows redirects.
func (c *console) withCookies(t *testing.T) *console {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	client := *c.client
	client.Jar = jar
	out := *c
	out.client = &client
	return &out
}

// The page after each change (create, modify, delete) lists the EC2 calls it made, with EC2's
// request id, once; a change EC2 refused lists the refused call on the page that says so.
func TestEC2CallsPanelAfterEachChange(t *testing.T) {
	t.Parallel()
	c := newConsole(t, withLogBuffer()).withCookies(t)
	a := c.demo.Account

	s := startWizard(t, c)
	s.advance(t, gatewayAnswers(a), "review")
	changeRequestIDs(t, c) // only the calls of Create endpoint from here on
	created := s.post(t, "create", nil)
	if created.status != http.StatusOK || created.doc.Find("details.ec2-calls").Length() != 1 {
		t.Fatalf("after Create endpoint: got status %d and %d EC2 calls panels, want 200 and 1:\n%s",
			created.status, created.doc.Find("details.ec2-calls").Length(), created.body)
	}
	create := callOf(t, ec2CallsPanel(created.doc), "CreateVpcEndpoint")
	if want := changeRequestIDs(t, c)["CreateVpcEndpoint"]; want == "" || create.requestID != want {
		t.Errorf("CreateVpcEndpoint request id: got %q, want %q (the change log's)", create.requestID, want)
	}
	for _, want := range []string{"VpcId " + a.VPCID, "ServiceName com.amazonaws.us-east-1.s3", a.PrivateRouteTableID, a.MainRouteTableID,
		"EC2 itself added the route to the service's prefix list"} {
		if !strings.Contains(create.params, want) {
			t.Errorf("CreateVpcEndpoint parameters: %q lacks %q", create.params, want)
		}
	}
	if create.outcome != "Succeeded" {
		t.Errorf("CreateVpcEndpoint outcome: got %q, want Succeeded", create.outcome)
	}
	id := strings.Fields(text(created.doc.Find("h1").First()))[0]
	if !strings.HasPrefix(id, "vpce-") {
		t.Fatalf("after Create endpoint: the page is not the endpoint's (h1 %q)", text(created.doc.Find("h1")))
	}

	t.Run("shown once", func(t *testing.T) {
		again := c.getOK(t, "/endpoints/"+id+"?done=created")
		if rows := ec2CallsPanel(again.doc); rows != nil {
			t.Errorf("the same page again still lists EC2 calls: %+v", rows)
		}
	})

	t.Run("modify route tables", func(t *testing.T) {
		p := c.sendFollowing(t, "/endpoints/"+id+"/route-tables",
			url.Values{"route_tables": {a.PrivateRouteTableID}, "action": {"save"}})
		modify := callOf(t, ec2CallsPanel(p.doc), "ModifyVpcEndpoint")
		if want := changeRequestIDs(t, c)["ModifyVpcEndpoint"]; want == "" || modify.requestID != want {
			t.Errorf("ModifyVpcEndpoint request id: got %q, want %q (the change log's)", modify.requestID, want)
		}
		if want := "RemoveRouteTableId.N " + a.MainRouteTableID; !strings.Contains(modify.params, want) {
			t.Errorf("ModifyVpcEndpoint parameters: %q lacks %q", modify.params, want)
		}
	})

	t.Run("only on the page the change led to, and only this console's", func(t *testing.T) {
		saved := c.sendForm(t, "/endpoints/"+id+"/tags", tagForm("save", "Name", "S3-Private", "team", "data"))
		location := saved.header.Get("Location")
		var sealed *http.Cookie
		for _, ck := range (&http.Response{Header: saved.header}).Cookies() {
			if ck.Name == "ec2calls" {
				sealed = ck
			}
		}
		if saved.status != http.StatusSeeOther || sealed == nil {
			t.Fatalf("save tags: got status %d and cookie %v, want 303 and the EC2 calls", saved.status, sealed)
		}
		for _, tt := range []struct {
			path, value string
			want        bool
		}{
			{"/endpoints/" + id + "?done=created", sealed.Value, false},
			{location, "e30." + strings.Split(sealed.Value, ".")[1], false},
			{location, sealed.Value + "x", false},
			{location, sealed.Value, true},
		} {
			req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, c.URL+tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.AddCookie(&http.Cookie{Name: "ec2calls", Value: tt.value})
			rows := ec2CallsPanel(c.do(t, req).doc)
			if got := rows != nil; got != tt.want {
				t.Errorf("GET %s with cookie %.20s…: panel shown %v, want %v", tt.path, tt.value, got, tt.want)
			} else if tt.want {
				callOf(t, rows, "CreateTags")
			}
		}
	})

	t.Run("delete", func(t *testing.T) {
		p := c.sendFollowing(t, "/endpoints/delete", url.Values{"id": {id}, "confirm": {"delete"}})
		del := callOf(t, ec2CallsPanel(p.doc), "DeleteVpcEndpoints")
		if want := changeRequestIDs(t, c)["DeleteVpcEndpoints"]; want == "" || del.requestID != want {
			t.Errorf("DeleteVpcEndpoints request id: got %q, want %q (the change log's)", del.requestID, want)
		}
		if !strings.Contains(del.params, "VpcEndpointId.N "+id) {
			t.Errorf("DeleteVpcEndpoints parameters: %q lacks the endpoint", del.params)
		}
	})

	t.Run("refused by EC2", func(t *testing.T) {
		c.ec2.refuse("CreateVpcEndpoint", ec2Refusal{status: http.StatusBadRequest, code: "VpcEndpointLimitExceeded", message: "Refused by the test."})
		defer c.ec2.stopRefusing("CreateVpcEndpoint")
		s := startWizard(t, c)
		s.advance(t, gatewayAnswers(a), "review")
		p := s.post(t, "create", nil)
		if got := callOf(t, ec2CallsPanel(p.doc), "CreateVpcEndpoint").outcome; got != "VpcEndpointLimitExceeded" {
			t.Errorf("refused CreateVpcEndpoint outcome: got %q, want VpcEndpointLimitExceeded", got)
		}
	})

	t.Run("a step that only reads lists nothing", func(t *testing.T) {
		s := startWizard(t, c)
		s.advance(t, gatewayAnswers(a), "review")
		if rows := ec2CallsPanel(s.last.doc); rows != nil {
			t.Errorf("the review step lists EC2 calls: %+v", rows)
		}
	})
}

// sendFollowing posts form to path as the console's own pages do and follows the redirect.
func (c *console) sendFollowing(t *testing.T, path string, form url.Values) page {
	t.Helper()
	p := c.do(t, formRequest(t, c, path, form))
	if p.status != http.StatusOK {
		t.Fatalf("POST %s: got status %d, want 200 after the redirect; body:\n%s", path, p.status, p.body)
	}
	return p
}
