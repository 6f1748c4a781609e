package fakeec2

import (
	"net/url"
	"testing"
)

// TestRequiredParameters sends by hand the requests the SDK would refuse to send, to check that
// the endpoint itself answers MissingParameter as EC2 does (other clients do not validate).
func TestRequiredParameters(t *testing.T) {
	for _, tt := range []struct {
		name string
		form url.Values
		want string
	}{
		{"AttachInternetGateway without VpcId", url.Values{"Action": {"AttachInternetGateway"}, "InternetGatewayId": {"igw-0123456789abcdef0"}}, "MissingParameter"},
		{"AttachInternetGateway without InternetGatewayId", url.Values{"Action": {"AttachInternetGateway"}, "VpcId": {"vpc-0123456789abcdef0"}}, "MissingParameter"},
		{"CreateSecurityGroup without GroupName", url.Values{"Action": {"CreateSecurityGroup"}, "GroupDescription": {"d"}, "VpcId": {"vpc-0123456789abcdef0"}}, "MissingParameter"},
		{"CreateSecurityGroup without GroupDescription", url.Values{"Action": {"CreateSecurityGroup"}, "GroupName": {"web"}, "VpcId": {"vpc-0123456789abcdef0"}}, "MissingParameter"},
		{"CreateNatGateway without SubnetId", url.Values{"Action": {"CreateNatGateway"}, "AllocationId": {"eipalloc-0123456789abcdef0"}}, "MissingParameter"},
		{"GetManagedPrefixListEntries without PrefixListId", url.Values{"Action": {"GetManagedPrefixListEntries"}}, "MissingParameter"},
		{"TagSpecification without ResourceType", url.Values{"Action": {"CreateInternetGateway"}, "TagSpecification.1.Tag.1.Key": {"Name"}, "TagSpecification.1.Tag.1.Value": {"x"}}, "MissingParameter"},
		{"DryRun that is not a boolean", url.Values{"Action": {"AllocateAddress"}, "DryRun": {"maybe"}}, "InvalidParameterValue"},
		{"MaxResults that is not a number", url.Values{"Action": {"DescribeNatGateways"}, "MaxResults": {"ten"}}, "InvalidParameterValue"},
		{"filter without a value", url.Values{"Action": {"DescribeSecurityGroups"}, "Filter.1.Name": {"vpc-id"}}, "InvalidParameterValue"},
		{"DescribeAvailabilityZones succeeds bare", url.Values{"Action": {"DescribeAvailabilityZones"}}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := rawQueryCode(t, tt.form); got != tt.want {
				t.Errorf("error code = %q, want %q", got, tt.want)
			}
		})
	}
}
