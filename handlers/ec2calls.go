package handlers

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"

	"endpointconsole/vpc"
)

// What EC2 was asked: every request records the EC2 calls it makes (vpc.RecordCalls), and the
// page of a change shows them in an "EC2 calls" panel. A change answers with a redirect (so that
// a refresh does not repeat it), and its page is the next request: the calls ride along in a
// short-lived cookie, signed so that only this console's own records are shown, bound to the page
// it redirects to, and cleared once shown. Nothing is kept on the server.

// ec2CallsCookie is the cookie's name; ec2CallsMaxAge how long it waits for the page.
const (
	ec2CallsCookie = "ec2calls"
	ec2CallsMaxAge = 60
	// maxCallsCookie keeps the cookie within what every browser stores (4 KB with its name).
	maxCallsCookie = 3800
)

// RecordCalls gives each change request (a POST) a log of the EC2 calls it makes. Pages that only
// read never show their calls, so GET and HEAD requests, the busy ones, keep none.
func (h *Handlers) RecordCalls(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		ctx, _ := vpc.RecordCalls(r.Context())
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// redirectAfterChange answers a change with a 303 to target in the request's Region, carrying the
// request's EC2 calls.
func (h *Handlers) redirectAfterChange(w http.ResponseWriter, r *http.Request, target string) {
	target = h.inRegion(r.Context(), target)
	if calls := vpc.CallLogFrom(r.Context()).Calls(); len(calls) > 0 {
		if value, ok := h.callsKey.seal(target, calls); ok {
			http.SetCookie(w, &http.Cookie{Name: ec2CallsCookie, Value: value, Path: "/", MaxAge: ec2CallsMaxAge,
				HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode})
		}
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// takeCalls returns the EC2 calls of the change that redirected to this page, and clears them so
// that they are shown once; nil when there are none for this page.
func (h *Handlers) takeCalls(w http.ResponseWriter, r *http.Request) []vpc.Call {
	c, err := r.Cookie(ec2CallsCookie)
	if err != nil {
		return nil
	}
	http.SetCookie(w, &http.Cookie{Name: ec2CallsCookie, Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode})
	return h.callsKey.open(c.Value, r.URL.RequestURI())
}

// callsOfChange returns the calls of a change that renders its own page (a refusal, a partial
// delete): the request's calls when it made a change or tried to, nil for a page that only read.
func callsOfChange(r *http.Request) []vpc.Call {
	calls := vpc.CallLogFrom(r.Context()).Calls()
	for _, c := range calls {
		if c.IsWrite() {
			return calls
		}
	}
	return nil
}

// callsKey signs the calls cookie; each console makes its own when it starts.
type callsKey []byte

func newCallsKey() callsKey {
	key := make([]byte, 32)
	rand.Read(key)
	return key
}

// sealedCalls is the cookie's content: the page it is for and the calls.
type sealedCalls struct {
	Page  string     `json:"page"`
	Calls []vpc.Call `json:"calls"`
}

// seal encodes calls for page and signs them; it drops the parameters of reads, then reads
// themselves, until the cookie fits, and gives up when even the writes do not.
func (k callsKey) seal(page string, calls []vpc.Call) (string, bool) {
	for _, trim := range []func([]vpc.Call) []vpc.Call{keepAll, readsWithoutParams, writesOnly} {
		body, err := json.Marshal(sealedCalls{Page: page, Calls: trim(calls)})
		if err != nil {
			return "", false
		}
		value := base64.RawURLEncoding.EncodeToString(body) + "." + base64.RawURLEncoding.EncodeToString(k.mac(body))
		if len(value) <= maxCallsCookie {
			return value, true
		}
	}
	return "", false
}

// open checks the signature and the page, and returns the calls; nil when either is wrong.
func (k callsKey) open(value, page string) []vpc.Call {
	body64, mac64, ok := strings.Cut(value, ".")
	if !ok {
		return nil
	}
	body, err1 := base64.RawURLEncoding.DecodeString(body64)
	mac, err2 := base64.RawURLEncoding.DecodeString(mac64)
	if err1 != nil || err2 != nil || !hmac.Equal(mac, k.mac(body)) {
		return nil
	}
	var sealed sealedCalls
	if json.Unmarshal(body, &sealed) != nil || sealed.Page != page {
		return nil
	}
	return sealed.Calls
}

func (k callsKey) mac(body []byte) []byte {
	m := hmac.New(sha256.New, k)
	m.Write([]byte("ec2calls\x00"))
	m.Write(body)
	return m.Sum(nil)
}

func keepAll(calls []vpc.Call) []vpc.Call { return calls }

func readsWithoutParams(calls []vpc.Call) []vpc.Call {
	out := make([]vpc.Call, len(calls))
	for i, c := range calls {
		if !c.IsWrite() {
			c.Params = nil
		}
		out[i] = c
	}
	return out
}

func writesOnly(calls []vpc.Call) []vpc.Call {
	var out []vpc.Call
	for _, c := range calls {
		if c.IsWrite() {
			out = append(out, c)
		}
	}
	return out
}

// seeOther answers with a 303 to target (a path of the console) in the request's Region.
func (h *Handlers) seeOther(w http.ResponseWriter, r *http.Request, target string) {
	http.Redirect(w, r, h.inRegion(r.Context(), target), http.StatusSeeOther)
}

// inRegion is path (a path of the console) in the request's Region.
func (h *Handlers) inRegion(ctx context.Context, path string) string {
	return h.region(ctx).base + path
}
