package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// The EC2 call budget, seen from the pages: the console is wired as run.go wires it (reads
// shared and kept, the server's metrics observing every call, changes logged) on a fake account
// whose calls are counted.

// TestConcurrentPageLoadsMakeOneWave: 50 people load the same page at once; EC2 is asked each
// question once, with or without the cache, because identical reads in flight are shared.
func TestConcurrentPageLoadsMakeOneWave(t *testing.T) {
	t.Parallel() // independent: its own servers
	for _, ttl := range []time.Duration{0, 5 * time.Second} {
		for _, path := range []string{"/audit", "/route-tables"} {
			t.Run(path+" ttl="+ttl.String(), func(t *testing.T) {
				c := newConsole(t, withCacheTTL(ttl), withMetrics(), withLogBuffer())
				c.demo.Fake.SetConditions(300*time.Millisecond, 0)
				counts := c.ec2.during(func() {
					var wg sync.WaitGroup
					for range 50 {
						wg.Go(func() {
							if p := c.get(t, path); p.status != http.StatusOK {
								t.Errorf("GET %s: %d", path, p.status)
							}
						})
					}
					wg.Wait()
				})
				if len(counts) == 0 {
					t.Fatal("no EC2 call counted")
				}
				for action, n := range counts {
					if n != 1 {
						t.Errorf("50 loads of %s made %d %s calls, want 1", path, n, action)
					}
				}
			})
		}
	}
}

// TestPagesWithinTheTTLCallNothing: within the TTL a page is built from kept reads, and says when
// they were read; after a write the console made, the changed reads are asked again, and the
// person sees their change.
func TestPagesWithinTheTTLCallNothing(t *testing.T) {
	c := newConsole(t, withCacheTTL(time.Hour), withMetrics(), withLogBuffer())
	a := c.demo.Account
	rt := "/route-tables/" + a.PrivateRouteTableID

	first := c.getOK(t, rt)
	if got := first.doc.Find(".data-time").Length(); got != 0 {
		t.Errorf("a page read fresh from EC2 says %q, want no data time", text(first.doc.Find(".data-time")))
	}
	var again page
	if counts := c.ec2.during(func() { again = c.getOK(t, rt) }); len(counts) != 0 {
		t.Errorf("the same page within the TTL called EC2: %v", counts)
	}
	if got := text(again.doc.Find(".data-time")); !strings.HasPrefix(got, "Data as of ") {
		t.Errorf("a page from the cache: data time %q, want it to start %q", got, "Data as of ")
	}

	s := startWizard(t, c.noRedirects())
	s.advance(t, gatewayAnswers(a), "review")
	id := wizardCreatedID(t, s.post(t, "create", nil))
	after := c.getOK(t, rt)
	if !strings.Contains(text(after.doc.Find("tr.endpoint-route")), id) {
		t.Errorf("RT-Private after the create: no highlighted route to %s; the page shows the table from before the write", id)
	}
	if list := c.getOK(t, "/endpoints"); !strings.Contains(list.body, id) {
		t.Errorf("the Endpoints list after the create does not show %s", id)
	}
}

// TestChangesAreRecorded: a create, a modify and a delete through the console, by a person the
// proxy names, are each one change line with who, what, the ids and EC2's request id.
func TestChangesAreRecorded(t *testing.T) {
	c := newConsole(t, withCacheTTL(5*time.Second), withMetrics(), withLogBuffer(), withAuth(teamAuth(loopbackProxies)))
	a := c.demo.Account
	editor := c.as(signedIn("ana@example.com", "platform-team")).noRedirects()

	s := startWizard(t, editor)
	s.advance(t, gatewayAnswers(a), "review")
	id := wizardCreatedID(t, s.post(t, "create", nil))
	if p := editor.sendForm(t, "/endpoints/"+id+"/route-tables", url.Values{"route_tables": {a.PrivateRouteTableID}, "action": {"save"}}); p.status != http.StatusSeeOther {
		t.Fatalf("save route tables: %d", p.status)
	}
	if p := editor.sendForm(t, "/endpoints/delete", url.Values{"id": {id}, "confirm": {"delete"}}); p.status != http.StatusSeeOther {
		t.Fatalf("delete: %d", p.status)
	}

	changes := c.logs.Take(t, "change")
	var actions []string
	for _, ch := range changes {
		actions = append(actions, ch["action"].(string))
		if ch["who"] != "ana@example.com" || ch["outcome"] != "ok" || ch["ec2_request_id"] == "" || ch["ec2_request_id"] == nil {
			t.Errorf("change line %v: want who ana@example.com, outcome ok and EC2's request id", ch)
		}
		if !strings.Contains(jsonText(ch["endpoint_ids"]), id) {
			t.Errorf("change line %v does not name %s", ch, id)
		}
	}
	if got, want := strings.Join(actions, " "), "CreateVpcEndpoint ModifyVpcEndpoint DeleteVpcEndpoints"; got != want {
		t.Errorf("change lines: %q, want %q", got, want)
	}
	if len(changes) == 3 {
		if got := jsonText(changes[0]["route_table_ids"]); !strings.Contains(got, a.PrivateRouteTableID) || !strings.Contains(got, a.MainRouteTableID) {
			t.Errorf("create's route tables: %s", got)
		}
		if got := jsonText(changes[1]["remove_route_table_ids"]); !strings.Contains(got, a.MainRouteTableID) {
			t.Errorf("modify's removed route tables: %s, want %s", got, a.MainRouteTableID)
		}
	}
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
