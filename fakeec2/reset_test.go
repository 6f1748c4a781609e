package fakeec2

import (
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// TestResetGivesAFreshAccountOnTheSameURL: after Reset, a client made before it still talks to the
// server, in every Region, and sees an account as New made it: what it created is gone, and the
// ids it mints are the ones the first account minted.
func TestResetGivesAFreshAccountOnTheSameURL(t *testing.T) {
	east, srv := newTestClient(t, Options{})
	ts := httptestURL(t, east)
	west := regionClient(ts, "us-west-2")

	createVPC := func(c *ec2.Client) string {
		t.Helper()
		out, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.1.0.0/16")})
		if err != nil {
			t.Fatalf("CreateVpc: %v", err)
		}
		return aws.ToString(out.Vpc.VpcId)
	}
	countVPCs := func(c *ec2.Client) int {
		t.Helper()
		out, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
		if err != nil {
			t.Fatalf("DescribeVpcs: %v", err)
		}
		return len(out.Vpcs)
	}
	firstEast, firstWest := createVPC(east), createVPC(west)
	createVPC(east)
	if got := countVPCs(east); got != 3 {
		t.Fatalf("before Reset: %d VPCs in us-east-1, want the default and 2 created", got)
	}

	srv.Reset()

	for _, c := range []*ec2.Client{east, west} {
		if got := countVPCs(c); got != 1 {
			t.Errorf("%s after Reset: %d VPCs, want the default VPC alone", c.Options().Region, got)
		}
	}
	if got := createVPC(east); got != firstEast {
		t.Errorf("us-east-1 after Reset: first VPC created is %s, want %s as in the first account", got, firstEast)
	}
	if got := createVPC(west); got != firstWest {
		t.Errorf("us-west-2 after Reset: first VPC created is %s, want %s as in the first account", got, firstWest)
	}
}

// TestResetUnderLoad: requests running while the account is reset are answered, from the old
// account or the new, never with an error.
func TestResetUnderLoad(t *testing.T) {
	client, srv := newTestClient(t, Options{})
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for range 4 {
		wg.Go(func() {
			for range 25 {
				if _, err := client.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{}); err != nil {
					errs <- err
				}
			}
		})
	}
	for range 10 {
		srv.Reset()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("DescribeRouteTables during Reset: %v", err)
	}
}

// httptestURL is the endpoint URL the client was made for.
func httptestURL(t *testing.T, c *ec2.Client) string {
	t.Helper()
	return aws.ToString(c.Options().BaseEndpoint)
}
