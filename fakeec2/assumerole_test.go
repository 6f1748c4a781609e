package fakeec2

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// TestAssumeRoleReachesMemberAccount: a member's credentials, minted by AssumeRole, reach that
// member's own EC2 state in every Region — its own default VPC, owned by it — and what one
// account creates no other account sees; no id is shared across accounts.
func TestAssumeRoleReachesMemberAccount(t *testing.T) {
	t.Parallel() // independent: its own server
	_, url := newOrgFake(t, orgOptions())
	// Member A with a static provider holding the minted key; member B as a console reaches it,
	// through the SDK's AssumeRole provider.
	clients := map[string]*ec2.Client{
		"123456789012": ec2Client(url, "us-east-1", staticCreds),
		memberA:        ec2Client(url, "us-east-1", sessionCreds(assumeRole(t, url, memberA, auditRole))),
		memberB: ec2Client(url, "us-east-1", aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(
			stsClient(url, staticCreds), roleARNOf(memberB, auditRole)))),
	}

	owner := map[string]string{} // every VPC id seen → the account that listed it
	vpcsOf := func(account string) []types.Vpc {
		t.Helper()
		out, err := clients[account].DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
		if err != nil {
			t.Fatalf("DescribeVpcs as %s: %v", account, err)
		}
		return out.Vpcs
	}
	for account := range clients {
		vpcs := vpcsOf(account)
		if len(vpcs) != 1 || !*vpcs[0].IsDefault || *vpcs[0].OwnerId != account {
			t.Fatalf("%s lists %+v, want its own default VPC only, owned by %s", account, vpcs, account)
		}
		if other, seen := owner[*vpcs[0].VpcId]; seen {
			t.Fatalf("default VPC %s is both %s's and %s's", *vpcs[0].VpcId, other, account)
		}
		owner[*vpcs[0].VpcId] = account
	}

	created := map[string]string{} // account → the VPC it created
	for account, c := range clients {
		out, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.20.0.0/16")})
		if err != nil {
			t.Fatalf("CreateVpc as %s: %v", account, err)
		}
		if got := *out.Vpc.OwnerId; got != account {
			t.Errorf("VPC created as %s has OwnerId %s", account, got)
		}
		if other, seen := owner[*out.Vpc.VpcId]; seen {
			t.Fatalf("VPC %s created as %s has the id of one of %s's", *out.Vpc.VpcId, account, other)
		}
		owner[*out.Vpc.VpcId] = account
		created[account] = *out.Vpc.VpcId
	}
	for account := range clients {
		var ids []string
		for _, v := range vpcsOf(account) {
			ids = append(ids, *v.VpcId)
		}
		for maker, id := range created {
			if got, want := slices.Contains(ids, id), maker == account; got != want {
				t.Errorf("%s lists %v: VPC %s created by %s listed = %v, want %v", account, ids, id, maker, got, want)
			}
		}
	}

	// The member has its own state in the other served Region too.
	west := ec2Client(url, "us-west-2", sessionCreds(assumeRole(t, url, memberA, auditRole)))
	out, err := west.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if err != nil || len(out.Vpcs) != 1 || *out.Vpcs[0].OwnerId != memberA || owner[*out.Vpcs[0].VpcId] != "" {
		t.Fatalf("member A in us-west-2: %v %+v, want its own default VPC, unlike any seen in us-east-1", err, out)
	}
}

// TestAssumeRoleRefused: AssumeRole into a role the account lacks, into an account outside the
// organization, or from a member's principal is AccessDenied in AWS's words; parameters out of
// the model are ValidationError. The SDK's AssumeRole provider, the console's path, surfaces the
// refusal.
func TestAssumeRoleRefused(t *testing.T) {
	t.Parallel() // independent: its own server
	_, url := newOrgFake(t, orgOptions())
	asMember := sessionCreds(assumeRole(t, url, memberA, auditRole))
	asManagementRole := sessionCreds(assumeRole(t, url, "123456789012", "OrgAdmin"))
	const demoUser = "arn:aws:iam::123456789012:user/demo"
	for _, tt := range []struct {
		name      string
		caller    aws.CredentialsProvider
		roleARN   string
		session   string
		duration  int32
		code      string
		status    int
		message   string // "" to check only the code
		principal string // the principal the AccessDenied message names
	}{
		{name: "role missing in the member", roleARN: roleARNOf(memberA, "Deployer"), code: "AccessDenied", status: 403, principal: demoUser},
		{name: "account not in the organization", roleARN: roleARNOf("999999999999", auditRole), code: "AccessDenied", status: 403, principal: demoUser},
		{name: "management role not listed", roleARN: roleARNOf("123456789012", auditRole), code: "AccessDenied", status: 403, principal: demoUser},
		{name: "member's principal", caller: asMember, roleARN: roleARNOf(memberB, auditRole), code: "AccessDenied", status: 403,
			principal: "arn:aws:sts::" + memberA + ":assumed-role/" + auditRole + "/endpoint-console"},
		{name: "role chaining past an hour", caller: asManagementRole, roleARN: roleARNOf(memberA, auditRole), duration: 7200, code: "ValidationError", status: 400,
			message: "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."},
		{name: "malformed ARN", roleARN: "arn:aws:iam::12345:role/x-role-name", code: "ValidationError", status: 400, message: "Request ARN is invalid"},
		{name: "session name too short", roleARN: roleARNOf(memberA, auditRole), session: "x", code: "ValidationError", status: 400,
			message: "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2"},
		{name: "session name with a space", roleARN: roleARNOf(memberA, auditRole), session: "my session", code: "ValidationError", status: 400,
			message: `1 validation error detected: Value 'my session' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*`},
		{name: "duration too short", roleARN: roleARNOf(memberA, auditRole), duration: 600, code: "ValidationError", status: 400,
			message: "1 validation error detected: Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			caller := tt.caller
			if caller == nil {
				caller = staticCreds
			}
			in := &sts.AssumeRoleInput{RoleArn: aws.String(tt.roleARN), RoleSessionName: aws.String("endpoint-console")}
			if tt.session != "" {
				in.RoleSessionName = aws.String(tt.session)
			}
			if tt.duration != 0 {
				in.DurationSeconds = aws.Int32(tt.duration)
			}
			_, err := stsClient(url, caller).AssumeRole(ctx, in)
			wantCode(t, err, tt.code)
			if got := httpStatus(err); got != tt.status {
				t.Errorf("HTTP status %d, want %d", got, tt.status)
			}
			message := tt.message
			if tt.principal != "" {
				message = "User: " + tt.principal + " is not authorized to perform: sts:AssumeRole on resource: " + tt.roleARN
			}
			wantMessage(t, err, message)
		})
	}

	t.Run("through the SDK's AssumeRole provider", func(t *testing.T) {
		provider := stscreds.NewAssumeRoleProvider(stsClient(url, staticCreds), roleARNOf(memberA, "Deployer"))
		_, err := provider.Retrieve(ctx)
		wantCode(t, err, "AccessDenied")
		_, err = ec2Client(url, "us-east-1", aws.NewCredentialsCache(provider)).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
		if err == nil || !strings.Contains(err.Error(), "not authorized to perform: sts:AssumeRole") {
			t.Errorf("DescribeVpcs through the refused provider: %v, want the AccessDenied of AssumeRole", err)
		}
	})
}

// TestAssumeRoleAnswer: the credentials and the assumed-role user AssumeRole answers, as AWS
// shapes them.
func TestAssumeRoleAnswer(t *testing.T) {
	t.Parallel() // independent: its own server
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	opts := orgOptions()
	opts.Clock = func() time.Time { return now }
	_, url := newOrgFake(t, opts)
	out, err := stsClient(url, staticCreds).AssumeRole(ctx, &sts.AssumeRoleInput{
		RoleArn: aws.String(roleARNOf(memberB, "Deployer")), RoleSessionName: aws.String("alice@example.com"),
		SourceIdentity: aws.String("alice"), DurationSeconds: aws.Int32(7200)})
	if err != nil {
		t.Fatalf("AssumeRole: %v", err)
	}
	c, u := out.Credentials, out.AssumedRoleUser
	if key := *c.AccessKeyId; len(key) != 20 || !strings.HasPrefix(key, "ASIA") {
		t.Errorf("AccessKeyId %q, want ASIA and 16 more characters", key)
	}
	if len(*c.SecretAccessKey) != 40 || *c.SessionToken == "" {
		t.Errorf("SecretAccessKey %q, SessionToken %q", *c.SecretAccessKey, *c.SessionToken)
	}
	if got, want := *c.Expiration, now.Add(2*time.Hour); !got.Equal(want) {
		t.Errorf("Expiration %v, want %v", got, want)
	}
	if got, want := *u.Arn, "arn:aws:sts::"+memberB+":assumed-role/Deployer/alice@example.com"; got != want {
		t.Errorf("AssumedRoleUser.Arn %q, want %q", got, want)
	}
	if id := *u.AssumedRoleId; !strings.HasPrefix(id, "AROA") || !strings.HasSuffix(id, ":alice@example.com") || len(id) != 21+len(":alice@example.com") {
		t.Errorf("AssumedRoleId %q, want AROA, 17 characters and :alice@example.com", id)
	}
	if got := aws.ToString(out.SourceIdentity); got != "alice" {
		t.Errorf("SourceIdentity %q, want alice", got)
	}
	other := assumeRole(t, url, memberB, "Deployer")
	if *other.AccessKeyId == *c.AccessKeyId || *other.SessionToken == *c.SessionToken {
		t.Errorf("two AssumeRole calls minted the same key %s", *c.AccessKeyId)
	}
	// A session of the management account may assume a member's role in turn (role chaining),
	// for an hour at most.
	chained, err := stsClient(url, sessionCreds(assumeRole(t, url, "123456789012", "OrgAdmin"))).AssumeRole(ctx, &sts.AssumeRoleInput{
		RoleArn: aws.String(roleARNOf(memberA, auditRole)), RoleSessionName: aws.String("chained")})
	if err != nil || *chained.AssumedRoleUser.Arn != "arn:aws:sts::"+memberA+":assumed-role/"+auditRole+"/chained" {
		t.Errorf("AssumeRole from the management account's role session: %v, %+v", err, chained)
	}
}
