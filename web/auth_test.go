package web

import (
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"endpointconsole/handlers"
	"endpointconsole/vpc"
)

// The tests of -auth proxy: identity from an authenticating proxy's headers, believed only from
// the trusted proxies; editors may change endpoints, everyone else is a viewer.

var (
	loopbackProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	// elsewhere is a proxy the tests' loopback requests never come from.
	elsewhere = []netip.Prefix{netip.MustParsePrefix("10.9.0.0/16")}
)

// teamAuth is -auth proxy with oauth2-proxy's headers, trusting proxies, with one editor group
// and one editor email.
func teamAuth(proxies []netip.Prefix) Auth {
	return Auth{Proxy: true, TrustedProxies: proxies,
		UserHeader: "X-Forwarded-User", EmailHeader: "X-Forwarded-Email", GroupsHeader: "X-Forwarded-Groups",
		Editors: []string{"platform-team", "Ed@Example.com"}}
}

// signedIn is a person as the proxy names them.
func signedIn(email string, groups ...string) http.Header {
	h := http.Header{"X-Forwarded-Email": {email}, "X-Forwarded-User": {strings.Split(email, "@")[0]}}
	if len(groups) > 0 {
		h.Set("X-Forwarded-Groups", strings.Join(groups, ","))
	}
	return h
}

// as returns the console seen by the person whose headers are header: every request carries
// them, as the proxy adds them.
func (c *console) as(header http.Header) *console {
	signed := *c
	client := *c.client
	next := client.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	client.Transport = addHeaders{header: header, next: next}
	signed.client = &client
	return &signed
}

type addHeaders struct {
	header http.Header
	next   http.RoundTripper
}

func (a addHeaders) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	for k, v := range a.header {
		r.Header[k] = v
	}
	return a.next.RoundTrip(r)
}

func alertText(p page) string { return text(p.doc.Find("section[role=alert] p").First()) }

func TestAuthProxyBelievesOnlyItsProxies(t *testing.T) {
	t.Parallel()
	untrusted := newConsole(t, withAuth(teamAuth(elsewhere)))
	trusted := newConsole(t, withAuth(teamAuth(loopbackProxies)))
	for _, tt := range []struct {
		name   string
		c      *console
		header http.Header
		path   string
		status int
		says   string
	}{
		{"forged identity, a page", untrusted, signedIn("ed@example.com", "platform-team"), "/", 403, "did not come through the console's sign-in proxy"},
		{"forged identity, the health check", untrusted, signedIn("ed@example.com"), "/healthz", 403, "sign-in proxy"},
		{"forged groups alone", untrusted, http.Header{"X-Forwarded-Groups": {"platform-team"}}, "/vpcs", 403, "sign-in proxy"},
		{"round the proxy, a page", untrusted, nil, "/", 403, "did not say who you are"},
		{"round the proxy, the health check", untrusted, nil, "/healthz", 200, ""},
		{"round the proxy, a stylesheet", untrusted, nil, "/static/console.css", 200, ""},
		{"through the proxy, nobody named", trusted, nil, "/", 403, "did not say who you are"},
		{"through the proxy, a viewer", trusted, signedIn("vi@example.com", "readers"), "/", 200, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.c.as(tt.header).get(t, tt.path)
			if p.status != tt.status {
				t.Fatalf("GET %s: got %d, want %d", tt.path, p.status, tt.status)
			}
			if tt.says != "" && !strings.Contains(alertText(p), tt.says) {
				t.Errorf("GET %s: the page says %q, want it to say %q", tt.path, alertText(p), tt.says)
			}
		})
	}
}

// TestViewerChangesNothing walks every mutating route of the route table as a viewer: each
// answers 403 naming the person and why, the account is unchanged, and no page offers an action.
func TestViewerChangesNothing(t *testing.T) {
	t.Parallel()
	c := newConsole(t, withAuth(teamAuth(loopbackProxies)))
	viewer := c.as(signedIn("vi@example.com", "readers", "developers"))
	id := c.endpoint(t)
	before, err := c.demo.Service.Endpoint(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}

	routes := mutatingRoutes(c.server.Routes())
	if len(routes) == 0 {
		t.Fatal("the console has no mutating route to walk")
	}
	for _, rt := range routes {
		path := examplePath(t, c, rt.path)
		t.Run(rt.method+" "+path, func(t *testing.T) {
			form := url.Values{"action": {"save"}, "id": {id}, "confirm": {"delete"}, "policy_mode": {"custom"}, "policy": {bucketPolicy}}
			p := viewer.sendForm(t, path, form)
			if p.status != http.StatusForbidden {
				t.Fatalf("got %d, want 403", p.status)
			}
			for _, want := range []string{"vi@example.com", "viewer", "editors"} {
				if !strings.Contains(alertText(p), want) {
					t.Errorf("the 403 page says %q, want it to name %q", alertText(p), want)
				}
			}
		})
	}
	for _, lp := range layoutPages {
		if !lp.readWriteOnly {
			continue
		}
		path := lp.path(t, c)
		t.Run("GET "+path, func(t *testing.T) {
			if p := viewer.get(t, path); p.status != http.StatusForbidden {
				t.Errorf("got %d, want 403: a viewer may not open a page that changes the account", p.status)
			}
		})
	}
	after, err := c.demo.Service.Endpoint(t.Context(), id)
	if err != nil {
		t.Fatalf("the endpoint after the viewer's requests: %v", err)
	}
	if after.PolicyDocument != before.PolicyDocument {
		t.Errorf("a viewer changed the policy")
	}

	for _, path := range readOnlyEndpointPaths(t, c) {
		t.Run("no actions on "+path, func(t *testing.T) {
			p := viewer.getOK(t, path)
			wantNoActions(t, p.doc)
			if got := text(p.doc.Find("header .person")); got != "Signed in as vi@example.com (viewer)" {
				t.Errorf("header: got %q", got)
			}
			if got := text(p.doc.Find(".banner-readonly")); !strings.HasPrefix(got, "You are a viewer") {
				t.Errorf("banner: got %q, want the viewer's", got)
			}
		})
	}
}

// TestEditorRunsTheWizard: an editor (by group) creates an endpoint through the wizard, and the
// endpoint carries the created-by tag naming them; an editor named by email, in another case,
// may too.
func TestEditorRunsTheWizard(t *testing.T) {
	t.Parallel()
	c := newConsole(t, withAuth(teamAuth(loopbackProxies)), withHandlers(handlers.Config{CreatedByTag: "created-by"}))
	editor := c.as(signedIn("ana@example.com", "developers", "platform-team"))
	if got := text(editor.getOK(t, "/").doc.Find("header .person")); got != "Signed in as ana@example.com (editor)" {
		t.Errorf("header: got %q", got)
	}
	s := startWizard(t, editor.noRedirects())
	s.advance(t, gatewayAnswers(c.demo.Account), "review")
	if got := text(s.last.doc.Find("dt:contains('Tags') + dd")); !strings.Contains(got, "created-by") || !strings.Contains(got, "ana@example.com") {
		t.Errorf("the review's tags: got %q, want the created-by tag naming the editor", got)
	}
	id := wizardCreatedID(t, s.post(t, "create", nil))
	e, err := c.demo.Service.Endpoint(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := e.Tags.Get("created-by"); got != "ana@example.com" {
		t.Errorf("created-by tag: got %q, want ana@example.com (tags %v)", got, e.Tags)
	}

	byEmail := c.as(signedIn("ed@example.com"))
	if p := byEmail.get(t, "/endpoints/new"); p.status != http.StatusOK {
		t.Errorf("an editor named by email (Ed@Example.com): GET /endpoints/new got %d, want 200", p.status)
	}
}

// TestCreatedByWithoutAuth: a console without -auth names nobody, so its endpoints say so.
func TestCreatedByWithoutAuth(t *testing.T) {
	t.Parallel()
	c := newConsole(t, withHandlers(handlers.Config{CreatedByTag: "owner"}))
	s := startWizard(t, c.noRedirects())
	s.advance(t, gatewayAnswers(c.demo.Account), "review")
	id := wizardCreatedID(t, s.post(t, "create", nil))
	e, err := c.demo.Service.Endpoint(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := e.Tags.Get("owner"); got != vpc.Anonymous {
		t.Errorf("owner tag: got %q, want %q", got, vpc.Anonymous)
	}
}
