package web

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"endpointconsole/ec2test"
	"endpointconsole/fakeec2"
	"endpointconsole/vpc"
	"endpointconsole/vpc/seed"
)

// The demo's Reset demo account: a typed confirmation, then the scenario rebuilt in place.

// accountNames reads, through an SDK client, every VPC, subnet, route table and endpoint of
// the account, as "kind name" → id, to compare two accounts by what a person sees.
func accountNames(t *testing.T, client *ec2.Client) map[string]string {
	t.Helper()
	svc := vpc.New(client, ec2test.Region)
	ctx := t.Context()
	out := map[string]string{}
	vpcs, err := svc.VPCs(ctx)
	if err != nil {
		t.Fatalf("VPCs: %v", err)
	}
	for _, v := range vpcs {
		out["vpc "+v.Name+" "+v.CIDR] = v.ID
	}
	n, err := svc.Network(ctx, "")
	if err != nil {
		t.Fatalf("Network: %v", err)
	}
	for _, sn := range n.Subnets {
		out["subnet "+sn.Name+" "+sn.CIDR] = sn.ID
	}
	for _, rt := range n.RouteTables {
		var routes []string
		for _, r := range rt.Routes {
			routes = append(routes, r.Destination()+"→"+r.Target)
		}
		out["route table "+rt.Name+" "+rt.VPCID+" "+strings.Join(routes, ",")] = rt.ID
	}
	eps, err := svc.Endpoints(ctx, vpc.EndpointFilter{})
	if err != nil {
		t.Fatalf("Endpoints: %v", err)
	}
	for _, e := range eps {
		out["endpoint "+e.Name+" "+e.State] = e.ID
	}
	return out
}

// TestDemoResetRebuildsTheTutorial: after a wizard run and a change from a terminal, an editor
// resets the demo account: the endpoint and the terminal's VPC are gone, the tutorial's VPCs,
// subnets and tables are back with the ids a fresh seed gives, the EC2 URL is the same (a client
// made before the reset still works), the console shows the fresh account at once although it
// keeps reads for an hour, and the change log names who reset it.
func TestDemoResetRebuildsTheTutorial(t *testing.T) {
	t.Parallel()
	c := newConsole(t, withAuth(teamAuth(loopbackProxies)), withLogBuffer(), withCacheTTL(time.Hour))
	editor := c.as(signedIn("ana@example.com", "developers", "platform-team"))
	terminal := ec2test.Client(t, c.demo.URL) // as the AWS CLI, pointed at the demo's URL
	fresh := accountNames(t, ec2test.Client(t, ec2test.StartDemo(t, fakeec2.Options{}, seed.Options{}).URL))

	s := startWizard(t, editor.noRedirects())
	s.advance(t, gatewayAnswers(c.demo.Account), "review")
	id := wizardCreatedID(t, s.post(t, "create", nil))
	if _, err := terminal.CreateVpc(t.Context(), &ec2.CreateVpcInput{CidrBlock: new("10.99.0.0/16")}); err != nil {
		t.Fatalf("CreateVpc from the terminal: %v", err)
	}
	if got := text(editor.getOK(t, "/endpoints").doc.Find("main")); !strings.Contains(got, id) {
		t.Fatalf("the endpoints page lacks the wizard's endpoint %s", id)
	}
	c.logs.Take(t, "") // only the reset's lines below

	confirm := editor.getOK(t, "/demo/reset")
	if got := text(confirm.doc.Find("main h2")); !strings.Contains(got, "tutorial") {
		t.Errorf("the confirm page's heading %q does not name the scenario", got)
	}
	if n := confirm.doc.Find(`form[method=post][action="/demo/reset"] input#confirm[name=confirm]`).Length(); n != 1 {
		t.Errorf("got %d confirmation fields in a form posting to /demo/reset, want 1", n)
	}
	if got := text(confirm.doc.Find("main")); !strings.Contains(got, c.demo.URL) {
		t.Errorf("the confirm page does not say the EC2 endpoint %s stays", c.demo.URL)
	}

	p := editor.sendForm(t, "/demo/reset", url.Values{"confirm": {"reset"}})
	loc := wantSeeOther(t, p, "/", url.Values{"reset": {"tutorial"}})
	dash := editor.getOK(t, loc)
	if got := text(dash.doc.Find(".flash-success")); !strings.Contains(got, "rebuilt") || !strings.Contains(got, "tutorial") {
		t.Errorf("the dashboard's message after the reset: %q, want the scenario rebuilt", got)
	}

	if got := accountNames(t, terminal); !maps.Equal(got, fresh) {
		t.Errorf("after the reset, the account read through the client made before it:\n%v\nwant a fresh tutorial account:\n%v", got, fresh)
	}
	if _, err := c.demo.Service.Endpoint(t.Context(), id); vpc.ErrorCode(err) != vpc.NotFound {
		t.Errorf("the console reads the wizard's endpoint %s after the reset: %v, want not found", id, err)
	}
	if got := text(editor.getOK(t, "/endpoints").doc.Find("main")); strings.Contains(got, id) {
		t.Errorf("the endpoints page still lists %s after the reset", id)
	}
	if got := text(dash.doc.Find("footer.site-footer")); !strings.Contains(got, c.demo.URL) {
		t.Errorf("the footer after the reset does not show the same EC2 URL %s: %q", c.demo.URL, got)
	}

	changes := c.logs.Take(t, "change")
	var resets []map[string]any
	for _, ch := range changes {
		if ch["action"] == "ResetDemoAccount" {
			resets = append(resets, ch)
		}
	}
	if len(resets) != 1 || resets[0]["who"] != "ana@example.com" || resets[0]["scenario"] != "tutorial" || resets[0]["outcome"] != "ok" {
		t.Errorf("change lines of the reset: %v, want one naming ana@example.com, scenario tutorial, outcome ok (all: %v)", resets, changes)
	}

	// The wizard works on the fresh account, and its endpoint gets the id the first one had:
	// the console forgot the old wizard's token, so this is a new endpoint, not a replay.
	s = startWizard(t, editor.noRedirects())
	s.advance(t, gatewayAnswers(c.demo.Account), "review")
	again := wizardCreatedID(t, s.post(t, "create", nil))
	if again != id {
		t.Errorf("the first endpoint after the reset is %s, want %s, the id the fresh account's first endpoint has", again, id)
	}
	if _, err := c.demo.Service.Endpoint(t.Context(), again); err != nil {
		t.Errorf("the endpoint created after the reset: %v", err)
	}
}

// TestDemoResetNeedsTheWord: without the word reset, nothing is reset and the page says why
// next to the field, with what was typed kept.
func TestDemoResetNeedsTheWord(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	id := c.endpoint(t)
	for _, tt := range []struct {
		typed, want string
	}{
		{"", "Type reset to confirm; nothing has been reset."},
		{"delete", `"delete" is not the word reset; nothing has been reset.`},
		{"rest", `"rest" is not the word reset`},
	} {
		t.Run("typed "+tt.typed, func(t *testing.T) {
			p := c.sendForm(t, "/demo/reset", url.Values{"confirm": {tt.typed}})
			if p.status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", p.status)
			}
			if got := text(p.doc.Find("input#confirm + #error-confirm, #error-confirm")); !strings.Contains(got, tt.want) {
				t.Errorf("message next to the field: %q, want %q", got, tt.want)
			}
			if got := p.doc.Find("input#confirm").AttrOr("value", "?"); got != tt.typed {
				t.Errorf("the field's value: %q, want what was typed, %q", got, tt.typed)
			}
			if _, err := c.demo.Service.Endpoint(t.Context(), id); err != nil {
				t.Errorf("the endpoint after a refused reset: %v, want it kept", err)
			}
		})
	}
	for _, word := range []string{" Reset ", "RESET"} {
		t.Run("typed "+word, func(t *testing.T) {
			// As for delete, the word's case and surrounding spaces do not matter.
			p := c.sendForm(t, "/demo/reset", url.Values{"confirm": {word}})
			if p.status != http.StatusSeeOther {
				t.Errorf("status %d, want 303", p.status)
			}
		})
	}
}

// TestDemoResetOnlyWhereItBelongs: the reset's routes exist only on a console with a demo
// resetter (the demo backend) that may change the account; a read-only console (given a
// resetter anyway) and one without (as on -backend aws) answer 404 and list no such route, and a
// viewer gets 403. The footer's link shows only where the reset is possible.
func TestDemoResetOnlyWhereItBelongs(t *testing.T) {
	t.Parallel()
	resetRoutes := []string{"GET /demo/reset", "POST /demo/reset"}
	viewerConsole := newConsole(t, withAuth(teamAuth(loopbackProxies)))
	for _, tt := range []struct {
		name       string
		c          *console
		wantRoutes bool
		wantStatus int
		wantLink   bool
	}{
		{"demo backend", newConsole(t), true, http.StatusOK, true},
		{"read-only", newConsole(t, withReadOnly(true)), false, http.StatusNotFound, false},
		{"no resetter (-backend aws)", newConsole(t, withoutDemoReset()), false, http.StatusNotFound, false},
		{"viewer", viewerConsole.as(signedIn("vi@example.com")), true, http.StatusForbidden, false},
		{"editor", viewerConsole.as(signedIn("ana@example.com", "platform-team")), true, http.StatusOK, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			routes := tt.c.server.Routes()
			for _, r := range resetRoutes {
				if got := slices.Contains(routes, r); got != tt.wantRoutes {
					t.Errorf("route %s registered: %v, want %v", r, got, tt.wantRoutes)
				}
			}
			if p := tt.c.get(t, "/demo/reset"); p.status != tt.wantStatus {
				t.Errorf("GET /demo/reset: status %d, want %d", p.status, tt.wantStatus)
			}
			wantPost := tt.wantStatus
			if wantPost == http.StatusOK {
				wantPost = http.StatusUnprocessableEntity // no word typed
			}
			if p := tt.c.sendForm(t, "/demo/reset", url.Values{"confirm": {""}}); p.status != wantPost {
				t.Errorf("POST /demo/reset: status %d, want %d", p.status, wantPost)
			}
			link := tt.c.getOK(t, "/").doc.Find(`footer.site-footer a[href="/demo/reset"]`)
			if got := link.Length() == 1; got != tt.wantLink {
				t.Errorf("footer link to /demo/reset: %v, want %v", got, tt.wantLink)
			}
			if tt.wantLink && text(link) != "Reset demo account" {
				t.Errorf("footer link text %q", text(link))
			}
		})
	}
}
