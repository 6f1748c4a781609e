package fakeec2

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// TestPublishedPrefixLists: each Region has the AWS-managed prefix lists of its own gateway
// services, with the ids AWS publishes, and routes of its endpoints point at them.
func TestPublishedPrefixLists(t *testing.T) {
	endpoint := serveRegions(t, Options{})
	for _, tt := range []struct {
		region string
		want   map[string]string // name → id
	}{
		{"us-east-1", map[string]string{"com.amazonaws.us-east-1.s3": "pl-63a5400a", "com.amazonaws.us-east-1.dynamodb": "pl-02cd2c6b"}},
		{"us-west-2", map[string]string{"com.amazonaws.us-west-2.s3": "pl-68a54001", "com.amazonaws.us-west-2.dynamodb": "pl-00a54069"}},
	} {
		t.Run(tt.region, func(t *testing.T) {
			c := regionClient(endpoint, tt.region)
			out, err := c.DescribeManagedPrefixLists(ctx, &ec2.DescribeManagedPrefixListsInput{})
			if err != nil {
				t.Fatalf("DescribeManagedPrefixLists: %v", err)
			}
			got := map[string]string{}
			for _, pl := range out.PrefixLists {
				got[aws.ToString(pl.PrefixListName)] = aws.ToString(pl.PrefixListId)
				if want := "arn:aws:ec2:" + tt.region + ":aws:prefix-list/" + aws.ToString(pl.PrefixListId); aws.ToString(pl.PrefixListArn) != want {
					t.Errorf("ARN %s, want %s", aws.ToString(pl.PrefixListArn), want)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("prefix lists %v, want %v", got, tt.want)
			}
			for name, id := range tt.want {
				if got[name] != id {
					t.Errorf("%s = %q, want %q", name, got[name], id)
				}
			}
			// The older DescribePrefixLists agrees.
			old, err := c.DescribePrefixLists(ctx, &ec2.DescribePrefixListsInput{PrefixListIds: []string{tt.want["com.amazonaws."+tt.region+".s3"]}})
			if err != nil || len(old.PrefixLists) != 1 || len(old.PrefixLists[0].Cidrs) == 0 {
				t.Errorf("DescribePrefixLists: %v %+v", err, old)
			}
		})
	}
}

// TestRegionZones: each Region has its own zones, with the AZ ids AWS shows for them.
func TestRegionZones(t *testing.T) {
	endpoint := serveRegions(t, Options{})
	for _, tt := range []struct {
		region string
		want   []string // name=id
	}{
		{"us-east-1", []string{"us-east-1a=use1-az6", "us-east-1b=use1-az1", "us-east-1c=use1-az2", "us-east-1d=use1-az4", "us-east-1e=use1-az3", "us-east-1f=use1-az5"}},
		{"us-west-2", []string{"us-west-2a=usw2-az2", "us-west-2b=usw2-az1", "us-west-2c=usw2-az3", "us-west-2d=usw2-az4"}},
	} {
		t.Run(tt.region, func(t *testing.T) {
			c := regionClient(endpoint, tt.region)
			out, err := c.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{})
			if err != nil {
				t.Fatalf("DescribeAvailabilityZones: %v", err)
			}
			var got []string
			for _, z := range out.AvailabilityZones {
				got = append(got, aws.ToString(z.ZoneName)+"="+aws.ToString(z.ZoneId))
				if aws.ToString(z.RegionName) != tt.region {
					t.Errorf("zone %s in Region %s", aws.ToString(z.ZoneName), aws.ToString(z.RegionName))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("zones %v, want %v", got, tt.want)
			}
			// A subnet can only be made in one of the Region's own zones.
			vpcID, _ := lookupDefaultVPC(t, c)
			other := map[string]string{"us-east-1": "us-west-2a", "us-west-2": "us-east-1a"}[tt.region]
			_, err = c.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: aws.String(vpcID), CidrBlock: aws.String("172.31.200.0/24"), AvailabilityZone: aws.String(other)})
			if apiErrorCode(err) == "" {
				t.Errorf("CreateSubnet in %s's zone %s succeeded in %s", other, other, tt.region)
			}
		})
	}
}
