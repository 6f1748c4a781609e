package web

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"endpointconsole/ec2test"
)

// TestRouteTableEdgeAssociations: a table edge-associated with First-VPC's internet gateway
// shows the gateway in the list's Edge associations column and on its page's Edge associations
// panel; the other tables show none, and the edge table serves no subnet.
func TestRouteTableEdgeAssociations(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	a := c.demo.Account
	api := ec2test.Client(t, c.demo.URL)
	created, err := api.CreateRouteTable(t.Context(), &ec2.CreateRouteTableInput{VpcId: aws.String(a.VPCID)})
	if err != nil {
		t.Fatal(err)
	}
	edge := aws.ToString(created.RouteTable.RouteTableId)
	if _, err := api.AssociateRouteTable(t.Context(), &ec2.AssociateRouteTableInput{RouteTableId: aws.String(edge), GatewayId: aws.String(a.InternetGatewayID)}); err != nil {
		t.Fatalf("edge-associate %s with %s: %v", edge, a.InternetGatewayID, err)
	}

	rows := tableRows(t, c.getOK(t, "/route-tables").doc, "route-tables")
	for id, want := range map[string]string{edge: a.InternetGatewayID, a.MainRouteTableID: "–", a.PrivateRouteTableID: "–"} {
		row := findRow(t, rows, "Route table ID", id)
		if got := row.text("Edge associations"); got != want {
			t.Errorf("%s Edge associations: got %q, want %q", id, got, want)
		}
		if id == edge && (row.text("Explicit subnet associations") != "–" || row.text("Main") != "No") {
			t.Errorf("edge table: explicit %q, main %q; want –, No", row.text("Explicit subnet associations"), row.text("Main"))
		}
	}

	page := c.getOK(t, "/route-tables/"+edge).doc
	var gateways []string
	page.Find("table#edge-associations tbody td.mono").Each(func(_ int, s *goquery.Selection) { gateways = append(gateways, text(s)) })
	if len(gateways) != 1 || gateways[0] != a.InternetGatewayID {
		t.Errorf("Edge associations panel lists %q, want [%s]", gateways, a.InternetGatewayID)
	}
	if got := text(page.Find("#edge-heading")); !strings.Contains(got, "(1)") {
		t.Errorf("panel heading %q, want a count of 1", got)
	}
	if n := page.Find("table#explicit-subnets tbody td.mono").Length(); n != 0 {
		t.Errorf("the edge table lists %d explicit subnets, want none", n)
	}
	main := c.getOK(t, "/route-tables/"+a.MainRouteTableID).doc
	if got := text(main.Find("table#edge-associations tbody")); !strings.Contains(got, "No edge associations") {
		t.Errorf("First-RT's panel says %q, want No edge associations", got)
	}
}
