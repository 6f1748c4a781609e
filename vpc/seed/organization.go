package seed

import (
	"context"
	"fmt"

	"golang.org/x/sync/errgroup"

	"endpointconsole/vpc"
)

// OrganizationRole is the role each account of the demo organization has for the console, as a
// real organization would give it with a StackSet: -org-role-name on a real account.
const OrganizationRole = "EndpointConsoleAudit"

// OrgAccount is one member account of the demo organization.
type OrgAccount struct {
	ID, Name string
	// Role is the role the console may assume there; "" for the account that has none, which
	// the console shows as refused.
	Role string
}

// orgAccountNames name the first member accounts the way landing zones do; the rest are numbered.
var orgAccountNames = []string{"Workloads-Prod", "Workloads-Staging", "Data-Platform", "Shared-Services", "Log-Archive"}

// Organization is the member accounts of a demo organization of n accounts, the management
// account (the console's own) being the first of the n. The last member, "Sandbox", has no role
// for the console, so that a demo shows how an account that refuses looks; with n of 2 there is
// one member, and it has the role.
func Organization(n int) []OrgAccount {
	var out []OrgAccount
	for i := 1; i < n; i++ {
		a := OrgAccount{ID: fmt.Sprintf("2100000000%02d", i), Role: OrganizationRole}
		switch {
		case i == n-1 && n > 2:
			a.Name, a.Role = "Sandbox", ""
		case i <= len(orgAccountNames):
			a.Name = orgAccountNames[i-1]
		default:
			a.Name = fmt.Sprintf("Team-%02d", i)
		}
		out = append(out, a)
	}
	return out
}

// organizationSeeding is how many account × Region builds run at once: the fake serves them in
// parallel, and each is a long series of small calls.
const organizationSeeding = 8

// OrganizationAt builds every member account that has a role, in each of regions, through its
// role at the EC2 endpoint cfg names (with cfg's credentials assuming it, as the console does):
// the findings scenario and opts.ExtraVPCs generated VPCs, so that an organization audit has
// findings and NAT costs to add up.
func OrganizationAt(ctx context.Context, cfg vpc.Config, accounts []OrgAccount, regions []string, opts Options) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(organizationSeeding)
	for _, a := range accounts {
		if a.Role == "" {
			continue
		}
		for _, region := range regions {
			g.Go(func() error {
				in := cfg
				in.Region, in.AssumeRoleARN = region, vpc.RoleInAccount("aws", a.ID, a.Role)
				client, err := vpc.NewEC2Client(ctx, in)
				if err != nil {
					return err
				}
				if _, err := Build(ctx, client, ScenarioFindings, opts); err != nil {
					return fmt.Errorf("seed the demo account %s (%s) in %s: %w", a.Name, a.ID, region, err)
				}
				return nil
			})
		}
	}
	return g.Wait()
}
