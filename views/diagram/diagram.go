package diagram

import (
	"cmp"
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"endpointconsole/static"

	"endpointconsole/vpc"
	"endpointconsole/vpc/audit"
)

// Geometry, in SVG user units. The SVG is drawn at one CSS pixel per unit (its width and height
// are its view box's), so a 12-unit font is 12 px on the page.
const (
	margin      = 16
	headerH     = 48 // the VPC's name and ID above the zones
	bandLabelW  = 30 // the rotated "Public" and "Private" left of the rows
	zoneLabelH  = 24
	subnetW     = 212
	subnetBaseH = 80 // name, CIDR, the S3 row and the DynamoDB row
	subnetGap   = 10
	natTextH    = 36 // the NAT gateway's name and ID, above where lines turn in it
	natH        = natTextH + 4
	natGap      = 6
	laneGap     = 8
	laneMargin  = 8
	// minChannel is the narrowest channel: a gate is as tall as a channel and holds two lines
	// of text.
	minChannel = 52
	gateW      = 184
	gateGap    = 10
	internetW  = 96
	serviceW   = 150
	serviceH   = 100
	tierGap    = 14
	stubW      = 18 // the short line of a path that goes nowhere
	// maxColumns caps the zone columns side by side; more zones wrap into another tier of
	// columns below. A tier grows downwards with the subnets of its zones, without limit.
	maxColumns = 3
	// Characters that fit on one line of a subnet box at 12 px.
	nameChars = 25
	rowChars  = 30
)

// Baselines of the subnet box's text, and the height its S3 and DynamoDB lines leave at.
var (
	subnetNameY = 19
	subnetCIDRY = 36
	rowTextY    = [2]int{55, 72}
	exitY       = [2]int{50, 67}
)

// diagramServices are the services whose paths are drawn, in box order.
var diagramServices = [2]struct{ Key, Name, Short string }{
	{audit.ServiceS3, "Amazon S3", "S3"},
	{audit.ServiceDynamoDB, "Amazon DynamoDB", "DynamoDB"},
}

// lane is a line's place in every channel it runs through: each line of each subnet has its
// own, so no two subnets' lines ever run along each other.
type lane int

func laneOffset(l lane) int { return laneMargin + int(l)*laneGap }

// channelFor is the width of a gutter and the height of a corridor with room for n lanes.
func channelFor(n int) int { return max(minChannel, 2*laneMargin+(n-1)*laneGap) }

// lineKey names one line: a subnet's distinct segment (its index among them) to a service.
type lineKey struct {
	subnetID string
	service  int
	segment  int
}

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

// diagramPaths are one subnet's lines, with a title that says where they go and the link to the
// subnet's row of the audit page.
type diagramPaths struct {
	Title string
	Href  string
	// Label is the words of the subnet's box, its link's name (what a reader sees is what a
	// screen reader says); TitleID is the id of the title, which describes the link.
	Label, TitleID string
	Lines          []diagramLine
	Marks          []diagramMark
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
	// channel is the width of every gutter and the height of every corridor: room for every
	// lane.
	channel int
	lanes   map[lineKey]lane
	// natLines are the lanes of the lines into each NAT gateway, in the order they turn in it.
	natLines map[string][]lane
}

// diagramLayout places every box and routes every subnet's lines; each subnet links to its row
// of the page at pagePath ("" for the page the diagram is in). It is pure: the same audit always
// gives the same diagram.
func diagramLayout(a audit.VPCAudit, pagePath string) diagram {
	l := &layout{audit: a, subnets: map[string]place{}, nats: map[string]place{},
		natByID: map[string]vpc.NATGateway{}, endpoints: map[string]diagramBox{}}
	l.assignLanes()
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
	for i, sp := range a.Subnets {
		box := l.subnetBox(sp)
		d.Subnets = append(d.Subnets, box)
		paths := l.subnetPaths(sp)
		paths.Href = pagePath + "#" + SubnetAnchor(sp.Subnet.ID)
		words := make([]string, len(box.Texts))
		for j, t := range box.Texts {
			words[j] = t.Text
		}
		paths.Label, paths.TitleID = strings.Join(words, " "), d.ID+"-paths-"+itoa(i)
		d.Paths = append(d.Paths, paths)
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

func (l *layout) colX(c int) int { return margin + bandLabelW + c*(subnetW+l.channel) }

func (l *layout) gutterX(c int, ln lane) int { return l.colX(c) + subnetW + laneOffset(ln) }

func (l *layout) edgeLaneX(lane lane) int { return l.edgeX + laneOffset(lane) }

func (l *layout) outLaneX(lane lane) int { return l.outX + laneOffset(lane) }

func itoa(n int) string { return strconv.Itoa(n) }

// SubnetAnchor is the id of a subnet's row on the audit page, which the diagram's subnets link
// to.
func SubnetAnchor(subnetID string) string { return url.PathEscape("paths-" + subnetID) }

func auditPagePath(vpcID string) string { return "/audit/vpcs/" + url.PathEscape(vpcID) }

func svgClass(standalone bool) string {
	if standalone {
		// The stylesheet's rules for the diagram are scoped to .vpc-diagram, the page's figure.
		return "vpc-diagram vpc-diagram-svg"
	}
	return "vpc-diagram-svg"
}

// standaloneCSS is the console's stylesheet, which Standalone carries inside. It has no "<" or
// "&", so it is well-formed XML as it is.
var standaloneCSS = sync.OnceValue(func() string {
	css, err := static.FS.ReadFile("console.css")
	if err != nil {
		panic("the embedded console.css is missing: " + err.Error())
	}
	return string(css)
})

// StandaloneCSP is the Content-Security-Policy of Standalone's SVG: nothing may load or run, and
// the one stylesheet inside it, by its digest, may apply.
var StandaloneCSP = sync.OnceValue(func() string {
	sum := sha256.Sum256([]byte(standaloneCSS()))
	return "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; frame-ancestors 'none'; base-uri 'none'"
})
