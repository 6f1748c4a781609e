package web

import (
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strings"

	"endpointconsole/handlers"
)

// Auth is how the console learns who is asking. With Proxy set, an authenticating proxy in
// front of the console (oauth2-proxy, Pomerium, an ALB with OIDC) signs people in and names
// them in request headers; the console believes those headers only from TrustedProxies.
type Auth struct {
	Proxy          bool
	TrustedProxies []netip.Prefix
	// UserHeader, EmailHeader and GroupsHeader name the headers (oauth2-proxy's by default:
	// X-Forwarded-User, X-Forwarded-Email, X-Forwarded-Groups, groups separated by commas).
	UserHeader, EmailHeader, GroupsHeader string
	// Editors are the groups and emails (or user names) that may change endpoints; everyone
	// else is a viewer.
	Editors []string
}

// identityHeaders are the headers that carry a person.
func (a Auth) identityHeaders() []string {
	return []string{a.UserHeader, a.EmailHeader, a.GroupsHeader}
}

// unauthenticated paths are for probes and the scraper, which reach the console directly,
// not through the sign-in proxy; they show nothing of the account.
var unauthenticated = []string{"/healthz", "/readyz", "/metrics"}

func isUnauthenticated(path string) bool {
	return slices.Contains(unauthenticated, path) || strings.HasPrefix(path, "/static/")
}

// identify puts the request's visitor in its context. Without -auth every request is the
// anonymous visitor (handlers decide what it may do). With the proxy, a request whose peer is
// not a trusted proxy is refused if it carries identity headers (someone forging them) and
// otherwise too, but for the probe paths (someone going round the proxy).
func (s *Server) identify(next http.Handler) http.Handler {
	if !s.auth.Proxy {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		carries := slices.ContainsFunc(s.auth.identityHeaders(), func(h string) bool { return r.Header.Get(h) != "" })
		if !s.fromTrustedProxy(r) {
			if carries || !isUnauthenticated(r.URL.Path) {
				s.handlers.NotThroughProxy(w, r, carries)
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		person := s.personFrom(r)
		if person.Name() == "" && !isUnauthenticated(r.URL.Path) {
			s.handlers.NotThroughProxy(w, r, false)
			return
		}
		v := handlers.Visitor{Person: person, Editor: s.isEditor(person)}
		next.ServeHTTP(w, r.WithContext(handlers.WithVisitor(r.Context(), v)))
	})
}

// fromTrustedProxy reports whether the request's peer (the TCP connection's, never a
// forwarded-for header) is one of the trusted proxies.
func (s *Server) fromTrustedProxy(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	addr = addr.Unmap()
	return slices.ContainsFunc(s.auth.TrustedProxies, func(p netip.Prefix) bool { return p.Contains(addr) })
}

func (s *Server) personFrom(r *http.Request) handlers.Person {
	p := handlers.Person{
		User:  strings.TrimSpace(r.Header.Get(s.auth.UserHeader)),
		Email: strings.TrimSpace(r.Header.Get(s.auth.EmailHeader)),
	}
	for _, g := range strings.Split(r.Header.Get(s.auth.GroupsHeader), ",") {
		if g = strings.TrimSpace(g); g != "" {
			p.Groups = append(p.Groups, g)
		}
	}
	return p
}

// isEditor reports whether the person, by email, user name or one of their groups, is among
// the editors. Emails compare without case, as mail systems do; group names exactly.
func (s *Server) isEditor(p handlers.Person) bool {
	for _, e := range s.auth.Editors {
		if (p.Email != "" && strings.EqualFold(e, p.Email)) || (p.User != "" && strings.EqualFold(e, p.User)) || slices.Contains(p.Groups, e) {
			return true
		}
	}
	return false
}

// editorsOnly guards the routes that change the account: a viewer gets the 403 page that says
// who they are and why.
func (s *Server) editorsOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.handlers.MayChange(r) {
			s.handlers.NotEditor(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}
