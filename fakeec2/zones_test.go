package fakeec2

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func zoneNames(zones []types.AvailabilityZone) []string {
	var out []string
	for _, z := range zones {
		out = append(out, *z.ZoneName)
	}
	return out
}

func TestDescribeAvailabilityZonesFields(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	out, err := c.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{})
	if err != nil {
		t.Fatalf("DescribeAvailabilityZones: %v", err)
	}
	want := []string{"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"}
	if got := zoneNames(out.AvailabilityZones); !slices.Equal(got, want) {
		t.Fatalf("zones = %v, want %v in order", got, want)
	}
	z := out.AvailabilityZones[0]
	for _, c := range []struct{ field, got, want string }{
		{"zone id", aws.ToString(z.ZoneId), "use1-az6"},
		{"state", string(z.State), "available"},
		{"region", aws.ToString(z.RegionName), "us-east-1"},
		{"zone type", aws.ToString(z.ZoneType), "availability-zone"},
		{"group", aws.ToString(z.GroupName), "us-east-1"},
		{"border group", aws.ToString(z.NetworkBorderGroup), "us-east-1"},
		{"opt-in", string(z.OptInStatus), "opt-in-not-required"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
}

func TestDescribeAvailabilityZonesSelection(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	for _, tt := range []struct {
		name    string
		in      ec2.DescribeAvailabilityZonesInput
		want    []string
		wantErr string
		wantMsg string
	}{
		{name: "by name", in: ec2.DescribeAvailabilityZonesInput{ZoneNames: []string{"us-east-1c", "us-east-1a"}}, want: []string{"us-east-1a", "us-east-1c"}},
		{name: "by id", in: ec2.DescribeAvailabilityZonesInput{ZoneIds: []string{"use1-az1"}}, want: []string{"us-east-1b"}},
		{name: "by name and id", in: ec2.DescribeAvailabilityZonesInput{ZoneNames: []string{"us-east-1a"}, ZoneIds: []string{"use1-az1"}}, want: []string{"us-east-1a", "us-east-1b"}},
		{name: "values are OR'd", in: ec2.DescribeAvailabilityZonesInput{Filters: []types.Filter{sdkFilter("zone-name", "us-east-1d", "us-east-1f")}}, want: []string{"us-east-1d", "us-east-1f"}},
		{name: "filters are AND'd", in: ec2.DescribeAvailabilityZonesInput{Filters: []types.Filter{sdkFilter("state", "available"), sdkFilter("zone-id", "use1-az4", "use1-az9")}}, want: []string{"us-east-1d"}},
		{name: "region", in: ec2.DescribeAvailabilityZonesInput{Filters: []types.Filter{sdkFilter("region-name", "us-east-1"), sdkFilter("zone-name", "*e")}}, want: []string{"us-east-1e"}},
		{name: "no local zones", in: ec2.DescribeAvailabilityZonesInput{Filters: []types.Filter{sdkFilter("zone-type", "local-zone")}}},
		{name: "tag filter matches nothing", in: ec2.DescribeAvailabilityZonesInput{Filters: []types.Filter{sdkFilter("tag:Name", "x")}}},
		{name: "unknown name", in: ec2.DescribeAvailabilityZonesInput{ZoneNames: []string{"us-east-1z"}}, wantErr: "InvalidParameterValue",
			wantMsg: "Invalid availability zone: [us-east-1z]"},
		{name: "unknown id", in: ec2.DescribeAvailabilityZonesInput{ZoneIds: []string{"use1-az9"}}, wantErr: "InvalidParameterValue"},
		{name: "unknown filter", in: ec2.DescribeAvailabilityZonesInput{Filters: []types.Filter{sdkFilter("colour", "blue")}}, wantErr: "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := c.DescribeAvailabilityZones(ctx, &tt.in)
			if tt.wantErr != "" {
				wantCode(t, err, tt.wantErr)
				if tt.wantMsg != "" {
					wantMessage(t, err, tt.wantMsg)
				}
				return
			}
			if err != nil {
				t.Fatalf("DescribeAvailabilityZones: %v", err)
			}
			if got := zoneNames(out.AvailabilityZones); !slices.Equal(got, tt.want) {
				t.Errorf("zones = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDescribeAvailabilityZonesOtherRegion(t *testing.T) {
	c, _ := newTestClient(t, Options{Region: "eu-west-1"})
	out, err := c.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{ZoneNames: []string{"eu-west-1a"}})
	if err != nil {
		t.Fatalf("DescribeAvailabilityZones: %v", err)
	}
	z := out.AvailabilityZones[0]
	if got, want := aws.ToString(z.RegionName), "eu-west-1"; got != want {
		t.Errorf("region = %s, want %s", got, want)
	}
	if got, want := aws.ToString(z.ZoneId), "euw1-az6"; got != want {
		t.Errorf("zone id = %s, want %s", got, want)
	}
}
