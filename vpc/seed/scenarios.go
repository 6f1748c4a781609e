package seed

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"endpointconsole/vpc"
)

// Scenario is one demo account the seed can build.
type Scenario struct {
	Name string
	// Description says in one line what the account holds, for -h and the README.
	Description string
}

// The scenarios' names.
const (
	ScenarioTutorial = "tutorial"
	ScenarioFindings = "findings"
	ScenarioEmpty    = "empty"
	ScenarioLarge    = "large"
)

// DefaultScenario is the demo's account when none is chosen.
const DefaultScenario = ScenarioTutorial

// LargeVPCs is how many generated VPCs the large scenario adds to the tutorial's account when
// Options.ExtraVPCs does not say.
const LargeVPCs = 200

// Scenarios are the demo accounts, in the order -h lists them.
var Scenarios = []Scenario{
	{ScenarioTutorial, "the tutorial's First-VPC, private subnets reaching S3 through a NAT gateway, no endpoints yet (default)"},
	{ScenarioFindings, "an account the audit has something to say about: an endpoint that missed a table, a shadowing route, an unused endpoint, a full-access policy, next to a VPC done right"},
	{ScenarioEmpty, "a fresh account: the default VPC only, in each Region"},
	{ScenarioLarge, fmt.Sprintf("the tutorial's account and %d generated VPCs (or -demo-vpcs of them), for scale demos", LargeVPCs)},
}

// ScenarioNames are the scenarios' names, in the order of Scenarios.
func ScenarioNames() []string {
	names := make([]string, len(Scenarios))
	for i, sc := range Scenarios {
		names[i] = sc.Name
	}
	return names
}

// ValidScenario reports whether name is one of Scenarios.
func ValidScenario(name string) bool { return slices.Contains(ScenarioNames(), name) }

// Build builds the scenario name in the client's Region of a fresh account, by ordinary EC2
// calls made one after the other, as Tutorial does, so a deterministic backend gives the same
// IDs on every run and moto can be seeded the same way.
//
// opts.ExtraVPCs adds that many generated VPCs to any scenario but large, whose count it
// replaces (LargeVPCs when zero). Account names what was built: the tutorial's fields in
// tutorial and large, Findings in findings, the default VPC's fields in every scenario.
func Build(ctx context.Context, client *ec2.Client, name string, opts Options) (Account, error) {
	switch name {
	case ScenarioTutorial:
		return Tutorial(ctx, client, opts)
	case ScenarioLarge:
		if opts.ExtraVPCs == 0 {
			opts.ExtraVPCs = LargeVPCs
		}
		return Tutorial(ctx, client, opts)
	case ScenarioFindings:
		return build(ctx, client, opts, func(sd seeder, acct *Account) error {
			acct.Findings = &FindingsAccount{}
			return sd.findingsAccount(ctx, acct.Findings)
		})
	case ScenarioEmpty:
		return build(ctx, client, opts, nil)
	}
	return Account{}, unknownScenario(name)
}

// build completes the default VPC, runs vpcs (the scenario's own VPCs, when not nil) and adds
// the generated VPCs opts asks for.
func build(ctx context.Context, client *ec2.Client, opts Options, vpcs func(seeder, *Account) error) (Account, error) {
	sd, acct, err := newSeeder(client, opts)
	if err != nil {
		return Account{}, err
	}
	if vpcs != nil {
		if err := vpcs(sd, &acct); err != nil {
			return Account{}, fmt.Errorf("seed demo account: %w", err)
		}
	}
	if err := sd.completeDefaultVPC(ctx, &acct); err != nil {
		return Account{}, fmt.Errorf("seed demo account: default VPC: %w", err)
	}
	return acct, sd.extraVPCs(ctx, &acct, opts.ExtraVPCs)
}

// ScenarioAt builds the scenario name at the EC2 endpoint cfg names, with clients of its own:
// in cfg's Region with Build, and, for every scenario but empty, Oregon-VPC in
// SecondRegionName with SecondRegion. It returns what Build built.
func ScenarioAt(ctx context.Context, cfg vpc.Config, name string, opts Options) (Account, error) {
	if !ValidScenario(name) {
		return Account{}, unknownScenario(name)
	}
	client, err := vpc.NewEC2Client(ctx, cfg)
	if err != nil {
		return Account{}, err
	}
	acct, err := Build(ctx, client, name, opts)
	if err != nil || name == ScenarioEmpty || cfg.Region == SecondRegionName {
		return acct, err
	}
	west := cfg
	west.Region = SecondRegionName
	_, err = SecondRegionAt(ctx, west)
	return acct, err
}

func unknownScenario(name string) error {
	return &vpc.Error{Code: vpc.Invalid, Message: fmt.Sprintf("There is no demo scenario %q; the scenarios are %s.",
		name, strings.Join(ScenarioNames(), ", "))}
}
