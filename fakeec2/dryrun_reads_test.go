package fakeec2

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestDryRunOnReads checks that every read answers DryRun=true as EC2 does: DryRunOperation
// (HTTP 412) where the read would have succeeded, and the read's own refusal where it would not.
func TestDryRunOnReads(t *testing.T) {
	c, srv := newTestClient(t, Options{})
	dry := aws.Bool(true)
	reads := map[string]func() error{
		"DescribeVpcs":    func() error { _, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{DryRun: dry}); return err },
		"DescribeSubnets": func() error { _, err := c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{DryRun: dry}); return err },
		"DescribeRouteTables": func() error {
			_, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{DryRun: dry})
			return err
		},
		"DescribeInternetGateways": func() error {
			_, err := c.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{DryRun: dry})
			return err
		},
		"DescribeAddresses": func() error { _, err := c.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{DryRun: dry}); return err },
		"DescribeNatGateways": func() error {
			_, err := c.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{DryRun: dry})
			return err
		},
		"DescribeSecurityGroups": func() error {
			_, err := c.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{DryRun: dry})
			return err
		},
		"DescribeAvailabilityZones": func() error {
			_, err := c.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{DryRun: dry})
			return err
		},
		"DescribePrefixLists": func() error {
			_, err := c.DescribePrefixLists(ctx, &ec2.DescribePrefixListsInput{DryRun: dry})
			return err
		},
		"DescribeManagedPrefixLists": func() error {
			_, err := c.DescribeManagedPrefixLists(ctx, &ec2.DescribeManagedPrefixListsInput{DryRun: dry})
			return err
		},
		"GetManagedPrefixListEntries": func() error {
			_, err := c.GetManagedPrefixListEntries(ctx, &ec2.GetManagedPrefixListEntriesInput{DryRun: dry, PrefixListId: aws.String(s3PrefixList)})
			return err
		},
		"DescribeVpcEndpointServices": func() error {
			_, err := c.DescribeVpcEndpointServices(ctx, &ec2.DescribeVpcEndpointServicesInput{DryRun: dry})
			return err
		},
		"DescribeVpcEndpoints": func() error {
			_, err := c.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{DryRun: dry})
			return err
		},
		"DescribeRegions": func() error {
			_, err := c.DescribeRegions(ctx, &ec2.DescribeRegionsInput{DryRun: dry})
			return err
		},
	}
	// Every read the fake answers is in the table, so a new one cannot skip DryRun unnoticed.
	st, _ := srv.region(srv.opts.Region)
	for name := range st.actions {
		if _, ok := reads[name]; !ok && (strings.HasPrefix(name, "Describe") || strings.HasPrefix(name, "Get")) {
			t.Errorf("read %s is not checked for DryRun here", name)
		}
	}
	for name, read := range reads {
		t.Run(name, func(t *testing.T) {
			err := read()
			wantCode(t, err, "DryRunOperation")
			if !strings.Contains(err.Error(), "StatusCode: 412") {
				t.Errorf("DryRunOperation status: %v, want HTTP 412", err)
			}
		})
	}

	t.Run("a dry run of a read that would fail answers its error", func(t *testing.T) {
		_, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{DryRun: dry, VpcIds: []string{"vpc-0123456789abcdef0"}})
		wantCode(t, err, "InvalidVpcID.NotFound")
		_, err = c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{DryRun: dry, Filters: []types.Filter{sdkFilter("no-such-filter", "x")}})
		wantCode(t, err, "InvalidParameterValue")
	})
	t.Run("DryRun=false reads", func(t *testing.T) {
		if _, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{DryRun: aws.Bool(false)}); err != nil {
			t.Fatalf("DescribeVpcs DryRun=false: %v", err)
		}
	})
}
