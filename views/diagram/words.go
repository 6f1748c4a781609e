package diagram

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"endpointconsole/vpc"
	"endpointconsole/vpc/audit"
)

// subnetTitle names a subnet and says where its paths go, for its box's tooltip.
func subnetTitle(sp audit.SubnetPath, nats map[string]vpc.NATGateway) string {
	s := sp.Subnet
	facts := []string{s.ID}
	for _, f := range []string{s.CIDR, s.AvailabilityZone} {
		if f != "" {
			facts = append(facts, f)
		}
	}
	return fmt.Sprintf("%s (%s), %s subnet. %s", cmp.Or(s.Name, s.ID), strings.Join(facts, ", "),
		publicOrPrivate(sp.Public), pathsSentence(sp, nats))
}

// pathsSentence says how a subnet reaches each service, segment by segment when split.
func pathsSentence(sp audit.SubnetPath, nats map[string]vpc.NATGateway) string {
	var parts []string
	for _, svc := range diagramServices {
		parts = append(parts, svc.Name+" "+pathWords(sp.Path(svc.Key), nats, true))
	}
	return strings.Join(parts, "; ") + "."
}

// pathWords says how a path goes: "through NAT gateway nat-… and the internet gateway". With
// cidrs, a split path names the addresses each part carries.
func pathWords(p audit.ServicePath, nats map[string]vpc.NATGateway, cidrs bool) string {
	switch p.Kind() {
	case audit.PathUnknown:
		return "not analysed (its prefix list is not known)"
	case audit.PathSplit:
		var parts []string
		for _, s := range p.Segments {
			w := segmentWords(s, nats)
			if cidrs && len(s.CIDRs) > 0 {
				w += " for " + strings.Join(s.CIDRs, ", ")
			}
			if !slices.Contains(parts, w) {
				parts = append(parts, w)
			}
		}
		return "split: " + strings.Join(parts, ", and ")
	}
	var parts []string
	for _, s := range p.Segments {
		if w := segmentWords(s, nats); !slices.Contains(parts, w) {
			parts = append(parts, w)
		}
	}
	return strings.Join(parts, ", and ")
}

func segmentWords(s audit.PathSegment, nats map[string]vpc.NATGateway) string {
	return s.Through(nats[s.Target].ConnectivityType == "private")
}

// diagramSummary is the diagram's text alternative: the VPC, then per service how many subnets
// take each path, most common first.
func diagramSummary(a audit.VPCAudit) string {
	subject := vpcLabelOrID(a.VPC)
	if a.VPC.ID != "" && a.VPC.ID != subject {
		subject += " (" + a.VPC.ID + ")"
	}
	if len(a.Subnets) == 0 {
		return subject + " has no subnets, so nothing in it reaches Amazon S3 or Amazon DynamoDB."
	}
	public, zones := 0, map[string]bool{}
	for _, sp := range a.Subnets {
		zones[sp.Subnet.AvailabilityZone] = true
		if sp.Public {
			public++
		}
	}
	sentences := []string{fmt.Sprintf("%s has %s in %s: %d public, %d private.", subject,
		plural(len(a.Subnets), "subnet"), plural(len(zones), "Availability Zone"), public, len(a.Subnets)-public)}
	nats := map[string]vpc.NATGateway{}
	for _, n := range a.NATGateways {
		nats[n.ID] = n
	}
	for _, svc := range diagramServices {
		counts := map[string]int{}
		var phrases []string
		for _, sp := range a.Subnets {
			w := pathWords(sp.Path(svc.Key), nats, false)
			if counts[w] == 0 {
				phrases = append(phrases, w)
			}
			counts[w]++
		}
		slices.SortStableFunc(phrases, func(x, y string) int { return cmp.Compare(counts[y], counts[x]) })
		parts := make([]string, len(phrases))
		for i, w := range phrases {
			parts[i] = strconv.Itoa(counts[w]) + " " + w
			if i == 0 {
				verb := " reach "
				if counts[w] == 1 {
					verb = " reaches "
				}
				parts[i] = plural(counts[w], "subnet") + verb + svc.Name + " " + w
			}
		}
		sentences = append(sentences, strings.Join(parts, "; ")+".")
	}
	return strings.Join(sentences, " ")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// diagramLegendItem is one entry of the legend under the diagram: a sample of the line with its
// marks, and what it means.
type diagramLegendItem struct {
	Line  diagramLine
	Marks []diagramMark
	Text  string
}

// diagramLegend explains each kind of line in the words the audit's tables use, then the two
// line widths.
var diagramLegend = func() []diagramLegendItem {
	start, end := diagramPoint{6, 8}, diagramPoint{46, 8}
	sample := func(class string, to diagramPoint) diagramLine {
		return diagramLine{Class: class, Points: []diagramPoint{start, to}}
	}
	mark := func(k audit.PathKind) diagramMark {
		return diagramMark{Class: "dg-mark mark-" + k.Class(), D: startMark(k, start)}
	}
	var out []diagramLegendItem
	for _, k := range []audit.PathKind{audit.PathGatewayEndpoint, audit.PathNATGateway, audit.PathInternetGateway} {
		out = append(out, diagramLegendItem{sample("path path-s3 path-"+k.Class(), end),
			[]diagramMark{mark(k), {Class: "dg-mark mark-" + k.Class(), D: arrowMark(end, 1)}}, k.Label()})
	}
	stub := diagramPoint{start.X + stubW, 8}
	return append(out,
		diagramLegendItem{sample("path path-s3 path-"+audit.PathOther.Class(), stub),
			[]diagramMark{mark(audit.PathOther), {Class: "dg-mark mark-" + audit.PathOther.Class(), D: arrowMark(stub, 1)}}, audit.PathOther.Label()},
		diagramLegendItem{sample("path path-s3 path-"+audit.PathNone.Class(), stub),
			[]diagramMark{mark(audit.PathNone), {Class: "dg-cross mark-" + audit.PathNone.Class(), D: crossMark(stub)}},
			audit.PathNone.Label() + "; a blackhole route (traffic dropped) ends the same way"},
		diagramLegendItem{Line: sample("path path-s3 path-sample", end), Text: "thick line: the path to Amazon S3"},
		diagramLegendItem{Line: sample("path path-dynamodb path-sample", end), Text: "thin line: the path to Amazon DynamoDB"},
	)
}()

// listedSubnet is one subnet of the list a narrow window shows instead of the drawing.
type listedSubnet struct {
	Name, Facts string
	Paths       []listedPath
}

type listedPath struct {
	Service, Words string
	Kind           audit.PathKind
}

// subnetList says each subnet's paths in the drawing's words: its name, then for each service
// how it goes.
func subnetList(a audit.VPCAudit) []listedSubnet {
	nats := map[string]vpc.NATGateway{}
	for _, n := range a.NATGateways {
		nats[n.ID] = n
	}
	var out []listedSubnet
	for _, sp := range a.Subnets {
		facts := []string{publicOrPrivate(sp.Public)}
		if z := sp.Subnet.AvailabilityZone; z != "" {
			facts = append(facts, z)
		}
		s := listedSubnet{Name: cmp.Or(sp.Subnet.Name, sp.Subnet.ID), Facts: strings.Join(facts, " · ")}
		for _, svc := range diagramServices {
			p := sp.Path(svc.Key)
			s.Paths = append(s.Paths, listedPath{Service: svc.Name, Words: pathWords(p, nats, true), Kind: p.Kind()})
		}
		out = append(out, s)
	}
	return out
}

func publicOrPrivate(public bool) string {
	if public {
		return "public"
	}
	return "private"
}
