// Package ec2test starts EC2-compatible backends for tests and hands out SDK
// clients pointed at them, so that the vpc package, and later the web
// handlers, run one test suite against each backend.
//
// moto (moto_server, a Python EC2 emulator) is the independent one: a test
// that passes on moto and on our own fake checks our reading of EC2, not just
// two pieces of our code agreeing.
package ec2test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"endpointconsole/vpc"
)

// Region is the Region every test client uses.
const Region = vpc.DemoRegion

// Backend returns an EC2 client for a fresh, empty account (apart from what
// the backend seeds by itself, such as moto's default VPC). Each call gets a
// clean account, so subtests do not see each other's resources.
type Backend func(t *testing.T) *ec2.Client

// Client returns an EC2 client for the backend at endpointURL, built the way
// the console builds its own (vpc.NewEC2Client) with static test credentials.
func Client(t testing.TB, endpointURL string) *ec2.Client {
	t.Helper()
	return ClientIn(t, endpointURL, Region)
}

// ClientIn is Client for another Region: its requests are signed for region,
// which is how fakeec2 (and moto) tell the Regions' accounts apart.
func ClientIn(t testing.TB, endpointURL, region string) *ec2.Client {
	t.Helper()
	client, err := vpc.NewEC2Client(context.Background(), vpc.Config{
		EndpointURL:     endpointURL,
		Region:          region,
		StaticAccessKey: "testing",
		StaticSecretKey: "testing",
		// Throttling tests retry as the console does, without the console's waits.
		MaxBackoff: time.Millisecond,
	})
	if err != nil {
		t.Fatalf("EC2 client for %s: %v", endpointURL, err)
	}
	return client
}
