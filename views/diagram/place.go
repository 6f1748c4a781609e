package diagram

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"endpointconsole/vpc"
	"endpointconsole/vpc/audit"
)

// placeZones orders the zones and wraps them into tiers of at most maxColumns columns, as
// evenly as the count allows (five zones: three and two).
func (l *layout) placeZones() {
	for _, sp := range l.audit.Subnets {
		if !slices.Contains(l.zones, sp.Subnet.AvailabilityZone) {
			l.zones = append(l.zones, sp.Subnet.AvailabilityZone)
		}
	}
	slices.Sort(l.zones)
	if len(l.zones) > 1 && l.zones[0] == "" {
		// Subnets without a zone (hand-built data) go last.
		l.zones = append(l.zones[1:], "")
	}
	if len(l.zones) == 0 {
		l.zones = []string{""}
	}
	tiers := (len(l.zones) + maxColumns - 1) / maxColumns
	l.cols = (len(l.zones) + tiers - 1) / tiers
	l.tiers = make([]tier, tiers)
}

func (l *layout) zonePlace(zone string) (tier, col int) {
	i := slices.Index(l.zones, zone)
	return i / l.cols, i % l.cols
}

// placeSubnets stacks each zone's public subnets in the tier's public row and its private ones
// below, then fixes every tier's rows and corridors.
func (l *layout) placeSubnets() {
	for _, n := range l.audit.NATGateways {
		l.natByID[n.ID] = n
	}
	natsIn := map[string][]vpc.NATGateway{}
	for _, n := range l.audit.NATGateways {
		if n.State != "deleted" {
			natsIn[n.SubnetID] = append(natsIn[n.SubnetID], n)
		}
	}
	// Stack heights per tier, column and row (0 public, 1 private), and each subnet's offset.
	type stackKey struct{ tier, col, row int }
	stacks := map[stackKey]int{}
	offsets := map[string]int{}
	heights := map[string]int{}
	for _, sp := range l.audit.Subnets {
		t, c := l.zonePlace(sp.Subnet.AvailabilityZone)
		k := stackKey{t, c, 1}
		if sp.Public {
			k.row = 0
		}
		h := subnetBaseH
		for _, n := range natsIn[sp.Subnet.ID] {
			h += l.natHeight(n.ID) + natGap
		}
		if stacks[k] > 0 {
			stacks[k] += subnetGap
		}
		offsets[sp.Subnet.ID], heights[sp.Subnet.ID] = stacks[k], h
		stacks[k] += h
	}
	rowHeight := func(t, row int) int {
		h := 0
		for c := range l.cols {
			h = max(h, stacks[stackKey{t, c, row}])
		}
		if len(l.audit.Subnets) == 0 {
			return 40 // room for the empty diagram's message
		}
		return h
	}
	y := margin + headerH
	for t := range l.tiers {
		tr := &l.tiers[t]
		tr.zoneY = y
		tr.top = y + zoneLabelH
		tr.public = tr.top + l.channel
		tr.mid = tr.public + rowHeight(t, 0)
		tr.private = tr.mid + l.channel
		tr.bottom = tr.private + rowHeight(t, 1)
		tr.end = tr.bottom + l.channel
		y = tr.end + tierGap
	}
	for _, sp := range l.audit.Subnets {
		t, c := l.zonePlace(sp.Subnet.AvailabilityZone)
		rowY := l.tiers[t].private
		if sp.Public {
			rowY = l.tiers[t].public
		}
		box := diagramBox{X: l.colX(c), Y: rowY + offsets[sp.Subnet.ID], W: subnetW, H: heights[sp.Subnet.ID]}
		l.subnets[sp.Subnet.ID] = place{box: box, tier: t, col: c}
		y := box.Y + subnetBaseH
		for _, n := range natsIn[sp.Subnet.ID] {
			// Flush with the subnet's right edge: lines come into it straight from the gutter.
			nb := diagramBox{X: box.X + 10, Y: y, W: subnetW - 10, H: l.natHeight(n.ID)}
			l.nats[n.ID] = place{box: nb, tier: t, col: c, subnetName: cmp.Or(sp.Subnet.Name, sp.Subnet.ID)}
			y += nb.H + natGap
		}
	}
}

// placeGates puts the internet gateways and gateway endpoints on the VPC's right edge, and the
// Internet and the services outside it.
func (l *layout) placeGates() {
	l.edgeX = l.colX(l.cols)
	border := l.edgeX + l.channel + gateW/2 + 6
	gate := func(y int) diagramBox {
		return diagramBox{X: border - gateW/2, Y: y, W: gateW, H: l.channel}
	}
	y := l.tiers[0].top
	for _, id := range l.gatewayIDs() {
		l.igwIDs = append(l.igwIDs, id)
		l.igws = append(l.igws, gate(y))
		y += l.channel + gateGap
	}
	y = max(y, l.tiers[0].bottom)
	for _, e := range l.gatewayEndpoints() {
		l.endpoints[e.ID] = gate(y)
		y += l.channel + gateGap
	}
	last := l.tiers[len(l.tiers)-1].end
	l.vpcBox = diagramBox{X: margin, Y: margin, W: border - margin, H: max(last, y) + 6 - margin, Class: "dg-vpc"}

	l.internet = diagramBox{X: border + gateW/2 + l.channel, Y: l.tiers[0].top, W: internetW, H: l.channel}
	l.outX = l.internet.right()
	// Each line enters its service at its own lane, so a service is at least as tall as a
	// channel; S3 sits level with the Internet, whose lines go straight in.
	s3 := diagramBox{X: l.outX + l.channel, Y: l.internet.Y, W: serviceW, H: max(serviceH, l.channel)}
	ddb := s3
	ddb.Y = s3.bottom() + 24
	l.services = [2]diagramBox{s3, ddb}
}

// gatewayIDs are the VPC's internet gateways and any other a route targets.
func (l *layout) gatewayIDs() []string {
	var ids []string
	for _, igw := range l.audit.InternetGateways {
		ids = append(ids, igw.ID)
	}
	for _, t := range l.targets(audit.PathInternetGateway) {
		if !slices.Contains(ids, t) {
			ids = append(ids, t)
		}
	}
	return ids
}

// gatewayEndpoints are the VPC's gateway endpoints to S3 and DynamoDB, S3 first, and any other a
// route targets.
func (l *layout) gatewayEndpoints() []vpc.Endpoint {
	var out []vpc.Endpoint
	for _, e := range l.audit.Endpoints {
		if e.Type == vpc.TypeGateway && e.State != "deleted" && endpointService(e) >= 0 {
			out = append(out, e)
		}
	}
	for _, svc := range diagramServices {
		for _, sp := range l.audit.Subnets {
			path := sp.Path(svc.Key)
			for _, seg := range path.Segments {
				if seg.Kind == audit.PathGatewayEndpoint && !slices.ContainsFunc(out, func(e vpc.Endpoint) bool { return e.ID == seg.Target }) {
					out = append(out, vpc.Endpoint{ID: seg.Target, Type: vpc.TypeGateway, ServiceName: cmp.Or(path.Service, "com.amazonaws."+svc.Key)})
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b vpc.Endpoint) int {
		return cmp.Or(cmp.Compare(endpointService(a), endpointService(b)), strings.Compare(a.ID, b.ID))
	})
	return out
}

// endpointService is the index in diagramServices of an endpoint's service, or -1.
func endpointService(e vpc.Endpoint) int {
	for i, svc := range diagramServices {
		if strings.HasSuffix(e.ServiceName, "."+svc.Key) {
			return i
		}
	}
	return -1
}

// targets are the distinct targets of segments of kind k, in the order subnets list them.
func (l *layout) targets(k audit.PathKind) []string {
	var out []string
	for _, sp := range l.audit.Subnets {
		for _, svc := range diagramServices {
			for _, seg := range sp.Path(svc.Key).Segments {
				if seg.Kind == k && seg.Target != "" && !slices.Contains(out, seg.Target) {
					out = append(out, seg.Target)
				}
			}
		}
	}
	return out
}

func (l *layout) zoneBoxes() []diagramBox {
	var out []diagramBox
	for i, z := range l.zones {
		t, c := i/l.cols, i%l.cols
		tr := l.tiers[t]
		out = append(out, diagramBox{X: l.colX(c) - 6, Y: tr.zoneY, W: subnetW + 12, H: tr.end - tr.zoneY - 6,
			Class: "dg-zone", Title: "Availability Zone " + cmp.Or(z, "unknown")})
	}
	return out
}

func (l *layout) labels() []diagramText {
	v := l.audit.VPC
	second := v.ID
	if v.CIDR != "" {
		second += " · " + v.CIDR
	}
	out := []diagramText{
		{X: margin + 12, Y: margin + 20, Class: "dg-vpc-name", Text: "VPC " + clip(vpcLabelOrID(v), 60)},
		{X: margin + 12, Y: margin + 38, Class: "dg-id", Text: second},
	}
	if len(l.audit.Subnets) == 0 {
		tr := l.tiers[0]
		x := l.colX(0) + subnetW/2
		out = append(out,
			diagramText{X: x, Y: tr.public + 30, Class: "dg-empty", Text: "No subnets in this VPC:"},
			diagramText{X: x, Y: tr.public + 48, Class: "dg-empty", Text: "nothing here reaches a service."})
		return out
	}
	for i, z := range l.zones {
		t, c := i/l.cols, i%l.cols
		out = append(out, diagramText{X: l.colX(c), Y: l.tiers[t].zoneY + 17, Class: "dg-zone-name", Text: cmp.Or(z, "Zone unknown")})
	}
	for _, tr := range l.tiers {
		x := margin + bandLabelW/2 + 4
		for _, band := range []struct {
			top, bottom int
			text        string
		}{{tr.public, tr.mid, "Public"}, {tr.private, tr.bottom, "Private"}} {
			if band.bottom-band.top < 50 {
				continue
			}
			y := (band.top + band.bottom) / 2
			out = append(out, diagramText{X: x, Y: y, Class: "dg-band", Text: band.text,
				Transform: fmt.Sprintf("rotate(-90 %d %d)", x, y)})
		}
	}
	return out
}

func (l *layout) subnetBox(sp audit.SubnetPath) diagramBox {
	box := l.subnets[sp.Subnet.ID].box
	box.Class = "dg-subnet dg-subnet-private"
	if sp.Public {
		box.Class = "dg-subnet dg-subnet-public"
	}
	box.Title = subnetTitle(sp, l.natByID)
	box.Texts = []diagramText{
		{X: box.X + 8, Y: box.Y + subnetNameY, Class: "dg-name", Text: clip(cmp.Or(sp.Subnet.Name, sp.Subnet.ID), nameChars)},
		{X: box.X + 8, Y: box.Y + subnetCIDRY, Class: "dg-id", Text: sp.Subnet.CIDR},
	}
	for si, svc := range diagramServices {
		box.Texts = append(box.Texts, diagramText{X: box.X + 8, Y: box.Y + rowTextY[si], Class: "dg-row",
			Text: clip(svc.Short+" → "+rowWords(sp.Path(svc.Key)), rowChars)})
	}
	return box
}

// rowWords says a path's kind in a subnet box: "NAT gateway", "split: endpoint + NAT".
func rowWords(p audit.ServicePath) string {
	k := p.Kind()
	if k != audit.PathSplit {
		return k.Words()
	}
	var parts []string
	for _, s := range p.Segments {
		if w := s.Kind.Abbrev(); !slices.Contains(parts, w) {
			parts = append(parts, w)
		}
	}
	return "split: " + strings.Join(parts, " + ")
}

func (l *layout) hopBoxes() []diagramBox {
	var out []diagramBox
	for _, n := range l.audit.NATGateways {
		p, ok := l.nats[n.ID]
		if !ok {
			continue
		}
		b := p.box
		b.Class = "dg-hop dg-nat"
		b.Title = "NAT gateway " + nameAndID(n.Name, n.ID) + " in " + p.subnetName
		b.Texts = []diagramText{
			{X: b.X + 8, Y: b.Y + 15, Class: "dg-hop-name", Text: "NAT gateway"},
			{X: b.X + 8, Y: b.Y + 31, Class: "dg-id", Text: clip(n.ID, 24)},
		}
		out = append(out, b)
	}
	for i, b := range l.igws {
		b.Class = "dg-hop dg-igw"
		b.Title = "Internet gateway " + l.igwIDs[i]
		b.Texts = gateTexts(b, "Internet gateway", l.igwIDs[i])
		out = append(out, b)
	}
	for _, e := range l.gatewayEndpoints() {
		b := l.endpoints[e.ID]
		svc := diagramServices[max(endpointService(e), 0)]
		b.Class = "dg-hop dg-endpoint"
		b.Title = svc.Short + " gateway endpoint " + nameAndID(e.Name, e.ID)
		if len(e.RouteTableIDs) > 0 {
			b.Title += ", on route tables " + strings.Join(e.RouteTableIDs, ", ")
		} else if e.State != "" {
			b.Title += ", on no route table"
		}
		b.Texts = gateTexts(b, svc.Short+" endpoint", e.ID)
		out = append(out, b)
	}
	in := l.internet
	in.Class, in.Title = "dg-hop dg-internet", "The Internet"
	in.Texts = []diagramText{{X: in.centerX(), Y: in.Y + in.H/2 + 5, Class: "dg-hop-name dg-center", Text: "Internet"}}
	out = append(out, in)
	for si, b := range l.services {
		svc := diagramServices[si]
		b.Class, b.Title = "dg-service", svc.Name
		b.Texts = []diagramText{{X: b.centerX(), Y: b.Y + b.H/2 + 5, Class: "dg-service-name dg-center", Text: svc.Name}}
		out = append(out, b)
	}
	return out
}

func gateTexts(b diagramBox, what, id string) []diagramText {
	return []diagramText{
		{X: b.centerX(), Y: b.Y + 22, Class: "dg-hop-name dg-center", Text: what},
		{X: b.centerX(), Y: b.Y + 39, Class: "dg-id dg-center", Text: clip(id, 24)},
	}
}

func nameAndID(name, id string) string {
	if name == "" {
		return id
	}
	return name + " (" + id + ")"
}

// clip shortens s to n characters, marking the cut with an ellipsis; titles carry the full text.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// assignLanes gives every line its own lane, in the order the subnets list them, and sizes the
// channels to hold them all; it also lists the lines into each NAT gateway.
func (l *layout) assignLanes() {
	l.lanes, l.natLines = map[lineKey]lane{}, map[string][]lane{}
	for _, sp := range l.audit.Subnets {
		for si, svc := range diagramServices {
			for i, seg := range distinctSegments(sp.Path(svc.Key)) {
				ln := lane(len(l.lanes))
				l.lanes[lineKey{sp.Subnet.ID, si, i}] = ln
				if seg.Kind == audit.PathNATGateway {
					l.natLines[seg.Target] = append(l.natLines[seg.Target], ln)
				}
			}
		}
	}
	l.channel = channelFor(len(l.lanes))
}

// distinctSegments are a path's segments with one per kind and target: a line each.
func distinctSegments(p audit.ServicePath) []audit.PathSegment {
	var out []audit.PathSegment
	for _, seg := range p.Segments {
		if !slices.ContainsFunc(out, func(s audit.PathSegment) bool { return s.Kind == seg.Kind && s.Target == seg.Target }) {
			out = append(out, seg)
		}
	}
	return out
}

// natHeight leaves room below a NAT gateway's words for every line into it to turn on its own:
// in low, out high, the first line outermost.
func (l *layout) natHeight(natID string) int {
	k := len(l.natLines[natID])
	if k == 0 {
		return natH
	}
	return max(natH, natTextH+2*laneMargin+(2*k-1)*laneGap)
}

// natTurn is where the j-th of a NAT gateway's lines comes in (y), turns (x, hidden under the
// box) and goes out (y) again.
func (l *layout) natTurn(nat diagramBox, natID string, ln lane) (in, turnX, out int) {
	k := len(l.natLines[natID])
	j := max(slices.Index(l.natLines[natID], ln), 0)
	base := nat.Y + natTextH + laneMargin
	// One unit apart is enough under the box; past its width (hundreds of lines) they wrap.
	return base + (2*k-1-j)*laneGap, nat.right() - 4 - j%(nat.W-8), base + j*laneGap
}
