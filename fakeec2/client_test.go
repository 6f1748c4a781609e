package fakeec2

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/smithy-go"
)

// newTestClient serves a fresh fake account and returns the real SDK client pointed at it, with
// retries off so every answer — throttling included — reaches the test as EC2 sent it. The
// client signs for the account's default Region (opts.Region, else us-east-1).
func newTestClient(t *testing.T, opts Options) (*ec2.Client, *Server) {
	t.Helper()
	srv := New(opts)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return regionClient(ts.URL, srv.opts.Region), srv
}

// regionClient is an SDK client for the fake at url that signs its requests for region, as a
// client configured for that Region does.
func regionClient(url, region string) *ec2.Client {
	return ec2.New(ec2.Options{
		Region:       region,
		BaseEndpoint: aws.String(url),
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDFAKEEC2TEST", "secret", ""),
		Retryer:      aws.NopRetryer{},
		HTTPClient:   bufferedBodies{},
	})
}

// bufferedBodies sends each request with an in-memory copy of its body. Without retries, the
// SDK's race with net/http over the request body (aws/aws-sdk-go-v2#2737: the SDK closes its
// body stream while the transport may still read it, and the transport then closes the
// connection under the response) would fail a test now and then; the console's own client
// does the same (vpc/httpclient.go), which this package cannot import.
type bufferedBodies struct{}

func (bufferedBodies) Do(r *http.Request) (*http.Response, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return http.DefaultClient.Do(r)
	}
	body, err := io.ReadAll(r.Body)
	r.Body.Close()
	if err != nil {
		return nil, err
	}
	copied := r.Clone(r.Context())
	copied.Body = io.NopCloser(bytes.NewReader(body))
	return http.DefaultClient.Do(copied)
}

// apiErrorCode returns the EC2 error code carried by err, or "" when err is nil or not an API error.
func apiErrorCode(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorCode()
	}
	return ""
}

// wantCode fails the test unless err is the EC2 error code want.
func wantCode(t *testing.T, err error, want string) {
	t.Helper()
	if got := apiErrorCode(err); got != want {
		t.Fatalf("error code = %q (err %v), want %q", got, err, want)
	}
}

var ctx = context.Background()

// defaultAccount is the state of the Server's default Region, for tests that look inside it.
func (s *Server) defaultAccount() *account {
	st, _ := s.region(s.opts.Region)
	return st.account
}
