package fakeec2

import (
	"encoding/json"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// TestAWSCLIRegions: the AWS CLI's --region picks the Region's own account, zones and prefix
// lists, describe-regions lists the served Regions, and a Region not served is refused with
// AuthFailure — what a person trying the demo with the CLI sees.
func TestAWSCLIRegions(t *testing.T) {
	t.Parallel() // independent: its own server
	bin := awsCLI(t)
	env := cliEnv(t)
	ts := httptest.NewServer(New(Options{}))
	t.Cleanup(ts.Close)

	run := func(region string, v any, args ...string) {
		t.Helper()
		stdout, stderr, err := awsEC2In(t, bin, env, ts.URL, region, args...)
		if err != nil {
			t.Fatalf("aws --region %s ec2 %s: %v\nstderr: %s", region, strings.Join(args, " "), err, stderr)
		}
		if err := json.Unmarshal([]byte(stdout), v); err != nil {
			t.Fatalf("aws --region %s ec2 %s printed output that is not JSON: %v\n%s", region, strings.Join(args, " "), err, stdout)
		}
	}

	var created struct {
		Vpc struct {
			VpcID string `json:"VpcId"`
		}
	}
	run("us-west-2", &created, "create-vpc", "--cidr-block", "10.40.0.0/16")
	type vpcs struct {
		Vpcs []struct {
			VpcID string `json:"VpcId"`
		}
	}
	ids := func(v vpcs) []string {
		var out []string
		for _, x := range v.Vpcs {
			out = append(out, x.VpcID)
		}
		return out
	}
	var east, west vpcs
	run("us-east-1", &east, "describe-vpcs")
	run("us-west-2", &west, "describe-vpcs")
	if slices.Contains(ids(east), created.Vpc.VpcID) || !slices.Contains(ids(west), created.Vpc.VpcID) {
		t.Errorf("VPC %s made in us-west-2: us-east-1 lists %v, us-west-2 lists %v", created.Vpc.VpcID, ids(east), ids(west))
	}

	var zones struct {
		AvailabilityZones []struct{ ZoneName, ZoneId, RegionName string }
	}
	run("us-west-2", &zones, "describe-availability-zones")
	if len(zones.AvailabilityZones) != 4 || zones.AvailabilityZones[0].ZoneId != "usw2-az2" || zones.AvailabilityZones[0].RegionName != "us-west-2" {
		t.Errorf("us-west-2 zones: %+v", zones.AvailabilityZones)
	}

	var lists struct {
		PrefixLists []struct{ PrefixListId, PrefixListName string }
	}
	run("us-west-2", &lists, "describe-prefix-lists", "--filters", "Name=prefix-list-name,Values=com.amazonaws.us-west-2.s3")
	if len(lists.PrefixLists) != 1 || lists.PrefixLists[0].PrefixListId != "pl-68a54001" {
		t.Errorf("us-west-2 S3 prefix list: %+v, want pl-68a54001", lists.PrefixLists)
	}

	var regions struct {
		Regions []struct{ RegionName, Endpoint, OptInStatus string }
	}
	run("us-west-2", &regions, "describe-regions")
	var names []string
	for _, r := range regions.Regions {
		names = append(names, r.RegionName)
		if r.Endpoint != "ec2."+r.RegionName+".amazonaws.com" || r.OptInStatus != "opt-in-not-required" {
			t.Errorf("describe-regions: %+v", r)
		}
	}
	if !slices.Equal(names, []string{"us-east-1", "us-west-2"}) {
		t.Errorf("describe-regions lists %v, want us-east-1 and us-west-2", names)
	}

	_, stderr, err := awsEC2In(t, bin, env, ts.URL, "eu-west-1", "describe-vpcs")
	if err == nil || !strings.Contains(stderr, "AuthFailure") || !strings.Contains(stderr, "AWS was not able to validate the provided access credentials") {
		t.Errorf("aws --region eu-west-1 ec2 describe-vpcs: %v\nstderr: %s\nwant AuthFailure", err, stderr)
	}
}
