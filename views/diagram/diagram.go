package diagram

import (
	"cmp"
	"strconv"
	"strings"

	"endpointconsole/vpc"
	"endpointconsole/vpc/audit"
)

// Geometry, in SVG user units.
const (
	margin      = 16
	headerH     = 46 // the VPC's name and ID above the zones
	bandLabelW  = 30 // the rotated "Public" and "Private" left of the rows
	zoneLabelH  = 22
	subnetW     = 200
	subnetBaseH = 76 // name, CIDR, the S3 row and the DynamoDB row
	subnetGap   = 10
	natH        = 34
	natGap      = 6
	laneCount   = 8
	laneGap     = 5
	laneMargin  = 8
	// channel is the width of a gutter and the height of a corridor: room for every lane.
	channel   = 2*laneMargin + (laneCount-1)*laneGap
	gateW     = 146
	gateGap   = 10
	internetW = 96
	serviceW  = 150
	serviceH  = 100
	tierGap   = 14
	stubW     = 18 // the short line of a path that goes nowhere
	// maxColumns caps the zone columns side by side; more zones wrap into another tier of
	// columns below, so the diagram stays readable at page width. A tier grows downwards with
	// the subnets of its zones, without limit.
	maxColumns = 3
	// Characters that fit on one line of a subnet box.
	nameChars = 25
	rowChars  = 31
)

// Baselines of the subnet box's text, and the height its S3 and DynamoDB lines leave at.
var (
	subnetNameY = 18
	subnetCIDRY = 33
	rowTextY    = [2]int{52, 68}
	exitY       = [2]int{48, 64}
	// A NAT gateway box takes its outgoing lines near its top and its incoming ones lower down.
	natOutY = [2]int{8, 14}
	natInY  = [2]int{22, 28}
)

// diagramServices are the services whose paths are drawn, in lane and box order.
var diagramServices = [2]struct{ Key, Name, Short string }{
	{audit.ServiceS3, "Amazon S3", "S3"},
	{audit.ServiceDynamoDB, "Amazon DynamoDB", "DynamoDB"},
}

// lane is a line's place in every channel: one per service and kind, the two services of a
// kind side by side. Kinds that turn towards the top come first, those to the bottom last.
type lane int

const (
	laneIGW      lane = 0 // the internet gateway
	laneNATOut   lane = 2 // from a NAT gateway on to the internet gateway
	laneNATIn    lane = 4 // from a subnet to its NAT gateway
	laneEndpoint lane = 6
)

func laneOf(kind lane, service int) lane { return kind + lane(service) }

func laneOffset(l lane) int { return laneMargin + int(l)*laneGap }

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
func (b diagramBox) laneY(l lane) int { return b.Y + laneOffset(l) }

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

// tier is the vertical extent of one tier of zone columns.
type tier struct {
	zoneY, top, public, mid, private, bottom, end int
}

// place is a box in the grid: its tier and column.
type place struct {
	box        diagramBox
	tier, col  int
	subnetName string
}

// layout holds the positions diagramLayout works out, then routes lines through.
type layout struct {
	audit     audit.VPCAudit
	zones     []string
	cols      int
	tiers     []tier
	subnets   map[string]place
	nats      map[string]place
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
func diagramLayout(a audit.VPCAudit) diagram {
	l := &layout{audit: a, subnets: map[string]place{}, nats: map[string]place{},
		natByID: map[string]vpc.NATGateway{}, endpoints: map[string]diagramBox{}}
	l.placeZones()
	l.placeSubnets()
	l.placeGates()

	d := diagram{
		ID:     diagramID(a.VPC.ID),
		Width:  l.services[0].right() + margin,
		Height: max(l.vpcBox.bottom(), l.services[1].bottom()) + margin,
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

func colX(c int) int { return margin + bandLabelW + c*(subnetW+channel) }

func gutterX(c int, l lane) int { return colX(c) + subnetW + laneOffset(l) }

func (l *layout) edgeLaneX(lane lane) int { return l.edgeX + laneOffset(lane) }

func (l *layout) outLaneX(lane lane) int { return l.outX + laneOffset(lane) }

func itoa(n int) string { return strconv.Itoa(n) }
