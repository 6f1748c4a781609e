package seed_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"endpointconsole/ec2test"
	"endpointconsole/vpc"
	"endpointconsole/vpc/audit"
	"endpointconsole/vpc/seed"
)

// findingsByVPC audits the client's Region with the console's auditor and returns the kinds of
// the findings of each VPC, by VPC name ("" for the default VPC).
func findingsByVPC(t *testing.T, client *ec2.Client) map[string][]audit.FindingKind {
	t.Helper()
	audits, err := audit.New(vpc.New(client, client.Options().Region)).AuditRegion(context.Background())
	if err != nil {
		t.Fatalf("AuditRegion: %v", err)
	}
	out := map[string][]audit.FindingKind{}
	for _, a := range audits {
		name := a.VPC.Name
		if a.VPC.IsDefault {
			name = ""
		}
		kinds := []audit.FindingKind{}
		for _, f := range a.Findings {
			if !slices.Contains(kinds, f.Kind) {
				kinds = append(kinds, f.Kind)
			}
		}
		slices.Sort(kinds)
		out[name] = kinds
	}
	return out
}

func kindsOf(byVPC map[string][]audit.FindingKind) []audit.FindingKind {
	var all []audit.FindingKind
	for _, kinds := range byVPC {
		for _, k := range kinds {
			if !slices.Contains(all, k) {
				all = append(all, k)
			}
		}
	}
	slices.Sort(all)
	return all
}

// TestScenarioFindings: each scenario's account, built on the demo backend, gives the audit
// what the scenario promises. The findings scenario yields every kind of finding the audit
// has (a new kind fails here until the scenario shows it), all of them in Shop-VPC but the
// internet one, which the default VPC gives, and none in Payments-VPC; the tutorial's and the empty account's findings are only the ones of an
// account without endpoints (a NAT or internet path to S3 and DynamoDB).
func TestScenarioFindings(t *testing.T) {
	t.Parallel() // independent: a fake, or a moto account, of its own
	noEndpointYet := []audit.FindingKind{audit.FindingNATWithoutGatewayEndpoint, audit.FindingInternetWithoutGatewayEndpoint}
	internetOnly := []audit.FindingKind{audit.FindingInternetWithoutGatewayEndpoint}
	shopKinds := slices.DeleteFunc(slices.Clone(audit.FindingKinds), func(k audit.FindingKind) bool {
		return k == audit.FindingInternetWithoutGatewayEndpoint
	})
	for _, tt := range []struct {
		scenario string
		// want is each VPC's finding kinds, by name ("" the default VPC).
		want map[string][]audit.FindingKind
	}{
		{seed.ScenarioTutorial, map[string][]audit.FindingKind{"First-VPC": noEndpointYet, "": internetOnly}},
		// The default VPC's internet paths are the findings scenario's internet finding.
		{seed.ScenarioFindings, map[string][]audit.FindingKind{"Shop-VPC": shopKinds, "Payments-VPC": {}, "": internetOnly}},
		{seed.ScenarioEmpty, map[string][]audit.FindingKind{"": internetOnly}},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			client := ec2test.FakeBackend()(t)
			if _, err := seed.Build(context.Background(), client, tt.scenario, seed.Options{}); err != nil {
				t.Fatalf("seed.Build: %v", err)
			}
			got := findingsByVPC(t, client)
			want := map[string][]audit.FindingKind{}
			for name, kinds := range tt.want {
				want[name] = slices.Sorted(slices.Values(kinds))
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("finding kinds by VPC:\ngot  %v\nwant %v", got, want)
			}
			if tt.scenario == seed.ScenarioFindings {
				if all := kindsOf(got); len(all) != len(audit.FindingKinds) {
					t.Errorf("the findings scenario yields %v, want every kind: %v", all, audit.FindingKinds)
				}
			}
		})
	}
}

// TestScenarioFindingsDetails: the findings scenario's findings are about the resources its
// story names: the main table the S3 endpoint missed, the public table without it, the route
// that shadows part of S3's addresses, the DynamoDB endpoint no subnet uses and its policy.
func TestScenarioFindingsDetails(t *testing.T) {
	t.Parallel() // independent: a fake, or a moto account, of its own
	client := ec2test.FakeBackend()(t)
	acct, err := seed.Build(context.Background(), client, seed.ScenarioFindings, seed.Options{})
	if err != nil {
		t.Fatalf("seed.Build: %v", err)
	}
	f := acct.Findings
	if f == nil {
		t.Fatal("Account.Findings is nil")
	}
	if f.ShopShadowCIDR != "52.216.0.0/16" {
		t.Errorf("shadowing route for %s, want 52.216.0.0/16 (half of 52.216.0.0/15)", f.ShopShadowCIDR)
	}
	audits, err := audit.New(vpc.New(client, ec2test.Region)).AuditRegion(context.Background())
	if err != nil {
		t.Fatalf("AuditRegion: %v", err)
	}
	var got []string
	for _, a := range audits {
		if a.VPC.ID != f.ShopVPCID {
			continue
		}
		for _, fd := range a.Findings {
			got = append(got, fmt.Sprintf("%s %s", fd.Kind, fd.Resources[0]))
		}
	}
	sort.Strings(got)
	for _, want := range []string{
		fmt.Sprintf("%s %s", audit.FindingNATWithoutGatewayEndpoint, f.ShopMainRouteTableID),
		fmt.Sprintf("%s %s", audit.FindingEndpointRouteShadowed, f.ShopAppRouteTableID),
		fmt.Sprintf("%s %s", audit.FindingEndpointOnUnusedRouteTables, f.ShopDynamoDBEndpointID),
		fmt.Sprintf("%s %s", audit.FindingEndpointPolicyFullAccess, f.ShopDynamoDBEndpointID),
		fmt.Sprintf("%s %s", audit.FindingEndpointNotOnRouteTable, f.ShopS3EndpointID),
	} {
		if !slices.Contains(got, want) {
			t.Errorf("Shop-VPC's findings lack %q:\n%s", want, strings.Join(got, "\n"))
		}
	}
	for _, fd := range got {
		if strings.HasPrefix(fd, string(audit.FindingEndpointPolicyFullAccess)) && !strings.HasSuffix(fd, f.ShopDynamoDBEndpointID) {
			t.Errorf("full-access finding %q: Shop-S3's policy is limited to one bucket", fd)
		}
	}
}

// TestScenariosBuild: every scenario builds, twice with the same IDs; empty leaves the default
// VPC alone; large is the tutorial plus LargeVPCs generated VPCs, or ExtraVPCs of them; ExtraVPCs
// adds generated VPCs to the other scenarios; an unknown name is refused with the list.
func TestScenariosBuild(t *testing.T) {
	t.Parallel() // independent: a fake, or a moto account, of its own
	ctx := context.Background()
	for _, tt := range []struct {
		scenario  string
		extra     int
		wantVPCs  int // VPCs in the Region, the default one included
		wantExtra int
	}{
		{seed.ScenarioTutorial, 0, 2, 0},
		{seed.ScenarioTutorial, 3, 5, 3},
		{seed.ScenarioFindings, 0, 3, 0},
		{seed.ScenarioFindings, 2, 5, 2},
		{seed.ScenarioEmpty, 0, 1, 0},
		{seed.ScenarioLarge, 0, 2 + seed.LargeVPCs, seed.LargeVPCs},
		{seed.ScenarioLarge, 5, 7, 5},
	} {
		t.Run(fmt.Sprintf("%s+%d", tt.scenario, tt.extra), func(t *testing.T) {
			t.Parallel()
			var built [2]seed.Account
			var client *ec2.Client
			builds := len(built)
			if tt.wantExtra == seed.LargeVPCs {
				// 200 VPCs are thousands of calls: large+5 checks that large builds the same twice.
				builds = 1
			}
			for i := range builds {
				client = ec2test.FakeBackend()(t)
				var err error
				if built[i], err = seed.Build(ctx, client, tt.scenario, seed.Options{ExtraVPCs: tt.extra}); err != nil {
					t.Fatalf("seed.Build: %v", err)
				}
			}
			if builds == 1 {
				built[1] = built[0]
			}
			if !reflect.DeepEqual(built[0], built[1]) {
				t.Errorf("two builds differ:\n%+v\n%+v", built[0], built[1])
			}
			vpcs, err := vpc.New(client, ec2test.Region).VPCs(ctx)
			if err != nil {
				t.Fatalf("VPCs: %v", err)
			}
			if len(vpcs) != tt.wantVPCs || len(built[0].ExtraVPCs) != tt.wantExtra {
				t.Errorf("%d VPCs, %d generated; want %d and %d", len(vpcs), len(built[0].ExtraVPCs), tt.wantVPCs, tt.wantExtra)
			}
			if built[0].DefaultVPCID == "" || built[0].DefaultRouteTableID == "" {
				t.Errorf("the default VPC is not named: %+v", built[0])
			}
		})
	}
	_, err := seed.Build(ctx, ec2test.FakeBackend()(t), "bogus", seed.Options{})
	if vpc.ErrorCode(err) != vpc.Invalid || !strings.Contains(vpc.ErrorMessage(err), strings.Join(seed.ScenarioNames(), ", ")) {
		t.Errorf("unknown scenario: %v, want Invalid naming %v", err, seed.ScenarioNames())
	}
}

// TestScenarioAtSeedsBothRegions: ScenarioAt builds Oregon-VPC in the second Region for every
// scenario but empty, whose Regions keep their default VPC alone.
func TestScenarioAtSeedsBothRegions(t *testing.T) {
	t.Parallel() // independent: a fake, or a moto account, of its own
	ctx := context.Background()
	for _, tt := range []struct {
		scenario           string
		wantEast, wantWest int
	}{
		{seed.ScenarioTutorial, 2, 2},
		{seed.ScenarioFindings, 3, 2},
		{seed.ScenarioEmpty, 1, 1},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			url := serveFake(t)
			cfg := vpc.Config{EndpointURL: url, Region: ec2test.Region, StaticAccessKey: "demo", StaticSecretKey: "demo"}
			if _, err := seed.ScenarioAt(ctx, cfg, tt.scenario, seed.Options{}); err != nil {
				t.Fatalf("seed.ScenarioAt: %v", err)
			}
			for region, want := range map[string]int{ec2test.Region: tt.wantEast, seed.SecondRegionName: tt.wantWest} {
				vpcs, err := vpc.New(ec2test.ClientIn(t, url, region), region).VPCs(ctx)
				if err != nil || len(vpcs) != want {
					t.Errorf("%s: %v, %d VPCs, want %d", region, err, len(vpcs), want)
				}
			}
		})
	}
}

// TestScenarioFindingsOnMoto: the findings scenario is built by ordinary EC2 calls, so moto, an
// independent EC2, takes them too, and its account gives the audit every kind of finding.
func TestScenarioFindingsOnMoto(t *testing.T) {
	t.Parallel() // independent: a fake, or a moto account, of its own
	client := ec2test.MotoBackend(t)(t)
	if _, err := seed.Build(context.Background(), client, seed.ScenarioFindings, seed.Options{}); err != nil {
		t.Fatalf("seed.Build on moto: %v", err)
	}
	got := findingsByVPC(t, client)
	if all := kindsOf(got); len(all) != len(audit.FindingKinds) {
		t.Errorf("on moto the findings scenario yields %v, want every kind %v", got, audit.FindingKinds)
	}
	if kinds := got["Payments-VPC"]; len(kinds) != 0 {
		t.Errorf("on moto Payments-VPC has findings %v, want none", kinds)
	}
}
