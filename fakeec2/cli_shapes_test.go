package fakeec2

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// TestAWSCLIShapes checks through botocore what the SDK tests check through the Go SDK where
// the wire shape is the point: DryRun on a read, the members of gateway and S3 interface
// endpoints, and a route CIDR made canonical.
func TestAWSCLIShapes(t *testing.T) {
	t.Parallel() // independent: its own servers
	bin := awsCLI(t)
	env := cliEnv(t)
	ts := httptest.NewServer(New(Options{}))
	t.Cleanup(ts.Close)
	endpoint := ts.URL

	t.Run("describe-vpcs --dry-run answers DryRunOperation", func(t *testing.T) {
		_, stderr, err := awsEC2(t, bin, env, endpoint, "describe-vpcs", "--dry-run")
		if err == nil {
			t.Fatal("describe-vpcs --dry-run exited 0, want non-zero")
		}
		if !strings.Contains(stderr, "DryRunOperation") {
			t.Errorf("stderr = %q, want it to name DryRunOperation", stderr)
		}
	})

	var vpcs struct {
		Vpcs []struct {
			VpcID string `json:"VpcId"`
		} `json:"Vpcs"`
	}
	awsEC2JSON(t, bin, env, endpoint, &vpcs, "describe-vpcs", "--filters", "Name=is-default,Values=true")
	vpcID := vpcs.Vpcs[0].VpcID
	var tables cliRouteTables
	awsEC2JSON(t, bin, env, endpoint, &tables, "describe-route-tables", "--filters", "Name=vpc-id,Values="+vpcID)
	mainTable := tables.RouteTables[0].RouteTableID

	t.Run("a gateway endpoint has no IpAddressType and no DnsOptions", func(t *testing.T) {
		var created struct {
			VpcEndpoint map[string]any `json:"VpcEndpoint"`
		}
		awsEC2JSON(t, bin, env, endpoint, &created, "create-vpc-endpoint",
			"--vpc-id", vpcID, "--service-name", s3Service, "--route-table-ids", mainTable)
		for _, key := range []string{"IpAddressType", "DnsOptions"} {
			if v, ok := created.VpcEndpoint[key]; ok {
				t.Errorf("VpcEndpoint.%s = %v, want no such member", key, v)
			}
		}
		if got := created.VpcEndpoint["VpcEndpointType"]; got != "Gateway" {
			t.Errorf("VpcEndpointType = %v, want Gateway", got)
		}
	})

	t.Run("an S3 interface endpoint lists wildcard names", func(t *testing.T) {
		var subnets struct {
			Subnets []struct {
				SubnetID string `json:"SubnetId"`
			} `json:"Subnets"`
		}
		awsEC2JSON(t, bin, env, endpoint, &subnets, "describe-subnets", "--filters", "Name=vpc-id,Values="+vpcID, "Name=availability-zone,Values=us-east-1a")
		var created struct {
			VpcEndpoint struct {
				VpcEndpointID string `json:"VpcEndpointId"`
				IPAddressType string `json:"IpAddressType"`
				DNSEntries    []struct {
					DNSName string `json:"DnsName"`
				} `json:"DnsEntries"`
			} `json:"VpcEndpoint"`
		}
		awsEC2JSON(t, bin, env, endpoint, &created, "create-vpc-endpoint", "--vpc-endpoint-type", "Interface",
			"--vpc-id", vpcID, "--service-name", s3Service, "--subnet-ids", subnets.Subnets[0].SubnetID)
		ep := created.VpcEndpoint
		if ep.IPAddressType != "ipv4" {
			t.Errorf("IpAddressType = %q, want ipv4", ep.IPAddressType)
		}
		if len(ep.DNSEntries) == 0 {
			t.Fatal("no DnsEntries")
		}
		for _, d := range ep.DNSEntries {
			if !strings.HasPrefix(d.DNSName, "*."+ep.VpcEndpointID+"-") || !strings.HasSuffix(d.DNSName, ".s3.us-east-1.vpce.amazonaws.com") {
				t.Errorf("DnsName = %q, want *.%s-….s3.us-east-1.vpce.amazonaws.com", d.DNSName, ep.VpcEndpointID)
			}
		}
	})

	t.Run("create-route stores the canonical CIDR", func(t *testing.T) {
		igw := strings.Fields(tables.routesByDestination(mainTable)["0.0.0.0/0"])[0]
		var ok struct {
			Return bool `json:"Return"`
		}
		awsEC2JSON(t, bin, env, endpoint, &ok, "create-route", "--route-table-id", mainTable,
			"--destination-cidr-block", "10.30.0.4/24", "--gateway-id", igw)
		var after cliRouteTables
		awsEC2JSON(t, bin, env, endpoint, &after, "describe-route-tables", "--route-table-ids", mainTable)
		if got, want := after.routesByDestination(mainTable)["10.30.0.0/24"], igw+" active"; got != want {
			t.Errorf("route 10.30.0.0/24 = %q, want %q (routes %v)", got, want, after.routesByDestination(mainTable))
		}
	})

	t.Run("route tables carry PropagatingVgws; an edge association names its gateway", func(t *testing.T) {
		igw := strings.Fields(tables.routesByDestination(mainTable)["0.0.0.0/0"])[0]
		var edge struct {
			RouteTable struct {
				RouteTableID string `json:"RouteTableId"`
			} `json:"RouteTable"`
		}
		awsEC2JSON(t, bin, env, endpoint, &edge, "create-route-table", "--vpc-id", vpcID)
		var assoc struct {
			AssociationID string `json:"AssociationId"`
		}
		awsEC2JSON(t, bin, env, endpoint, &assoc, "associate-route-table", "--route-table-id", edge.RouteTable.RouteTableID, "--gateway-id", igw)
		if !strings.HasPrefix(assoc.AssociationID, "rtbassoc-") {
			t.Errorf("AssociationId = %q, want rtbassoc-…", assoc.AssociationID)
		}
		var all struct {
			RouteTables []map[string]any `json:"RouteTables"`
		}
		awsEC2JSON(t, bin, env, endpoint, &all, "describe-route-tables")
		for _, rt := range all.RouteTables {
			if vgws, ok := rt["PropagatingVgws"].([]any); !ok || len(vgws) != 0 {
				t.Errorf("%v: PropagatingVgws = %#v, want []", rt["RouteTableId"], rt["PropagatingVgws"])
			}
		}
		var found struct {
			RouteTables []struct {
				RouteTableID string `json:"RouteTableId"`
				Associations []struct {
					RouteTableAssociationID string  `json:"RouteTableAssociationId"`
					GatewayID               string  `json:"GatewayId"`
					SubnetID                *string `json:"SubnetId"`
					Main                    bool    `json:"Main"`
				} `json:"Associations"`
			} `json:"RouteTables"`
		}
		awsEC2JSON(t, bin, env, endpoint, &found, "describe-route-tables", "--filters", "Name=association.gateway-id,Values="+igw)
		if len(found.RouteTables) != 1 || found.RouteTables[0].RouteTableID != edge.RouteTable.RouteTableID || len(found.RouteTables[0].Associations) != 1 {
			t.Fatalf("association.gateway-id=%s found %+v, want the edge table with one association", igw, found.RouteTables)
		}
		if as := found.RouteTables[0].Associations[0]; as.GatewayID != igw || as.RouteTableAssociationID != assoc.AssociationID || as.SubnetID != nil || as.Main {
			t.Errorf("association = %+v, want GatewayId %s, id %s, no SubnetId, not main", as, igw, assoc.AssociationID)
		}
	})
}
