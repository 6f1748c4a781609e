package audit

import "cmp"

// pathKindWords is how the console names one path kind, everywhere: the audit's findings and
// tables, the diagram's rows, sentences, legend and CSS classes all read this table.
type pathKindWords struct {
	label  string // Label: "gateway endpoint — private, free"
	short  string // ShortLabel: the summary's column and a subnet's badge; "" for none
	words  string // Words: a subnet box's row, "NAT gateway"
	abbrev string // Abbrev: a part of a split path's row, "NAT"
	class  string // Class: the diagram's CSS class suffix, "nat"
	// hop names where a segment of the kind goes, in a finding: "NAT gateway nat-…".
	hop func(target string) string
	// through says how a segment of the kind goes, in the diagram's sentences.
	through func(target string) string
}

// elsewhere is how a target the console does not classify is named.
func elsewhere(target string) string { return cmp.Or(target, "an unknown target") }

func throughElsewhere(target string) string {
	return "through " + elsewhere(target) + " (another kind of target)"
}

// pathKinds is the one table of path kinds.
var pathKinds = map[PathKind]pathKindWords{
	PathGatewayEndpoint: {
		label: "gateway endpoint — private, free", short: "Private (endpoint)",
		words: "gateway endpoint", abbrev: "endpoint", class: "endpoint",
		hop:     func(t string) string { return "gateway endpoint " + t },
		through: func(t string) string { return "through gateway endpoint " + t + " (private, free)" },
	},
	PathNATGateway: {
		label: "NAT gateway → internet gateway — public internet, NAT data processing charged", short: "NAT gateway",
		words: "NAT gateway", abbrev: "NAT", class: "nat",
		hop: func(t string) string { return "NAT gateway " + t },
		through: func(t string) string {
			return "through NAT gateway " + t + " and the internet gateway (public internet)"
		},
	},
	PathInternetGateway: {
		label: "internet gateway — public internet", short: "Internet gateway",
		words: "internet gateway", abbrev: "IGW", class: "igw",
		hop:     func(t string) string { return "internet gateway " + t },
		through: func(t string) string { return "through internet gateway " + t + " (public internet)" },
	},
	PathNone: {
		label: "no route — unreachable", short: "No route",
		words: "no route ✕", abbrev: "none", class: "none",
		hop:     func(string) string { return "no route" },
		through: func(string) string { return "with no route (unreachable)" },
	},
	PathOther: {
		label: "other target (peering, transit gateway, network interface, …)",
		words: "other target", abbrev: "other", class: "other",
		hop: elsewhere, through: throughElsewhere,
	},
	PathBlackhole: {
		label: "blackhole route — traffic dropped",
		words: "blackhole ✕", abbrev: "blackhole", class: "blackhole",
		hop: func(t string) string { return "a blackhole route to " + t },
		through: func(t string) string {
			return "into a blackhole route to " + cmp.Or(t, "a deleted target") + " (dropped)"
		},
	},
	PathSplit: {
		label: "split — parts of the service take different paths", short: "Split",
		words: "split", abbrev: "split", class: "other",
		hop: elsewhere, through: throughElsewhere,
	},
	PathUnknown: {
		label: "unknown — the service's prefix list is not known",
		words: "not analysed", abbrev: "unknown", class: "other",
		hop: elsewhere, through: throughElsewhere,
	},
}

// wordsFor returns the kind's row of the table; a kind not in it reads as unknown.
func wordsFor(k PathKind) pathKindWords {
	if w, ok := pathKinds[k]; ok {
		return w
	}
	return pathKinds[PathUnknown]
}

// Label is the kind in words, for pages: "gateway endpoint — private, free".
func (k PathKind) Label() string { return wordsFor(k).label }

// ShortLabel names the kind in a table's column or a badge: "Private (endpoint)"; "" for the
// kinds the audit's tables have no column for (other, blackhole, unknown).
func (k PathKind) ShortLabel() string { return wordsFor(k).short }

// Words names the kind in a few words, as a diagram's subnet box does: "NAT gateway", "no route ✕".
func (k PathKind) Words() string { return wordsFor(k).words }

// Abbrev names the kind in one word, as a part of a split path: "endpoint", "NAT", "IGW".
func (k PathKind) Abbrev() string { return wordsFor(k).abbrev }

// Class names the kind in the diagram's CSS classes (path-endpoint, mark-nat, …): other, split
// and unknown share "other".
func (k PathKind) Class() string { return wordsFor(k).class }

func (k PathKind) hop(target string) string { return wordsFor(k).hop(target) }

// Through says how the segment goes, as a sentence part: "through NAT gateway nat-… and the
// internet gateway (public internet)". privateNAT says its NAT gateway is a private one, which
// forwards to other networks rather than the internet.
func (s PathSegment) Through(privateNAT bool) string {
	if s.Kind == PathNATGateway && privateNAT {
		return "through private NAT gateway " + s.Target + " to other networks"
	}
	return wordsFor(s.Kind).through(s.Target)
}
