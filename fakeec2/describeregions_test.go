package fakeec2

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestDescribeRegions: the Regions the account can use are the served ones; AllRegions adds the
// others as not enabled; RegionNames and the filters select; every served Region answers alike.
func TestDescribeRegions(t *testing.T) {
	endpoint := serveRegions(t, Options{})
	type region struct{ name, endpoint, optIn string }
	east := region{"us-east-1", "ec2.us-east-1.amazonaws.com", "opt-in-not-required"}
	west := region{"us-west-2", "ec2.us-west-2.amazonaws.com", "opt-in-not-required"}
	ireland := region{"eu-west-1", "ec2.eu-west-1.amazonaws.com", "not-opted-in"}
	for _, tt := range []struct {
		name string
		in   ec2.DescribeRegionsInput
		want []region
		code string
	}{
		{"the enabled Regions", ec2.DescribeRegionsInput{}, []region{east, west}, ""},
		{"RegionNames", ec2.DescribeRegionsInput{RegionNames: []string{"us-west-2"}}, []region{west}, ""},
		{"RegionNames may name a Region not enabled", ec2.DescribeRegionsInput{RegionNames: []string{"eu-west-1", "us-east-1"}}, []region{ireland, east}, ""},
		{"region-name filter", ec2.DescribeRegionsInput{Filters: []types.Filter{sdkFilter("region-name", "us-west-*")}}, []region{west}, ""},
		{"endpoint filter", ec2.DescribeRegionsInput{Filters: []types.Filter{sdkFilter("endpoint", "ec2.us-east-1.amazonaws.com")}}, []region{east}, ""},
		{"AllRegions with a filter", ec2.DescribeRegionsInput{AllRegions: aws.Bool(true), Filters: []types.Filter{sdkFilter("region-name", "us-east-1", "eu-west-1")}}, []region{ireland, east}, ""},
		{"an unknown Region name", ec2.DescribeRegionsInput{RegionNames: []string{"us--east-1"}}, nil, "InvalidParameterValue"},
		{"an unknown filter", ec2.DescribeRegionsInput{Filters: []types.Filter{sdkFilter("zone-name", "x")}}, nil, "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, from := range []string{"us-east-1", "us-west-2"} {
				out, err := regionClient(endpoint, from).DescribeRegions(ctx, &tt.in)
				if tt.code != "" {
					wantCode(t, err, tt.code)
					continue
				}
				if err != nil {
					t.Fatalf("asked in %s: DescribeRegions: %v", from, err)
				}
				var got []region
				for _, r := range out.Regions {
					got = append(got, region{aws.ToString(r.RegionName), aws.ToString(r.Endpoint), aws.ToString(r.OptInStatus)})
				}
				if !slices.Equal(got, tt.want) {
					t.Errorf("asked in %s: Regions = %v, want %v", from, got, tt.want)
				}
			}
		})
	}
	t.Run("AllRegions lists every commercial Region once", func(t *testing.T) {
		out, err := regionClient(endpoint, "us-east-1").DescribeRegions(ctx, &ec2.DescribeRegionsInput{AllRegions: aws.Bool(true)})
		if err != nil {
			t.Fatalf("DescribeRegions: %v", err)
		}
		if got, want := len(out.Regions), len(commercialRegions); got != want {
			t.Errorf("%d Regions, want %d", got, want)
		}
		enabled := 0
		for _, r := range out.Regions {
			if aws.ToString(r.OptInStatus) != "not-opted-in" {
				enabled++
			}
		}
		if enabled != 2 {
			t.Errorf("%d Regions enabled, want the 2 served", enabled)
		}
	})
	t.Run("a served opt-in Region is opted in", func(t *testing.T) {
		out, err := regionClient(serveRegions(t, Options{Regions: []string{"af-south-1"}}), "af-south-1").DescribeRegions(ctx, &ec2.DescribeRegionsInput{})
		if err != nil || len(out.Regions) != 1 || aws.ToString(out.Regions[0].OptInStatus) != "opted-in" {
			t.Errorf("DescribeRegions: %v %+v, want af-south-1 opted-in", err, out)
		}
	})
}
