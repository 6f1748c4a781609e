package web

import (
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"endpointconsole/vpc"
)

// rebindingRequest is one request a page of another site can send once its DNS name points at
// the console: the browser counts the console as that site's own origin, so Origin and Host
// agree and CSRF protection lets it through.
type rebindingRequest struct {
	name         string
	method, path string
	form         url.Values
	// wantStatus is what the console answers when the Host is its own.
	wantStatus int
}

func rebindingRequests(endpointID string) []rebindingRequest {
	return []rebindingRequest{
		{"replace the policy", http.MethodPost, "/endpoints/" + endpointID + "/policy",
			url.Values{"policy_mode": {"custom"}, "policy": {bucketPolicy}, "action": {"save"}}, http.StatusSeeOther},
		{"tag the endpoint", http.MethodPost, "/endpoints/" + endpointID + "/tags", tagForm("save", "owner", "another-site"), http.StatusSeeOther},
		{"read the account", http.MethodGet, "/audit/export.json", nil, http.StatusOK},
		{"delete the endpoint", http.MethodPost, "/endpoints/delete", url.Values{"id": {endpointID}, "confirm": {"delete"}}, http.StatusSeeOther},
	}
}

// sendAs sends rr to the console with host as the Host header and the Origin a browser would
// send from that host's page.
func (c *console) sendAs(t *testing.T, host string, rr rebindingRequest) page {
	t.Helper()
	var body *strings.Reader
	if rr.form != nil {
		body = strings.NewReader(rr.form.Encode())
	} else {
		body = strings.NewReader("")
	}
	req, err := http.NewRequestWithContext(t.Context(), rr.method, c.URL+rr.path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	if rr.method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "http://"+host)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	return c.noRedirects().do(t, req)
}

func (c *console) port(t *testing.T) string {
	t.Helper()
	u, err := url.Parse(c.URL)
	if err != nil {
		t.Fatal(err)
	}
	return u.Port()
}

// TestForeignHostIsRefused: DNS rebinding. Every request for a name the console is not
// configured for is refused before any handler runs, and changes nothing; the same requests
// with the console's own name work (the control, which proves the refused ones would have).
func TestForeignHostIsRefused(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	id := c.endpoint(t)
	port := c.port(t)
	before, err := c.demo.Service.Endpoint(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}

	for _, rr := range rebindingRequests(id) {
		t.Run("refused: "+rr.name, func(t *testing.T) {
			p := c.sendAs(t, "attacker.example:"+port, rr)
			if p.status != http.StatusMisdirectedRequest {
				t.Fatalf("%s %s with Host attacker.example: got %d, want 421", rr.method, rr.path, p.status)
			}
			if got := text(p.doc.Find("h1")); got != "Wrong address" {
				t.Errorf("error page heading: got %q, want %q", got, "Wrong address")
			}
			if strings.Contains(p.body, c.demo.Account.VPCID) {
				t.Errorf("the refusal shows the account: it names %s", c.demo.Account.VPCID)
			}
		})
	}
	after, err := c.demo.Service.Endpoint(t.Context(), id)
	if err != nil {
		t.Fatalf("the endpoint after the refused requests: %v", err)
	}
	if after.PolicyDocument != before.PolicyDocument || !slices.Equal(after.Tags, before.Tags) {
		t.Errorf("the refused requests changed the endpoint: policy %q → %q, tags %v → %v",
			before.PolicyDocument, after.PolicyDocument, before.Tags, after.Tags)
	}

	for _, rr := range rebindingRequests(id) {
		t.Run("control: "+rr.name, func(t *testing.T) {
			if p := c.sendAs(t, "localhost:"+port, rr); p.status != rr.wantStatus {
				t.Errorf("%s %s with Host localhost: got %d, want %d", rr.method, rr.path, p.status, rr.wantStatus)
			}
		})
	}
	// EC2 still describes a deleted endpoint for a while, as deleting.
	if e, err := c.demo.Service.Endpoint(t.Context(), id); vpc.ErrorCode(err) != vpc.NotFound && (err != nil || !e.Deleted()) {
		t.Errorf("the control's delete: the endpoint is still there (%s, %v)", e.State, err)
	}
}

// TestAllowedHosts: which Host names the console answers to, by default and with
// -allowed-hosts.
func TestAllowedHosts(t *testing.T) {
	t.Parallel()
	c := newConsole(t, withAllowedHosts("console.internal", ".corp.example"))
	port := c.port(t)
	for _, tt := range []struct {
		host string
		want bool
	}{
		{"127.0.0.1:" + port, true},
		{"localhost:" + port, true},
		{"LOCALHOST.:" + port, true},
		{"app.localhost:" + port, true},
		{"[::1]:" + port, true},
		{"10.1.2.3:8080", true}, // an IP literal: a rebinding page can't make a browser send one
		{"console.internal", true},
		{"console.internal:" + port, true},
		{"eu.corp.example", true},
		{"attacker.example:" + port, false},
		{"console.internal.attacker.example", false},
		{"corp.example.attacker.example", false},
		{"localhost.attacker.example", false},
		{"127.0.0.1.nip.io:" + port, false},
	} {
		t.Run(tt.host, func(t *testing.T) {
			p := c.sendAs(t, tt.host, rebindingRequest{method: http.MethodGet, path: "/"})
			if got := p.status == http.StatusOK; got != tt.want {
				t.Errorf("GET / with Host %q: status %d, want answered %v", tt.host, p.status, tt.want)
			}
		})
	}
}

func TestHostAllowListFromListenAddress(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		addr, host string
		want       bool
	}{
		{"console.lan:8080", "console.lan:8080", true},
		{"console.lan:8080", "other.lan:8080", false},
		{":8080", "other.lan", false},
		{"0.0.0.0:8080", "192.168.1.20:8080", true},
	} {
		l := newHostAllowList(tt.addr, nil)
		if got := l.allows(tt.host); got != tt.want {
			host, _, _ := net.SplitHostPort(tt.addr)
			t.Errorf("-addr %s (host %q): allows(%q) = %v, want %v", tt.addr, host, tt.host, got, tt.want)
		}
	}
}
