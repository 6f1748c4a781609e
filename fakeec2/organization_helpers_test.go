package fakeec2

import (
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
)

// The organization the tests simulate: the default management account and two members, each
// with the role a console's -org-role-name names.
const (
	auditRole = "EndpointConsoleAudit"
	memberA   = "210987654321"
	memberB   = "333344445555"
)

func orgOptions() Options {
	return Options{
		Roles: []string{"OrgAdmin"},
		Members: []Member{
			{ID: memberA, Name: "Team A", Roles: []string{auditRole}},
			{ID: memberB, Name: "Team B", Email: "b-team@example.org", Roles: []string{auditRole, "Deployer"}},
		},
	}
}

// newOrgFake serves a fresh fake and returns it with its URL.
func newOrgFake(t *testing.T, opts Options) (*Server, string) {
	t.Helper()
	srv := New(opts)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return srv, ts.URL
}

// staticCreds is the static key the console and the tests use: the management account.
var staticCreds = credentials.NewStaticCredentialsProvider("AKIDFAKEEC2TEST", "secret", "")

// ec2Client is the real EC2 client for the fake at url, signing for region with creds.
func ec2Client(url, region string, creds aws.CredentialsProvider) *ec2.Client {
	return ec2.New(ec2.Options{Region: region, BaseEndpoint: aws.String(url), Credentials: creds,
		Retryer: aws.NopRetryer{}, HTTPClient: bufferedBodies{}})
}

// stsClient is the real STS client for the fake at url.
func stsClient(url string, creds aws.CredentialsProvider) *sts.Client {
	return sts.New(sts.Options{Region: "us-east-1", BaseEndpoint: aws.String(url), Credentials: creds,
		Retryer: aws.NopRetryer{}, HTTPClient: bufferedBodies{}})
}

// orgClient is the real Organizations client for the fake at url.
func orgClient(url string, creds aws.CredentialsProvider) *organizations.Client {
	return organizations.New(organizations.Options{Region: "us-east-1", BaseEndpoint: aws.String(url), Credentials: creds,
		Retryer: aws.NopRetryer{}, HTTPClient: bufferedBodies{}})
}

// roleARNOf is the ARN of a role in an account.
func roleARNOf(account, role string) string { return "arn:aws:iam::" + account + ":role/" + role }

// assumeRole calls AssumeRole with the static key and requires success.
func assumeRole(t *testing.T, url, account, role string) *ststypes.Credentials {
	t.Helper()
	out, err := stsClient(url, staticCreds).AssumeRole(ctx, &sts.AssumeRoleInput{
		RoleArn: aws.String(roleARNOf(account, role)), RoleSessionName: aws.String("endpoint-console")})
	if err != nil {
		t.Fatalf("AssumeRole %s: %v", roleARNOf(account, role), err)
	}
	return out.Credentials
}

// sessionCreds is a static provider holding a session's minted key, secret and token.
func sessionCreds(c *ststypes.Credentials) aws.CredentialsProvider {
	return credentials.NewStaticCredentialsProvider(*c.AccessKeyId, *c.SecretAccessKey, *c.SessionToken)
}

// httpStatus returns the HTTP status of an SDK error, or 0.
func httpStatus(err error) int {
	var withStatus interface{ HTTPStatusCode() int }
	if errors.As(err, &withStatus) {
		return withStatus.HTTPStatusCode()
	}
	return 0
}
