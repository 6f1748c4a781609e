package fakeec2

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// TestSTSGetCallerIdentity: a static key is the management account's user; a minted key is its
// role session in the account it was minted for.
func TestSTSGetCallerIdentity(t *testing.T) {
	t.Parallel() // independent: its own server
	_, url := newOrgFake(t, orgOptions())
	for _, tt := range []struct {
		name                  string
		creds                 aws.CredentialsProvider
		account, arn, userID  string
		userIDPrefix, userEnd string
	}{
		{name: "static key", creds: staticCreds, account: "123456789012", arn: "arn:aws:iam::123456789012:user/demo", userIDPrefix: "AIDA"},
		{name: "minted key", creds: sessionCreds(assumeRole(t, url, memberA, auditRole)), account: memberA,
			arn: "arn:aws:sts::" + memberA + ":assumed-role/" + auditRole + "/endpoint-console", userIDPrefix: "AROA", userEnd: ":endpoint-console"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := stsClient(url, tt.creds).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			if err != nil {
				t.Fatalf("GetCallerIdentity: %v", err)
			}
			if *out.Account != tt.account || *out.Arn != tt.arn {
				t.Errorf("Account %s, Arn %s; want %s, %s", *out.Account, *out.Arn, tt.account, tt.arn)
			}
			if id := *out.UserId; len(id) != 21+len(tt.userEnd) || id[:4] != tt.userIDPrefix || id[21:] != tt.userEnd {
				t.Errorf("UserId %q, want %s, 17 characters, %q", id, tt.userIDPrefix, tt.userEnd)
			}
		})
	}
}

// TestMemberKeys: a temporary key the fake never minted, or a minted key with another session's
// token, is refused as AWS refuses credentials it cannot validate; a minted key outlives Reset
// and then reaches the member's fresh state.
func TestMemberKeys(t *testing.T) {
	t.Parallel() // independent: its own server
	srv, url := newOrgFake(t, orgOptions())
	minted := assumeRole(t, url, memberA, auditRole)
	other := assumeRole(t, url, memberA, auditRole)
	for _, tt := range []struct {
		name  string
		creds aws.CredentialsProvider
	}{
		{name: "unminted ASIA key", creds: credentials.NewStaticCredentialsProvider("ASIAFAKEEC2NOTMINTED", "secret", "token")},
		{name: "minted key, another session's token", creds: credentials.NewStaticCredentialsProvider(*minted.AccessKeyId, *minted.SecretAccessKey, *other.SessionToken)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ec2Client(url, "us-east-1", tt.creds).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
			wantCode(t, err, "AuthFailure")
			if got := httpStatus(err); got != 401 {
				t.Errorf("HTTP status %d, want 401", got)
			}
			_, err = stsClient(url, tt.creds).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			wantCode(t, err, "InvalidClientTokenId")
			_, err = orgClient(url, tt.creds).ListAccounts(ctx, &organizations.ListAccountsInput{})
			wantCode(t, err, "UnrecognizedClientException")
		})
	}

	t.Run("minted keys outlive Reset", func(t *testing.T) {
		c := ec2Client(url, "us-east-1", sessionCreds(minted))
		made, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.30.0.0/16")})
		if err != nil {
			t.Fatalf("CreateVpc as member A: %v", err)
		}
		srv.Reset()
		out, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
		if err != nil {
			t.Fatalf("DescribeVpcs as member A after Reset: %v", err)
		}
		if len(out.Vpcs) != 1 || !*out.Vpcs[0].IsDefault || *out.Vpcs[0].OwnerId != memberA || *out.Vpcs[0].VpcId == *made.Vpc.VpcId {
			t.Errorf("member A after Reset lists %+v, want only its fresh default VPC (%s was made before)", out.Vpcs, *made.Vpc.VpcId)
		}
	})
}

// TestAssumeRoleSessionsBounded: past maxSessions, the oldest minted key is forgotten and refused; the
// newest still works.
func TestAssumeRoleSessionsBounded(t *testing.T) {
	t.Parallel() // independent: its own server
	srv, url := newOrgFake(t, orgOptions())
	first := assumeRole(t, url, memberA, auditRole)
	for range maxSessions - 1 {
		key, secret, token := newSessionCredentials()
		srv.sessions.add(&session{accessKeyID: key, secret: secret, token: token, account: memberB, role: auditRole, name: "filler"})
	}
	if _, err := stsClient(url, sessionCreds(first)).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); err != nil {
		t.Fatalf("the oldest of %d sessions is refused: %v", maxSessions, err)
	}
	last := assumeRole(t, url, memberA, auditRole)
	_, err := stsClient(url, sessionCreds(first)).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	wantCode(t, err, "InvalidClientTokenId")
	if _, err := stsClient(url, sessionCreds(last)).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); err != nil {
		t.Errorf("the newest session is refused: %v", err)
	}
}
