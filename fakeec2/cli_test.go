package fakeec2

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"

	"endpointconsole/ec2test/toolpath"
)

// The AWS CLI is botocore, an implementation of the EC2 Query protocol independent of the Go
// SDK: what it parses, a person running `aws --endpoint-url … ec2 …` during a demo will see.

// awsCLI finds the aws command. Without it the tests skip, except under CI=true, where the CLI
// is part of the machine and its absence is a failure.
func awsCLI(t *testing.T) string {
	t.Helper()
	bin, err := toolpath.Find("aws")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the aws CLI is not on PATH, and CI=true requires the CLI tests: %v", err)
		}
		t.Skip("the aws CLI is not on PATH; skipping the CLI tests against fakeec2")
	}
	return bin
}

// cliEnv is the environment of an aws run: the caller's, less any AWS settings that could point
// it elsewhere, plus dummy credentials and empty config files in a directory of t's own. The CLI
// sessions running in it, or in an environment derived from it, end with t.
func cliEnv(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	env, err := toolpath.AWSEnv(dir, "AKIDFAKEEC2CLITEST", "fakeec2-cli-secret")
	if err != nil {
		t.Fatalf("write empty AWS config: %v", err)
	}
	t.Cleanup(func() { endCLISessions(dir) })
	return env
}

// awsEC2 runs `aws … ec2 args…` against endpoint, in us-east-1, and returns its output.
func awsEC2(t *testing.T, bin string, env []string, endpoint string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	return awsEC2In(t, bin, env, endpoint, "us-east-1", args...)
}

// awsEC2In runs `aws --region region … ec2 args…` against endpoint and returns its output.
func awsEC2In(t *testing.T, bin string, env []string, endpoint, region string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	return runAWS(t, bin, env, append([]string{"--endpoint-url", endpoint, "--region", region, "--output", "json", "ec2"}, args...)...)
}

// awsEC2JSON runs the command, requires success and decodes its JSON output into v.
func awsEC2JSON(t *testing.T, bin string, env []string, endpoint string, v any, args ...string) {
	t.Helper()
	stdout, stderr, err := awsEC2(t, bin, env, endpoint, args...)
	if err != nil {
		t.Fatalf("aws ec2 %s: %v\nstderr: %s", strings.Join(args, " "), err, stderr)
	}
	if err := json.Unmarshal([]byte(stdout), v); err != nil {
		t.Fatalf("aws ec2 %s printed output that is not JSON: %v\n%s", strings.Join(args, " "), err, stdout)
	}
}

// cliServices is what describe-vpc-endpoint-services prints. Tags is a pointer so that an
// empty list ("Tags": []) and no list at all are told apart.
type cliServices struct {
	ServiceNames   []string `json:"ServiceNames"`
	ServiceDetails []struct {
		ServiceName string `json:"ServiceName"`
		ServiceType []struct {
			ServiceType string `json:"ServiceType"`
		} `json:"ServiceType"`
		VpcEndpointPolicySupported bool `json:"VpcEndpointPolicySupported"`
		PrivateDNSNames            []struct {
			PrivateDNSName string `json:"PrivateDnsName"`
		} `json:"PrivateDnsNames"`
		PrivateDNSNameVerificationState string            `json:"PrivateDnsNameVerificationState"`
		Tags                            *[]map[string]any `json:"Tags"`
	} `json:"ServiceDetails"`
}

type cliAssociation struct {
	Main bool `json:"Main"`
}

type cliRouteTables struct {
	RouteTables []struct {
		RouteTableID string           `json:"RouteTableId"`
		VpcID        string           `json:"VpcId"`
		Associations []cliAssociation `json:"Associations"`
		Routes       []struct {
			DestinationCidrBlock    string `json:"DestinationCidrBlock"`
			DestinationPrefixListID string `json:"DestinationPrefixListId"`
			GatewayID               string `json:"GatewayId"`
			State                   string `json:"State"`
			Origin                  string `json:"Origin"`
		} `json:"Routes"`
	} `json:"RouteTables"`
}

// routesByDestination renders a table's routes as destination → "target state".
func (rts cliRouteTables) routesByDestination(tableID string) map[string]string {
	out := map[string]string{}
	for _, rt := range rts.RouteTables {
		if rt.RouteTableID != tableID {
			continue
		}
		for _, r := range rt.Routes {
			out[r.DestinationCidrBlock+r.DestinationPrefixListID] = r.GatewayID + " " + r.State
		}
	}
	return out
}

func TestAWSCLI(t *testing.T) {
	t.Parallel() // independent: its own servers
	bin := awsCLI(t)
	env := cliEnv(t)
	ts := httptest.NewServer(New(Options{}))
	t.Cleanup(ts.Close)
	endpoint := ts.URL

	var vpcs struct {
		Vpcs []struct {
			VpcID     string `json:"VpcId"`
			IsDefault bool   `json:"IsDefault"`
		} `json:"Vpcs"`
	}
	awsEC2JSON(t, bin, env, endpoint, &vpcs, "describe-vpcs", "--filters", "Name=is-default,Values=true")
	if len(vpcs.Vpcs) != 1 || !vpcs.Vpcs[0].IsDefault {
		t.Fatalf("describe-vpcs is-default = %+v, want the one default VPC", vpcs.Vpcs)
	}
	defaultVPC := vpcs.Vpcs[0].VpcID

	var mainTable string
	t.Run("describe-route-tables lists the default VPC's main table", func(t *testing.T) {
		var rts cliRouteTables
		awsEC2JSON(t, bin, env, endpoint, &rts, "describe-route-tables")
		for _, rt := range rts.RouteTables {
			if rt.VpcID == defaultVPC && slices.ContainsFunc(rt.Associations, func(a cliAssociation) bool { return a.Main }) {
				mainTable = rt.RouteTableID
			}
		}
		if mainTable == "" {
			t.Fatalf("no main route table for %s in %+v", defaultVPC, rts.RouteTables)
		}
		routes := rts.routesByDestination(mainTable)
		if got, want := routes["172.31.0.0/16"], "local active"; got != want {
			t.Errorf("local route = %q, want %q", got, want)
		}
		if got := routes["0.0.0.0/0"]; !strings.HasPrefix(got, "igw-") || !strings.HasSuffix(got, " active") {
			t.Errorf("0.0.0.0/0 route = %q, want an active route to igw-…", got)
		}
	})

	t.Run("describe-vpc-endpoint-services lists the S3 gateway", func(t *testing.T) {
		var services cliServices
		awsEC2JSON(t, bin, env, endpoint, &services, "describe-vpc-endpoint-services")
		if !slices.Contains(services.ServiceNames, s3Service) {
			t.Errorf("ServiceNames lacks %s: %v", s3Service, services.ServiceNames)
		}
		found := false
		for _, d := range services.ServiceDetails {
			for _, st := range d.ServiceType {
				found = found || (d.ServiceName == s3Service && st.ServiceType == "Gateway")
			}
		}
		if !found {
			t.Errorf("ServiceDetails has no %s of type Gateway", s3Service)
		}
		if got, want := len(services.ServiceDetails), len(serviceCatalog("us-east-1", regionZones("us-east-1"))); got != want {
			t.Errorf("%d ServiceDetails in one call, want the whole catalog (%d)", got, want)
		}
	})

	t.Run("describe-vpc-endpoint-services shows tags, private DNS names and their state", func(t *testing.T) {
		var services cliServices
		awsEC2JSON(t, bin, env, endpoint, &services, "describe-vpc-endpoint-services",
			"--service-names", "com.amazonaws.us-east-1.ssm", s3Service)
		got := map[string]string{}
		for _, d := range services.ServiceDetails {
			var dns []string
			for _, n := range d.PrivateDNSNames {
				dns = append(dns, n.PrivateDNSName)
			}
			tags := "no Tags"
			if d.Tags != nil {
				tags = fmt.Sprintf("Tags %d", len(*d.Tags))
			}
			got[d.ServiceName+" "+d.ServiceType[0].ServiceType] = fmt.Sprintf("%s; PrivateDnsNames %v %q; policy %v",
				tags, dns, d.PrivateDNSNameVerificationState, d.VpcEndpointPolicySupported)
		}
		want := map[string]string{
			"com.amazonaws.us-east-1.ssm Interface": `Tags 0; PrivateDnsNames [ssm.us-east-1.amazonaws.com] "verified"; policy true`,
			s3Service + " Gateway":                  `Tags 0; PrivateDnsNames [] ""; policy true`,
			s3Service + " Interface":                `Tags 0; PrivateDnsNames [] ""; policy true`,
		}
		if !maps.Equal(got, want) {
			t.Errorf("service details:\n got %v\nwant %v", got, want)
		}
	})

	t.Run("describe-availability-zones", func(t *testing.T) {
		var zones struct {
			AvailabilityZones []struct {
				ZoneName string `json:"ZoneName"`
				ZoneID   string `json:"ZoneId"`
				State    string `json:"State"`
			} `json:"AvailabilityZones"`
		}
		awsEC2JSON(t, bin, env, endpoint, &zones, "describe-availability-zones")
		if got, want := len(zones.AvailabilityZones), 6; got != want {
			t.Fatalf("zones = %d, want %d", got, want)
		}
		if z := zones.AvailabilityZones[0]; z.ZoneName != "us-east-1a" || z.ZoneID != "use1-az6" || z.State != "available" {
			t.Errorf("first zone = %+v, want us-east-1a use1-az6 available", z)
		}
	})

	t.Run("unknown route table fails with EC2's code", func(t *testing.T) {
		_, stderr, err := awsEC2(t, bin, env, endpoint, "describe-route-tables", "--route-table-ids", "rtb-0123456789abcdef0")
		if err == nil {
			t.Fatal("describe-route-tables of an unknown table exited 0, want non-zero")
		}
		if !strings.Contains(stderr, "InvalidRouteTableID.NotFound") {
			t.Errorf("stderr = %q, want it to name InvalidRouteTableID.NotFound", stderr)
		}
	})

	t.Run("describe-vpc-endpoints --dry-run answers DryRunOperation", func(t *testing.T) {
		stdout, stderr, err := awsEC2(t, bin, env, endpoint, "describe-vpc-endpoints", "--dry-run")
		if err == nil {
			t.Fatalf("describe-vpc-endpoints --dry-run exited 0 and printed %q, want the DryRunOperation error", stdout)
		}
		if !strings.Contains(stderr, "DryRunOperation") {
			t.Errorf("stderr = %q, want it to name DryRunOperation", stderr)
		}
	})

	t.Run("create-vpc-endpoint adds the S3 route", func(t *testing.T) {
		if mainTable == "" {
			t.Fatal("the main route table was not found by the describe-route-tables subtest above")
		}
		var created struct {
			VpcEndpoint struct {
				VpcEndpointID string   `json:"VpcEndpointId"`
				RouteTableIDs []string `json:"RouteTableIds"`
			} `json:"VpcEndpoint"`
		}
		awsEC2JSON(t, bin, env, endpoint, &created, "create-vpc-endpoint",
			"--vpc-id", defaultVPC, "--service-name", s3Service, "--route-table-ids", mainTable)
		id := created.VpcEndpoint.VpcEndpointID
		if !strings.HasPrefix(id, "vpce-") {
			t.Fatalf("VpcEndpoint.VpcEndpointId = %q, want vpce-…", id)
		}
		var rts cliRouteTables
		awsEC2JSON(t, bin, env, endpoint, &rts, "describe-route-tables", "--route-table-ids", mainTable)
		if got, want := rts.routesByDestination(mainTable)[s3PrefixList], id+" active"; got != want {
			t.Errorf("route to %s = %q, want %q", s3PrefixList, got, want)
		}
	})
}
