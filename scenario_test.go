package main

import (
	"errors"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// mainArgsEnv, when set, makes TestMainProcess run main with these arguments (split on "|"):
// a test runs the test binary again to see how the console itself exits.
const mainArgsEnv = "ENDPOINT_CONSOLE_TEST_MAIN_ARGS"

// TestMainProcess is main in a process of its own, for TestUnknownDemoScenarioExits2; alone it
// does nothing.
func TestMainProcess(t *testing.T) {
	args := os.Getenv(mainArgsEnv)
	if args == "" {
		return
	}
	os.Args = append([]string{"endpoint-console"}, strings.Split(args, "|")...)
	main()
}

// TestUnknownDemoScenarioExits2: an unknown -demo-scenario stops the console before it starts,
// with exit status 2 and a one-line message listing the scenarios, as a bad flag does.
func TestUnknownDemoScenarioExits2(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestMainProcess$")
	cmd.Env = append(os.Environ(), mainArgsEnv+"=-demo-scenario|bogus")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("exit: %v, want status 2; stderr:\n%s", err, stderr.String())
	}
	msg := strings.TrimSpace(stderr.String())
	if strings.Contains(msg, "\n") {
		t.Errorf("the message is more than one line: %q", msg)
	}
	for _, want := range []string{"endpoint-console:", `-demo-scenario "bogus"`, "tutorial, findings, empty, large"} {
		if !strings.Contains(msg, want) {
			t.Errorf("stderr %q does not say %q", msg, want)
		}
	}
}

// TestDemoStartsTheScenarioAndResetsIt: the demo seeds the -demo-scenario account, and its
// resetter rebuilds it in place: an endpoint created since is gone, the VPCs are back with their
// ids, the EC2 URL is the same, and the console's service, which keeps reads for a long time,
// sees the fresh account at once.
func TestDemoStartsTheScenarioAndResetsIt(t *testing.T) {
	ctx := t.Context()
	cfg := with(func(c *config) { c.demoScenario = "findings" })
	accounts, resetter, site, err := startDemo(ctx, cfg, discardLog(), views.Site{}, vpc.Options{CacheTTL: time.Hour})
	if err != nil {
		t.Fatalf("startDemo: %v", err)
	}
	regions, err := accounts.Regions(ctx, accounts.Home().ID)
	if err != nil {
		t.Fatal(err)
	}
	account := regions.Default()
	if resetter.Scenario() != "findings" {
		t.Errorf("resetter scenario %q, want findings", resetter.Scenario())
	}
	vpcNames := func() map[string]string {
		t.Helper()
		vpcs, err := account.VPCs(ctx)
		if err != nil {
			t.Fatalf("VPCs: %v", err)
		}
		out := map[string]string{}
		for _, v := range vpcs {
			out[v.Name] = v.ID
		}
		return out
	}
	before := vpcNames()
	if before["Shop-VPC"] == "" || before["Payments-VPC"] == "" || before["First-VPC"] != "" {
		t.Fatalf("the findings account's VPCs: %v, want Shop-VPC and Payments-VPC, no First-VPC", before)
	}
	tables, err := account.RouteTables(ctx, before["Shop-VPC"])
	if err != nil {
		t.Fatalf("RouteTables: %v", err)
	}
	var mainTable string
	for _, rt := range tables {
		if rt.Main {
			mainTable = rt.ID
		}
	}
	created, err := account.CreateEndpoint(ctx, vpc.CreateEndpointRequest{
		VPCID: before["Shop-VPC"], ServiceName: "com.amazonaws.us-east-1.s3", Type: vpc.TypeGateway,
		RouteTableIDs: []string{mainTable},
	})
	if err != nil {
		t.Fatalf("CreateEndpoint: %v", err)
	}
	endpointIDs := func() []string {
		t.Helper()
		eps, err := account.Endpoints(ctx, vpc.EndpointFilter{})
		if err != nil {
			t.Fatalf("Endpoints: %v", err)
		}
		var ids []string
		for _, e := range eps {
			ids = append(ids, e.ID)
		}
		return ids
	}
	if ids := endpointIDs(); !slices.Contains(ids, created.ID) { // now kept for an hour
		t.Fatalf("endpoints %v lack the one just created, %s", ids, created.ID)
	}
	if err := resetter.Reset(ctx); err != nil {
		t.Fatalf("Reset: %v", err)
	}
	if ids := endpointIDs(); slices.Contains(ids, created.ID) || len(ids) != 4 {
		t.Errorf("endpoints after the reset %v, want the scenario's 4 (the console forgets what it kept)", ids)
	}
	if after := vpcNames(); !maps.Equal(after, before) {
		t.Errorf("VPCs after the reset %v, want %v", after, before)
	}
	if _, err := account.Endpoint(ctx, created.ID); vpc.ErrorCode(err) != vpc.NotFound {
		t.Errorf("the endpoint created before the reset: %v, want not found", err)
	}
	if got := site.DemoEC2URL; !strings.HasPrefix(got, "http://127.0.0.1:") {
		t.Errorf("demo EC2 URL %q", got)
	}
}

// TestDemoOrganization: -demo-accounts 3 is an organization the console finds as -org-role-name
// finds a real one (ListAccounts, then the role in each account): the management account, a
// member holding the findings scenario in both Regions, and Sandbox, which has no role and
// refuses. Reset rebuilds the member too.
func TestDemoOrganization(t *testing.T) {
	ctx := t.Context()
	cfg := with(func(c *config) { c.demoAccounts = 3 })
	if err := cfg.validate(); err != nil {
		t.Fatal(err)
	}
	accounts, resetter, _, err := startDemo(ctx, cfg, discardLog(), views.Site{}, vpc.Options{CacheTTL: time.Hour})
	if err != nil {
		t.Fatalf("startDemo: %v", err)
	}
	var names []string
	for _, a := range accounts.List() {
		names = append(names, a.Label())
	}
	if want := []string{"Management (123456789012)", "Workloads-Prod (210000000001)", "Sandbox (210000000002)"}; !slices.Equal(names, want) {
		t.Errorf("accounts: %q, want %q", names, want)
	}
	member, err := accounts.Regions(ctx, "210000000001")
	if err != nil {
		t.Fatalf("the member account: %v", err)
	}
	if got := member.Enabled(); !slices.Equal(got, demoRegions) {
		t.Errorf("the member's Regions: %v, want %v", got, demoRegions)
	}
	shopIn := func(region string) string {
		t.Helper()
		svc, err := member.In(region)
		if err != nil {
			t.Fatal(err)
		}
		vpcs, err := svc.VPCs(ctx)
		if err != nil {
			t.Fatalf("the member's VPCs in %s: %v", region, err)
		}
		for _, v := range vpcs {
			if v.Name == "Shop-VPC" && v.OwnerID == "210000000001" {
				return v.ID
			}
		}
		t.Fatalf("the member has no Shop-VPC of its own in %s", region)
		return ""
	}
	shop := shopIn("us-east-1")
	shopIn("us-west-2")
	if _, err := accounts.Regions(ctx, "210000000002"); vpc.ErrorCode(err) != vpc.Unauthorized {
		t.Errorf("Sandbox: %v, want the Unauthorized refusal of its missing role", err)
	}
	if err := resetter.Reset(ctx); err != nil {
		t.Fatalf("Reset: %v", err)
	}
	if got := shopIn("us-east-1"); got != shop {
		t.Errorf("after Reset the member's Shop-VPC is %s, want %s again", got, shop)
	}
}
