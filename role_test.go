package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"endpointconsole/ec2test"
	"endpointconsole/views"
	"endpointconsole/vpc"
)

// TestConnectAWSThroughRole starts the AWS backend on moto with -assume-role-arn. moto files
// the calls made with an assumed role's credentials under the role's account, so the account
// the console shows proves that EC2 was called through the role.
func TestConnectAWSThroughRole(t *testing.T) {
	// moto first: it would inherit the test's AWS settings, and botocore refuses AWS_PROFILE="".
	motoURL := ec2test.StartMoto(t)
	testAWSEnv(t)
	const roleAccount = "111122223333"
	cfg := with(func(c *config) {
		c.backend, c.endpointURL, c.region = "aws", motoURL, "us-east-1"
		c.assumeRole = "arn:aws:iam::" + roleAccount + ":role/EndpointConsole"
	})
	_, site, err := connectAWS(t.Context(), cfg, views.Site{}, vpc.Options{}, discardLog())
	if err != nil {
		t.Fatalf("connectAWS: %v", err)
	}
	if site.AccountID != roleAccount {
		t.Errorf("account = %q, want the role's account %s", site.AccountID, roleAccount)
	}
}

// TestConnectAWSRoleRefused checks that a console whose role can't be assumed stops at start
// with one sentence naming the role.
func TestConnectAWSRoleRefused(t *testing.T) {
	testAWSEnv(t)
	const roleARN = "arn:aws:iam::123456789012:role/EndpointConsole"
	sts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprintf(w, `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>`+
			`<Message>User: arn:aws:iam::123456789012:user/console is not authorized to perform: sts:AssumeRole on resource: %s</Message>`+
			`</Error><RequestId>1</RequestId></ErrorResponse>`, roleARN)
	}))
	defer sts.Close()
	cfg := with(func(c *config) {
		c.backend, c.endpointURL, c.region, c.assumeRole = "aws", sts.URL, "us-east-1", roleARN
	})
	_, _, err := connectAWS(t.Context(), cfg, views.Site{}, vpc.Options{}, discardLog())
	if err == nil {
		t.Fatal("connectAWS: got no error, want the refusal")
	}
	want := "EC2 refused the first call: STS refused to let the console assume the role " + roleARN + "."
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("connectAWS: got %q, want it to start %q", err, want)
	}
	if strings.Contains(err.Error(), "StatusCode") || strings.Contains(err.Error(), "operation error") {
		t.Errorf("connectAWS: got %q, want no SDK text", err)
	}
}
