package web

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// hostAllowList is the names the console answers to. A page of another site can make a
// person's browser reach the console by pointing its own DNS name at the console's address
// (DNS rebinding); the browser then sends that site's name as Host and counts the console as
// the same origin, so only the Host itself gives the attack away. IP literals are always
// answered: a rebinding page cannot make the browser send one.
type hostAllowList struct {
	exact    map[string]bool
	suffixes []string // ".example.com" allows every name under example.com
}

// newHostAllowList allows the loopback names, the host of listenAddr and extra (names, or
// ".domain" for every name under a domain).
func newHostAllowList(listenAddr string, extra []string) hostAllowList {
	l := hostAllowList{exact: map[string]bool{"localhost": true}, suffixes: []string{".localhost"}}
	if host, _, err := net.SplitHostPort(listenAddr); err == nil && host != "" {
		l.exact[normalizeHost(host)] = true
	}
	for _, name := range extra {
		name = normalizeHost(name)
		switch {
		case name == "":
		case strings.HasPrefix(name, "."):
			l.suffixes = append(l.suffixes, name)
		default:
			l.exact[name] = true
		}
	}
	return l
}

// allows reports whether a request's Host header (a name or address, with or without a port)
// is one the console answers to.
func (l hostAllowList) allows(hostHeader string) bool {
	host := hostHeader
	if h, _, err := net.SplitHostPort(hostHeader); err == nil {
		host = h
	}
	host = normalizeHost(host)
	if host == "" {
		return false
	}
	if _, err := netip.ParseAddr(host); err == nil {
		return true
	}
	if l.exact[host] {
		return true
	}
	for _, s := range l.suffixes {
		if strings.HasSuffix(host, s) {
			return true
		}
	}
	return false
}

// normalizeHost lowercases a name, drops a trailing dot and IPv6 brackets.
func normalizeHost(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	h = strings.TrimSuffix(h, ".")
	return strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
}

// checkHost answers a request for a name the console is not configured for with the 421 page,
// before any handler runs.
func (s *Server) checkHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hosts.allows(r.Host) {
			s.handlers.WrongHost(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}
