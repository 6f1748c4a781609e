package diagram

import (
	"cmp"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"endpointconsole/vpc"
	"endpointconsole/vpc/audit"
)

// The demo account's prefix lists.
var (
	diagramS3List = vpc.PrefixList{ID: "pl-63a5400a", Name: "com.amazonaws.us-east-1.s3",
		CIDRs: []string{"52.216.0.0/15", "3.5.0.0/19", "54.231.0.0/16"}}
	diagramDynamoList = vpc.PrefixList{ID: "pl-02cd2c6b", Name: "com.amazonaws.us-east-1.dynamodb",
		CIDRs: []string{"3.218.182.0/24", "3.218.180.0/23", "52.94.0.0/22", "52.119.224.0/20"}}
)

// diagramInput is everything audit.AuditVPC reads.
type diagramInput struct {
	vpc       vpc.VPC
	subnets   []vpc.Subnet
	tables    []vpc.RouteTable
	endpoints []vpc.Endpoint
	nats      []vpc.NATGateway
	igws      []vpc.InternetGateway
}

func (in diagramInput) audit() audit.VPCAudit {
	lists := map[string]vpc.PrefixList{diagramS3List.ID: diagramS3List, diagramDynamoList.ID: diagramDynamoList}
	return audit.AuditVPC(in.vpc, in.subnets, in.tables, in.endpoints, in.nats, in.igws, lists, "us-east-1")
}

func fixtureRoute(dest, target string, kind vpc.TargetKind) vpc.Route {
	return vpc.Route{DestinationCIDR: dest, Target: target, TargetKind: kind, State: "active", Origin: "CreateRoute"}
}

func fixtureEndpointRoute(pl vpc.PrefixList, endpointID string) vpc.Route {
	return vpc.Route{DestinationPrefixList: &pl, Target: endpointID, TargetKind: vpc.TargetGatewayEndpoint, State: "active", Origin: "CreateRoute"}
}

// tutorialVPC is the tutorial's First-VPC before any endpoint: Public-1a/1b use the main table
// (→ igw-first) implicitly, Private-1a/1b/1c use RT-Private (→ nat-first, in Public-1a).
func tutorialVPC() diagramInput {
	sub := func(id, name, cidr, zone string) vpc.Subnet {
		return vpc.Subnet{ID: id, Name: name, VPCID: "vpc-first", CIDR: cidr, AvailabilityZone: zone}
	}
	local := fixtureRoute("10.10.0.0/16", "local", vpc.TargetLocal)
	return diagramInput{
		vpc: vpc.VPC{ID: "vpc-first", Name: "First-VPC", CIDR: "10.10.0.0/16"},
		subnets: []vpc.Subnet{
			sub("subnet-pub-a", "Public-1a", "10.10.1.0/24", "us-east-1a"),
			sub("subnet-pub-b", "Public-1b", "10.10.2.0/24", "us-east-1b"),
			sub("subnet-priv-a", "Private-1a", "10.10.11.0/24", "us-east-1a"),
			sub("subnet-priv-b", "Private-1b", "10.10.12.0/24", "us-east-1b"),
			sub("subnet-priv-c", "Private-1c", "10.10.13.0/24", "us-east-1c"),
		},
		tables: []vpc.RouteTable{
			{ID: "rtb-main", Name: "First-RT", VPCID: "vpc-first", Main: true,
				Routes: []vpc.Route{local, fixtureRoute("0.0.0.0/0", "igw-first", vpc.TargetInternetGateway)}},
			{ID: "rtb-private", Name: "RT-Private", VPCID: "vpc-first",
				SubnetIDs: []string{"subnet-priv-a", "subnet-priv-b", "subnet-priv-c"},
				Routes:    []vpc.Route{local, fixtureRoute("0.0.0.0/0", "nat-first", vpc.TargetNATGateway)}},
		},
		nats: []vpc.NATGateway{{ID: "nat-first", Name: "First-NAT", VPCID: "vpc-first", SubnetID: "subnet-pub-a",
			State: "available", ConnectivityType: "public"}},
		igws: []vpc.InternetGateway{{ID: "igw-first", VPCIDs: []string{"vpc-first"}}},
	}
}

// withGatewayEndpoint adds a gateway endpoint for pl on the named tables, with its routes.
func (in diagramInput) withGatewayEndpoint(id string, pl vpc.PrefixList, tableIDs ...string) diagramInput {
	in.tables = slices.Clone(in.tables)
	for i, rt := range in.tables {
		if slices.Contains(tableIDs, rt.ID) {
			rt.Routes = append(slices.Clone(rt.Routes), fixtureEndpointRoute(pl, id))
			in.tables[i] = rt
		}
	}
	in.endpoints = append(slices.Clone(in.endpoints), vpc.Endpoint{ID: id, Type: vpc.TypeGateway, VPCID: in.vpc.ID,
		ServiceName: pl.Name, State: "available", RouteTableIDs: tableIDs})
	return in
}

func (in diagramInput) withSubnetName(id, name string) diagramInput {
	in.subnets = slices.Clone(in.subnets)
	for i := range in.subnets {
		if in.subnets[i].ID == id {
			in.subnets[i].Name = name
		}
	}
	return in
}

// unusualPaths has a subnet of every other kind of path: split, none, blackhole, other.
func unusualPaths() diagramInput {
	in := tutorialVPC().withGatewayEndpoint("vpce-s3", diagramS3List, "rtb-split")
	in.subnets = append(slices.Clone(in.subnets),
		vpc.Subnet{ID: "subnet-split", Name: "Split", VPCID: "vpc-first", CIDR: "10.10.21.0/24", AvailabilityZone: "us-east-1a"},
		vpc.Subnet{ID: "subnet-isolated", Name: "Isolated", VPCID: "vpc-first", CIDR: "10.10.22.0/24", AvailabilityZone: "us-east-1b"},
		vpc.Subnet{ID: "subnet-broken", Name: "Broken", VPCID: "vpc-first", CIDR: "10.10.23.0/24", AvailabilityZone: "us-east-1c"},
		vpc.Subnet{ID: "subnet-peered", Name: "Peered", VPCID: "vpc-first", CIDR: "10.10.24.0/24", AvailabilityZone: "us-east-1c"},
	)
	gone := fixtureRoute("0.0.0.0/0", "nat-gone", vpc.TargetNATGateway)
	gone.State = "blackhole"
	in.tables = append(in.tables,
		vpc.RouteTable{ID: "rtb-split", VPCID: "vpc-first", SubnetIDs: []string{"subnet-split"}, Routes: []vpc.Route{
			fixtureRoute("0.0.0.0/0", "nat-first", vpc.TargetNATGateway), fixtureEndpointRoute(diagramS3List, "vpce-s3"),
			fixtureRoute("52.216.0.0/16", "nat-first", vpc.TargetNATGateway)}},
		vpc.RouteTable{ID: "rtb-isolated", VPCID: "vpc-first", SubnetIDs: []string{"subnet-isolated"}},
		vpc.RouteTable{ID: "rtb-broken", VPCID: "vpc-first", SubnetIDs: []string{"subnet-broken"}, Routes: []vpc.Route{gone}},
		vpc.RouteTable{ID: "rtb-peered", VPCID: "vpc-first", SubnetIDs: []string{"subnet-peered"},
			Routes: []vpc.Route{fixtureRoute("0.0.0.0/0", "pcx-peer", vpc.TargetOther)}},
	)
	return in
}

// manySubnets is a VPC of n subnets spread over zones Availability Zones, a third of them
// public, the others private behind one NAT gateway and with an S3 endpoint.
func manySubnets(n, zones int) diagramInput {
	in := diagramInput{
		vpc: vpc.VPC{ID: "vpc-big", Name: "Big", CIDR: "10.0.0.0/8"},
		tables: []vpc.RouteTable{
			{ID: "rtb-main", VPCID: "vpc-big", Main: true, Routes: []vpc.Route{fixtureRoute("0.0.0.0/0", "igw-big", vpc.TargetInternetGateway)}},
			{ID: "rtb-private", VPCID: "vpc-big", Routes: []vpc.Route{fixtureRoute("0.0.0.0/0", "nat-big", vpc.TargetNATGateway)}},
		},
		nats: []vpc.NATGateway{{ID: "nat-big", VPCID: "vpc-big", SubnetID: "subnet-000", State: "available"}},
		igws: []vpc.InternetGateway{{ID: "igw-big", VPCIDs: []string{"vpc-big"}}},
	}
	for i := range n {
		id := fmt.Sprintf("subnet-%03d", i)
		in.subnets = append(in.subnets, vpc.Subnet{ID: id, Name: fmt.Sprintf("app-%03d", i), VPCID: "vpc-big",
			CIDR: fmt.Sprintf("10.%d.0.0/16", i), AvailabilityZone: fmt.Sprintf("zone-%02d", i%zones)})
		if i%3 != 0 {
			in.tables[1].SubnetIDs = append(in.tables[1].SubnetIDs, id)
		}
	}
	return in.withGatewayEndpoint("vpce-big", diagramS3List, "rtb-private")
}

// xmlNode is an element of the rendered diagram, parsed as XML.
type xmlNode struct {
	Name     string
	Attrs    map[string]string
	Children []*xmlNode
	Text     string // character data directly inside
	// Inner is all the text inside, its descendants' included, in document order.
	Inner string
}

func (n *xmlNode) hasClass(c string) bool {
	return slices.Contains(strings.Fields(n.Attrs["class"]), c)
}

// all returns n and its descendants, in document order, that match.
func (n *xmlNode) all(match func(*xmlNode) bool) []*xmlNode {
	var out []*xmlNode
	if match(n) {
		out = append(out, n)
	}
	for _, c := range n.Children {
		out = append(out, c.all(match)...)
	}
	return out
}

func (n *xmlNode) child(name string) *xmlNode {
	for _, c := range n.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// renderDiagram renders VPC and parses it as XML, token by token to EOF.
func renderDiagram(t *testing.T, a audit.VPCAudit) (string, *xmlNode) {
	t.Helper()
	var b strings.Builder
	if err := VPC(a).Render(context.Background(), &b); err != nil {
		t.Fatalf("render: %v", err)
	}
	out := b.String()
	dec := xml.NewDecoder(strings.NewReader(out))
	dec.Strict = true
	var root *xmlNode
	var stack []*xmlNode
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the diagram is not well-formed XML: %v\n%s", err, out)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &xmlNode{Name: tok.Name.Local, Attrs: map[string]string{}}
			for _, a := range tok.Attr {
				n.Attrs[a.Name.Local] = a.Value
			}
			if len(stack) == 0 {
				if root != nil {
					t.Fatalf("the diagram has more than one root element")
				}
				root = n
			} else {
				parent := stack[len(stack)-1]
				parent.Children = append(parent.Children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += string(tok)
			}
			for _, n := range stack {
				n.Inner += string(tok)
			}
		}
	}
	if root == nil {
		t.Fatalf("the diagram rendered nothing")
	}
	return out, root
}

func svgOf(t *testing.T, root *xmlNode) *xmlNode {
	t.Helper()
	svgs := root.all(func(n *xmlNode) bool { return n.Name == "svg" && n.hasClass("vpc-diagram-svg") })
	if len(svgs) != 1 {
		t.Fatalf("got %d diagram <svg> elements, want 1", len(svgs))
	}
	return svgs[0]
}

type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool { return x >= r.x && x <= r.x+r.w && y >= r.y && y <= r.y+r.h }

func rectOf(t *testing.T, n *xmlNode) rect {
	t.Helper()
	var r rect
	for _, f := range []struct {
		attr string
		v    *int
	}{{"x", &r.x}, {"y", &r.y}, {"width", &r.w}, {"height", &r.h}} {
		v, err := strconv.Atoi(n.Attrs[f.attr])
		if err != nil {
			t.Fatalf("<rect %s=%q>: %v", f.attr, n.Attrs[f.attr], err)
		}
		*f.v = v
	}
	return r
}

// hopRect finds the box of class (dg-endpoint, dg-nat, …) whose title mentions id.
func hopRect(t *testing.T, svg *xmlNode, class, id string) rect {
	t.Helper()
	for _, g := range svg.all(func(n *xmlNode) bool { return n.Name == "g" && n.hasClass(class) }) {
		if title := g.child("title"); title != nil && strings.Contains(title.Text, id) {
			return rectOf(t, g.child("rect"))
		}
	}
	t.Fatalf("no %s box titled with %s", class, id)
	return rect{}
}

func points(t *testing.T, line *xmlNode) [][2]int {
	t.Helper()
	var out [][2]int
	for _, p := range strings.Fields(line.Attrs["points"]) {
		var x, y int
		if _, err := fmt.Sscanf(p, "%d,%d", &x, &y); err != nil {
			t.Fatalf("point %q: %v", p, err)
		}
		out = append(out, [2]int{x, y})
	}
	return out
}

// subnetLines are the lines of the subnet's group, whose title starts with its name.
func subnetLines(t *testing.T, svg *xmlNode, name string) []*xmlNode {
	t.Helper()
	for _, g := range svg.all(func(n *xmlNode) bool { return n.Name == "g" && n.hasClass("dg-subnet-paths") }) {
		if title := g.child("title"); title != nil && strings.HasPrefix(title.Text, name+":") {
			return g.all(func(n *xmlNode) bool { return n.Name == "polyline" })
		}
	}
	t.Fatalf("no path group titled %q", name)
	return nil
}

func passes(t *testing.T, line *xmlNode, r rect) bool {
	t.Helper()
	return slices.ContainsFunc(points(t, line), func(p [2]int) bool { return r.contains(p[0], p[1]) })
}

func TestVPCRendersWellFormedAccessibleSVG(t *testing.T) {
	hostile := tutorialVPC().withSubnetName("subnet-priv-b", "<script>alert(1)</script>")
	hostile.vpc.Name = `Evil "VPC" & <b>co</b>`
	for _, tt := range []struct {
		name  string
		audit audit.VPCAudit
	}{
		{"the tutorial's VPC before an endpoint", tutorialVPC().audit()},
		{"after an S3 and a DynamoDB endpoint", tutorialVPC().
			withGatewayEndpoint("vpce-s3", diagramS3List, "rtb-main", "rtb-private").
			withGatewayEndpoint("vpce-ddb", diagramDynamoList, "rtb-private").audit()},
		{"split, no route, blackhole and other paths", unusualPaths().audit()},
		{"names with markup", hostile.audit()},
		{"120 subnets across 6 zones", manySubnets(120, 6).audit()},
		{"no subnets", diagramInput{vpc: vpc.VPC{ID: "vpc-empty", Name: "Empty", CIDR: "10.9.0.0/16"}}.audit()},
		{"no subnets, no name", audit.VPCAudit{VPC: vpc.VPC{ID: "vpc-bare"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, root := renderDiagram(t, tt.audit)
			svg := svgOf(t, root)

			// A group, not an image: its subnets are links a keyboard reaches, which an image's
			// presentational children could not be.
			if got := svg.Attrs["role"]; got != "group" {
				t.Errorf(`role = %q, want "group"`, got)
			}
			if !strings.HasPrefix(svg.Attrs["viewBox"], "0 0 ") {
				t.Errorf("viewBox = %q, want one from 0 0", svg.Attrs["viewBox"])
			}
			ids := map[string]*xmlNode{}
			for _, n := range root.all(func(n *xmlNode) bool { return n.Attrs["id"] != "" }) {
				if ids[n.Attrs["id"]] != nil {
					t.Errorf("id %q is used twice", n.Attrs["id"])
				}
				ids[n.Attrs["id"]] = n
			}
			labelledBy, describedBy := svg.Attrs["aria-labelledby"], svg.Attrs["aria-describedby"]
			if ids[labelledBy] == nil || ids[labelledBy].Name != "title" || ids[describedBy] == nil || ids[describedBy].Name != "desc" {
				t.Fatalf("aria-labelledby = %q, aria-describedby = %q, want the ids of the svg's <title> and <desc>", labelledBy, describedBy)
			}
			if strings.TrimSpace(ids[labelledBy].Text) == "" || strings.TrimSpace(ids[describedBy].Text) == "" {
				t.Errorf("the <title> or the <desc> is empty")
			}

			// Each subnet is one link, to its row of the page, named with where its paths go,
			// holding its box and its lines: hover and focus light them up together.
			links := svg.all(func(n *xmlNode) bool { return n.Name == "a" })
			if len(links) != len(tt.audit.Subnets) {
				t.Fatalf("got %d links, want one per subnet (%d)", len(links), len(tt.audit.Subnets))
			}
			for i, sp := range tt.audit.Subnets {
				a := links[i]
				name := cmp.Or(sp.Subnet.Name, sp.Subnet.ID)
				if got, want := a.Attrs["href"], "#"+SubnetAnchor(sp.Subnet.ID); got != want {
					t.Errorf("%s: href = %q, want %q", name, got, want)
				}
				// Named with the words it shows (WCAG's label in name), described by where its
				// paths go.
				var shown []string
				for _, n := range a.all(func(n *xmlNode) bool { return n.Name == "text" }) {
					shown = append(shown, n.Text)
				}
				if got, want := a.Attrs["aria-label"], strings.Join(shown, " "); got != want || !strings.HasPrefix(got, clip(name, nameChars)+" ") {
					t.Errorf("%s: aria-label = %q, want the words of its box, %q", name, got, want)
				}
				if desc := ids[a.Attrs["aria-describedby"]]; desc == nil || !strings.HasPrefix(desc.Text, name+": ") ||
					!strings.Contains(desc.Text, "Amazon S3 ") || !strings.Contains(desc.Text, "Amazon DynamoDB ") {
					t.Errorf("%s: aria-describedby = %q, want the id of the sentence that says where its paths go", name, a.Attrs["aria-describedby"])
				}
				boxes := a.all(func(n *xmlNode) bool { return n.Name == "g" && n.hasClass("dg-subnet") })
				lines := a.all(func(n *xmlNode) bool { return n.Name == "polyline" })
				if len(boxes) != 1 || len(lines) < 2 {
					t.Errorf("%s: its link holds %d boxes and %d lines, want its box and a line per service at least", name, len(boxes), len(lines))
				}
			}

			// The list a narrow window shows: each subnet, its path to each service in words.
			items := root.all(func(n *xmlNode) bool { return n.Name == "ul" && n.hasClass("vpc-diagram-list") })
			if len(items) != 1 {
				t.Fatalf("got %d ul.vpc-diagram-list, want 1", len(items))
			}
			var listed []*xmlNode
			for _, c := range items[0].Children {
				if c.Name == "li" {
					listed = append(listed, c)
				}
			}
			if len(listed) != len(tt.audit.Subnets) {
				t.Fatalf("the list has %d subnets, want %d", len(listed), len(tt.audit.Subnets))
			}
			for i, sp := range tt.audit.Subnets {
				if got := allText(listed[i].child("p").child("strong")); got != cmp.Or(sp.Subnet.Name, sp.Subnet.ID) {
					t.Errorf("list item %d names %q, want %q", i, got, cmp.Or(sp.Subnet.Name, sp.Subnet.ID))
				}
				var paths []string
				for _, li := range listed[i].child("ul").Children {
					// The service, in its span, then the words after it (ids in spans of their own).
					paths = append(paths, strings.Join(strings.Fields(li.Inner), " "))
				}
				want := []string{"Amazon S3 " + pathWords(sp.S3, nil, true), "Amazon DynamoDB " + pathWords(sp.DynamoDB, nil, true)}
				if !slices.Equal(paths, want) {
					t.Errorf("list item %d: paths %q, want %q", i, paths, want)
				}
			}

			for _, n := range root.all(func(*xmlNode) bool { return true }) {
				if _, ok := n.Attrs["style"]; ok {
					t.Errorf("<%s> has a style attribute; the CSP forbids them", n.Name)
				}
				if n.Name == "style" || n.Name == "script" {
					t.Errorf("the diagram has a <%s> element", n.Name)
				}
			}

			var words []string
			for _, n := range svg.all(func(n *xmlNode) bool { return n.Name == "text" || n.Name == "title" }) {
				words = append(words, n.Text)
			}
			all := strings.Join(words, "\n")
			for _, sp := range tt.audit.Subnets {
				if !strings.Contains(all, sp.Subnet.Name) {
					t.Errorf("no <text> or <title> names subnet %q", sp.Subnet.Name)
				}
			}
			groups := svg.all(func(n *xmlNode) bool { return n.Name == "g" && n.hasClass("dg-subnet") })
			if len(groups) != len(tt.audit.Subnets) {
				t.Errorf("got %d subnet groups, want %d", len(groups), len(tt.audit.Subnets))
			}
			for _, g := range groups {
				if title := g.child("title"); title == nil || !strings.Contains(title.Text, "Amazon S3") ||
					!strings.Contains(title.Text, "Amazon DynamoDB") {
					t.Errorf("a subnet group's title does not name its paths: %+v", title)
				}
			}
		})
	}
}

func TestVPCEscapesNames(t *testing.T) {
	const evil = "<script>alert(1)</script>"
	in := tutorialVPC().withSubnetName("subnet-priv-b", evil)
	in.vpc.Name = evil
	out, root := renderDiagram(t, in.audit())
	if strings.Contains(out, "<script") {
		t.Fatalf("the diagram contains a raw <script> tag:\n%s", out)
	}
	if !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the name is not there, escaped")
	}
	texts := root.all(func(n *xmlNode) bool { return n.Name == "text" && strings.Contains(n.Text, evil) })
	if len(texts) < 2 {
		t.Errorf("got %d <text> elements reading %q, want the VPC's and the subnet's", len(texts), evil)
	}
}

func TestVPCDrawsEachPathThroughItsHops(t *testing.T) {
	before := tutorialVPC()
	after := before.withGatewayEndpoint("vpce-s3", diagramS3List, "rtb-main", "rtb-private")
	for _, tt := range []struct {
		name    string
		input   diagramInput
		subnet  string
		class   string   // of the subnet's S3 line
		through []string // hop classes and IDs the line passes, in pairs
		avoids  []string
	}{
		{"a private subnet through the NAT gateway", before, "Private-1c", "path-nat",
			[]string{"dg-nat", "nat-first", "dg-igw", "igw-first", "dg-internet", "Internet"}, nil},
		{"a public subnet through the internet gateway", before, "Public-1b", "path-igw",
			[]string{"dg-igw", "igw-first", "dg-internet", "Internet"}, []string{"dg-nat", "nat-first"}},
		{"a private subnet through the endpoint", after, "Private-1a", "path-endpoint",
			[]string{"dg-endpoint", "vpce-s3"}, []string{"dg-nat", "nat-first", "dg-igw", "igw-first"}},
		{"a public subnet through the endpoint", after, "Public-1a", "path-endpoint",
			[]string{"dg-endpoint", "vpce-s3"}, []string{"dg-igw", "igw-first"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, root := renderDiagram(t, tt.input.audit())
			svg := svgOf(t, root)
			var s3 []*xmlNode
			for _, l := range subnetLines(t, svg, tt.subnet) {
				if l.hasClass("path-s3") {
					s3 = append(s3, l)
				}
			}
			if len(s3) != 1 {
				t.Fatalf("%s has %d S3 lines, want 1", tt.subnet, len(s3))
			}
			line := s3[0]
			if !line.hasClass("path") || !line.hasClass(tt.class) {
				t.Errorf("class = %q, want path and %s", line.Attrs["class"], tt.class)
			}
			for i := 0; i < len(tt.through); i += 2 {
				if !passes(t, line, hopRect(t, svg, tt.through[i], tt.through[i+1])) {
					t.Errorf("the line does not pass %s %s: %s", tt.through[i], tt.through[i+1], line.Attrs["points"])
				}
			}
			for i := 0; i < len(tt.avoids); i += 2 {
				if passes(t, line, hopRect(t, svg, tt.avoids[i], tt.avoids[i+1])) {
					t.Errorf("the line passes %s %s: %s", tt.avoids[i], tt.avoids[i+1], line.Attrs["points"])
				}
			}
			s3Box := hopRect(t, svg, "dg-service", "Amazon S3")
			if !passes(t, line, rect{s3Box.x, s3Box.y, 0, s3Box.h}) {
				t.Errorf("the line does not end on Amazon S3's edge: %s", line.Attrs["points"])
			}
		})
	}
}

func TestVPCUnusualPaths(t *testing.T) {
	_, root := renderDiagram(t, unusualPaths().audit())
	svg := svgOf(t, root)
	for _, tt := range []struct {
		subnet  string
		classes []string // of the S3 lines
	}{
		{"Split", []string{"path-endpoint", "path-nat"}},
		{"Isolated", []string{"path-none"}},
		{"Broken", []string{"path-blackhole"}},
		{"Peered", []string{"path-other"}},
	} {
		t.Run(tt.subnet, func(t *testing.T) {
			var got []string
			for _, l := range subnetLines(t, svg, tt.subnet) {
				if l.hasClass("path-s3") {
					for _, c := range strings.Fields(l.Attrs["class"]) {
						if c != "path" && c != "path-s3" {
							got = append(got, c)
						}
					}
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.classes) {
				t.Errorf("S3 line classes = %q, want %q", got, tt.classes)
			}
		})
	}
	crosses := svg.all(func(n *xmlNode) bool { return n.Name == "path" && n.hasClass("dg-cross") })
	if len(crosses) != 4 {
		t.Errorf("got %d ✕ marks, want 4 (S3 and DynamoDB of Isolated and Broken)", len(crosses))
	}
}

func TestDiagramSummary(t *testing.T) {
	for _, tt := range []struct {
		name  string
		audit audit.VPCAudit
		want  []string
	}{
		{"before an endpoint", tutorialVPC().audit(), []string{
			"First-VPC (vpc-first) has 5 subnets in 3 Availability Zones: 2 public, 3 private.",
			"3 subnets reach Amazon S3 through NAT gateway nat-first and the internet gateway (public internet); 2 through internet gateway igw-first (public internet).",
			"3 subnets reach Amazon DynamoDB through NAT gateway nat-first",
		}},
		{"after an endpoint on every table", tutorialVPC().withGatewayEndpoint("vpce-s3", diagramS3List, "rtb-main", "rtb-private").audit(), []string{
			"5 subnets reach Amazon S3 through gateway endpoint vpce-s3 (private, free).",
		}},
		{"unusual paths", unusualPaths().audit(), []string{
			"1 with no route (unreachable)",
			"1 into a blackhole route to nat-gone (dropped)",
			"1 split: through NAT gateway nat-first and the internet gateway (public internet), and through gateway endpoint vpce-s3 (private, free)",
		}},
		{"no subnets", audit.VPCAudit{VPC: vpc.VPC{ID: "vpc-empty", Name: "Empty"}}, []string{
			"Empty (vpc-empty) has no subnets, so nothing in it reaches Amazon S3 or Amazon DynamoDB.",
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := diagramSummary(tt.audit)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("summary = %q\nwant it to contain %q", got, w)
				}
			}
		})
	}
}

func TestDiagramLayoutWrapsZonesAndKeepsBoxesApart(t *testing.T) {
	for _, tt := range []struct {
		subnets, zones     int
		wantCols, wantRows int // zone columns side by side, tiers of them
	}{
		{0, 1, 1, 1},
		{1, 1, 1, 1},
		{5, 3, 3, 1},
		{8, 4, 2, 2},
		{10, 5, 3, 2},
		{120, 6, 3, 2},
		{70, 7, 3, 3},
	} {
		t.Run(fmt.Sprintf("%d subnets in %d zones", tt.subnets, tt.zones), func(t *testing.T) {
			d := diagramLayout(manySubnets(tt.subnets, tt.zones).audit(), "")
			if tt.subnets > 0 {
				var xs, ys []int
				for _, z := range d.Backdrops[1:] {
					if !slices.Contains(xs, z.X) {
						xs = append(xs, z.X)
					}
					if !slices.Contains(ys, z.Y) {
						ys = append(ys, z.Y)
					}
				}
				if len(xs) != tt.wantCols || len(ys) != tt.wantRows {
					t.Errorf("zones in %d columns and %d tiers, want %d and %d", len(xs), len(ys), tt.wantCols, tt.wantRows)
				}
			}
			if len(d.Subnets) != tt.subnets || len(d.Paths) != tt.subnets {
				t.Fatalf("got %d subnet boxes and %d path groups, want %d", len(d.Subnets), len(d.Paths), tt.subnets)
			}
			inside := func(b diagramBox) bool {
				return b.X >= 0 && b.Y >= 0 && b.right() <= d.Width && b.bottom() <= d.Height
			}
			overlap := func(a, b diagramBox) bool {
				return a.X < b.right() && b.X < a.right() && a.Y < b.bottom() && b.Y < a.bottom()
			}
			for i, a := range d.Subnets {
				if !inside(a) || !inside(d.Backdrops[0]) {
					t.Errorf("subnet %d (%+v) is outside the VPC or the view box", i, a)
				}
				for _, b := range d.Subnets[i+1:] {
					if overlap(a, b) {
						t.Errorf("subnets overlap: %s and %s", a.Title, b.Title)
					}
				}
			}
			for _, p := range d.Paths {
				for _, l := range p.Lines {
					for i := 1; i < len(l.Points); i++ {
						a, b := l.Points[i-1], l.Points[i]
						if a.X != b.X && a.Y != b.Y {
							t.Fatalf("%s: a diagonal from %v to %v", p.Title, a, b)
						}
						if b.X < 0 || b.Y < 0 || b.X > d.Width || b.Y > d.Height {
							t.Fatalf("%s: point %v is outside the view box", p.Title, b)
						}
					}
				}
			}
		})
	}
}

func TestDiagramIDIsSafeAndPerVPC(t *testing.T) {
	for _, tt := range []struct{ vpcID, want string }{
		{"vpc-0a1b2c3d", "vpc-diagram-vpc-0a1b2c3d"},
		{`vpc-"x" <y>`, "vpc-diagram-vpc--x---y-"},
		{"", "vpc-diagram"},
	} {
		if got := diagramID(tt.vpcID); got != tt.want {
			t.Errorf("diagramID(%q) = %q, want %q", tt.vpcID, got, tt.want)
		}
	}
}

// segment is one straight piece of a subnet's line.
type segment struct {
	subnet int
	a, b   diagramPoint
}

// sharedRun says whether s and o lie on one line and overlap over more than a point.
func (s segment) sharedRun(o segment) bool {
	span := func(p, q int) (int, int) { return min(p, q), max(p, q) }
	overlap := func(a1, a2, b1, b2 int) bool {
		lo1, hi1 := span(a1, a2)
		lo2, hi2 := span(b1, b2)
		return min(hi1, hi2)-max(lo1, lo2) > 0
	}
	switch {
	case s.a.Y == s.b.Y && o.a.Y == o.b.Y && s.a.Y == o.a.Y:
		return overlap(s.a.X, s.b.X, o.a.X, o.b.X)
	case s.a.X == s.b.X && o.a.X == o.b.X && s.a.X == o.a.X:
		return overlap(s.a.Y, s.b.Y, o.a.Y, o.b.Y)
	}
	return false
}

// TestDiagramGivesEachSubnetItsOwnLane: no piece of one subnet's line runs along a piece of
// another's, so every path can be followed from its subnet to its service.
func TestDiagramGivesEachSubnetItsOwnLane(t *testing.T) {
	for _, tt := range []struct {
		name  string
		input diagramInput
	}{
		{"the tutorial's VPC before an endpoint", tutorialVPC()},
		{"after an S3 and a DynamoDB endpoint", tutorialVPC().
			withGatewayEndpoint("vpce-s3", diagramS3List, "rtb-main", "rtb-private").
			withGatewayEndpoint("vpce-ddb", diagramDynamoList, "rtb-private")},
		{"split, no route, blackhole and other paths", unusualPaths()},
		{"14 subnets across 3 zones", manySubnets(14, 3)},
		{"40 subnets across 6 zones", manySubnets(40, 6)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := diagramLayout(tt.input.audit(), "")
			var segs []segment
			for i, p := range d.Paths {
				for _, l := range p.Lines {
					for j := 1; j < len(l.Points); j++ {
						segs = append(segs, segment{i, l.Points[j-1], l.Points[j]})
					}
				}
			}
			shared := 0
			for i, s := range segs {
				for _, o := range segs[i+1:] {
					if s.subnet != o.subnet && s.sharedRun(o) {
						if shared < 5 {
							t.Errorf("%s and %s share a line: %v–%v and %v–%v", subnetNameOf(d, s.subnet), subnetNameOf(d, o.subnet), s.a, s.b, o.a, o.b)
						}
						shared++
					}
				}
			}
			if shared > 0 {
				t.Errorf("%d pairs of pieces of different subnets' lines run along each other, want none", shared)
			}
		})
	}
}

func subnetNameOf(d diagram, i int) string {
	name, _, _ := strings.Cut(d.Paths[i].Title, ":")
	return name
}

// allText is the text of n and its descendants, with runs of space made one.
func allText(n *xmlNode) string {
	parts := []string{n.Text}
	for _, c := range n.Children {
		parts = append(parts, allText(c))
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}
