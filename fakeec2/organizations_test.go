package fakeec2

import (
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// TestListAccounts: ListAccounts pages through the whole organization, the management account
// included, each account once and described as Organizations describes it; only the management
// account may list, and an account in no organization is told so.
func TestListAccounts(t *testing.T) {
	t.Parallel() // independent: its own servers
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	opts := orgOptions()
	opts.Clock = func() time.Time { return now }
	_, url := newOrgFake(t, opts)
	c := orgClient(url, staticCreds)

	var accounts []orgtypes.Account
	var token *string
	pages := 0
	for {
		out, err := c.ListAccounts(ctx, &organizations.ListAccountsInput{MaxResults: aws.Int32(2), NextToken: token})
		if err != nil {
			t.Fatalf("ListAccounts page %d: %v", pages+1, err)
		}
		if len(out.Accounts) > 2 {
			t.Fatalf("page of %d accounts, want at most MaxResults 2", len(out.Accounts))
		}
		accounts = append(accounts, out.Accounts...)
		pages++
		if token = out.NextToken; token == nil {
			break
		}
	}
	var ids []string
	for _, a := range accounts {
		ids = append(ids, *a.Id)
	}
	wantUniqueIDs(t, ids, 3)
	if want := []string{"123456789012", memberA, memberB}; !slices.Equal(ids, want) || pages != 2 {
		t.Fatalf("ListAccounts in %d pages: %v, want %v in 2, sorted by id", pages, ids, want)
	}
	describe := func(a orgtypes.Account) string {
		return *a.Name + " " + *a.Email + " " + string(a.Status) + " " + string(a.JoinedMethod) + " " + a.JoinedTimestamp.UTC().Format(time.RFC3339)
	}
	joined := now.Format(time.RFC3339)
	for i, want := range []string{
		"Management management@example.com ACTIVE INVITED " + joined,
		"Team A team-a@example.com ACTIVE CREATED " + joined,
		"Team B b-team@example.org ACTIVE CREATED " + joined,
	} {
		if got := describe(accounts[i]); got != want {
			t.Errorf("account %s: %q, want %q", ids[i], got, want)
		}
	}
	accountARN := regexp.MustCompile(`^arn:aws:organizations::123456789012:account/(o-[a-z0-9]{10})/(\d{12})$`)
	orgs := map[string]bool{}
	for i, a := range accounts {
		m := accountARN.FindStringSubmatch(*a.Arn)
		if m == nil || m[2] != ids[i] {
			t.Errorf("account %s has Arn %s, want arn:aws:organizations::123456789012:account/o-<10 characters>/%s", ids[i], *a.Arn, ids[i])
			continue
		}
		orgs[m[1]] = true
	}
	if len(orgs) != 1 {
		t.Errorf("the accounts' ARNs name organizations %v, want one", orgs)
	}

	for _, tt := range []struct {
		name  string
		url   string
		creds aws.CredentialsProvider
		in    organizations.ListAccountsInput
		code  string
	}{
		{name: "from a member", url: url, creds: sessionCreds(assumeRole(t, url, memberA, auditRole)), code: "AccessDeniedException"},
		{name: "no organization", url: func() string { _, u := newOrgFake(t, Options{}); return u }(), creds: staticCreds, code: "AWSOrganizationsNotInUseException"},
		{name: "MaxResults 21", url: url, creds: staticCreds, in: organizations.ListAccountsInput{MaxResults: aws.Int32(21)}, code: "InvalidInputException"},
		{name: "MaxResults 0", url: url, creds: staticCreds, in: organizations.ListAccountsInput{MaxResults: aws.Int32(0)}, code: "InvalidInputException"},
		{name: "edited NextToken", url: url, creds: staticCreds, in: organizations.ListAccountsInput{NextToken: aws.String("MjEwOTg3NjU0MzIx.forged")}, code: "InvalidInputException"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := orgClient(tt.url, tt.creds).ListAccounts(ctx, &tt.in)
			wantCode(t, err, tt.code)
		})
	}
	t.Run("messages", func(t *testing.T) {
		_, err := orgClient(url, sessionCreds(assumeRole(t, url, memberB, auditRole))).ListAccounts(ctx, &organizations.ListAccountsInput{})
		wantMessage(t, err, "You don't have permissions to access this resource.")
		_, lone := newOrgFake(t, Options{})
		_, err = orgClient(lone, staticCreds).ListAccounts(ctx, &organizations.ListAccountsInput{})
		wantMessage(t, err, "Your account is not a member of an organization.")
	})
}

// TestDescribeOrganization: every account of the organization, members included, learns which
// is the management account; the organization's id is the one in the accounts' ARNs.
func TestDescribeOrganization(t *testing.T) {
	t.Parallel() // independent: its own server
	_, url := newOrgFake(t, orgOptions())
	list, err := orgClient(url, staticCreds).ListAccounts(ctx, &organizations.ListAccountsInput{})
	if err != nil {
		t.Fatalf("ListAccounts: %v", err)
	}
	out, err := orgClient(url, sessionCreds(assumeRole(t, url, memberA, auditRole))).DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
	if err != nil {
		t.Fatalf("DescribeOrganization as a member: %v", err)
	}
	o := out.Organization
	if *o.MasterAccountId != "123456789012" || o.FeatureSet != orgtypes.OrganizationFeatureSetAll ||
		*o.MasterAccountArn != *list.Accounts[0].Arn || *o.Arn != "arn:aws:organizations::123456789012:organization/"+*o.Id {
		t.Errorf("DescribeOrganization: %+v; management account listed as %s", o, *list.Accounts[0].Arn)
	}
}

// TestOrgConditions: the latency and the faults of SetConditions slow and throttle STS and
// Organizations calls too, with each service's own throttling error.
func TestOrgConditions(t *testing.T) {
	t.Parallel() // independent: its own server
	srv, url := newOrgFake(t, orgOptions())
	assume := func() error {
		_, err := stsClient(url, staticCreds).AssumeRole(ctx, &sts.AssumeRoleInput{
			RoleArn: aws.String(roleARNOf(memberA, auditRole)), RoleSessionName: aws.String("endpoint-console")})
		return err
	}
	list := func() error {
		_, err := orgClient(url, staticCreds).ListAccounts(ctx, &organizations.ListAccountsInput{})
		return err
	}

	srv.SetConditions(0, 1)
	err := assume()
	wantCode(t, err, "Throttling")
	if got := httpStatus(err); got != 400 {
		t.Errorf("Throttling HTTP status %d, want 400", got)
	}
	wantCode(t, list(), "TooManyRequestsException")

	const latency = 150 * time.Millisecond
	srv.SetConditions(latency, 0)
	for name, call := range map[string]func() error{"AssumeRole": assume, "ListAccounts": list} {
		start := time.Now()
		if err := call(); err != nil {
			t.Fatalf("%s with latency only: %v", name, err)
		}
		if took := time.Since(start); took < latency {
			t.Errorf("%s took %v, want at least the latency %v", name, took, latency)
		}
	}
}
