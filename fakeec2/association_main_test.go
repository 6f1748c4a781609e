package fakeec2

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestAssociationMainFilter checks that association.main matches the tables' associations, as
// EC2 does: a table without any association is neither main=true nor main=false.
func TestAssociationMainFilter(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.40")
	lone, err := c.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: aws.String(n.vpcID)})
	if err != nil {
		t.Fatalf("CreateRouteTable: %v", err)
	}
	loneTable := aws.ToString(lone.RouteTable.RouteTableId)
	for _, tt := range []struct {
		main string
		want []string
	}{
		{"true", []string{n.mainTable}},
		{"false", []string{n.privateTable}},
	} {
		t.Run("association.main="+tt.main, func(t *testing.T) {
			out, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{
				sdkFilter("vpc-id", n.vpcID), sdkFilter("association.main", tt.main),
			}})
			if err != nil {
				t.Fatalf("DescribeRouteTables: %v", err)
			}
			var got []string
			for _, rt := range out.RouteTables {
				got = append(got, aws.ToString(rt.RouteTableId))
			}
			wantIDs(t, got, tt.want)
		})
	}
	t.Run("the unassociated table is still in the VPC", func(t *testing.T) {
		out, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{sdkFilter("vpc-id", n.vpcID)}})
		if err != nil {
			t.Fatalf("DescribeRouteTables: %v", err)
		}
		var got []string
		for _, rt := range out.RouteTables {
			got = append(got, aws.ToString(rt.RouteTableId))
		}
		wantIDs(t, got, []string{n.mainTable, n.privateTable, loneTable})
	})
}
