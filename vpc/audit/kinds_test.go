package audit_test

import (
	"testing"

	"endpointconsole/vpc/audit"
)

// TestPathKindWords: the one table of path kinds names every kind, and a few of its words as
// pages show them.
func TestPathKindWords(t *testing.T) {
	for _, tt := range []struct {
		kind                              audit.PathKind
		short, words, abbrev, class, thru string
	}{
		{audit.PathGatewayEndpoint, "Private (endpoint)", "gateway endpoint", "endpoint", "endpoint", "through gateway endpoint T (private, free)"},
		{audit.PathNATGateway, "NAT gateway", "NAT gateway", "NAT", "nat", "through NAT gateway T and the internet gateway (public internet)"},
		{audit.PathInternetGateway, "Internet gateway", "internet gateway", "IGW", "igw", "through internet gateway T (public internet)"},
		{audit.PathNone, "No route", "no route ✕", "none", "none", "with no route (unreachable)"},
		{audit.PathOther, "", "other target", "other", "other", "through T (another kind of target)"},
		{audit.PathBlackhole, "", "blackhole ✕", "blackhole", "blackhole", "into a blackhole route to T (dropped)"},
		{audit.PathSplit, "Split", "split", "split", "other", "through T (another kind of target)"},
		{audit.PathUnknown, "", "not analysed", "unknown", "other", "through T (another kind of target)"},
	} {
		t.Run(string(tt.kind), func(t *testing.T) {
			k := tt.kind
			if k.Label() == "" || (k != audit.PathUnknown && k.Label() == audit.PathUnknown.Label()) {
				t.Errorf("Label() = %q, want the kind's own", k.Label())
			}
			for _, c := range []struct{ what, got, want string }{
				{"ShortLabel", k.ShortLabel(), tt.short},
				{"Words", k.Words(), tt.words},
				{"Abbrev", k.Abbrev(), tt.abbrev},
				{"Class", k.Class(), tt.class},
				{"Through", audit.PathSegment{Kind: k, Target: "T"}.Through(false), tt.thru},
			} {
				if c.got != c.want {
					t.Errorf("%s() = %q, want %q", c.what, c.got, c.want)
				}
			}
		})
	}
	if got, want := (audit.PathSegment{Kind: audit.PathNATGateway, Target: "nat-1"}).Through(true),
		"through private NAT gateway nat-1 to other networks"; got != want {
		t.Errorf("a private NAT gateway: Through(true) = %q, want %q", got, want)
	}
}
