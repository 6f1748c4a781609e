package main

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"

	"endpointconsole/ec2test"
	"endpointconsole/views"
	"endpointconsole/vpc"
)

// TestOrganizationOnMoto: against moto, which serves Organizations and STS beside EC2 and keeps
// each account's EC2 apart by the account of the role's credentials, -org-role-name lists the
// organization's accounts and reaches a member through the role: a VPC made in the member shows
// in the member's Regions, owned by it, and not in the console's own account.
func TestOrganizationOnMoto(t *testing.T) {
	motoURL := ec2test.StartMoto(t)
	testAWSEnv(t)
	ctx := t.Context()
	awsCfg, err := awsconfig.LoadDefaultConfig(ctx, awsconfig.WithRegion("us-east-1"))
	if err != nil {
		t.Fatal(err)
	}
	orgs := organizations.NewFromConfig(awsCfg, func(o *organizations.Options) { o.BaseEndpoint = aws.String(motoURL) })
	if _, err := orgs.CreateOrganization(ctx, &organizations.CreateOrganizationInput{FeatureSet: orgtypes.OrganizationFeatureSetAll}); err != nil {
		t.Fatalf("create the organization in moto: %v", err)
	}
	created, err := orgs.CreateAccount(ctx, &organizations.CreateAccountInput{AccountName: aws.String("Workloads"), Email: aws.String("workloads@example.com")})
	if err != nil {
		t.Fatalf("create a member account in moto: %v", err)
	}
	memberID := aws.ToString(created.CreateAccountStatus.AccountId)

	cfg := with(func(c *config) {
		c.backend, c.endpointURL, c.region, c.orgRoleName = "aws", motoURL, "us-east-1", "EndpointConsoleAudit"
	})
	accounts, _, err := connectAWS(ctx, cfg, views.Site{}, vpc.Options{}, discardLog())
	if err != nil {
		t.Fatalf("connectAWS with -org-role-name: %v", err)
	}
	var ids []string
	for _, a := range accounts.List() {
		ids = append(ids, a.ID)
	}
	home := accounts.Home().ID
	if !slices.Contains(ids, memberID) || ids[0] != home || len(ids) != 2 {
		t.Fatalf("accounts: %v, want the console's own %s first and the member %s", ids, home, memberID)
	}
	role := vpc.RoleInAccount("aws", memberID, "EndpointConsoleAudit")
	if got := accounts.List()[1]; got.Name != "Workloads" || got.RoleARN != role {
		t.Errorf("the member: %+v, want Workloads through %s", got, role)
	}

	// A VPC made in the member through its role, as a team there would.
	memberEC2, err := vpc.NewEC2Client(ctx, vpc.Config{EndpointURL: motoURL, Region: "us-east-1", AssumeRoleARN: role})
	if err != nil {
		t.Fatal(err)
	}
	made, err := memberEC2.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.50.0.0/16")})
	if err != nil {
		t.Fatalf("create a VPC in the member: %v", err)
	}
	vpcID := aws.ToString(made.Vpc.VpcId)

	ownerOf := func(accountID string) map[string]string {
		t.Helper()
		regions, err := accounts.Regions(ctx, accountID)
		if err != nil {
			t.Fatalf("the Regions of %s: %v", accountID, err)
		}
		svc, err := regions.In("us-east-1")
		if err != nil {
			t.Fatal(err)
		}
		vpcs, err := svc.VPCs(ctx)
		if err != nil {
			t.Fatalf("the VPCs of %s: %v", accountID, err)
		}
		out := map[string]string{}
		for _, v := range vpcs {
			out[v.ID] = v.OwnerID
		}
		return out
	}
	if owner, ok := ownerOf(memberID)[vpcID]; !ok || owner != memberID {
		t.Errorf("the member's VPCs: %s owned by %q (listed: %v), want it owned by %s", vpcID, owner, ok, memberID)
	}
	if _, ok := ownerOf(home)[vpcID]; ok {
		t.Errorf("the console's own account lists the member's VPC %s", vpcID)
	}
}
