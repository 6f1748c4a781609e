package fakeec2

import (
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// testClock is a clock a test moves by hand.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func newTestClock() *testClock { return &testClock{now: time.Date(2026, 5, 20, 10, 0, 0, 0, time.UTC)} }

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *testClock) Advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.now = c.now.Add(d) }

// endpointStates describes the endpoints matching a vpc-endpoint-state filter, by id.
func endpointStates(t *testing.T, c *ec2.Client, states ...string) map[string]string {
	t.Helper()
	out, err := c.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{Filters: []types.Filter{sdkFilter("vpc-endpoint-state", states...)}})
	if err != nil {
		t.Fatalf("DescribeVpcEndpoints vpc-endpoint-state=%v: %v", states, err)
	}
	got := map[string]string{}
	for _, e := range out.VpcEndpoints {
		got[aws.ToString(e.VpcEndpointId)] = string(e.State)
	}
	return got
}

func TestDeletedEndpointLifecycle(t *testing.T) {
	clock := newTestClock()
	c, _ := newTestClient(t, Options{Clock: clock.Now, EndpointDeletingDelay: 10 * time.Second, DeletedEndpointRetention: 5 * time.Minute})
	n := buildNetwork(t, c, "10.10")
	gone := createS3Endpoint(t, c, n.vpcID, n.privateTable)
	kept := createS3Endpoint(t, c, n.vpcID, n.mainTable)
	if _, err := c.DeleteVpcEndpoints(ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{gone}}); err != nil {
		t.Fatalf("DeleteVpcEndpoints: %v", err)
	}
	if got, ok := routesOf(t, c, n.privateTable)[s3PrefixList]; ok {
		t.Errorf("the deleted endpoint's route is still there: %q", got)
	}
	for _, step := range []struct {
		name    string
		advance time.Duration
		// want is the state each vpc-endpoint-state filter finds the deleted endpoint in ("" none).
		want map[string]string
		// described is what DescribeVpcEndpoints by id answers: a state, or NotFound.
		described string
	}{
		{"right after the delete", 0, map[string]string{"deleting": "deleting", "deleted": "", "available": ""}, "deleting"},
		{"after the deleting delay", 10 * time.Second, map[string]string{"deleting": "", "deleted": "deleted", "available": ""}, "deleted"},
		{"just before the retention ends", 5*time.Minute - time.Second, map[string]string{"deleting": "", "deleted": "deleted"}, "deleted"},
		{"after the retention", time.Second, map[string]string{"deleting": "", "deleted": ""}, "NotFound"},
	} {
		t.Run(step.name, func(t *testing.T) {
			clock.Advance(step.advance)
			for filter, want := range step.want {
				if got := endpointStates(t, c, filter)[gone]; got != want {
					t.Errorf("vpc-endpoint-state=%s finds the deleted endpoint as %q, want %q", filter, got, want)
				}
			}
			if got := endpointStates(t, c, "available")[kept]; got != "available" {
				t.Errorf("the other endpoint is %q, want available", got)
			}
			out, err := c.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{gone}})
			if step.described == "NotFound" {
				wantCode(t, err, "InvalidVpcEndpointId.NotFound")
				return
			}
			if err != nil || len(out.VpcEndpoints) != 1 {
				t.Fatalf("describe %s: %v (%d endpoints)", gone, err, len(out.VpcEndpoints))
			}
			if got := string(out.VpcEndpoints[0].State); got != step.described {
				t.Errorf("described as %q, want %q", got, step.described)
			}
		})
	}
}

func TestDeletedEndpointIsNoLongerChangedOrCounted(t *testing.T) {
	clock := newTestClock()
	c, srv := newTestClient(t, Options{Clock: clock.Now})
	n := buildNetwork(t, c, "10.10")
	id := createS3Endpoint(t, c, n.vpcID, n.privateTable)
	if _, err := c.DeleteVpcEndpoints(ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{id}}); err != nil {
		t.Fatalf("DeleteVpcEndpoints: %v", err)
	}
	for _, wait := range []time.Duration{0, defaultDeletingDelay} { // deleting, then deleted
		clock.Advance(wait)
		_, err := c.ModifyVpcEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(id), AddRouteTableIds: []string{n.mainTable}})
		wantCode(t, err, "InvalidVpcEndpointId.NotFound")
		if _, ok := routesOf(t, c, n.mainTable)[s3PrefixList]; ok {
			t.Errorf("a refused modify of a %s endpoint added a route", endpointStates(t, c, "deleting", "deleted")[id])
		}
		out, err := c.DeleteVpcEndpoints(ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{id}})
		if err != nil {
			t.Fatalf("second DeleteVpcEndpoints: %v", err)
		}
		if len(out.Unsuccessful) != 1 || aws.ToString(out.Unsuccessful[0].Error.Code) != "InvalidVpcEndpoint.NotFound" {
			t.Errorf("second delete: unsuccessful = %+v, want %s with InvalidVpcEndpoint.NotFound", out.Unsuccessful, id)
		}
	}
	// The deleted endpoint neither holds the route table for S3 nor counts against the quota:
	// a new S3 endpoint on the same table is made, even with the VPC at its last free place.
	srv.defaultAccount().mu.Lock()
	for i := range 254 {
		e := &vpcEndpoint{id: "vpce-filler" + string(rune('a'+i%26)) + string(rune('a'+i/26)), endpointType: "Gateway", vpcID: n.vpcID, serviceName: s3Service}
		srv.defaultAccount().endpoints[e.id] = e
	}
	srv.defaultAccount().mu.Unlock()
	again := createS3Endpoint(t, c, n.vpcID, n.privateTable)
	if got := routesOf(t, c, n.privateTable)[s3PrefixList]; got == "" || got[:len(again)] != again {
		t.Errorf("RT-private routes S3 to %q, want the new endpoint %s", got, again)
	}
	_, err := c.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{VpcId: aws.String(n.vpcID), ServiceName: aws.String("com.amazonaws.us-east-1.dynamodb")})
	wantCode(t, err, "VpcEndpointLimitExceeded")
}

// TestGoneEndpointsAreForgotten: once a deleted endpoint is past its retention, the next write
// drops it, so a long demo's deletes do not pile up in the account.
func TestGoneEndpointsAreForgotten(t *testing.T) {
	clock := newTestClock()
	c, srv := newTestClient(t, Options{Clock: clock.Now, EndpointDeletingDelay: time.Second, DeletedEndpointRetention: time.Minute})
	n := buildNetwork(t, c, "10.10")
	gone := createS3Endpoint(t, c, n.vpcID, n.privateTable)
	if _, err := c.DeleteVpcEndpoints(ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{gone}}); err != nil {
		t.Fatalf("DeleteVpcEndpoints: %v", err)
	}
	held := func() int {
		a := srv.defaultAccount()
		a.mu.RLock()
		defer a.mu.RUnlock()
		return len(a.endpoints)
	}
	clock.Advance(time.Minute + time.Second)
	if got := held(); got != 1 {
		t.Fatalf("before any write: the account holds %d endpoints, want the gone one still (reads only skip it)", got)
	}
	createS3Endpoint(t, c, n.vpcID, n.mainTable)
	if got := held(); got != 1 {
		t.Errorf("after a write: the account holds %d endpoints, want only the new one", got)
	}
}
