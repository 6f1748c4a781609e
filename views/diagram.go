package views

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"endpointconsole/vpc"
)

// The audit diagram draws one VPC the way the tutorial's figures do: subnets in their
// Availability Zones (columns) and public or private rows, the internet gateway and the gateway
// endpoints on the VPC's edge, the Internet and the services outside, and every subnet's path to
// Amazon S3 and Amazon DynamoDB as a line through the boxes it passes. diagramLayout places
// everything; VPCDiagram only draws what it is given.
//
// Lines are routed orthogonally through channels that no box occupies: a gutter right of every
// zone column, three corridors per tier of columns (above the public row, between the rows, below
// the private row), an edge channel inside the VPC's border and one outside it before the
// services. Each (service, kind) pair has its own lane, the same offset in every channel, so lines
// of one kind to one service run on top of each other as one trunk and lines of different kinds
// never hide each other.

// Geometry, in SVG user units.
const (
	dgMargin      = 16
	dgHeaderH     = 46 // the VPC's name and ID above the zones
	dgBandLabelW  = 30 // the rotated "Public" and "Private" left of the rows
	dgZoneLabelH  = 22
	dgSubnetW     = 200
	dgSubnetBaseH = 76 // name, CIDR, the S3 row and the DynamoDB row
	dgSubnetGap   = 10
	dgNATH        = 34
	dgNATGap      = 6
	dgLaneCount   = 8
	dgLaneGap     = 5
	dgLaneMargin  = 8
	// dgChannel is the width of a gutter and the height of a corridor: room for every lane.
	dgChannel   = 2*dgLaneMargin + (dgLaneCount-1)*dgLaneGap
	dgGateW     = 146
	dgGateGap   = 10
	dgInternetW = 96
	dgServiceW  = 150
	dgServiceH  = 100
	dgTierGap   = 14
	dgStubW     = 18 // the short line of a path that goes nowhere
	// dgMaxColumns caps the zone columns side by side; more zones wrap into another tier of
	// columns below, so the diagram stays readable at page width. A tier grows downwards with
	// the subnets of its zones, without limit.
	dgMaxColumns = 3
	// Characters that fit on one line of a subnet box.
	dgNameChars = 25
	dgRowChars  = 31
)

// Baselines of the subnet box's text, and the height its S3 and DynamoDB lines leave at.
var (
	dgSubnetNameY = 18
	dgSubnetCIDRY = 33
	dgRowY        = [2]int{52, 68}
	dgExitY       = [2]int{48, 64}
	// A NAT gateway box takes its outgoing lines near its top and its incoming ones lower down.
	dgNATOutY = [2]int{8, 14}
	dgNATInY  = [2]int{22, 28}
)

// diagramServices are the services whose paths are drawn, in lane and box order.
var diagramServices = [2]struct{ Key, Name, Short string }{
	{vpc.ServiceS3, "Amazon S3", "S3"},
	{vpc.ServiceDynamoDB, "Amazon DynamoDB", "DynamoDB"},
}

// dgLane is a line's place in every channel: one per service and kind, the two services of a
// kind side by side. Kinds that turn towards the top come first, those to the bottom last.
type dgLane int

const (
	dgLaneIGW      dgLane = 0 // the internet gateway
	dgLaneNATOut   dgLane = 2 // from a NAT gateway on to the internet gateway
	dgLaneNATIn    dgLane = 4 // from a subnet to its NAT gateway
	dgLaneEndpoint dgLane = 6
)

func laneOf(kind dgLane, service int) dgLane { return kind + dgLane(service) }

func laneOffset(l dgLane) int { return dgLaneMargin + int(l)*dgLaneGap }

// diagram is the layout of one VPC's audit diagram.
type diagram struct {
	// ID prefixes the ids of the diagram's elements, unique per VPC on a page.
	ID            string
	Width, Height int
	Title, Desc   string
	Backdrops     []diagramBox // the VPC, then its zones
	Labels        []diagramText
	Subnets       []diagramBox
	Paths         []diagramPaths
	// Hops are the boxes lines pass through, drawn over them: NAT gateways, the internet
	// gateway, gateway endpoints, the Internet and the services.
	Hops []diagramBox
}

func (d diagram) viewBox() string { return "0 0 " + itoa(d.Width) + " " + itoa(d.Height) }

type diagramBox struct {
	X, Y, W, H int
	Class      string
	Title      string
	Texts      []diagramText
}

func (b diagramBox) right() int   { return b.X + b.W }
func (b diagramBox) bottom() int  { return b.Y + b.H }
func (b diagramBox) centerX() int { return b.X + b.W/2 }

// laneY is where lane l crosses a box as tall as a corridor.
func (b diagramBox) laneY(l dgLane) int { return b.Y + laneOffset(l) }

type diagramText struct {
	X, Y      int
	Class     string
	Text      string
	Transform string
}

// diagramPaths are one subnet's lines, with a title that says where they go.
type diagramPaths struct {
	Title string
	Lines []diagramLine
	Marks []diagramMark
}

type diagramLine struct {
	Class  string
	Points []diagramPoint
}

func (l diagramLine) points() string {
	parts := make([]string, len(l.Points))
	for i, p := range l.Points {
		parts[i] = strconv.Itoa(p.X) + "," + strconv.Itoa(p.Y)
	}
	return strings.Join(parts, " ")
}

type diagramPoint struct{ X, Y int }

// diagramMark is a small shape on a line (its kind's symbol, an arrowhead, a ✕), as path data.
type diagramMark struct {
	Class string
	D     string
}

// dgTier is the vertical extent of one tier of zone columns.
type dgTier struct {
	zoneY, top, public, mid, private, bottom, end int
}

// dgPlace is a box in the grid: its tier and column.
type dgPlace struct {
	box        diagramBox
	tier, col  int
	subnetName string
}

// dgLayout holds the positions diagramLayout works out, then routes lines through.
type dgLayout struct {
	audit     vpc.VPCAudit
	zones     []string
	cols      int
	tiers     []dgTier
	subnets   map[string]dgPlace
	nats      map[string]dgPlace
	natByID   map[string]vpc.NATGateway
	igws      []diagramBox
	igwIDs    []string
	endpoints map[string]diagramBox
	internet  diagramBox
	services  [2]diagramBox
	vpcBox    diagramBox
	edgeX     int // left of the edge channel
	outX      int // left of the channel outside the VPC
}

// diagramLayout places every box and routes every subnet's lines. It is pure: the same audit
// always gives the same diagram.
func diagramLayout(a vpc.VPCAudit) diagram {
	l := &dgLayout{audit: a, subnets: map[string]dgPlace{}, nats: map[string]dgPlace{},
		natByID: map[string]vpc.NATGateway{}, endpoints: map[string]diagramBox{}}
	l.placeZones()
	l.placeSubnets()
	l.placeGates()

	d := diagram{
		ID:     diagramID(a.VPC.ID),
		Width:  l.services[0].right() + dgMargin,
		Height: max(l.vpcBox.bottom(), l.services[1].bottom()) + dgMargin,
		Title:  vpcLabelOrID(a.VPC) + ": how each subnet reaches Amazon S3 and Amazon DynamoDB",
		Desc:   diagramSummary(a),
	}
	d.Backdrops = []diagramBox{l.vpcBox}
	if len(a.Subnets) > 0 {
		d.Backdrops = append(d.Backdrops, l.zoneBoxes()...)
	}
	d.Labels = l.labels()
	for _, sp := range a.Subnets {
		d.Subnets = append(d.Subnets, l.subnetBox(sp))
		d.Paths = append(d.Paths, l.subnetPaths(sp))
	}
	d.Hops = l.hopBoxes()
	return d
}

// diagramID makes an element id from a VPC ID, keeping only characters safe in ids and URLs.
func diagramID(vpcID string) string {
	safe := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '-'
	}, vpcID)
	if safe == "" {
		return "vpc-diagram"
	}
	return "vpc-diagram-" + safe
}

func vpcLabelOrID(v vpc.VPC) string { return cmp.Or(v.Name, v.ID, "VPC") }

func colX(c int) int { return dgMargin + dgBandLabelW + c*(dgSubnetW+dgChannel) }

func gutterX(c int, l dgLane) int { return colX(c) + dgSubnetW + laneOffset(l) }

func (l *dgLayout) edgeLaneX(lane dgLane) int { return l.edgeX + laneOffset(lane) }

func (l *dgLayout) outLaneX(lane dgLane) int { return l.outX + laneOffset(lane) }

// placeZones orders the zones and wraps them into tiers of at most dgMaxColumns columns, as
// evenly as the count allows (five zones: three and two).
func (l *dgLayout) placeZones() {
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
	tiers := (len(l.zones) + dgMaxColumns - 1) / dgMaxColumns
	l.cols = (len(l.zones) + tiers - 1) / tiers
	l.tiers = make([]dgTier, tiers)
}

func (l *dgLayout) zonePlace(zone string) (tier, col int) {
	i := slices.Index(l.zones, zone)
	return i / l.cols, i % l.cols
}

// placeSubnets stacks each zone's public subnets in the tier's public row and its private ones
// below, then fixes every tier's rows and corridors.
func (l *dgLayout) placeSubnets() {
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
		h := dgSubnetBaseH
		if n := len(natsIn[sp.Subnet.ID]); n > 0 {
			h += n*(dgNATH+dgNATGap) + 4
		}
		if stacks[k] > 0 {
			stacks[k] += dgSubnetGap
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
	y := dgMargin + dgHeaderH
	for t := range l.tiers {
		tr := &l.tiers[t]
		tr.zoneY = y
		tr.top = y + dgZoneLabelH
		tr.public = tr.top + dgChannel
		tr.mid = tr.public + rowHeight(t, 0)
		tr.private = tr.mid + dgChannel
		tr.bottom = tr.private + rowHeight(t, 1)
		tr.end = tr.bottom + dgChannel
		y = tr.end + dgTierGap
	}
	for _, sp := range l.audit.Subnets {
		t, c := l.zonePlace(sp.Subnet.AvailabilityZone)
		rowY := l.tiers[t].private
		if sp.Public {
			rowY = l.tiers[t].public
		}
		box := diagramBox{X: colX(c), Y: rowY + offsets[sp.Subnet.ID], W: dgSubnetW, H: heights[sp.Subnet.ID]}
		l.subnets[sp.Subnet.ID] = dgPlace{box: box, tier: t, col: c}
		for i, n := range natsIn[sp.Subnet.ID] {
			nb := diagramBox{X: box.X + 10, Y: box.Y + dgSubnetBaseH + i*(dgNATH+dgNATGap), W: dgSubnetW - 18, H: dgNATH}
			l.nats[n.ID] = dgPlace{box: nb, tier: t, col: c, subnetName: cmp.Or(sp.Subnet.Name, sp.Subnet.ID)}
		}
	}
}

// placeGates puts the internet gateways and gateway endpoints on the VPC's right edge, and the
// Internet and the services outside it.
func (l *dgLayout) placeGates() {
	l.edgeX = colX(l.cols)
	border := l.edgeX + dgChannel + dgGateW/2 + 6
	gate := func(y int) diagramBox {
		return diagramBox{X: border - dgGateW/2, Y: y, W: dgGateW, H: dgChannel}
	}
	y := l.tiers[0].top
	for _, id := range l.gatewayIDs() {
		l.igwIDs = append(l.igwIDs, id)
		l.igws = append(l.igws, gate(y))
		y += dgChannel + dgGateGap
	}
	y = max(y, l.tiers[0].bottom)
	for _, e := range l.gatewayEndpoints() {
		l.endpoints[e.ID] = gate(y)
		y += dgChannel + dgGateGap
	}
	last := l.tiers[len(l.tiers)-1].end
	l.vpcBox = diagramBox{X: dgMargin, Y: dgMargin, W: border - dgMargin, H: max(last, y) + 6 - dgMargin, Class: "dg-vpc"}

	l.internet = diagramBox{X: border + dgGateW/2 + dgChannel, Y: l.tiers[0].top, W: dgInternetW, H: dgChannel}
	l.outX = l.internet.right()
	s3 := diagramBox{X: l.outX + dgChannel, Y: l.internet.Y - 14, W: dgServiceW, H: dgServiceH}
	ddb := s3
	ddb.Y = s3.bottom() + 24
	l.services = [2]diagramBox{s3, ddb}
}

// gatewayIDs are the VPC's internet gateways and any other a route targets.
func (l *dgLayout) gatewayIDs() []string {
	var ids []string
	for _, igw := range l.audit.InternetGateways {
		ids = append(ids, igw.ID)
	}
	for _, t := range l.targets(vpc.PathInternetGateway) {
		if !slices.Contains(ids, t) {
			ids = append(ids, t)
		}
	}
	return ids
}

// gatewayEndpoints are the VPC's gateway endpoints to S3 and DynamoDB, S3 first, and any other a
// route targets.
func (l *dgLayout) gatewayEndpoints() []vpc.Endpoint {
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
				if seg.Kind == vpc.PathGatewayEndpoint && !slices.ContainsFunc(out, func(e vpc.Endpoint) bool { return e.ID == seg.Target }) {
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
func (l *dgLayout) targets(k vpc.PathKind) []string {
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

func (l *dgLayout) zoneBoxes() []diagramBox {
	var out []diagramBox
	for i, z := range l.zones {
		t, c := i/l.cols, i%l.cols
		tr := l.tiers[t]
		out = append(out, diagramBox{X: colX(c) - 6, Y: tr.zoneY, W: dgSubnetW + 12, H: tr.end - tr.zoneY - 6,
			Class: "dg-zone", Title: "Availability Zone " + cmp.Or(z, "unknown")})
	}
	return out
}

func (l *dgLayout) labels() []diagramText {
	v := l.audit.VPC
	second := v.ID
	if v.CIDR != "" {
		second += " · " + v.CIDR
	}
	out := []diagramText{
		{X: dgMargin + 12, Y: dgMargin + 20, Class: "dg-vpc-name", Text: "VPC " + clip(vpcLabelOrID(v), 60)},
		{X: dgMargin + 12, Y: dgMargin + 36, Class: "dg-id", Text: second},
	}
	if len(l.audit.Subnets) == 0 {
		tr := l.tiers[0]
		x := colX(0) + dgSubnetW/2
		out = append(out,
			diagramText{X: x, Y: tr.public + 30, Class: "dg-empty", Text: "No subnets in this VPC:"},
			diagramText{X: x, Y: tr.public + 48, Class: "dg-empty", Text: "nothing here reaches a service."})
		return out
	}
	for i, z := range l.zones {
		t, c := i/l.cols, i%l.cols
		out = append(out, diagramText{X: colX(c), Y: l.tiers[t].zoneY + 15, Class: "dg-zone-name", Text: cmp.Or(z, "Zone unknown")})
	}
	for _, tr := range l.tiers {
		x := dgMargin + dgBandLabelW/2 + 4
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

func (l *dgLayout) subnetBox(sp vpc.SubnetPath) diagramBox {
	box := l.subnets[sp.Subnet.ID].box
	box.Class = "dg-subnet dg-subnet-private"
	if sp.Public {
		box.Class = "dg-subnet dg-subnet-public"
	}
	box.Title = subnetTitle(sp, l.natByID)
	box.Texts = []diagramText{
		{X: box.X + 8, Y: box.Y + dgSubnetNameY, Class: "dg-name", Text: clip(cmp.Or(sp.Subnet.Name, sp.Subnet.ID), dgNameChars)},
		{X: box.X + 8, Y: box.Y + dgSubnetCIDRY, Class: "dg-id", Text: sp.Subnet.CIDR},
	}
	for si, svc := range diagramServices {
		box.Texts = append(box.Texts, diagramText{X: box.X + 8, Y: box.Y + dgRowY[si], Class: "dg-row",
			Text: clip(svc.Short+" → "+rowWords(sp.Path(svc.Key)), dgRowChars)})
	}
	return box
}

// rowWords says a path's kind in a subnet box: "NAT gateway", "split: endpoint + NAT".
func rowWords(p vpc.ServicePath) string {
	k := p.Kind()
	if k != vpc.PathSplit {
		return kindWords(k)
	}
	var parts []string
	for _, s := range p.Segments {
		if w := kindShortWords(s.Kind); !slices.Contains(parts, w) {
			parts = append(parts, w)
		}
	}
	return "split: " + strings.Join(parts, " + ")
}

func kindWords(k vpc.PathKind) string {
	switch k {
	case vpc.PathGatewayEndpoint:
		return "gateway endpoint"
	case vpc.PathNATGateway:
		return "NAT gateway"
	case vpc.PathInternetGateway:
		return "internet gateway"
	case vpc.PathNone:
		return "no route ✕"
	case vpc.PathBlackhole:
		return "blackhole ✕"
	case vpc.PathOther:
		return "other target"
	}
	return "not analysed"
}

func kindShortWords(k vpc.PathKind) string {
	switch k {
	case vpc.PathGatewayEndpoint:
		return "endpoint"
	case vpc.PathNATGateway:
		return "NAT"
	case vpc.PathInternetGateway:
		return "IGW"
	case vpc.PathNone:
		return "none"
	}
	return string(k)
}

// kindClass names a path kind in CSS classes: path-endpoint, mark-nat, ….
func kindClass(k vpc.PathKind) string {
	switch k {
	case vpc.PathGatewayEndpoint:
		return "endpoint"
	case vpc.PathNATGateway:
		return "nat"
	case vpc.PathInternetGateway:
		return "igw"
	case vpc.PathNone, vpc.PathBlackhole:
		return string(k)
	}
	return "other"
}

func (l *dgLayout) hopBoxes() []diagramBox {
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
			{X: b.X + 8, Y: b.Y + 14, Class: "dg-hop-name", Text: "NAT gateway"},
			{X: b.X + 8, Y: b.Y + 27, Class: "dg-id", Text: n.ID},
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
		{X: b.centerX(), Y: b.Y + 37, Class: "dg-id dg-center", Text: clip(id, 24)},
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

// subnetPaths routes the subnet's lines: for each service, one line per distinct segment (kind
// and target), leaving the subnet's right edge next to the row that names it.
func (l *dgLayout) subnetPaths(sp vpc.SubnetPath) diagramPaths {
	out := diagramPaths{Title: cmp.Or(sp.Subnet.Name, sp.Subnet.ID) + ": " + pathsSentence(sp, l.natByID)}
	place := l.subnets[sp.Subnet.ID]
	for si, svc := range diagramServices {
		var seen []vpc.PathSegment
		for _, seg := range sp.Path(svc.Key).Segments {
			if slices.ContainsFunc(seen, func(s vpc.PathSegment) bool { return s.Kind == seg.Kind && s.Target == seg.Target }) {
				continue
			}
			exit := diagramPoint{place.box.right(), place.box.Y + dgExitY[si] + 3*len(seen)}
			seen = append(seen, seg)
			r := dgRoute{layout: l, place: place, service: si, kind: seg.Kind}
			r.to(exit)
			r.mark(startMark(seg.Kind, exit))
			r.follow(seg)
			// A dash pattern starts at a line's first point, so lines are written from where they
			// end back to the subnet: lines of one lane end at the same point, and where they run
			// together as a trunk their dashes then line up instead of filling each other's gaps.
			slices.Reverse(r.points)
			out.Lines = append(out.Lines, diagramLine{Class: r.class(), Points: r.points})
			out.Marks = append(out.Marks, r.marks...)
		}
	}
	return out
}

// dgRoute builds one line, point by point.
type dgRoute struct {
	layout  *dgLayout
	place   dgPlace
	service int
	kind    vpc.PathKind
	points  []diagramPoint
	marks   []diagramMark
}

func (r *dgRoute) class() string {
	return "path path-" + kindClass(r.kind) + " path-" + diagramServices[r.service].Key
}

func (r *dgRoute) last() diagramPoint { return r.points[len(r.points)-1] }

func (r *dgRoute) to(p diagramPoint) {
	if len(r.points) == 0 || r.last() != p {
		r.points = append(r.points, p)
	}
}

// toX and toY move along one axis, keeping lines orthogonal.
func (r *dgRoute) toX(x int) { r.to(diagramPoint{x, r.last().Y}) }
func (r *dgRoute) toY(y int) { r.to(diagramPoint{r.last().X, y}) }

func (r *dgRoute) mark(d string) {
	r.marks = append(r.marks, diagramMark{Class: "dg-mark mark-" + kindClass(r.kind), D: d})
}

func (r *dgRoute) follow(seg vpc.PathSegment) {
	l := r.layout
	switch seg.Kind {
	case vpc.PathGatewayEndpoint:
		lane := laneOf(dgLaneEndpoint, r.service)
		r.toX(gutterX(r.place.col, lane))
		r.toY(l.tiers[r.place.tier].bottom + laneOffset(lane))
		r.toX(l.edgeLaneX(lane))
		gate := l.endpoints[seg.Target]
		r.toY(gate.laneY(lane))
		r.toX(gate.centerX())
		r.toService(lane)
	case vpc.PathInternetGateway:
		lane := laneOf(dgLaneIGW, r.service)
		r.toX(gutterX(r.place.col, lane))
		r.toY(l.tiers[r.place.tier].top + laneOffset(lane))
		r.toInternet(lane, slices.Index(l.igwIDs, seg.Target))
	case vpc.PathNATGateway:
		r.throughNAT(seg.Target)
	default:
		// No route, a blackhole or another target: a short stub that ends in its mark.
		r.toX(r.last().X + dgStubW)
		end := r.last()
		switch seg.Kind {
		case vpc.PathOther:
			r.mark(arrowMark(end, 1))
		default:
			r.marks = append(r.marks, diagramMark{Class: "dg-cross mark-" + kindClass(r.kind), D: crossMark(end)})
		}
	}
}

// throughNAT runs from the subnet to the NAT gateway (along the corridor between the rows when
// the NAT is in another column), then from the NAT up to the internet gateway. A NAT gateway
// that is not drawn is passed straight to the internet gateway, as it would forward; a private
// NAT gateway, or one in a VPC without an internet gateway, is where the line ends.
func (r *dgRoute) throughNAT(natID string) {
	l := r.layout
	in, out := laneOf(dgLaneNATIn, r.service), laneOf(dgLaneNATOut, r.service)
	nat, ok := l.nats[natID]
	if !ok {
		r.toX(gutterX(r.place.col, out))
		r.toY(l.tiers[r.place.tier].top + laneOffset(out))
		r.toInternet(out, 0)
		return
	}
	r.toX(gutterX(r.place.col, in))
	if nat.col != r.place.col {
		r.toY(l.tiers[r.place.tier].mid + laneOffset(in))
		r.toX(gutterX(nat.col, in))
	}
	r.toY(nat.box.Y + dgNATInY[r.service])
	if l.natByID[natID].ConnectivityType == "private" || len(l.igws) == 0 {
		r.toX(nat.box.right())
		r.mark(arrowMark(r.last(), -1))
		return
	}
	r.toX(nat.box.centerX())
	r.toY(nat.box.Y + dgNATOutY[r.service])
	r.toX(gutterX(nat.col, out))
	r.toY(l.tiers[nat.tier].top + laneOffset(out))
	r.toInternet(out, 0)
}

// toInternet runs along the edge channel to the internet gateway (igw is its index; the first
// one when unknown), through it and the Internet, then to the service.
func (r *dgRoute) toInternet(lane dgLane, igw int) {
	l := r.layout
	if len(l.igws) == 0 {
		r.toX(r.last().X + dgStubW)
		r.mark(arrowMark(r.last(), 1))
		return
	}
	gate := l.igws[max(igw, 0)]
	r.toX(l.edgeLaneX(lane))
	r.toY(gate.laneY(lane))
	r.toX(gate.centerX())
	if y := l.internet.laneY(lane); y != r.last().Y {
		r.toX(gate.right() + laneOffset(lane))
		r.toY(y)
	}
	r.toX(l.internet.centerX())
	r.toService(lane)
}

// toService runs along the outside channel to the service's box, entering where its lane does,
// and ends with an arrowhead.
func (r *dgRoute) toService(lane dgLane) {
	l := r.layout
	svc := l.services[r.service]
	var y int
	switch {
	case lane-dgLane(r.service) == dgLaneEndpoint:
		y = svc.bottom() - 14
	case r.service == 0:
		// S3 sits level with the Internet: its lines go straight in.
		y = l.internet.laneY(lane)
	case lane-dgLane(r.service) == dgLaneNATOut:
		y = svc.Y + 14
	default:
		y = svc.Y + 20
	}
	r.toX(l.outLaneX(lane))
	r.toY(y)
	r.toX(svc.X)
	r.mark(arrowMark(r.last(), 1))
}

// startMark is the symbol of a kind where its line leaves the subnet: a disc for an endpoint, a
// square for a NAT gateway, a triangle for an internet gateway, a diamond for anything else.
func startMark(k vpc.PathKind, p diagramPoint) string {
	switch k {
	case vpc.PathGatewayEndpoint:
		return fmt.Sprintf("M%d %da4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0 -9 0z", p.X-4, p.Y)
	case vpc.PathNATGateway:
		return fmt.Sprintf("M%d %dh8v8h-8z", p.X-4, p.Y-4)
	case vpc.PathInternetGateway:
		return fmt.Sprintf("M%d %dl5 9h-10z", p.X, p.Y-5)
	}
	return fmt.Sprintf("M%d %dl5 5l-5 5l-5 -5z", p.X, p.Y-5)
}

// crossMark is a ✕ just after p, where a line that goes nowhere ends.
func crossMark(p diagramPoint) string {
	return fmt.Sprintf("M%d %dl8 8m0 -8l-8 8", p.X, p.Y-4)
}

// arrowMark is an arrowhead ending at p, pointing right (dir 1) or left (-1).
func arrowMark(p diagramPoint, dir int) string {
	return fmt.Sprintf("M%d %dl%d 4l%d 4z", p.X-9*dir, p.Y-4, 9*dir, -9*dir)
}

// subnetTitle names a subnet and says where its paths go, for its box's tooltip.
func subnetTitle(sp vpc.SubnetPath, nats map[string]vpc.NATGateway) string {
	s := sp.Subnet
	facts := []string{s.ID}
	for _, f := range []string{s.CIDR, s.AvailabilityZone} {
		if f != "" {
			facts = append(facts, f)
		}
	}
	return fmt.Sprintf("%s (%s), %s subnet. %s", cmp.Or(s.Name, s.ID), strings.Join(facts, ", "),
		strings.ToLower(publicLabel(sp.Public)), pathsSentence(sp, nats))
}

// pathsSentence says how a subnet reaches each service, segment by segment when split.
func pathsSentence(sp vpc.SubnetPath, nats map[string]vpc.NATGateway) string {
	var parts []string
	for _, svc := range diagramServices {
		parts = append(parts, svc.Name+" "+pathWords(sp.Path(svc.Key), nats, true))
	}
	return strings.Join(parts, "; ") + "."
}

// pathWords says how a path goes: "through NAT gateway nat-… and the internet gateway". With
// cidrs, a split path names the addresses each part carries.
func pathWords(p vpc.ServicePath, nats map[string]vpc.NATGateway, cidrs bool) string {
	switch p.Kind() {
	case vpc.PathUnknown:
		return "not analysed (its prefix list is not known)"
	case vpc.PathSplit:
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

func segmentWords(s vpc.PathSegment, nats map[string]vpc.NATGateway) string {
	switch s.Kind {
	case vpc.PathGatewayEndpoint:
		return "through gateway endpoint " + s.Target + " (private, free)"
	case vpc.PathNATGateway:
		if nats[s.Target].ConnectivityType == "private" {
			return "through private NAT gateway " + s.Target + " to other networks"
		}
		return "through NAT gateway " + s.Target + " and the internet gateway (public internet)"
	case vpc.PathInternetGateway:
		return "through internet gateway " + s.Target + " (public internet)"
	case vpc.PathNone:
		return "with no route (unreachable)"
	case vpc.PathBlackhole:
		return "into a blackhole route to " + cmp.Or(s.Target, "a deleted target") + " (dropped)"
	}
	return "through " + cmp.Or(s.Target, "an unknown target") + " (another kind of target)"
}

// diagramSummary is the diagram's text alternative: the VPC, then per service how many subnets
// take each path, most common first.
func diagramSummary(a vpc.VPCAudit) string {
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
	mark := func(k vpc.PathKind) diagramMark {
		return diagramMark{Class: "dg-mark mark-" + kindClass(k), D: startMark(k, start)}
	}
	var out []diagramLegendItem
	for _, k := range []vpc.PathKind{vpc.PathGatewayEndpoint, vpc.PathNATGateway, vpc.PathInternetGateway} {
		out = append(out, diagramLegendItem{sample("path path-s3 path-"+kindClass(k), end),
			[]diagramMark{mark(k), {Class: "dg-mark mark-" + kindClass(k), D: arrowMark(end, 1)}}, k.Label()})
	}
	stub := diagramPoint{start.X + dgStubW, 8}
	return append(out,
		diagramLegendItem{sample("path path-s3 path-other", stub),
			[]diagramMark{mark(vpc.PathOther), {Class: "dg-mark mark-other", D: arrowMark(stub, 1)}}, vpc.PathOther.Label()},
		diagramLegendItem{sample("path path-s3 path-none", stub),
			[]diagramMark{mark(vpc.PathNone), {Class: "dg-cross mark-none", D: crossMark(stub)}},
			vpc.PathNone.Label() + "; a blackhole route (traffic dropped) ends the same way"},
		diagramLegendItem{Line: sample("path path-s3 path-sample", end), Text: "thick line: the path to Amazon S3"},
		diagramLegendItem{Line: sample("path path-dynamodb path-sample", end), Text: "thin line: the path to Amazon DynamoDB"},
	)
}()
