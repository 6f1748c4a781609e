package web

import (
	"cmp"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/go-chi/chi/v5"

	"endpointconsole/ec2test"
	"endpointconsole/static"
	"endpointconsole/vpc/seed"
)

// request is one request of the security tests.
type request struct {
	method, path string
}

// everyAnswer is a request for each kind of answer the console gives: every page, the error
// pages, the health check and a static file.
func everyAnswer(t *testing.T, c *console) []request {
	t.Helper()
	var out []request
	for _, p := range layoutPages {
		out = append(out, request{http.MethodGet, p.path(t, c)})
	}
	return append(out,
		request{http.MethodGet, "/healthz"},
		request{http.MethodGet, "/static/console.css?v=" + static.Version},
		request{http.MethodGet, "/no-such-page"},
		request{http.MethodGet, "/route-tables/rtb-0123456789abcdef0"},
		request{http.MethodPost, "/vpcs"},
	)
}

func (c *console) send(t *testing.T, method, path string, header http.Header, body io.Reader) page {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, c.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	return c.do(t, req)
}

// cspDirectives splits a Content-Security-Policy into its directives and their sources.
func cspDirectives(policy string) map[string][]string {
	out := map[string][]string{}
	for _, d := range strings.Split(policy, ";") {
		fields := strings.Fields(d)
		if len(fields) > 0 {
			out[strings.ToLower(fields[0])] = fields[1:]
		}
	}
	return out
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	for _, r := range everyAnswer(t, c) {
		t.Run(r.method+" "+r.path, func(t *testing.T) {
			p := c.send(t, r.method, r.path, nil, nil)
			policy := p.header.Get("Content-Security-Policy")
			csp := cspDirectives(policy)
			for directive, want := range map[string][]string{
				"default-src":     {"'none'"},
				"script-src":      {"'self'"},
				"style-src":       {"'self'"},
				"frame-ancestors": {"'none'"},
				"base-uri":        {"'none'"},
				"form-action":     {"'self'"},
			} {
				if got := csp[directive]; !slices.Equal(got, want) {
					t.Errorf("CSP %s: got %q, want %q (policy %q)", directive, got, want, policy)
				}
			}
			for _, unsafe := range []string{"unsafe-inline", "unsafe-eval", "unsafe-hashes", "*"} {
				for directive, sources := range csp {
					if slices.ContainsFunc(sources, func(s string) bool { return strings.Trim(s, "'") == unsafe }) {
						t.Errorf("CSP %s allows %s", directive, unsafe)
					}
				}
			}
			for header, want := range map[string]string{
				"X-Content-Type-Options": "nosniff",
				"Referrer-Policy":        "same-origin",
				"X-Frame-Options":        "DENY",
			} {
				if got := p.header.Get(header); got != want {
					t.Errorf("%s: got %q, want %q", header, got, want)
				}
			}
		})
	}
}

// TestNoInlineScriptOrStyle checks what the CSP would block: pages carry no inline script, no
// event-handler attribute, no javascript: URL and no inline style, so the CSP never has to
// allow them.
func TestNoInlineScriptOrStyle(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	c.endpoint(t)
	for _, r := range everyAnswer(t, c) {
		p := c.send(t, r.method, r.path, nil, nil)
		if !strings.HasPrefix(p.header.Get("Content-Type"), "text/html") {
			continue
		}
		t.Run(r.method+" "+r.path, func(t *testing.T) {
			for selector, what := range map[string]string{
				"script:not([src])":        "inline <script>",
				"style":                    "<style> element",
				"[style]":                  "style= attribute",
				`a[href^="javascript:" i]`: "javascript: link",
				`link[rel=stylesheet]:not([href^="/static/"])`: "stylesheet from elsewhere",
				`script[src]:not([src^="/static/"])`:           "script from elsewhere",
			} {
				if n := p.doc.Find(selector).Length(); n != 0 {
					t.Errorf("got %d %s (%s), want 0", n, what, selector)
				}
			}
			p.doc.Find("*").Each(func(_ int, s *goquery.Selection) {
				for _, attr := range s.Nodes[0].Attr {
					if strings.HasPrefix(strings.ToLower(attr.Key), "on") {
						t.Errorf("<%s %s=%q>: event-handler attribute, which the CSP blocks", goquery.NodeName(s), attr.Key, attr.Val)
					}
				}
			})
			if n := p.doc.Find(`script[src^="/static/console.js"]`).Length(); n != 1 {
				t.Errorf("got %d console.js scripts, want 1", n)
			}
		})
	}
}

func TestCrossOriginPostIsRefused(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	paths := []string{"/route-tables", "/"}
	for _, route := range mutatingRoutes(c.server.Routes()) {
		if p := examplePath(t, c, route.path); !slices.Contains(paths, p) {
			paths = append(paths, p)
		}
	}
	for _, tt := range []struct {
		name   string
		header http.Header
		// refused: http.CrossOriginProtection answers 403 before the route table sees it.
		refused bool
	}{
		{"Sec-Fetch-Site cross-site", http.Header{"Sec-Fetch-Site": {"cross-site"}}, true},
		{"Sec-Fetch-Site same-site", http.Header{"Sec-Fetch-Site": {"same-site"}}, true},
		{"Origin of another site", http.Header{"Origin": {"https://evil.example"}}, true},
		{"Origin null", http.Header{"Origin": {"null"}}, true},
		// Controls: the console's own pages, and clients that are not browsers, pass the origin
		// check (and get whatever the route answers: 405 where it takes no POST).
		{"Sec-Fetch-Site same-origin", http.Header{"Sec-Fetch-Site": {"same-origin"}}, false},
		{"no browser headers", nil, false},
	} {
		for _, path := range paths {
			t.Run(tt.name+" "+path, func(t *testing.T) {
				p := c.send(t, http.MethodPost, path, tt.header, strings.NewReader("q=x"))
				if got := p.status == http.StatusForbidden; got != tt.refused {
					t.Errorf("POST %s: got status %d, want refused (403) %v", path, p.status, tt.refused)
				}
			})
		}
	}
}

// route is one entry of Server.Routes.
type route struct {
	method, path string
}

// safeMethods change nothing; every other method is a mutation.
var safeMethods = []string{http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace, http.MethodConnect}

func mutatingRoutes(routes []string) []route {
	var out []route
	for _, r := range routes {
		method, path, _ := strings.Cut(r, " ")
		if !slices.Contains(safeMethods, method) {
			out = append(out, route{method, path})
		}
	}
	return out
}

// examplePath turns a route pattern into a path of the demo account: {id} becomes RT-Private or
// the S3 endpoint, by the pattern's section, and {region} the second Region.
func examplePath(t *testing.T, c *console, pattern string) string {
	t.Helper()
	if rest, ok := strings.CutPrefix(pattern, "/regions/{region}"); ok {
		return "/regions/" + seed.SecondRegionName + examplePath(t, c, cmp.Or(rest, "/"))
	}
	if rest, ok := strings.CutPrefix(pattern, "/accounts/{account}/regions/{region}"); ok {
		return "/accounts/123456789012/regions/us-east-1" + examplePath(t, c, cmp.Or(rest, "/"))
	}
	path := strings.Replace(pattern, "/static/*", "/static/console.css", 1)
	switch {
	case strings.HasPrefix(path, "/audit/vpcs/{id}"):
		path = strings.Replace(path, "{id}", c.demo.Account.VPCID, 1)
	case strings.HasPrefix(path, "/route-tables/{id}"):
		path = strings.Replace(path, "{id}", c.demo.Account.PrivateRouteTableID, 1)
	case path == "/endpoints/{id}/network":
		path = strings.Replace(path, "{id}", c.interfaceEndpoint(t), 1)
	case strings.HasPrefix(path, "/endpoints/{id}"):
		path = strings.Replace(path, "{id}", c.endpoint(t), 1)
	}
	if strings.ContainsAny(path, "{*") {
		t.Fatalf("route %s has a parameter: teach examplePath a value for it", pattern)
	}
	return path
}

// TestReadOnlyHasNoMutatingRoute checks that -read-only removes every mutating route, not just
// its buttons: every route of the full console, asked with each mutating method, is refused by
// the read-only console.
func TestReadOnlyHasNoMutatingRoute(t *testing.T) {
	t.Parallel()
	rw := newConsole(t)
	ro := newConsole(t, withReadOnly(true))

	t.Run("the read-only route table", func(t *testing.T) {
		if got := mutatingRoutes(ro.server.Routes()); len(got) != 0 {
			t.Errorf("read-only console registers mutating routes: %v", got)
		}
		// Read-only removes routes and never adds one.
		rwRoutes := rw.server.Routes()
		for _, r := range ro.server.Routes() {
			if !slices.Contains(rwRoutes, r) {
				t.Errorf("read-only console has route %s, which the full console lacks", r)
			}
		}
		for _, page := range layoutPages {
			if !page.readWriteOnly && !slices.Contains(ro.server.Routes(), "GET "+page.pattern) {
				t.Errorf("read-only console lacks GET %s; mark its layoutPages case readWriteOnly if it changes the account", page.pattern)
			}
		}
	})

	// Every pattern of the full console, so that a POST route added later is covered here
	// without a change to this test.
	patterns := map[string]bool{}
	for _, r := range rw.server.Routes() {
		_, pattern, _ := strings.Cut(r, " ")
		patterns[pattern] = true
	}
	var paths []string
	for pattern := range patterns {
		paths = append(paths, examplePath(t, ro, pattern))
	}
	slices.Sort(paths)
	for _, path := range paths {
		for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			t.Run(method+" "+path, func(t *testing.T) {
				p := ro.send(t, method, path, http.Header{"Sec-Fetch-Site": {"same-origin"}}, strings.NewReader("confirm=yes"))
				if p.status != http.StatusNotFound && p.status != http.StatusMethodNotAllowed {
					t.Errorf("got status %d, want 404 or 405", p.status)
				}
				if p.status == http.StatusMethodNotAllowed {
					if got := text(p.doc.Find("section[role=alert] p").First()); !strings.Contains(got, "read-only") {
						t.Errorf("405 page: got %q, want it to say the console is read-only", got)
					}
				}
			})
		}
	}

	t.Run("banner", func(t *testing.T) {
		for _, lp := range layoutPages {
			if lp.readWriteOnly {
				continue
			}
			path := lp.path(t, ro)
			p := ro.getOK(t, path)
			if got := text(p.doc.Find(".banner-readonly[role=note]")); !strings.HasPrefix(got, "Read-only:") {
				t.Errorf("GET %s: read-only banner: got %q", path, got)
			}
		}
	})
}

// TestTagValuesAreEscaped seeds Name tags that are HTML and checks every page shows them as
// text: tag values come from EC2 and are untrusted input.
func TestTagValuesAreEscaped(t *testing.T) {
	t.Parallel()
	const payload = `<script>alert(1)</script>`
	c := newConsole(t)
	a := c.demo.Account
	client := ec2test.Client(t, c.demo.URL)
	_, err := client.CreateTags(t.Context(), &ec2.CreateTagsInput{
		Resources: []string{a.VPCID, a.PrivateRouteTableID, a.PrivateSubnetIDs[0], a.NATGatewayID, a.InternetGatewayID},
		Tags:      []types.Tag{{Key: aws.String("Name"), Value: aws.String(payload)}},
	})
	if err != nil {
		t.Fatalf("tag the demo resources: %v", err)
	}
	createS3Endpoint(t, c.demo, a.PrivateRouteTableID)
	for _, path := range []string{
		"/vpcs", "/subnets", "/subnets?vpc=" + a.VPCID, "/route-tables", "/route-tables/" + a.PrivateRouteTableID,
		"/route-tables/" + a.MainRouteTableID, "/internet-gateways", "/nat-gateways", "/endpoints",
		"/route-tables?q=" + url.QueryEscape(payload),
	} {
		t.Run(path, func(t *testing.T) {
			p := c.getOK(t, path)
			if got := p.doc.Find("main").Text(); !strings.Contains(got, payload) {
				t.Errorf("the page does not show the tag %q as text", payload)
			}
			if !strings.Contains(p.body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
				t.Errorf("the page does not escape the tag")
			}
			if strings.Contains(p.body, "<script>alert") {
				t.Errorf("the page holds the tag as markup")
			}
			if n := p.doc.Find("script").Length(); n != 1 {
				t.Errorf("got %d <script> elements, want 1 (console.js)", n)
			}
		})
	}
}

// TestRequestBodyIsCapped sends 1 MiB bodies: the console refuses them rather than reading them.
func TestRequestBodyIsCapped(t *testing.T) {
	t.Parallel()
	const size = 1 << 20
	var got struct {
		n   int64
		err error
	}
	c := newConsole(t, withExtraRoutes(func(r chi.Router) {
		// A handler that reads all it is given, as a form handler does.
		r.Post("/test/read-body", func(w http.ResponseWriter, r *http.Request) {
			got.n, got.err = io.Copy(io.Discard, r.Body)
			if _, tooLarge := errors.AsType[*http.MaxBytesError](got.err); tooLarge {
				http.Error(w, "too large", http.StatusRequestEntityTooLarge)
				return
			}
			w.WriteHeader(http.StatusOK)
		})
	}))
	body := func() io.Reader { return strings.NewReader("policy=" + strings.Repeat("a", size)) }
	form := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}, "Sec-Fetch-Site": {"same-origin"}}

	t.Run("a handler reads no more than the cap", func(t *testing.T) {
		p := c.send(t, http.MethodPost, "/test/read-body", form, body())
		if p.status != http.StatusRequestEntityTooLarge {
			t.Errorf("status: got %d, want 413", p.status)
		}
		if got.n > maxBodyBytes {
			t.Errorf("the handler read %d bytes, want at most %d", got.n, maxBodyBytes)
		}
		if _, ok := errors.AsType[*http.MaxBytesError](got.err); !ok {
			t.Errorf("reading the body: got error %v, want *http.MaxBytesError", got.err)
		}
	})

	// Every mutating route of the console, with the route of a page for the case of none.
	paths := []string{"/route-tables"}
	for _, r := range mutatingRoutes(c.server.Routes()) {
		if p := examplePath(t, c, r.path); r.path != "/test/read-body" && !slices.Contains(paths, p) {
			paths = append(paths, p)
		}
	}
	for _, path := range paths {
		t.Run("POST "+path, func(t *testing.T) {
			p := c.send(t, http.MethodPost, path, form, body())
			switch p.status {
			case http.StatusRequestEntityTooLarge, http.StatusBadRequest, http.StatusMethodNotAllowed:
			default:
				t.Errorf("got status %d, want 413 or 400 (or 405 where the address takes no POST)", p.status)
			}
		})
	}
}

func TestStaticFiles(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	for _, tt := range []struct {
		name, contentType string
	}{
		{"console.css", "text/css; charset=utf-8"},
		{"console.js", "text/javascript; charset=utf-8"},
		{"favicon.svg", "image/svg+xml"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := c.getOK(t, "/static/"+tt.name+"?v="+static.Version)
			if got := p.header.Get("Content-Type"); got != tt.contentType {
				t.Errorf("Content-Type: got %q, want %q", got, tt.contentType)
			}
			if got := p.header.Get("Cache-Control"); !strings.Contains(got, "max-age=") {
				t.Errorf("Cache-Control: got %q, want a max-age", got)
			}
			if want, err := static.FS.ReadFile(tt.name); err != nil || p.body != string(want) {
				t.Errorf("body: got %d bytes, want the embedded file's %d (%v)", len(p.body), len(want), err)
			}
		})
	}

	t.Run("pages link the current version", func(t *testing.T) {
		p := c.getOK(t, "/route-tables")
		for _, tt := range []struct{ selector, attr, file string }{
			{"link[rel=stylesheet]", "href", "/static/console.css"},
			{"link[rel=icon]", "href", "/static/favicon.svg"},
			{"script", "src", "/static/console.js"},
		} {
			s := p.doc.Find("head " + tt.selector)
			if s.Length() != 1 {
				t.Errorf("got %d %s, want 1", s.Length(), tt.selector)
				continue
			}
			u, err := url.Parse(s.AttrOr(tt.attr, ""))
			if err != nil {
				t.Fatal(err)
			}
			if u.Path != tt.file || u.Query().Get("v") != static.Version {
				t.Errorf("%s %s: got %q, want %s?v=%s", tt.selector, tt.attr, u, tt.file, static.Version)
			}
		}
	})
}
