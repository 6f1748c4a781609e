package fakeec2

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// serveRegions serves one fake with opts and returns its URL.
func serveRegions(t *testing.T, opts Options) string {
	t.Helper()
	ts := httptest.NewServer(New(opts))
	t.Cleanup(ts.Close)
	return ts.URL
}

// zoneRegion asks DescribeAvailabilityZones by hand, with the request shaped by prepare, and
// returns the Region the zones are in (the Region that answered) or the error code.
func zoneRegion(t *testing.T, endpoint string, prepare func(*http.Request)) (region, code string) {
	t.Helper()
	form := url.Values{"Action": {"DescribeAvailabilityZones"}, "Version": {apiVersion}}
	req, err := http.NewRequest(http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	prepare(req)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		var doc errorDocument
		xml.Unmarshal(body, &doc)
		return "", doc.Code
	}
	var doc struct {
		Regions []string `xml:"availabilityZoneInfo>item>regionName"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil || len(doc.Regions) == 0 {
		t.Fatalf("answer without zones: %v\n%s", err, body)
	}
	return doc.Regions[0], ""
}

// TestRegionOfARequest: the Region is read from the SigV4 credential scope, of the Authorization
// header or of a presigned URL's X-Amz-Credential; an unsigned request is for the default Region.
func TestRegionOfARequest(t *testing.T) {
	endpoint := serveRegions(t, Options{})
	for _, tt := range []struct {
		name    string
		prepare func(*http.Request)
		want    string
	}{
		{"unsigned", func(*http.Request) {}, "us-east-1"},
		{"Authorization for us-west-2", func(r *http.Request) {
			r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261201/us-west-2/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc")
		}, "us-west-2"},
		{"Authorization for us-east-1", func(r *http.Request) {
			r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261201/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=abc")
		}, "us-east-1"},
		{"presigned for us-west-2", func(r *http.Request) {
			r.URL.RawQuery = url.Values{"X-Amz-Algorithm": {"AWS4-HMAC-SHA256"}, "X-Amz-Credential": {"AKIDEXAMPLE/20261201/us-west-2/ec2/aws4_request"}}.Encode()
		}, "us-west-2"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, code := zoneRegion(t, endpoint, tt.prepare)
			if got != tt.want {
				t.Errorf("answered by %q (error %q), want %q", got, code, tt.want)
			}
		})
	}
	t.Run("the SDK's signature", func(t *testing.T) {
		for _, region := range []string{"us-east-1", "us-west-2"} {
			out, err := regionClient(endpoint, region).DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{})
			if err != nil {
				t.Fatalf("%s: DescribeAvailabilityZones: %v", region, err)
			}
			if got := aws.ToString(out.AvailabilityZones[0].RegionName); got != region {
				t.Errorf("client for %s answered by %s", region, got)
			}
		}
	})
}

// TestRegionNotServed: a Region the fake does not serve is refused as EC2 refuses a Region not
// enabled for the account: HTTP 401 AuthFailure, whatever the action.
func TestRegionNotServed(t *testing.T) {
	for _, tt := range []struct {
		name   string
		opts   Options
		region string
	}{
		{"a real Region not served", Options{}, "eu-west-1"},
		{"an opt-in Region", Options{}, "af-south-1"},
		{"no such Region", Options{}, "xx-nowhere-9"},
		{"the usual default, when Regions leave it out", Options{Regions: []string{"eu-west-1"}}, "us-east-1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := regionClient(serveRegions(t, tt.opts), tt.region)
			_, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
			wantCode(t, err, "AuthFailure")
			wantMessage(t, err, "AWS was not able to validate the provided access credentials")
			if !strings.Contains(err.Error(), "StatusCode: 401") {
				t.Errorf("AuthFailure status: %v, want HTTP 401", err)
			}
			_, err = c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
			wantCode(t, err, "AuthFailure")
		})
	}
	t.Run("an unsigned request to a fake serving other Regions only", func(t *testing.T) {
		// Unsigned is the default Region, which is always served.
		if got, code := zoneRegion(t, serveRegions(t, Options{Regions: []string{"eu-west-1"}}), func(*http.Request) {}); got != "eu-west-1" {
			t.Errorf("answered by %q (error %q), want eu-west-1", got, code)
		}
	})
}

// TestServedRegions: which Regions Options serve, and that each of them answers.
func TestServedRegions(t *testing.T) {
	for _, tt := range []struct {
		name                string
		opts                Options
		wantDefault         string
		wantRegions, refuse []string
	}{
		{"zero Options", Options{}, "us-east-1", []string{"us-east-1", "us-west-2"}, []string{"eu-west-1"}},
		{"Region only", Options{Region: "eu-west-1"}, "eu-west-1", []string{"eu-west-1", "us-west-2"}, []string{"us-east-1"}},
		{"Region us-west-2", Options{Region: "us-west-2"}, "us-west-2", []string{"us-west-2"}, []string{"us-east-1"}},
		{"Regions only", Options{Regions: []string{"ap-south-1", "eu-west-1"}}, "ap-south-1", []string{"ap-south-1", "eu-west-1"}, []string{"us-east-1", "us-west-2"}},
		{"Region outside Regions", Options{Region: "us-east-1", Regions: []string{"eu-west-1"}}, "us-east-1", []string{"us-east-1", "eu-west-1"}, []string{"us-west-2"}},
		{"duplicates", Options{Regions: []string{"eu-west-1", "eu-west-1"}}, "eu-west-1", []string{"eu-west-1"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := New(tt.opts)
			if srv.opts.Region != tt.wantDefault || !slices.Equal(srv.opts.Regions, tt.wantRegions) {
				t.Fatalf("default %s, served %v; want %s, %v", srv.opts.Region, srv.opts.Regions, tt.wantDefault, tt.wantRegions)
			}
			ts := httptest.NewServer(srv)
			t.Cleanup(ts.Close)
			for _, region := range tt.wantRegions {
				out, err := regionClient(ts.URL, region).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
				if err != nil || len(out.Vpcs) != 1 {
					t.Errorf("%s: DescribeVpcs: %v, want the Region's default VPC", region, err)
				}
			}
			for _, region := range tt.refuse {
				_, err := regionClient(ts.URL, region).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
				if apiErrorCode(err) != "AuthFailure" {
					t.Errorf("%s: DescribeVpcs: %v, want AuthFailure", region, err)
				}
			}
		})
	}
}

// TestRegionsHaveTheirOwnState: what is made in one Region is not seen, changed or used from
// another: VPCs, endpoints, tags; the service names are the Region's own.
func TestRegionsHaveTheirOwnState(t *testing.T) {
	endpoint := serveRegions(t, Options{})
	east, west := regionClient(endpoint, "us-east-1"), regionClient(endpoint, "us-west-2")
	eastVPC, _ := lookupDefaultVPC(t, east)
	westVPC, westTable := lookupDefaultVPC(t, west)
	if eastVPC == westVPC {
		t.Fatalf("both Regions' default VPC is %s", eastVPC)
	}

	vpc, err := west.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.30.0.0/16"), TagSpecifications: nameTag(types.ResourceTypeVpc, "Oregon")})
	if err != nil {
		t.Fatalf("CreateVpc in us-west-2: %v", err)
	}
	oregon := aws.ToString(vpc.Vpc.VpcId)
	if _, err := east.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{oregon}}); apiErrorCode(err) != "InvalidVpcID.NotFound" {
		t.Errorf("us-east-1 DescribeVpcs %s: %v, want InvalidVpcID.NotFound", oregon, err)
	}
	eastVPCs, err := east.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []types.Filter{sdkFilter("tag:Name", "Oregon")}})
	if err != nil || len(eastVPCs.Vpcs) != 0 {
		t.Errorf("us-east-1 lists us-west-2's VPC: %v %v", err, eastVPCs)
	}
	if _, err := east.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{oregon}, Tags: []types.Tag{sdkTag("k", "v")}}); apiErrorCode(err) != "InvalidVpcID.NotFound" {
		t.Errorf("us-east-1 CreateTags on %s: %v, want InvalidVpcID.NotFound", oregon, err)
	}
	if _, err := west.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{oregon}}); err != nil {
		t.Errorf("us-west-2 DescribeVpcs %s: %v", oregon, err)
	}

	// The service names are the Region's: us-east-1's S3 is not a service in us-west-2.
	_, err = west.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{
		VpcId: aws.String(westVPC), ServiceName: aws.String("com.amazonaws.us-east-1.s3"), RouteTableIds: []string{westTable},
	})
	wantCode(t, err, "InvalidServiceName")
	services, err := west.DescribeVpcEndpointServices(ctx, &ec2.DescribeVpcEndpointServicesInput{})
	if err != nil {
		t.Fatalf("DescribeVpcEndpointServices in us-west-2: %v", err)
	}
	for _, name := range services.ServiceNames {
		if strings.Contains(name, "us-east-1") {
			t.Errorf("us-west-2 offers %s", name)
		}
	}
	if !slices.Contains(services.ServiceNames, "com.amazonaws.us-west-2.s3") {
		t.Errorf("us-west-2 does not offer com.amazonaws.us-west-2.s3")
	}

	endpoint2 := createS3EndpointIn(t, west, westVPC, westTable)
	if _, err := east.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{endpoint2}}); apiErrorCode(err) != "InvalidVpcEndpointId.NotFound" {
		t.Errorf("us-east-1 DescribeVpcEndpoints %s: %v, want InvalidVpcEndpointId.NotFound", endpoint2, err)
	}
	eastEndpoints, err := east.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{})
	if err != nil || len(eastEndpoints.VpcEndpoints) != 0 {
		t.Errorf("us-east-1 endpoints: %v, %d, want none", err, len(eastEndpoints.VpcEndpoints))
	}
	if routes := routesOf(t, west, westTable); routes["pl-68a54001"] != endpoint2+" CreateRoute active" {
		t.Errorf("us-west-2 table routes %v, want pl-68a54001 → %s", routes, endpoint2)
	}
}

// createS3EndpointIn makes the Region's S3 gateway endpoint in vpcID for table.
func createS3EndpointIn(t *testing.T, c *ec2.Client, vpcID, table string) string {
	t.Helper()
	out, err := c.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{
		VpcId: aws.String(vpcID), ServiceName: aws.String("com.amazonaws." + c.Options().Region + ".s3"), RouteTableIds: []string{table},
	})
	if err != nil {
		t.Fatalf("CreateVpcEndpoint in %s: %v", c.Options().Region, err)
	}
	return aws.ToString(out.VpcEndpoint.VpcEndpointId)
}

// TestClientTokenPerRegion: a ClientToken is remembered per Region, as EC2's idempotency is:
// the same token in another Region is a new request, and in its own Region the same endpoint.
func TestClientTokenPerRegion(t *testing.T) {
	endpoint := serveRegions(t, Options{})
	ids := map[string]string{}
	for _, region := range []string{"us-east-1", "us-west-2", "us-east-1", "us-west-2"} {
		c := regionClient(endpoint, region)
		vpcID, table := lookupDefaultVPC(t, c)
		out, err := c.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{
			VpcId: aws.String(vpcID), ServiceName: aws.String("com.amazonaws." + region + ".s3"),
			RouteTableIds: []string{table}, ClientToken: aws.String("one-token-two-regions"),
		})
		if err != nil {
			t.Fatalf("%s: CreateVpcEndpoint: %v", region, err)
		}
		id := aws.ToString(out.VpcEndpoint.VpcEndpointId)
		if prev, seen := ids[region]; seen && prev != id {
			t.Errorf("%s: the token's retry made %s, want the first endpoint %s", region, id, prev)
		}
		ids[region] = id
	}
	if ids["us-east-1"] == ids["us-west-2"] {
		t.Errorf("both Regions answered the token with %s", ids["us-east-1"])
	}
	for region := range ids {
		out, err := regionClient(endpoint, region).DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{})
		if err != nil || len(out.VpcEndpoints) != 1 {
			t.Errorf("%s: %v, %d endpoints, want 1", region, err, len(out.VpcEndpoints))
		}
	}
}
