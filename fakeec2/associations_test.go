package fakeec2

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// attachedGateway creates an internet gateway and attaches it to vpcID.
func attachedGateway(t *testing.T, c *ec2.Client, vpcID string) string {
	t.Helper()
	out, err := c.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{})
	if err != nil {
		t.Fatalf("CreateInternetGateway: %v", err)
	}
	id := aws.ToString(out.InternetGateway.InternetGatewayId)
	if _, err := c.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: aws.String(id), VpcId: aws.String(vpcID)}); err != nil {
		t.Fatalf("AttachInternetGateway: %v", err)
	}
	return id
}

// edgeTables describes the route tables edge-associated with gatewayID, by the
// association.gateway-id filter, as table id → association id.
func edgeTables(t *testing.T, c *ec2.Client, gatewayID string) map[string]string {
	t.Helper()
	out, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{sdkFilter("association.gateway-id", gatewayID)}})
	if err != nil {
		t.Fatalf("DescribeRouteTables association.gateway-id=%s: %v", gatewayID, err)
	}
	got := map[string]string{}
	for _, rt := range out.RouteTables {
		for _, as := range rt.Associations {
			if aws.ToString(as.GatewayId) == gatewayID {
				if as.SubnetId != nil || aws.ToBool(as.Main) {
					t.Errorf("edge association %+v also names a subnet or is main", as)
				}
				got[aws.ToString(rt.RouteTableId)] = aws.ToString(as.RouteTableAssociationId)
			}
		}
	}
	return got
}

func TestEdgeAssociations(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.10")
	other := buildNetwork(t, c, "10.20")
	igw := attachedGateway(t, c, n.vpcID)
	otherIGW := attachedGateway(t, c, other.vpcID)
	edge, err := c.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: aws.String(n.vpcID)})
	if err != nil {
		t.Fatalf("CreateRouteTable: %v", err)
	}
	edgeTable := aws.ToString(edge.RouteTable.RouteTableId)
	if edge.RouteTable.PropagatingVgws == nil || len(edge.RouteTable.PropagatingVgws) != 0 {
		t.Errorf("PropagatingVgws of a new table = %#v, want an empty list", edge.RouteTable.PropagatingVgws)
	}

	out, err := c.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: aws.String(edgeTable), GatewayId: aws.String(igw)})
	if err != nil {
		t.Fatalf("AssociateRouteTable GatewayId: %v", err)
	}
	assoc := aws.ToString(out.AssociationId)
	if out.AssociationState == nil || out.AssociationState.State != types.RouteTableAssociationStateCodeAssociated {
		t.Errorf("association state = %+v, want associated", out.AssociationState)
	}
	if got := edgeTables(t, c, igw); len(got) != 1 || got[edgeTable] != assoc {
		t.Errorf("tables edge-associated with %s = %v, want %s by %s", igw, got, edgeTable, assoc)
	}

	for _, tt := range []struct {
		name string
		in   ec2.AssociateRouteTableInput
		code string
	}{
		{"gateway and subnet", ec2.AssociateRouteTableInput{RouteTableId: aws.String(n.mainTable), GatewayId: aws.String(igw), SubnetId: aws.String(n.subnetA)}, "InvalidParameterCombination"},
		{"neither", ec2.AssociateRouteTableInput{RouteTableId: aws.String(n.mainTable)}, "InvalidParameterCombination"},
		{"gateway already edge-associated", ec2.AssociateRouteTableInput{RouteTableId: aws.String(n.mainTable), GatewayId: aws.String(igw)}, "Resource.AlreadyAssociated"},
		{"gateway of another VPC", ec2.AssociateRouteTableInput{RouteTableId: aws.String(n.mainTable), GatewayId: aws.String(otherIGW)}, "InvalidParameterValue"},
		{"unknown internet gateway", ec2.AssociateRouteTableInput{RouteTableId: aws.String(n.mainTable), GatewayId: aws.String("igw-0123456789abcdef0")}, "InvalidInternetGatewayID.NotFound"},
		{"not a gateway the account holds", ec2.AssociateRouteTableInput{RouteTableId: aws.String(n.mainTable), GatewayId: aws.String("vgw-0123456789abcdef0")}, "InvalidGatewayID.NotFound"},
	} {
		t.Run("refused: "+tt.name, func(t *testing.T) {
			_, err := c.AssociateRouteTable(ctx, &tt.in)
			wantCode(t, err, tt.code)
		})
	}
	if got := edgeTables(t, c, otherIGW); len(got) != 0 {
		t.Errorf("a refused association left %v", got)
	}

	// The edge association moves to the main table under a new id, then goes.
	moved, err := c.ReplaceRouteTableAssociation(ctx, &ec2.ReplaceRouteTableAssociationInput{AssociationId: aws.String(assoc), RouteTableId: aws.String(n.mainTable)})
	if err != nil {
		t.Fatalf("ReplaceRouteTableAssociation: %v", err)
	}
	newAssoc := aws.ToString(moved.NewAssociationId)
	if got := edgeTables(t, c, igw); len(got) != 1 || got[n.mainTable] != newAssoc || newAssoc == assoc {
		t.Errorf("after replace, tables edge-associated with %s = %v, want %s by a new id %s", igw, got, n.mainTable, newAssoc)
	}
	_, err = c.ReplaceRouteTableAssociation(ctx, &ec2.ReplaceRouteTableAssociationInput{AssociationId: aws.String(newAssoc), RouteTableId: aws.String(other.mainTable)})
	wantCode(t, err, "InvalidParameterValue")
	if _, err := c.DisassociateRouteTable(ctx, &ec2.DisassociateRouteTableInput{AssociationId: aws.String(newAssoc)}); err != nil {
		t.Fatalf("DisassociateRouteTable: %v", err)
	}
	if got := edgeTables(t, c, igw); len(got) != 0 {
		t.Errorf("after disassociate, tables edge-associated with %s = %v, want none", igw, got)
	}
	_, err = c.DisassociateRouteTable(ctx, &ec2.DisassociateRouteTableInput{AssociationId: aws.String(newAssoc)})
	wantCode(t, err, "InvalidAssociationID.NotFound")
	// The gateway is free again.
	if _, err := c.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: aws.String(edgeTable), GatewayId: aws.String(igw)}); err != nil {
		t.Errorf("AssociateRouteTable after disassociate: %v", err)
	}
}

func TestSubnetAssociationsDisassociateAndReplace(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.10") // subnetB is associated with privateTable
	tables, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{sdkFilter("association.subnet-id", n.subnetB)}})
	if err != nil || len(tables.RouteTables) != 1 {
		t.Fatalf("find subnetB's table: %v", err)
	}
	var assoc, mainAssoc string
	for _, as := range tables.RouteTables[0].Associations {
		if aws.ToString(as.SubnetId) == n.subnetB {
			assoc = aws.ToString(as.RouteTableAssociationId)
		}
	}
	mainTables, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{n.mainTable}})
	if err != nil {
		t.Fatal(err)
	}
	mainAssoc = aws.ToString(mainTables.RouteTables[0].Associations[0].RouteTableAssociationId)
	_, err = c.DisassociateRouteTable(ctx, &ec2.DisassociateRouteTableInput{AssociationId: aws.String(mainAssoc)})
	wantCode(t, err, "InvalidParameterValue")
	moved, err := c.ReplaceRouteTableAssociation(ctx, &ec2.ReplaceRouteTableAssociationInput{AssociationId: aws.String(assoc), RouteTableId: aws.String(n.mainTable)})
	if err != nil {
		t.Fatalf("ReplaceRouteTableAssociation: %v", err)
	}
	after, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{sdkFilter("association.subnet-id", n.subnetB)}})
	if err != nil || len(after.RouteTables) != 1 || aws.ToString(after.RouteTables[0].RouteTableId) != n.mainTable {
		t.Fatalf("after replace, subnetB's table: %v %+v, want the main table", err, after.RouteTables)
	}
	if _, err := c.DisassociateRouteTable(ctx, &ec2.DisassociateRouteTableInput{AssociationId: moved.NewAssociationId}); err != nil {
		t.Fatalf("DisassociateRouteTable: %v", err)
	}
	if _, err := c.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: aws.String(n.privateTable), SubnetId: aws.String(n.subnetB)}); err != nil {
		t.Errorf("AssociateRouteTable after disassociate: %v", err)
	}
}
