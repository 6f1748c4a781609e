package vpc_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"

	"endpointconsole/ec2test"
	"endpointconsole/vpc"
)

// TestAssumeRoleMoto checks, through a recording proxy in front of moto, that the console
// assumes its role once per person with the person as SourceIdentity, and that EC2 is then
// called with the role's credentials, not the console's own.
func TestAssumeRoleMoto(t *testing.T) {
	t.Parallel() // independent: moto accounts of its own on the shared moto_server
	const roleARN = "arn:aws:iam::123456789012:role/EndpointConsole"
	proxy := startRecordingProxy(t, ec2test.SharedMoto(t))
	client, err := vpc.NewEC2Client(context.Background(), vpc.Config{
		EndpointURL: proxy.url, Region: ec2test.Region, StaticAccessKey: "testing", StaticSecretKey: "testing",
		AssumeRoleARN: roleARN,
	})
	if err != nil {
		t.Fatalf("NewEC2Client: %v", err)
	}
	service := vpc.New(client, ec2test.Region)
	alice := vpc.WithPerson(context.Background(), vpc.Person{User: "alice", Email: "alice@example.com"})
	bob := vpc.WithPerson(context.Background(), vpc.Person{User: "Bob Smith"})

	// read makes a page's worth of calls (Network reads several things at once) and returns
	// the calls it caused: the AssumeRole calls, and the access key of each EC2 call.
	read := func(t *testing.T, ctx context.Context) (assumed []recordedCall, ec2Keys map[string]int) {
		t.Helper()
		before := proxy.count()
		if _, err := service.Network(ctx, ""); err != nil {
			t.Fatalf("Network: %v", err)
		}
		ec2Keys = map[string]int{}
		for _, c := range proxy.since(before) {
			switch c.service {
			case "sts":
				if c.accessKey != "testing" {
					t.Errorf("STS %s signed with %q, want the console's own key", c.action, c.accessKey)
				}
				if c.action == "AssumeRole" {
					assumed = append(assumed, c)
				}
			case "ec2":
				ec2Keys[c.accessKey]++
			default:
				t.Errorf("call %s to service %q, want sts or ec2", c.action, c.service)
			}
		}
		if len(ec2Keys) == 0 {
			t.Fatalf("the read made no EC2 call")
		}
		return assumed, ec2Keys
	}
	// assumedOnce checks one AssumeRole call and that every EC2 call used its credentials.
	assumedOnce := func(t *testing.T, assumed []recordedCall, ec2Keys map[string]int, sourceIdentity, sessionName string) string {
		t.Helper()
		if len(assumed) != 1 {
			t.Fatalf("%d AssumeRole calls, want 1", len(assumed))
		}
		a := assumed[0]
		if got := a.form.Get("RoleArn"); got != roleARN {
			t.Errorf("RoleArn = %q, want %q", got, roleARN)
		}
		if got, has := a.form.Get("SourceIdentity"), a.form.Has("SourceIdentity"); got != sourceIdentity || has != (sourceIdentity != "") {
			t.Errorf("SourceIdentity = %q (sent: %v), want %q", got, has, sourceIdentity)
		}
		if got := a.form.Get("RoleSessionName"); got != sessionName {
			t.Errorf("RoleSessionName = %q, want %q", got, sessionName)
		}
		if a.assumedKey == "" || a.assumedKey == "testing" {
			t.Fatalf("AssumeRole answered access key %q, want a new one", a.assumedKey)
		}
		onlyKey(t, ec2Keys, a.assumedKey)
		return a.assumedKey
	}

	var aliceKey string
	t.Run("a person's first page assumes the role for them", func(t *testing.T) {
		assumed, ec2Keys := read(t, alice)
		aliceKey = assumedOnce(t, assumed, ec2Keys, "alice@example.com", "endpoint-console-alice@example.com")
	})
	t.Run("their next page reuses the session", func(t *testing.T) {
		assumed, ec2Keys := read(t, alice)
		if len(assumed) != 0 {
			t.Errorf("%d AssumeRole calls, want none", len(assumed))
		}
		onlyKey(t, ec2Keys, aliceKey)
	})
	t.Run("another person gets their own session", func(t *testing.T) {
		assumed, ec2Keys := read(t, bob)
		if key := assumedOnce(t, assumed, ec2Keys, "Bob-Smith", "endpoint-console-Bob-Smith"); key == aliceKey {
			t.Errorf("Bob's EC2 calls use Alice's access key %q", key)
		}
	})
	t.Run("without a person, the console's own session", func(t *testing.T) {
		assumed, ec2Keys := read(t, context.Background())
		if key := assumedOnce(t, assumed, ec2Keys, "", "endpoint-console"); key == aliceKey {
			t.Errorf("the console's EC2 calls use Alice's access key %q", key)
		}
	})
}

// onlyKey checks that every EC2 call was signed with key.
func onlyKey(t *testing.T, ec2Keys map[string]int, key string) {
	t.Helper()
	for k, n := range ec2Keys {
		if k != key {
			t.Errorf("%d EC2 calls signed with access key %q, want all with %q", n, k, key)
		}
	}
}

// recordedCall is one request that went through the recording proxy.
type recordedCall struct {
	action string
	form   url.Values
	// service and accessKey come from the SigV4 Authorization header's Credential=.
	service, accessKey string
	// assumedKey is the AccessKeyId in an AssumeRole answer.
	assumedKey string
}

// recordingProxy forwards to a backend and records each Query-protocol call (STS and EC2
// both send their parameters as a form in the body).
type recordingProxy struct {
	url   string
	mu    sync.Mutex
	calls []recordedCall
}

func startRecordingProxy(t *testing.T, backendURL string) *recordingProxy {
	t.Helper()
	target, err := url.Parse(backendURL)
	if err != nil {
		t.Fatal(err)
	}
	p := &recordingProxy{}
	forward := httputil.NewSingleHostReverseProxy(target)
	forward.ModifyResponse = p.recordAnswer
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		form, _ := url.ParseQuery(string(body))
		service, accessKey := signedBy(r.Header.Get("Authorization"))
		p.mu.Lock()
		p.calls = append(p.calls, recordedCall{action: form.Get("Action"), form: form, service: service, accessKey: accessKey})
		index := len(p.calls) - 1
		p.mu.Unlock()
		forward.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), callIndexKey{}, index)))
	}))
	t.Cleanup(srv.Close)
	p.url = srv.URL
	return p
}

type callIndexKey struct{}

// recordAnswer keeps the access key an AssumeRole answer hands out.
func (p *recordingProxy) recordAnswer(resp *http.Response) error {
	index, _ := resp.Request.Context().Value(callIndexKey{}).(int)
	p.mu.Lock()
	action := p.calls[index].action
	p.mu.Unlock()
	if action != "AssumeRole" {
		return nil
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	var answer struct {
		AccessKeyID string `xml:"AssumeRoleResult>Credentials>AccessKeyId"`
	}
	if err := xml.Unmarshal(body, &answer); err != nil {
		return nil // an error answer: no key to record
	}
	p.mu.Lock()
	p.calls[index].assumedKey = answer.AccessKeyID
	p.mu.Unlock()
	return nil
}

func (p *recordingProxy) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.calls)
}

// since returns the calls recorded after the first n.
func (p *recordingProxy) since(n int) []recordedCall {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]recordedCall(nil), p.calls[n:]...)
}

// signedBy reads the service and access key from a SigV4 Authorization header:
// "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ec2/aws4_request, SignedHeaders=…".
func signedBy(authorization string) (service, accessKey string) {
	_, credential, ok := strings.Cut(authorization, "Credential=")
	if !ok {
		return "", ""
	}
	credential, _, _ = strings.Cut(credential, ",")
	parts := strings.Split(credential, "/")
	if len(parts) != 5 {
		return "", ""
	}
	return parts[3], parts[0]
}
