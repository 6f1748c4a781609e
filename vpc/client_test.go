package vpc

import (
	"context"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// isolateAWSConfig keeps the machine's AWS settings out of a test.
func isolateAWSConfig(t *testing.T) {
	t.Helper()
	empty := filepath.Join(t.TempDir(), "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for key, value := range map[string]string{
		"AWS_CONFIG_FILE": empty, "AWS_SHARED_CREDENTIALS_FILE": empty, "AWS_PROFILE": "", "AWS_DEFAULT_PROFILE": "",
		"AWS_REGION": "", "AWS_DEFAULT_REGION": "", "AWS_ENDPOINT_URL": "", "AWS_ENDPOINT_URL_EC2": "",
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_CA_BUNDLE": "",
	} {
		t.Setenv(key, value)
	}
}

func TestConfigValidate(t *testing.T) {
	for _, tt := range []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"empty", Config{}, true},
		{"demo", Config{EndpointURL: "http://127.0.0.1:4566", Region: DemoRegion, StaticAccessKey: "demo", StaticSecretKey: "demo"}, true},
		{"GovCloud region", Config{Region: "us-gov-west-1"}, true},
		{"access key without secret", Config{StaticAccessKey: "AKIA"}, false},
		{"secret without access key", Config{StaticSecretKey: "s3cr3t"}, false},
		{"not a region", Config{Region: "US East"}, false},
		{"endpoint without scheme", Config{EndpointURL: "127.0.0.1:4566"}, false},
		{"endpoint of another scheme", Config{EndpointURL: "ftp://example.com"}, false},
		{"role", Config{AssumeRoleARN: "arn:aws:iam::123456789012:role/EndpointConsole"}, true},
		{"role with a path", Config{AssumeRoleARN: "arn:aws:iam::123456789012:role/ops/console/EndpointConsole"}, true},
		{"role in GovCloud", Config{AssumeRoleARN: "arn:aws-us-gov:iam::123456789012:role/EndpointConsole"}, true},
		{"role in China", Config{AssumeRoleARN: "arn:aws-cn:iam::123456789012:role/Endpoint_Console+=,.@-1"}, true},
		{"role ARN with a short account", Config{AssumeRoleARN: "arn:aws:iam::12345:role/EndpointConsole"}, false},
		{"user ARN", Config{AssumeRoleARN: "arn:aws:iam::123456789012:user/console"}, false},
		{"role name only", Config{AssumeRoleARN: "EndpointConsole"}, false},
		{"role without a name", Config{AssumeRoleARN: "arn:aws:iam::123456789012:role/"}, false},
		{"role path without a name", Config{AssumeRoleARN: "arn:aws:iam::123456789012:role/ops/"}, false},
		{"STS assumed-role ARN", Config{AssumeRoleARN: "arn:aws:sts::123456789012:assumed-role/EndpointConsole/s"}, false},
		{"role ARN with a space", Config{AssumeRoleARN: "arn:aws:iam::123456789012:role/Endpoint Console"}, false},
		{"role ARN of another partition shape", Config{AssumeRoleARN: "arn:gcp:iam::123456789012:role/EndpointConsole"}, false},
		{"bad role with a secret", Config{AssumeRoleARN: "arn:aws:iam::123456789012:user/x", StaticAccessKey: "AKIA", StaticSecretKey: "s3cr3t"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			if (err == nil) != tt.ok {
				t.Fatalf("Validate() = %v, want ok %v", err, tt.ok)
			}
			if err != nil && strings.Contains(err.Error(), "s3cr3t") {
				t.Errorf("message %q reveals the secret", err)
			}
		})
	}
}

func TestNewEC2Client(t *testing.T) {
	isolateAWSConfig(t)
	ctx := context.Background()
	client, err := NewEC2Client(ctx, Config{
		EndpointURL: "http://127.0.0.1:4566", Region: DemoRegion, StaticAccessKey: "demo", StaticSecretKey: "demo-secret",
	})
	if err != nil {
		t.Fatalf("NewEC2Client: %v", err)
	}
	opts := client.Options()
	if got := *opts.BaseEndpoint; got != "http://127.0.0.1:4566" {
		t.Errorf("BaseEndpoint = %q, want the endpoint URL", got)
	}
	if opts.Region != DemoRegion {
		t.Errorf("Region = %q, want %q", opts.Region, DemoRegion)
	}
	if got := opts.Retryer.MaxAttempts(); got != maxAttempts {
		t.Errorf("retryer makes %d attempts, want %d", got, maxAttempts)
	}
	creds, err := opts.Credentials.Retrieve(ctx)
	if err != nil || creds.AccessKeyID != "demo" || creds.SecretAccessKey != "demo-secret" {
		t.Errorf("credentials = %q, %v; want the static pair", creds.AccessKeyID, err)
	}

	if _, err := NewEC2Client(ctx, Config{StaticAccessKey: "demo", StaticSecretKey: "demo"}); ErrorCode(err) != Invalid ||
		!strings.Contains(ErrorMessage(err), "No AWS Region") {
		t.Errorf("without a Region: %v, want Invalid, No AWS Region", err)
	}
	if _, err := NewEC2Client(ctx, Config{Region: DemoRegion, Profile: "no-such-profile"}); ErrorCode(err) != Invalid {
		t.Errorf("with an unknown profile: %v, want Invalid", err)
	}
	t.Setenv("AWS_REGION", "eu-west-1")
	client, err = NewEC2Client(ctx, Config{StaticAccessKey: "demo", StaticSecretKey: "demo"})
	if err != nil || client.Options().Region != "eu-west-1" || client.Options().BaseEndpoint != nil {
		t.Errorf("from AWS_REGION: %v, want Region eu-west-1 and AWS's own endpoint", err)
	}
}

// TestClientCallsWithAndWithoutACABundle: a client calls EC2 whether or not AWS_CA_BUNDLE names a
// bundle, and with one it trusts the bundle's certificates (here, a test server's own).
func TestClientCallsWithAndWithoutACABundle(t *testing.T) {
	isolateAWSConfig(t)
	answer := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml")
		w.Write([]byte(`<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId><vpcSet/></DescribeVpcsResponse>`))
	})
	plain := httptest.NewServer(answer)
	defer plain.Close()
	tls := httptest.NewTLSServer(answer)
	defer tls.Close()
	bundle := filepath.Join(t.TempDir(), "bundle.pem")
	if err := os.WriteFile(bundle, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: tls.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, bundle, url string }{
		{"no bundle", "", plain.URL},
		{"a bundle trusting the server", bundle, tls.URL},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("AWS_CA_BUNDLE", tt.bundle)
			svc, err := Connect(t.Context(), Config{EndpointURL: tt.url, Region: DemoRegion, StaticAccessKey: "demo", StaticSecretKey: "demo"}, Options{})
			if err != nil {
				t.Fatalf("Connect: %v", err)
			}
			if _, err := svc.VPCs(t.Context()); err != nil {
				t.Errorf("list the VPCs: %v", err)
			}
		})
	}
}

// TestConnectTakesTheConfiguredRegion: the Service Connect builds names the Region the AWS
// configuration settled on, so that main never needs the SDK client to know it.
func TestConnectTakesTheConfiguredRegion(t *testing.T) {
	isolateAWSConfig(t)
	t.Setenv("AWS_REGION", "eu-west-1")
	svc, err := Connect(context.Background(), Config{StaticAccessKey: "demo", StaticSecretKey: "demo"}, Options{})
	if err != nil {
		t.Fatalf("Connect: %v", err)
	}
	if got := svc.Region(); got != "eu-west-1" {
		t.Errorf("Region() = %q, want the Region of AWS_REGION", got)
	}
	if _, err := Connect(context.Background(), Config{StaticAccessKey: "demo"}, Options{}); ErrorCode(err) != Invalid {
		t.Errorf("with half a key pair: %v, want Invalid", err)
	}
}
