package audit

import (
	"cmp"
	"encoding/binary"
	"net/netip"
	"slices"

	"endpointconsole/vpc"
)

// PathKind says how traffic from a subnet reaches a service's addresses. Its value is the
// kind's stable machine name (the exports' s3_path); kinds.go holds the words pages use for it.
type PathKind string

// Path kinds. PathSplit and PathUnknown are never a segment's kind: they
// describe a whole ServicePath (see ServicePath.Kind).
const (
	// PathGatewayEndpoint: the service's endpoint route wins; traffic stays
	// on the AWS network and gateway endpoints cost nothing.
	PathGatewayEndpoint PathKind = "gateway-endpoint"
	// PathNATGateway: a NAT gateway, which forwards through its subnet's
	// internet gateway: the public internet, with NAT data processing charged.
	PathNATGateway PathKind = "nat-gateway"
	// PathInternetGateway: the internet gateway, straight to the public
	// service endpoint.
	PathInternetGateway PathKind = "internet-gateway"
	// PathNone: no route matches; the subnet cannot reach the service.
	PathNone PathKind = "none"
	// PathOther: peering, transit gateway, network interface, local, or a
	// target this console does not classify.
	PathOther PathKind = "other"
	// PathBlackhole: the winning route's target is gone; traffic is dropped.
	PathBlackhole PathKind = "blackhole"
	// PathSplit: parts of the service's addresses take different paths.
	PathSplit PathKind = "split"
	// PathUnknown: the service's prefix list is not known, so nothing was analysed.
	PathUnknown PathKind = "unknown"
)

// PathSegment is the part of a service's addresses that one route carries.
// CIDRs are in the order of the prefix list, sub-ranges of one list entry
// merged where they share the route. Route is the winning route (the zero
// Route for PathNone); Target is its target (vpce-…, nat-…, igw-…).
type PathSegment struct {
	CIDRs  []string
	Kind   PathKind
	Target string
	Route  vpc.Route
}

// ServicePath is how traffic from one route table reaches one service: one
// segment per winning route. Service is the prefix list's name
// (com.amazonaws.us-east-1.s3). When the list's CIDRs are unknown, the one
// segment has no CIDRs and names the route that would most likely win: the
// service's endpoint route, else the default route.
type ServicePath struct {
	Service      string
	PrefixListID string
	Segments     []PathSegment
}

// Kind returns the segments' kind when they all share one, PathSplit when
// they differ, and PathUnknown when there are none.
func (p ServicePath) Kind() PathKind {
	if len(p.Segments) == 0 {
		return PathUnknown
	}
	k := p.Segments[0].Kind
	for _, s := range p.Segments[1:] {
		if s.Kind != k {
			return PathSplit
		}
	}
	return k
}

// IsSplit reports whether parts of the service's addresses take paths of
// different kinds.
func (p ServicePath) IsSplit() bool { return p.Kind() == PathSplit }

// IsPrivate reports whether every segment goes through a gateway endpoint.
func (p ServicePath) IsPrivate() bool { return p.Kind() == PathGatewayEndpoint }

// Has reports whether some segment is of kind k.
func (p ServicePath) Has(k PathKind) bool {
	return slices.ContainsFunc(p.Segments, func(s PathSegment) bool { return s.Kind == k })
}

// AnalyzePath finds, for every IPv4 CIDR of the service's prefix list, the
// route of table that wins by longest-prefix match, as the VPC router does:
//   - a CIDR route matches the addresses it contains; one more specific than
//     a prefix-list CIDR takes its part of that CIDR, which is then split;
//   - a prefix-list route (the service's gateway endpoint route) matches each
//     CIDR of its list with that CIDR's prefix length; on equal length the
//     CIDR route wins ("more specific or identical existing routes to an
//     IGW/NAT win", vpce-gateway.md);
//   - on a remaining tie a static route beats a propagated one.
//
// IPv6 routes and CIDRs are ignored. A blackhole route still wins, and drops
// the traffic. A NAT gateway is reported as the target; it forwards through
// the internet gateway of its subnet.
func AnalyzePath(table vpc.RouteTable, pl vpc.PrefixList) ServicePath {
	out := ServicePath{Service: pl.Name, PrefixListID: pl.ID}
	candidates := routeCandidates(table, pl)
	if len(pl.CIDRs) == 0 {
		if i := likelyRouteWithoutCIDRs(table, pl, candidates); i >= 0 {
			out.Segments = []PathSegment{segmentFor(table, i)}
		} else {
			out.Segments = []PathSegment{{Kind: PathNone}}
		}
		return out
	}
	var pieces []pathPiece
	for _, c := range pl.CIDRs {
		p, err := netip.ParsePrefix(c)
		if err != nil || !p.Addr().Is4() {
			continue
		}
		pieces = append(pieces, resolvePrefix(p.Masked(), candidates)...)
	}
	// One segment per winning route, in order of first appearance.
	segmentOf := map[int]int{}
	for _, pc := range pieces {
		n, ok := segmentOf[pc.route]
		if !ok {
			n = len(out.Segments)
			segmentOf[pc.route] = n
			out.Segments = append(out.Segments, segmentFor(table, pc.route))
		}
		out.Segments[n].CIDRs = append(out.Segments[n].CIDRs, pc.prefix.String())
	}
	return out
}

// noRoute is the route index of addresses no route matches.
const noRoute = -1

// routeCandidate is one destination a route matches: a CIDR route has one,
// a prefix-list route one per CIDR of its list.
type routeCandidate struct {
	prefix     netip.Prefix
	route      int
	cidrRoute  bool
	propagated bool
}

// pathPiece is a range of a prefix-list CIDR and the route that wins it.
type pathPiece struct {
	prefix netip.Prefix
	route  int
}

func routeCandidates(table vpc.RouteTable, pl vpc.PrefixList) []routeCandidate {
	var out []routeCandidate
	for i, r := range table.Routes {
		switch {
		case r.DestinationCIDR != "":
			p, err := netip.ParsePrefix(r.DestinationCIDR)
			if err != nil || !p.Addr().Is4() {
				continue
			}
			out = append(out, routeCandidate{prefix: p.Masked(), route: i, cidrRoute: true, propagated: r.Propagated})
		case r.DestinationPrefixList != nil:
			cidrs := r.DestinationPrefixList.CIDRs
			if r.DestinationPrefixList.ID == pl.ID {
				// The caller's copy of the list is the one analysed.
				cidrs = pl.CIDRs
			}
			for _, c := range cidrs {
				p, err := netip.ParsePrefix(c)
				if err != nil || !p.Addr().Is4() {
					continue
				}
				out = append(out, routeCandidate{prefix: p.Masked(), route: i, propagated: r.Propagated})
			}
		}
	}
	return out
}

// resolvePrefix returns the winning route of every part of q, splitting q in
// halves while some candidate is more specific than q and inside it.
func resolvePrefix(q netip.Prefix, candidates []routeCandidate) []pathPiece {
	split := slices.ContainsFunc(candidates, func(c routeCandidate) bool {
		return c.prefix.Bits() > q.Bits() && q.Contains(c.prefix.Addr())
	})
	if !split {
		return []pathPiece{{prefix: q, route: bestRoute(q, candidates)}}
	}
	lo, hi := halves(q)
	a, b := resolvePrefix(lo, candidates), resolvePrefix(hi, candidates)
	if len(a) == 1 && len(b) == 1 && a[0].route == b[0].route {
		return []pathPiece{{prefix: q, route: a[0].route}}
	}
	return append(a, b...)
}

// bestRoute returns the index of the route that wins all of q (no candidate
// is more specific inside q), or noRoute.
func bestRoute(q netip.Prefix, candidates []routeCandidate) int {
	var best *routeCandidate
	for i := range candidates {
		c := &candidates[i]
		if c.prefix.Bits() > q.Bits() || !c.prefix.Contains(q.Addr()) {
			continue
		}
		if best == nil || betterRoute(*c, *best) {
			best = c
		}
	}
	if best == nil {
		return noRoute
	}
	return best.route
}

// betterRoute reports whether a beats b for addresses both contain: longer
// prefix, then a CIDR route over a prefix-list route, then static over
// propagated, then the earlier route.
func betterRoute(a, b routeCandidate) bool {
	return cmp.Or(
		cmp.Compare(b.prefix.Bits(), a.prefix.Bits()),
		cmp.Compare(boolRank(b.cidrRoute), boolRank(a.cidrRoute)),
		cmp.Compare(boolRank(a.propagated), boolRank(b.propagated)),
		cmp.Compare(a.route, b.route),
	) < 0
}

// halves splits an IPv4 prefix shorter than /32 into its two halves.
func halves(q netip.Prefix) (lo, hi netip.Prefix) {
	bits := q.Bits() + 1
	a4 := q.Addr().As4()
	base := binary.BigEndian.Uint32(a4[:])
	var h [4]byte
	binary.BigEndian.PutUint32(h[:], base|1<<(32-bits))
	return netip.PrefixFrom(q.Addr(), bits), netip.PrefixFrom(netip.AddrFrom4(h), bits)
}

// likelyRouteWithoutCIDRs picks the route for a list whose CIDRs are
// unknown: its own endpoint route, else the IPv4 default route.
func likelyRouteWithoutCIDRs(table vpc.RouteTable, pl vpc.PrefixList, candidates []routeCandidate) int {
	if i := slices.IndexFunc(table.Routes, func(r vpc.Route) bool {
		return r.DestinationPrefixList != nil && r.DestinationPrefixList.ID == pl.ID
	}); i >= 0 {
		return i
	}
	return bestRoute(netip.MustParsePrefix("0.0.0.0/0"), candidates)
}

func segmentFor(table vpc.RouteTable, route int) PathSegment {
	if route == noRoute {
		return PathSegment{Kind: PathNone}
	}
	r := table.Routes[route]
	return PathSegment{Kind: pathKindOf(r), Target: r.Target, Route: r}
}

func pathKindOf(r vpc.Route) PathKind {
	switch {
	case r.State == "blackhole":
		return PathBlackhole
	case r.IsGatewayEndpointRoute():
		return PathGatewayEndpoint
	case r.TargetKind == vpc.TargetNATGateway:
		return PathNATGateway
	case r.TargetKind == vpc.TargetInternetGateway:
		return PathInternetGateway
	default:
		return PathOther
	}
}

// endpointRouteFor returns the table's gateway endpoint route to the list, if any.
func endpointRouteFor(table vpc.RouteTable, prefixListID string) (vpc.Route, bool) {
	for _, r := range table.Routes {
		if r.IsGatewayEndpointRoute() && r.DestinationPrefixList.ID == prefixListID {
			return r, true
		}
	}
	return vpc.Route{}, false
}
