package handlers

import (
	"context"
	"net/http"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// Visitor is who is looking at a page and what they may do. Behind an authenticating proxy the
// web layer identifies the person and decides the role; a console without -auth has one
// anonymous visitor who may change what the console may change.
type Visitor struct {
	Person vpc.Person
	// Editor may change endpoints; everyone else is a viewer and sees the read-only console.
	Editor bool
}

type visitorKey struct{}

// WithVisitor returns ctx carrying v, and v's person for the calls made to EC2 on their behalf.
func WithVisitor(ctx context.Context, v Visitor) context.Context {
	ctx = context.WithValue(ctx, visitorKey{}, v)
	return vpc.WithPerson(ctx, v.Person)
}

// visitor is the request's visitor. A request the web layer did not identify is the anonymous
// visitor of a console without -auth (an editor unless the console is read-only), or a viewer
// when identity is required: a missing identity never grants more.
func (h *Handlers) visitor(r *http.Request) Visitor {
	if v, ok := r.Context().Value(visitorKey{}).(Visitor); ok {
		return v
	}
	return Visitor{Editor: !h.site.ReadOnly && !h.site.AuthRequired}
}

// createdBy is the tag that names who creates an endpoint, from the person ctx carries; a tag
// without a key when the console writes none.
func (h *Handlers) createdBy(ctx context.Context) vpc.Tag {
	if h.createdByTag == "" {
		return vpc.Tag{}
	}
	p, _ := vpc.PersonFrom(ctx)
	return vpc.Tag{Key: h.createdByTag, Value: p.NameOrAnonymous()}
}

// TrackReads gives each request a log of the reads the cache answered, so that its page can say
// how old the data it shows is.
func (h *Handlers) TrackReads(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, _ := vpc.TrackReads(r.Context())
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// cachedReads is the request's read log for the page, or nil when it has none.
func cachedReads(ctx context.Context) views.CachedReads {
	if l := vpc.ReadLogFrom(ctx); l != nil {
		return l
	}
	return nil
}

// Person is who a request is made by, as an authenticating proxy named them.
type Person = vpc.Person

// MayChange reports whether the request's visitor may change the account.
func (h *Handlers) MayChange(r *http.Request) bool {
	return !h.site.ReadOnly && h.visitor(r).Editor
}

// NotEditor answers a viewer's request to change something: 403, with who they are and why.
func (h *Handlers) NotEditor(w http.ResponseWriter, r *http.Request) {
	name := h.visitor(r).Person.Name()
	msg := "You are signed in as " + name + ", a viewer: you can see the account but not change it. " +
		"Changing endpoints is for editors; ask the team that runs this console to add you or one of your groups to its editors."
	if name == "" {
		msg = "The proxy in front of the console did not say who you are, so the console treats you as a viewer: you can see the account but not change it."
	}
	h.errorPage(w, r, http.StatusForbidden, msg)
}

// WrongHost answers a request for a name the console does not answer to (DNS rebinding).
func (h *Handlers) WrongHost(w http.ResponseWriter, r *http.Request) {
	h.errorPage(w, r, http.StatusMisdirectedRequest, "The console does not answer to the name in this address. "+
		"Open it at the address its operators gave you; they list the names it answers to with -allowed-hosts.")
}

// NotThroughProxy answers a request that did not come through the sign-in proxy, or that
// carried sign-in headers the console may not believe.
func (h *Handlers) NotThroughProxy(w http.ResponseWriter, r *http.Request, forgedIdentity bool) {
	msg := "Open the console through your team's sign-in address: this request did not say who you are."
	if forgedIdentity {
		msg = "The console refused this request: it carried sign-in headers but did not come through the console's sign-in proxy."
	}
	h.errorPage(w, r, http.StatusForbidden, msg)
}
