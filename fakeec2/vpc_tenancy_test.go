package fakeec2

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestCreateVpcInstanceTenancy checks that CreateVpc keeps InstanceTenancy and DescribeVpcs
// returns it, and that it refuses host and unknown values as EC2 does.
func TestCreateVpcInstanceTenancy(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	for i, tt := range []struct {
		name    string
		tenancy types.Tenancy
		want    types.Tenancy
		code    string
	}{
		{"absent is default", "", types.TenancyDefault, ""},
		{"default", types.TenancyDefault, types.TenancyDefault, ""},
		{"dedicated", types.TenancyDedicated, types.TenancyDedicated, ""},
		{"host is refused", types.TenancyHost, "", "InvalidParameterValue"},
		{"an unknown value is refused", "shared", "", "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cidr := aws.String(fmt.Sprintf("10.%d.0.0/16", 110+i))
			out, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: cidr, InstanceTenancy: tt.tenancy})
			if tt.code != "" {
				wantCode(t, err, tt.code)
				return
			}
			if err != nil {
				t.Fatalf("CreateVpc: %v", err)
			}
			if got := out.Vpc.InstanceTenancy; got != tt.want {
				t.Errorf("CreateVpc InstanceTenancy = %q, want %q", got, tt.want)
			}
			described, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{aws.ToString(out.Vpc.VpcId)}})
			if err != nil {
				t.Fatalf("DescribeVpcs: %v", err)
			}
			if got := described.Vpcs[0].InstanceTenancy; got != tt.want {
				t.Errorf("DescribeVpcs InstanceTenancy = %q, want %q", got, tt.want)
			}
		})
	}
	vpcs, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if err != nil {
		t.Fatalf("DescribeVpcs: %v", err)
	}
	if got := len(vpcs.Vpcs); got != 4 {
		t.Errorf("VPCs = %d, want 4 (the default VPC and three created; refused creates make none)", got)
	}
}
