package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"endpointconsole/fakeec2"
)

// TestDeletedEndpointIsGreyedWithoutActions: after a delete EC2 still describes the endpoint,
// as deleting and then deleted. The list and the endpoint page show it greyed with that status
// and offer no action on it; a Manage or Delete form posted for it anyway is refused in words
// and sends EC2 nothing; it no longer counts on the dashboard nor conflicts in the wizard.
func TestDeletedEndpointIsGreyedWithoutActions(t *testing.T) {
	t.Parallel()
	clock := newSteppedClock()
	c := newConsole(t, withFake(fakeec2.Options{Clock: clock.Now, EndpointDeletingDelay: 5 * time.Second}), withCacheTTL(0)) // the fake's clock moves, not the cache's
	a := c.demo.Account
	calls := c.ec2
	gone := createS3Endpoint(t, c.demo, a.PrivateRouteTableID).ID
	kept := c.interfaceEndpoint(t)
	if _, err := c.demo.Service.DeleteEndpoints(t.Context(), []string{gone}); err != nil {
		t.Fatalf("delete %s through the API: %v", gone, err)
	}

	for _, st := range []struct {
		name    string
		advance time.Duration
		status  string
	}{{"deleting", 0, "Deleting"}, {"deleted", 5 * time.Second, "Deleted"}} {
		clock.Advance(st.advance)
		t.Run(st.name, func(t *testing.T) {
			list := c.getOK(t, "/endpoints").doc
			row := findRow(t, tableRows(t, list, "endpoints"), "VPC endpoint ID", gone)
			if got := row.text("Status"); got != st.status {
				t.Errorf("status in the list: got %q, want %q", got, st.status)
			}
			tr := list.Find("table#endpoints tbody tr").FilterFunction(func(_ int, s *goquery.Selection) bool {
				return strings.Contains(s.Text(), gone)
			})
			if !tr.HasClass("endpoint-deleted") {
				t.Errorf("row of %s: class %q, want endpoint-deleted (greyed)", gone, tr.AttrOr("class", ""))
			}
			if n := list.Find(`input[type=checkbox][name=id][value="` + gone + `"]`).Length(); n != 0 {
				t.Errorf("the list offers %d checkboxes to delete %s again, want none", n, gone)
			}
			if n := list.Find(`input[type=checkbox][name=id][value="` + kept + `"]`).Length(); n != 1 {
				t.Errorf("the live endpoint %s has %d checkboxes, want 1", kept, n)
			}

			detail := c.getOK(t, "/endpoints/"+gone).doc
			if n := detail.Find("nav.actions a").Length(); n != 0 {
				t.Errorf("the endpoint page offers %d actions, want none", n)
			}
			if got := text(detail.Find("dl.summary dt:contains('Status') + dd")); got != st.status {
				t.Errorf("status on the page: got %q, want %q", got, st.status)
			}
			if !detail.Find("section.panel").First().HasClass("endpoint-deleted") {
				t.Errorf("details panel: class %q, want endpoint-deleted", detail.Find("section.panel").First().AttrOr("class", ""))
			}
			if got := text(detail.Find("main .endpoint-deleted[role=status]")); !strings.Contains(got, "can no longer be changed") {
				t.Errorf("status note: got %q, want it to say the endpoint can no longer be changed", got)
			}

			for _, path := range []string{"/endpoints/" + gone + "/route-tables", "/endpoints/" + gone + "/tags", "/endpoints/delete"} {
				// One form for all three: each reads only its own fields.
				values := url.Values{"route_tables": {a.MainRouteTableID}, "tag_key": {"Name"}, "tag_value": {"x"}, "action": {"save"}, "id": {gone}, "confirm": {"delete"}}
				var p page
				got := calls.during(func() { p = c.sendForm(t, path, values) })
				for _, write := range []string{"ModifyVpcEndpoint", "CreateTags", "DeleteTags", "DeleteVpcEndpoints"} {
					if got[write] != 0 {
						t.Errorf("POST %s sent %s %d times, want none", path, write, got[write])
					}
				}
				message := text(p.doc.Find("section[role=alert] p").First())
				if path == "/endpoints/delete" {
					if p.status != http.StatusOK {
						t.Fatalf("POST %s: status %d, want 200 with the result", path, p.status)
					}
					message = findRow(t, tableRows(t, p.doc, "delete-results"), "VPC endpoint ID", gone).text("Result")
				} else if p.status != http.StatusNotFound {
					t.Errorf("POST %s: status %d, want 404", path, p.status)
				}
				if !strings.Contains(message, gone) || !strings.Contains(message, "can no longer be changed") {
					t.Errorf("POST %s: message %q, want it to say %s can no longer be changed", path, message, gone)
				}
			}

			if got := findRow(t, tableRows(t, c.getOK(t, "/").doc, "resources"), "Resource", "Endpoints").text("Count"); got != "1" {
				t.Errorf("dashboard counts %s endpoints, want 1 (the live one)", got)
			}
			s := startWizard(t, c)
			s.advance(t, gatewayAnswers(a), "review")
			if msgs := wizardMessages(s.last.doc); strings.Contains(msgs, gone) {
				t.Errorf("the wizard's review names the deleted endpoint: %s", msgs)
			}
		})
	}
}
