package vpc_test

import (
	"net/http/httptest"
	"slices"
	"testing"

	"endpointconsole/ec2test"
	"endpointconsole/fakeec2"
	"endpointconsole/vpc"
)

// TestRegionServices: the enabled Regions come from DescribeRegions; a Region's Service is made
// once, on first use, and signs for its Region; a Region not enabled is NotFound, and nothing is
// connected for it.
func TestRegionServices(t *testing.T) {
	srv := httptest.NewServer(fakeec2.New(fakeec2.Options{Regions: []string{"us-east-1", "us-west-2"}}))
	t.Cleanup(srv.Close)
	def := vpc.New(ec2test.Client(t, srv.URL), "us-east-1")
	var connected []string
	rs := vpc.NewRegionServices(def, func(region string) (*vpc.Service, error) {
		connected = append(connected, region)
		return vpc.New(ec2test.ClientIn(t, srv.URL, region), region), nil
	})
	if got, want := rs.Enabled(), []string{"us-east-1"}; !slices.Equal(got, want) {
		t.Errorf("before LoadEnabled: got %v, want %v", got, want)
	}
	if err := rs.LoadEnabled(t.Context()); err != nil {
		t.Fatalf("LoadEnabled: %v", err)
	}
	if got, want := rs.Enabled(), []string{"us-east-1", "us-west-2"}; !slices.Equal(got, want) {
		t.Errorf("Enabled: got %v, want %v", got, want)
	}
	for _, tt := range []struct {
		region  string
		want    vpc.Code
		service *vpc.Service
	}{
		{"us-east-1", "", def},
		{"us-west-2", "", nil},
		{"eu-west-1", vpc.NotFound, nil},
		{"../us-west-2", vpc.NotFound, nil},
		{"", vpc.NotFound, nil},
	} {
		t.Run(tt.region, func(t *testing.T) {
			s, err := rs.In(tt.region)
			if got := vpc.ErrorCode(err); got != tt.want {
				t.Fatalf("In(%q): error %v (code %q), want code %q", tt.region, err, got, tt.want)
			}
			if err != nil {
				return
			}
			if s.Region() != tt.region {
				t.Errorf("In(%q).Region() = %q", tt.region, s.Region())
			}
			if tt.service != nil && s != tt.service {
				t.Errorf("In(%q) is not the default Service", tt.region)
			}
			if again, _ := rs.In(tt.region); again != s {
				t.Errorf("In(%q) made a second Service", tt.region)
			}
		})
	}
	if want := []string{"us-west-2"}; !slices.Equal(connected, want) {
		t.Errorf("connected %v, want %v: once, for the enabled Region asked for", connected, want)
	}
	west, _ := rs.In("us-west-2")
	vpcs, err := west.VPCs(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	east, err := def.VPCs(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vpcs {
		for _, e := range east {
			if v.ID == e.ID {
				t.Errorf("us-west-2 reads us-east-1's VPC %s", v.ID)
			}
		}
	}
}
