package web

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"endpointconsole/ec2test"
	"endpointconsole/vpc/seed"
)

// fullDiagramScreenshotPath is where TestAuditDiagramFullSizeBrowser leaves a picture of the
// Full size diagram, for a person to look at; it is not part of the repository.
const fullDiagramScreenshotPath = "/tmp/audit-diagram-full.png"

// diagramText is what TestAuditDiagramTextBrowser measures of the diagram's words.
type diagramText struct {
	Texts int
	// Smallest is the smallest text as drawn: its font size times the scale the SVG is drawn
	// at (rotated labels included); SmallestBox the smallest height of an unrotated text's box.
	Smallest, SmallestBox float64
	SmallestText          string
	// Scale is the SVG's CSS pixels per user unit.
	Scale float64
}

// measureDiagramText measures every <text> of the page's diagram.
func measureDiagramText(t *testing.T, tb *tab) diagramText {
	t.Helper()
	return eval[diagramText](t, tb, `(() => {
		const svg = document.querySelector("svg.vpc-diagram-svg");
		const out = {Texts: 0, Smallest: 1e9, SmallestBox: 1e9, SmallestText: "", Scale: 0};
		const m = svg.getScreenCTM();
		out.Scale = Math.hypot(m.a, m.b);
		for (const text of svg.querySelectorAll("text")) {
			const ctm = text.getScreenCTM();
			const size = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(ctm.a, ctm.b);
			const box = text.getBoundingClientRect();
			out.Texts++;
			if (size < out.Smallest) { out.Smallest = size; out.SmallestText = text.textContent; }
			if (Math.abs(ctm.b) < 1e-6 && box.height < out.SmallestBox) out.SmallestBox = box.height;
		}
		return out;
	})()`)
}

// TestAuditDiagramTextBrowser: at 1366 px, no word of the audit diagram is drawn smaller than
// 12 CSS px, on the tutorial's VPC before and after an S3 gateway endpoint, on a VPC of 14
// subnets and on a scale demo's VPC; the drawing is not shrunk to fit, its region scrolls
// instead of the page; and each kind of line has a dash pattern of its own, for greyscale.
func TestAuditDiagramTextBrowser(t *testing.T) {
	t.Parallel() // independent: its own consoles and tab
	browser := startBrowser(t)
	tutorial := newConsole(t)
	big := newConsole(t)
	addSubnets(t, big, 9)
	createS3Endpoint(t, big.demo, big.demo.Account.PrivateRouteTableID)
	scale := newConsole(t, withSeed(seed.Options{ExtraVPCs: 2}))

	tb := newTab(t, browser)
	tb.do(t, "set the window to 1366×900", chromedp.EmulateViewport(1366, 900))
	for _, tt := range []struct {
		name  string
		c     *console
		vpcID string
		setup func(t *testing.T)
	}{
		{"First-VPC before an endpoint", tutorial, tutorial.demo.Account.VPCID, func(*testing.T) {}},
		{"First-VPC with an S3 gateway endpoint", tutorial, tutorial.demo.Account.VPCID, func(t *testing.T) {
			createS3Endpoint(t, tutorial.demo, tutorial.demo.Account.PrivateRouteTableID)
		}},
		{"First-VPC with 14 subnets", big, big.demo.Account.VPCID, func(*testing.T) {}},
		{"a scale demo's VPC", scale, scale.demo.Account.ExtraVPCs[1].VPCID, func(*testing.T) {}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.setup(t)
			tb.do(t, "open the audit", chromedp.Navigate(tt.c.URL+"/audit/vpcs/"+tt.vpcID),
				chromedp.WaitVisible(chromedp.CSS("svg.vpc-diagram-svg")))
			got := measureDiagramText(t, tb)
			t.Logf("%d texts, drawn at %.3f px per unit; smallest %.2f px (%q), smallest unrotated box %.2f px",
				got.Texts, got.Scale, got.Smallest, got.SmallestText, got.SmallestBox)
			if got.Texts == 0 {
				t.Fatalf("the diagram has no text")
			}
			if got.Smallest < 12 {
				t.Errorf("the smallest text is drawn at %.2f px (%q), want at least 12", got.Smallest, got.SmallestText)
			}
			if got.SmallestBox < 12 {
				t.Errorf("the smallest unrotated text's box is %.2f px tall, want at least 12", got.SmallestBox)
			}
			if got.Scale < 0.999 {
				t.Errorf("the SVG is drawn at %.3f px per unit: shrunk to fit, want 1", got.Scale)
			}
			// In greyscale the kinds of line still differ: each kind has one dash pattern of its
			// own.
			dashes := eval[map[string][]string](t, tb, `(() => {
				const out = {};
				for (const line of document.querySelectorAll("svg.vpc-diagram-svg .dg-subnet-paths polyline")) {
					const kind = [...line.classList].find(c => c.startsWith("path-") && c !== "path-s3" && c !== "path-dynamodb");
					const dash = getComputedStyle(line).strokeDasharray;
					out[kind] = [...new Set([...(out[kind] || []), dash])];
				}
				return out;
			})()`)
			if len(dashes) < 2 {
				t.Errorf("kinds of line drawn: got %q, want at least two", dashes)
			}
			seen := map[string]string{}
			for kind, patterns := range dashes {
				if len(patterns) != 1 {
					t.Errorf("%s lines have %d dash patterns %q, want one", kind, len(patterns), patterns)
					continue
				}
				if other, ok := seen[patterns[0]]; ok {
					t.Errorf("%s and %s lines have the same dash pattern %q: in greyscale they look alike", kind, other, patterns[0])
				}
				seen[patterns[0]] = kind
			}
			if over := eval[float64](t, tb, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); over > 0 {
				t.Errorf("the page scrolls sideways by %v px; the diagram's region should scroll instead", over)
			}
			tb.checkNoConsoleErrors(t)
		})
	}
}

// addSubnets adds n private subnets to First-VPC, spread over its three zones and associated
// with RT-Private, through the EC2 API.
func addSubnets(t *testing.T, c *console, n int) {
	t.Helper()
	client := ec2test.Client(t, c.demo.URL)
	a := c.demo.Account
	for i := range n {
		zone := "us-east-1" + string(rune('a'+i%3))
		s, err := client.CreateSubnet(t.Context(), &ec2.CreateSubnetInput{
			VpcId: aws.String(a.VPCID), CidrBlock: aws.String(fmt.Sprintf("10.10.%d.0/24", 100+i)), AvailabilityZone: aws.String(zone),
			TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeSubnet,
				Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String(fmt.Sprintf("App-%02d-%s", i+1, zone[len(zone)-2:]))}}}},
		})
		if err != nil {
			t.Fatalf("create a subnet: %v", err)
		}
		if _, err := client.AssociateRouteTable(t.Context(), &ec2.AssociateRouteTableInput{
			RouteTableId: aws.String(a.PrivateRouteTableID), SubnetId: s.Subnet.SubnetId}); err != nil {
			t.Fatalf("associate the subnet with RT-Private: %v", err)
		}
	}
}

// TestAuditDiagramHighlightBrowser: Tab reaches each subnet of the diagram, and a subnet reached
// or pointed at draws its lines thicker while every other subnet's lines fade, with no script.
func TestAuditDiagramHighlightBrowser(t *testing.T) {
	t.Parallel() // independent: its own console and tab
	browser := startBrowser(t)
	c := newConsole(t)
	tb := newTab(t, browser)
	wizardDisableJavaScript(t, tb)
	tb.do(t, "open First-VPC's audit at 1366 px", chromedp.EmulateViewport(1366, 900),
		chromedp.Navigate(c.URL+"/audit/vpcs/"+c.demo.Account.VPCID), chromedp.WaitVisible(chromedp.CSS("svg.vpc-diagram-svg")))

	type look struct {
		Focused string
		// Per subnet link, in order: its S3 line's width and its lines' opacity.
		Widths, Opacities []float64
		Names             []string
	}
	const read = `(() => {
		const links = [...document.querySelectorAll("svg.vpc-diagram-svg a.dg-subnet-link")];
		return {
			Focused: (document.getElementById(document.activeElement.getAttribute("aria-describedby")) || {}).textContent || "",
			Widths: links.map(a => parseFloat(getComputedStyle(a.querySelector(".path.path-s3")).strokeWidth)),
			Opacities: links.map(a => parseFloat(getComputedStyle(a.querySelector(".dg-subnet-paths")).opacity)),
			Names: links.map(a => a.querySelector("text").textContent),
		};
	})()`
	before := eval[look](t, tb, read)
	if len(before.Names) != 5 {
		t.Fatalf("subnet links: got %q, want First-VPC's 5 subnets", before.Names)
	}
	for i := range before.Names {
		if before.Opacities[i] != 1 {
			t.Errorf("before any focus, %s's lines have opacity %v, want 1", before.Names[i], before.Opacities[i])
		}
	}

	// What a screen reader gets: each subnet a link named with the words of its box and
	// described by where its paths go.
	links := diagramLinksInAXTree(t, tb)
	if len(links) != len(before.Names) {
		t.Errorf("links in the accessibility tree: got %q, want one per subnet", links)
	}
	for _, name := range before.Names {
		if !slices.ContainsFunc(links, func(l [2]string) bool {
			return strings.HasPrefix(l[0], name+" ") && strings.HasPrefix(l[1], name+": Amazon S3 through ") && strings.Contains(l[1], "; Amazon DynamoDB through ")
		}) {
			t.Errorf("no link in the accessibility tree is named after %s and described by its paths: %q", name, links)
		}
	}

	// lit checks that subnet i alone is lit.
	lit := func(t *testing.T, how string, got look, i int) {
		t.Helper()
		for j, name := range got.Names {
			switch {
			case j == i && (got.Widths[j] <= before.Widths[j] || got.Opacities[j] != 1):
				t.Errorf("%s %s: its S3 line is %v wide (%v before), opacity %v; want it thicker and opaque", how, name, got.Widths[j], before.Widths[j], got.Opacities[j])
			case j != i && got.Opacities[j] > 0.5:
				t.Errorf("%s %s: %s's lines have opacity %v, want them faded", how, got.Names[i], name, got.Opacities[j])
			}
		}
	}
	tb.do(t, "focus the diagram's region and press Tab",
		chromedp.Focus(chromedp.CSS(`.diagram[role="region"]`)), chromedp.KeyEvent(kb.Tab))
	got := eval[look](t, tb, read)
	if !strings.HasPrefix(got.Focused, before.Names[0]+": Amazon S3 ") {
		t.Errorf("Tab from the diagram's region reaches %q, want the first subnet, %s, described by its paths", got.Focused, before.Names[0])
	}
	lit(t, "with the keyboard on", got, 0)
	tb.do(t, "press Tab again", chromedp.KeyEvent(kb.Tab))
	lit(t, "with the keyboard on", eval[look](t, tb, read), 1)

	tb.do(t, "leave the diagram", chromedp.Focus(chromedp.CSS(`.diagram[role="region"]`)))
	box := eval[[]float64](t, tb, `(() => {
		const r = document.querySelectorAll("svg.vpc-diagram-svg a.dg-subnet-link .dg-subnet rect")[2].getBoundingClientRect();
		return [r.x + r.width / 2, r.y + r.height / 2];
	})()`)
	tb.do(t, "point at the third subnet", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, box[0], box[1]))
	lit(t, "pointing at", eval[look](t, tb, read), 2)
	tb.checkNoConsoleErrors(t)
}

// TestAuditDiagramOnAPhoneBrowser: at 390 px the drawing gives way to the list of each subnet's
// paths in words, and nothing is wider than the window.
func TestAuditDiagramOnAPhoneBrowser(t *testing.T) {
	t.Parallel() // independent: its own console and tab
	browser := startBrowser(t)
	c := newConsole(t)
	tb := newTab(t, browser)
	tb.do(t, "open First-VPC's audit at "+phone.name, chromedp.EmulateViewport(phone.width, phone.height),
		chromedp.Navigate(c.URL+"/audit/vpcs/"+c.demo.Account.VPCID), chromedp.WaitReady("main h1"))
	type look struct {
		SVG, Legend, List bool
		Items             []string
		PageScroll        int
	}
	got := eval[look](t, tb, `(() => {
		const shown = el => !!el && el.checkVisibility({visibilityProperty: true});
		return {
			SVG: shown(document.querySelector(".diagram svg.vpc-diagram-svg")),
			Legend: shown(document.querySelector(".diagram .vpc-diagram-legend")),
			List: shown(document.querySelector(".diagram ul.vpc-diagram-list")),
			Items: [...document.querySelectorAll(".diagram ul.vpc-diagram-list > li")].map(li => li.innerText.replace(/\s+/g, " ").trim()),
			PageScroll: document.documentElement.scrollWidth - window.innerWidth,
		};
	})()`)
	if got.SVG || got.Legend || !got.List {
		t.Errorf("at %s: drawing shown %v, legend shown %v, list shown %v; want the list only", phone.name, got.SVG, got.Legend, got.List)
	}
	names := auditSubnetNames(c.demo.Account)
	if len(got.Items) != len(names) {
		t.Errorf("the list has %d subnets, want %d: %q", len(got.Items), len(names), got.Items)
	}
	for _, name := range names {
		if !slices.ContainsFunc(got.Items, func(s string) bool {
			return strings.HasPrefix(s, name+" ") && strings.Contains(s, "Amazon S3 through ") && strings.Contains(s, "Amazon DynamoDB through ")
		}) {
			t.Errorf("no list item says where %s's paths go: %q", name, got.Items)
		}
	}
	if got.PageScroll > 0 {
		t.Errorf("at %s the page scrolls sideways by %d px", phone.name, got.PageScroll)
	}

	tb.do(t, "open the page at 1366 px", chromedp.EmulateViewport(1366, 900), chromedp.Reload(), chromedp.WaitReady("main h1"))
	got = eval[look](t, tb, `(() => {
		const shown = el => !!el && el.checkVisibility({visibilityProperty: true});
		return {SVG: shown(document.querySelector(".diagram svg.vpc-diagram-svg")), Legend: shown(document.querySelector(".diagram .vpc-diagram-legend")),
			List: shown(document.querySelector(".diagram ul.vpc-diagram-list"))};
	})()`)
	if !got.SVG || !got.Legend || got.List {
		t.Errorf("at 1366 px: drawing shown %v, legend shown %v, list shown %v; want the drawing and legend only", got.SVG, got.Legend, got.List)
	}
	tb.checkNoConsoleErrors(t)
}

// TestAuditDiagramFullSizeBrowser follows the Full size link: the SVG alone draws with its own
// stylesheet (which its Content-Security-Policy lets apply), at full size.
func TestAuditDiagramFullSizeBrowser(t *testing.T) {
	t.Parallel() // independent: its own console and tab
	browser := startBrowser(t)
	c := newConsole(t)
	tb := newTab(t, browser)
	tb.do(t, "open First-VPC's audit and follow Full size", chromedp.EmulateViewport(1366, 900),
		chromedp.Navigate(c.URL+"/audit/vpcs/"+c.demo.Account.VPCID),
		chromedp.Click(`//a[starts-with(normalize-space(), "Full size")]`, chromedp.NodeVisible),
		chromedp.WaitReady(chromedp.CSS("svg.vpc-diagram-svg")))
	if got, want := eval[string](t, tb, "location.pathname"), "/audit/vpcs/"+c.demo.Account.VPCID+"/diagram.svg"; got != want {
		t.Fatalf("after Full size: at %s, want %s", got, want)
	}
	if !eval[bool](t, tb, `getComputedStyle(document.querySelector("g.dg-subnet rect")).fill !== "rgb(0, 0, 0)"`) {
		t.Errorf("the subnets are filled black: the SVG's own stylesheet did not apply")
	}
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	cancel()
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(fullDiagramScreenshotPath, png, 0o644); err != nil {
		t.Errorf("write the screenshot: %v", err)
	}
	got := measureDiagramText(t, tb)
	t.Logf("full size: %d texts, %.3f px per unit, smallest %.2f px", got.Texts, got.Scale, got.Smallest)
	if got.Smallest < 12 || got.Scale < 0.999 {
		t.Errorf("full size: smallest text %.2f px (%q) at %.3f px per unit, want 12 px or more at 1", got.Smallest, got.SmallestText, got.Scale)
	}
	tb.checkNoConsoleErrors(t)
}

// diagramLinksInAXTree returns the name and description of every link of the page Chromium's
// accessibility tree has inside the diagram's SVG (its links to the subnet rows).
func diagramLinksInAXTree(t *testing.T, tb *tab) [][2]string {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	tree, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	if err != nil {
		t.Fatalf("read the accessibility tree: %v", err)
	}
	str := func(v *accessibility.Value) string {
		if v == nil {
			return ""
		}
		var s string
		json.Unmarshal(v.Value, &s)
		return s
	}
	var out [][2]string
	for _, n := range tree.Nodes {
		if !n.Ignored && str(n.Role) == "link" && strings.HasPrefix(str(n.Description), strings.SplitN(str(n.Name), " ", 2)[0]+": ") {
			out = append(out, [2]string{str(n.Name), str(n.Description)})
		}
	}
	return out
}
