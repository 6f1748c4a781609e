package ec2test

import (
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"endpointconsole/fakeec2"
)

// FakeBackend returns a Backend that gives each caller its own fakeec2
// account, served on a loopback httptest server closed when the test ends.
// Unlike moto's, these accounts are independent, so callers may run in
// parallel.
func FakeBackend() Backend {
	return func(t *testing.T) *ec2.Client {
		t.Helper()
		srv := httptest.NewServer(fakeec2.New(fakeec2.Options{}))
		t.Cleanup(srv.Close)
		return Client(t, srv.URL)
	}
}
