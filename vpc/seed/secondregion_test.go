package seed_test

import (
	"context"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"endpointconsole/ec2test"
	"endpointconsole/fakeec2"
	"endpointconsole/vpc"
	"endpointconsole/vpc/seed"
)

// serveFake serves a fresh fakeec2 (us-east-1 and us-west-2) for the test and returns its URL.
func serveFake(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(fakeec2.New(fakeec2.Options{}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestSecondRegionIsDeterministic: on the demo backend, two fresh accounts get the same IDs, and
// none of them is one the tutorial's Region has.
func TestSecondRegionIsDeterministic(t *testing.T) {
	t.Parallel() // independent: a fake, or a moto account, of its own
	var built [2]seed.RegionVPC
	var tutorial seed.Account
	for i := range built {
		url := serveFake(t)
		var err error
		if tutorial, err = seed.Tutorial(context.Background(), ec2test.Client(t, url), seed.Options{}); err != nil {
			t.Fatalf("seed.Tutorial: %v", err)
		}
		if built[i], err = seed.SecondRegion(context.Background(), ec2test.ClientIn(t, url, seed.SecondRegionName)); err != nil {
			t.Fatalf("seed.SecondRegion: %v", err)
		}
	}
	if !reflect.DeepEqual(built[0], built[1]) {
		t.Errorf("two seeds differ:\n%+v\n%+v", built[0], built[1])
	}
	if built[0].VPCID == "" || built[0].VPCID == tutorial.VPCID || built[0].VPCID == tutorial.DefaultVPCID {
		t.Errorf("Oregon-VPC id %q, tutorial's First-VPC %s, default VPC %s", built[0].VPCID, tutorial.VPCID, tutorial.DefaultVPCID)
	}
}

// TestSecondRegionBuildsOregonVPC: the second Region holds Oregon-VPC, its subnet in the
// Region's first zone and Oregon-RT routing the Region's S3 prefix list to Oregon-S3; the
// tutorial's Region is left alone.
func TestSecondRegionBuildsOregonVPC(t *testing.T) {
	t.Parallel() // independent: a fake, or a moto account, of its own
	ctx := context.Background()
	url := serveFake(t)
	built, err := seed.SecondRegion(ctx, ec2test.ClientIn(t, url, seed.SecondRegionName))
	if err != nil {
		t.Fatalf("seed.SecondRegion: %v", err)
	}
	if built.Region != "us-west-2" {
		t.Errorf("Region %q, want us-west-2", built.Region)
	}
	west := vpc.New(ec2test.ClientIn(t, url, seed.SecondRegionName), seed.SecondRegionName)
	vpcs, err := west.VPCs(ctx)
	if err != nil {
		t.Fatalf("VPCs: %v", err)
	}
	var found bool
	for _, v := range vpcs {
		if v.ID == built.VPCID {
			found = v.Name == "Oregon-VPC" && v.CIDR == "10.20.0.0/16"
			if !found {
				t.Errorf("the VPC: %+v, want Oregon-VPC 10.20.0.0/16", v)
			}
		}
	}
	if !found {
		t.Fatalf("us-west-2 has no VPC %s: %+v", built.VPCID, vpcs)
	}
	subnets, err := west.Subnets(ctx, built.VPCID)
	if err != nil || len(subnets) != 1 || subnets[0].ID != built.SubnetID || subnets[0].AvailabilityZone != "us-west-2a" {
		t.Errorf("Oregon-VPC subnets: %v %+v, want %s in us-west-2a", err, subnets, built.SubnetID)
	}
	rt, err := west.RouteTable(ctx, built.RouteTableID)
	if err != nil {
		t.Fatalf("RouteTable: %v", err)
	}
	if rt.Name != "Oregon-RT" || len(rt.SubnetIDs) != 1 || rt.SubnetIDs[0] != built.SubnetID {
		t.Errorf("Oregon-RT: %+v", rt)
	}
	var s3Route bool
	for _, r := range rt.Routes {
		if r.IsGatewayEndpointRoute() && r.Target == built.EndpointID {
			s3Route = r.DestinationPrefixList.ID == "pl-68a54001" && strings.Contains(r.Destination(), "com.amazonaws.us-west-2.s3")
		}
	}
	if !s3Route {
		t.Errorf("Oregon-RT routes %+v, want pl-68a54001 (com.amazonaws.us-west-2.s3) → %s", rt.Routes, built.EndpointID)
	}
	ep, err := west.Endpoint(ctx, built.EndpointID)
	if err != nil || ep.Name != "Oregon-S3" {
		t.Errorf("Oregon-S3: %v %+v", err, ep)
	}

	east := vpc.New(ec2test.Client(t, url), ec2test.Region)
	eastVPCs, err := east.VPCs(ctx)
	if err != nil || len(eastVPCs) != 1 || !eastVPCs[0].IsDefault {
		t.Errorf("us-east-1 VPCs: %v %+v, want only the default VPC", err, eastVPCs)
	}
}
