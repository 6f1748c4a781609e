package vpc

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

func TestRoleSessionName(t *testing.T) {
	long := strings.Repeat("a", 60) + "@example.com"
	for _, tt := range []struct {
		name, identity, want string
	}{
		{"the console itself", "", "endpoint-console"},
		{"an email", "alice@example.com", "endpoint-console-alice@example.com"},
		{"a made-safe name", sourceIdentity("Bob Smith"), "endpoint-console-Bob-Smith"},
		{"cut at 64 characters", sourceIdentity(long), ("endpoint-console-" + long)[:64]},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := roleSessionName(tt.identity); got != tt.want {
				t.Errorf("roleSessionName(%q) = %q, want %q", tt.identity, got, tt.want)
			}
		})
	}
}

// stsErrorAnswer is how STS (Query protocol) answers a refused call.
const stsErrorAnswer = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
  <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
</ErrorResponse>`

// TestAssumeRoleRefused checks that an STS refusal reaches a page as a plain sentence naming
// the role, with the right code, and that no EC2 call is made without the role's credentials.
func TestAssumeRoleRefused(t *testing.T) {
	isolateAWSConfig(t)
	const roleARN = "arn:aws:iam::123456789012:role/EndpointConsole"
	for _, tt := range []struct {
		code, message string
		status        int
		want          Code
		says          []string
	}{
		{"AccessDenied", "User: arn:aws:iam::123456789012:user/console is not authorized to perform: sts:AssumeRole on resource: " + roleARN,
			http.StatusForbidden, Unauthorized, []string{"STS refused to let the console assume the role " + roleARN + ".", "sts:SetSourceIdentity"}},
		{"InvalidClientTokenId", "The security token included in the request is invalid.",
			http.StatusForbidden, Unauthorized, []string{"did not accept the console's own credentials", roleARN}},
		{"ExpiredToken", "The security token included in the request is expired",
			http.StatusBadRequest, Unauthorized, []string{"did not accept the console's own credentials", roleARN}},
		{"RegionDisabledException", "STS is not activated in this region for account:123456789012.",
			http.StatusForbidden, Internal, []string{"STS could not give the console credentials for the role " + roleARN, "RegionDisabledException"}},
	} {
		t.Run(tt.code, func(t *testing.T) {
			var mu sync.Mutex
			actions := map[string]int{}
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				actions[r.FormValue("Action")]++
				mu.Unlock()
				w.Header().Set("Content-Type", "text/xml")
				w.WriteHeader(tt.status)
				fmt.Fprintf(w, stsErrorAnswer, tt.code, tt.message)
			}))
			defer srv.Close()
			client, err := NewEC2Client(context.Background(), Config{
				EndpointURL: srv.URL, Region: DemoRegion, StaticAccessKey: "AKIAEXAMPLE", StaticSecretKey: "s3cr3t",
				AssumeRoleARN: roleARN,
			})
			if err != nil {
				t.Fatalf("NewEC2Client: %v", err)
			}
			ctx := WithPerson(context.Background(), Person{Email: "alice@example.com"})
			_, err = New(client, DemoRegion).VPCs(ctx)
			if err == nil {
				t.Fatal("VPCs: got no error, want the refusal")
			}
			if got := ErrorCode(err); got != tt.want {
				t.Errorf("ErrorCode = %q, want %q (error: %v)", got, tt.want, err)
			}
			msg := ErrorMessage(err)
			for _, want := range tt.says {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q, want it to contain %q", msg, want)
				}
			}
			for _, sdkWords := range []string{"operation error", "StatusCode", "RequestID", "api error", "s3cr3t", "AKIAEXAMPLE"} {
				if strings.Contains(msg, sdkWords) {
					t.Errorf("message %q contains %q; want a plain sentence", msg, sdkWords)
				}
			}
			mu.Lock()
			defer mu.Unlock()
			if actions["AssumeRole"] != 1 || len(actions) != 1 {
				t.Errorf("calls by action: %v, want one AssumeRole and nothing else", actions)
			}
		})
	}
}
