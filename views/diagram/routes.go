package diagram

import (
	"cmp"
	"fmt"
	"slices"

	"endpointconsole/vpc/audit"
)

// subnetPaths routes the subnet's lines: for each service, one line per distinct segment (kind
// and target), leaving the subnet's right edge next to the row that names it, each on its own
// lane.
func (l *layout) subnetPaths(sp audit.SubnetPath) diagramPaths {
	out := diagramPaths{Title: cmp.Or(sp.Subnet.Name, sp.Subnet.ID) + ": " + pathsSentence(sp, l.natByID)}
	place := l.subnets[sp.Subnet.ID]
	for si, svc := range diagramServices {
		for i, seg := range distinctSegments(sp.Path(svc.Key)) {
			exit := diagramPoint{place.box.right(), place.box.Y + exitY[si] + 3*i}
			r := route{layout: l, place: place, service: si, kind: seg.Kind, lane: l.lanes[lineKey{sp.Subnet.ID, si, i}]}
			r.to(exit)
			r.mark(startMark(seg.Kind, exit))
			r.follow(seg)
			// A dash pattern starts at a line's first point, so lines are written from where they
			// end back to the subnet: the arrowheads at the services then meet the dashes alike.
			slices.Reverse(r.points)
			out.Lines = append(out.Lines, diagramLine{Class: r.class(), Points: r.points})
			out.Marks = append(out.Marks, r.marks...)
		}
	}
	return out
}

// route builds one line, point by point.
type route struct {
	layout  *layout
	place   place
	service int
	kind    audit.PathKind
	lane    lane
	points  []diagramPoint
	marks   []diagramMark
}

func (r *route) class() string {
	return "path path-" + r.kind.Class() + " path-" + diagramServices[r.service].Key
}

func (r *route) last() diagramPoint { return r.points[len(r.points)-1] }

func (r *route) to(p diagramPoint) {
	if len(r.points) == 0 || r.last() != p {
		r.points = append(r.points, p)
	}
}

// toX and toY move along one axis, keeping lines orthogonal.
func (r *route) toX(x int) { r.to(diagramPoint{x, r.last().Y}) }
func (r *route) toY(y int) { r.to(diagramPoint{r.last().X, y}) }

func (r *route) mark(d string) {
	r.marks = append(r.marks, diagramMark{Class: "dg-mark mark-" + r.kind.Class(), D: d})
}

func (r *route) follow(seg audit.PathSegment) {
	l := r.layout
	switch seg.Kind {
	case audit.PathGatewayEndpoint:
		r.toX(l.gutterX(r.place.col, r.lane))
		r.toY(l.tiers[r.place.tier].bottom + laneOffset(r.lane))
		r.toX(l.edgeLaneX(r.lane))
		gate := l.endpoints[seg.Target]
		r.toY(gate.laneY(r.lane))
		r.toX(gate.centerX())
		r.toService()
	case audit.PathInternetGateway:
		r.toX(l.gutterX(r.place.col, r.lane))
		r.toY(l.tiers[r.place.tier].top + laneOffset(r.lane))
		r.toInternet(slices.Index(l.igwIDs, seg.Target))
	case audit.PathNATGateway:
		r.throughNAT(seg.Target)
	default:
		// No route, a blackhole or another target: a short stub that ends in its mark.
		r.toX(r.last().X + stubW)
		end := r.last()
		switch seg.Kind {
		case audit.PathOther:
			r.mark(arrowMark(end, 1))
		default:
			r.marks = append(r.marks, diagramMark{Class: "dg-cross mark-" + r.kind.Class(), D: crossMark(end)})
		}
	}
}

// throughNAT runs from the subnet to the NAT gateway (along the corridor between the rows when
// the NAT is in another column), turns in it, then runs from the NAT up to the internet
// gateway, on the same lane. A NAT gateway that is not drawn is passed straight to the internet
// gateway, as it would forward; a private NAT gateway, or one in a VPC without an internet
// gateway, is where the line ends.
func (r *route) throughNAT(natID string) {
	l := r.layout
	nat, ok := l.nats[natID]
	if !ok {
		r.toX(l.gutterX(r.place.col, r.lane))
		r.toY(l.tiers[r.place.tier].top + laneOffset(r.lane))
		r.toInternet(0)
		return
	}
	r.toX(l.gutterX(r.place.col, r.lane))
	if nat.col != r.place.col || nat.tier != r.place.tier {
		r.toY(l.tiers[r.place.tier].mid + laneOffset(r.lane))
		r.toX(l.gutterX(nat.col, r.lane))
	}
	in, turnX, out := l.natTurn(nat.box, natID, r.lane)
	r.toY(in)
	if l.natByID[natID].ConnectivityType == "private" || len(l.igws) == 0 {
		r.toX(nat.box.right())
		r.mark(arrowMark(r.last(), -1))
		return
	}
	r.toX(turnX)
	r.toY(out)
	r.toX(l.gutterX(nat.col, r.lane))
	r.toY(l.tiers[nat.tier].top + laneOffset(r.lane))
	r.toInternet(0)
}

// toInternet runs along the edge channel to the internet gateway (igw is its index; the first
// one when unknown), through it and the Internet, then to the service.
func (r *route) toInternet(igw int) {
	l := r.layout
	if len(l.igws) == 0 {
		r.toX(r.last().X + stubW)
		r.mark(arrowMark(r.last(), 1))
		return
	}
	gate := l.igws[max(igw, 0)]
	r.toX(l.edgeLaneX(r.lane))
	r.toY(gate.laneY(r.lane))
	r.toX(gate.centerX())
	if y := l.internet.laneY(r.lane); y != r.last().Y {
		r.toX(gate.right() + laneOffset(r.lane))
		r.toY(y)
	}
	r.toX(l.internet.centerX())
	r.toService()
}

// toService runs along the outside channel to the service's box, entering it at its lane, and
// ends with an arrowhead.
func (r *route) toService() {
	l := r.layout
	svc := l.services[r.service]
	r.toX(l.outLaneX(r.lane))
	r.toY(svc.laneY(r.lane))
	r.toX(svc.X)
	r.mark(arrowMark(r.last(), 1))
}

// startMark is the symbol of a kind where its line leaves the subnet: a disc for an endpoint, a
// square for a NAT gateway, a triangle for an internet gateway, a diamond for anything else.
func startMark(k audit.PathKind, p diagramPoint) string {
	switch k {
	case audit.PathGatewayEndpoint:
		return fmt.Sprintf("M%d %da4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0 -9 0z", p.X-4, p.Y)
	case audit.PathNATGateway:
		return fmt.Sprintf("M%d %dh8v8h-8z", p.X-4, p.Y-4)
	case audit.PathInternetGateway:
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
