package fakeec2

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// awsRun runs `aws --endpoint-url endpoint --region us-east-1 --output json args…` (any service)
// and returns its output.
func awsRun(t *testing.T, bin string, env []string, endpoint string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	return runAWS(t, bin, env, append([]string{"--endpoint-url", endpoint, "--region", "us-east-1", "--output", "json"}, args...)...)
}

// TestAWSCLIOrganization: botocore, an implementation of the STS Query and Organizations JSON
// protocols independent of the Go SDK, reads the fake's answers: assume-role's credentials work
// for EC2 in the member account, list-accounts pages through the organization, and refusals
// carry AWS's codes.
func TestAWSCLIOrganization(t *testing.T) {
	t.Parallel() // independent: its own server
	bin := awsCLI(t)
	env := cliEnv(t)
	_, url := newOrgFake(t, orgOptions())
	run := func(env []string, v any, args ...string) {
		t.Helper()
		stdout, stderr, err := awsRun(t, bin, env, url, args...)
		if err != nil {
			t.Fatalf("aws %s: %v\nstderr: %s", strings.Join(args, " "), err, stderr)
		}
		if err := json.Unmarshal([]byte(stdout), v); err != nil {
			t.Fatalf("aws %s printed output that is not JSON: %v\n%s", strings.Join(args, " "), err, stdout)
		}
	}

	var assumed struct {
		Credentials struct {
			AccessKeyID     string `json:"AccessKeyId"`
			SecretAccessKey string
			SessionToken    string
			Expiration      string
		}
		AssumedRoleUser struct {
			AssumedRoleID string `json:"AssumedRoleId"`
			Arn           string
		}
		SourceIdentity string
	}
	run(env, &assumed, "sts", "assume-role", "--role-arn", roleARNOf(memberA, auditRole),
		"--role-session-name", "cli-session", "--source-identity", "cli-user", "--duration-seconds", "900")
	c := assumed.Credentials
	if !strings.HasPrefix(c.AccessKeyID, "ASIA") || len(c.AccessKeyID) != 20 || c.SecretAccessKey == "" || c.SessionToken == "" || c.Expiration == "" {
		t.Errorf("assume-role Credentials: %+v", c)
	}
	if got, want := assumed.AssumedRoleUser.Arn, "arn:aws:sts::"+memberA+":assumed-role/"+auditRole+"/cli-session"; got != want {
		t.Errorf("assume-role AssumedRoleUser.Arn %q, want %q", got, want)
	}
	if !strings.HasPrefix(assumed.AssumedRoleUser.AssumedRoleID, "AROA") || !strings.HasSuffix(assumed.AssumedRoleUser.AssumedRoleID, ":cli-session") || assumed.SourceIdentity != "cli-user" {
		t.Errorf("assume-role AssumedRoleId %q, SourceIdentity %q", assumed.AssumedRoleUser.AssumedRoleID, assumed.SourceIdentity)
	}

	// The minted credentials, as a person exports them, reach the member's own account.
	asMember := append(slices.Clone(env), "AWS_ACCESS_KEY_ID="+c.AccessKeyID, "AWS_SECRET_ACCESS_KEY="+c.SecretAccessKey, "AWS_SESSION_TOKEN="+c.SessionToken)
	var identity struct{ Account, Arn, UserID string }
	run(asMember, &identity, "sts", "get-caller-identity")
	if identity.Account != memberA || identity.Arn != assumed.AssumedRoleUser.Arn {
		t.Errorf("get-caller-identity as the member: %+v", identity)
	}
	var vpcs struct {
		Vpcs []struct {
			VpcID   string `json:"VpcId"`
			OwnerID string `json:"OwnerId"`
		}
	}
	run(asMember, &vpcs, "ec2", "describe-vpcs")
	if len(vpcs.Vpcs) != 1 || vpcs.Vpcs[0].OwnerID != memberA {
		t.Errorf("ec2 describe-vpcs as the member: %+v, want its default VPC, owned by %s", vpcs.Vpcs, memberA)
	}

	// --page-size 1 makes the CLI follow NextToken itself, one account per call.
	var list struct {
		Accounts []struct {
			ID              string `json:"Id"`
			Arn, Email      string
			Name, Status    string
			JoinedMethod    string
			JoinedTimestamp any
		}
	}
	run(env, &list, "organizations", "list-accounts", "--page-size", "1")
	var ids []string
	for _, a := range list.Accounts {
		ids = append(ids, a.ID)
		if a.Status != "ACTIVE" || a.JoinedTimestamp == nil || !strings.HasSuffix(a.Arn, "/"+a.ID) || a.Email == "" {
			t.Errorf("list-accounts: %+v", a)
		}
	}
	if want := []string{"123456789012", memberA, memberB}; !slices.Equal(ids, want) {
		t.Errorf("list-accounts --page-size 1 lists %v, want %v", ids, want)
	}

	for _, tt := range []struct {
		name string
		env  []string
		args []string
		want string
	}{
		{name: "assume-role into a role the member lacks", env: env,
			args: []string{"sts", "assume-role", "--role-arn", roleARNOf(memberA, "Deployer"), "--role-session-name", "cli-session"},
			want: "(AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::123456789012:user/demo is not authorized to perform: sts:AssumeRole on resource: " + roleARNOf(memberA, "Deployer")},
		{name: "list-accounts as a member", env: asMember, args: []string{"organizations", "list-accounts"},
			want: "(AccessDeniedException) when calling the ListAccounts operation: You don't have permissions to access this resource."},
		{name: "an unminted temporary key", env: append(slices.Clone(env), "AWS_ACCESS_KEY_ID=ASIAFAKEEC2NOTMINTED", "AWS_SESSION_TOKEN=token"), args: []string{"ec2", "describe-vpcs"},
			want: "(AuthFailure) when calling the DescribeVpcs operation: AWS was not able to validate the provided access credentials"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, err := awsRun(t, bin, tt.env, url, tt.args...)
			if err == nil || !strings.Contains(stderr, tt.want) {
				t.Errorf("aws %s: %v\nstdout: %s\nstderr: %s\nwant stderr to hold %q", strings.Join(tt.args, " "), err, stdout, stderr, tt.want)
			}
		})
	}
}
