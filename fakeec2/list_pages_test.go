package fakeec2

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// TestVPCsAndSubnetsPage: DescribeVpcs and DescribeSubnets, which the console's list pages read a
// page at a time, honour MaxResults (5–1000, as EC2 documents) and NextToken, and a paginated read
// holds every item once.
func TestVPCsAndSubnetsPage(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	for i := range 12 {
		vpc, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String(fmt.Sprintf("10.%d.0.0/16", i))})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, CidrBlock: aws.String(fmt.Sprintf("10.%d.1.0/24", i))}); err != nil {
			t.Fatal(err)
		}
	}
	all, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if err != nil {
		t.Fatal(err)
	}
	allSubnets, err := c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("DescribeVpcs", func(t *testing.T) {
		var ids []string
		pages := 0
		for p := ec2.NewDescribeVpcsPaginator(c, &ec2.DescribeVpcsInput{MaxResults: aws.Int32(5)}); p.HasMorePages(); pages++ {
			page, err := p.NextPage(ctx)
			if err != nil {
				t.Fatalf("page %d: %v", pages+1, err)
			}
			if len(page.Vpcs) > 5 {
				t.Fatalf("page %d has %d VPCs, want at most 5", pages+1, len(page.Vpcs))
			}
			for _, v := range page.Vpcs {
				ids = append(ids, aws.ToString(v.VpcId))
			}
		}
		wantUniqueIDs(t, ids, len(all.Vpcs))
		if want := (len(all.Vpcs) + 4) / 5; pages != want {
			t.Errorf("%d pages of 5 for %d VPCs, want %d", pages, len(all.Vpcs), want)
		}
	})
	t.Run("DescribeSubnets", func(t *testing.T) {
		var ids []string
		pages := 0
		for p := ec2.NewDescribeSubnetsPaginator(c, &ec2.DescribeSubnetsInput{MaxResults: aws.Int32(5)}); p.HasMorePages(); pages++ {
			page, err := p.NextPage(ctx)
			if err != nil {
				t.Fatalf("page %d: %v", pages+1, err)
			}
			if len(page.Subnets) > 5 {
				t.Fatalf("page %d has %d subnets, want at most 5", pages+1, len(page.Subnets))
			}
			for _, s := range page.Subnets {
				ids = append(ids, aws.ToString(s.SubnetId))
			}
		}
		wantUniqueIDs(t, ids, len(allSubnets.Subnets))
	})
	for _, n := range []int32{4, 1001} {
		t.Run(fmt.Sprintf("MaxResults %d", n), func(t *testing.T) {
			_, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{MaxResults: aws.Int32(n)})
			wantCode(t, err, "InvalidParameterValue")
			_, err = c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{MaxResults: aws.Int32(n)})
			wantCode(t, err, "InvalidParameterValue")
		})
	}
}
