package web

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/chromedp/chromedp"

	"endpointconsole/ec2test"
)

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
// 12 CSS px, on the tutorial's VPC before and after an S3 gateway endpoint and on a VPC of 14
// subnets; the drawing is not shrunk to fit, its region scrolls instead of the page.
func TestAuditDiagramTextBrowser(t *testing.T) {
	t.Parallel() // independent: its own consoles and tab
	browser := startBrowser(t)
	tutorial := newConsole(t)
	big := newConsole(t)
	addSubnets(t, big, 9)
	createS3Endpoint(t, big.demo, big.demo.Account.PrivateRouteTableID)

	tb := newTab(t, browser)
	tb.do(t, "set the window to 1366×900", chromedp.EmulateViewport(1366, 900))
	for _, tt := range []struct {
		name  string
		c     *console
		setup func(t *testing.T)
	}{
		{"First-VPC before an endpoint", tutorial, func(*testing.T) {}},
		{"First-VPC with an S3 gateway endpoint", tutorial, func(t *testing.T) {
			createS3Endpoint(t, tutorial.demo, tutorial.demo.Account.PrivateRouteTableID)
		}},
		{"First-VPC with 14 subnets", big, func(*testing.T) {}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.setup(t)
			tb.do(t, "open the audit", chromedp.Navigate(tt.c.URL+"/audit/vpcs/"+tt.c.demo.Account.VPCID),
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
