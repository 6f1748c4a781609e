package fakeec2

import (
	"net/netip"
	"strings"
)

// What differs from Region to Region without anyone creating it: the Availability Zones, the
// ids and CIDRs of the AWS-managed prefix lists, the pool Elastic IPs come from. Where AWS or
// the AWS CLI's examples publish the real values they are used, with the source next to them;
// any other Region gets values generated from its name, the same run after run.

// knownZones maps a Region to its zones' names and AZ ids, in zone-name order. The mapping of
// names to AZ ids differs from account to account in the older Regions; these are one account's.
var knownZones = map[string][]zone{
	// The fake's us-east-1 mapping since its first version (unchanged, so existing ids and
	// subnets keep their zones); the AZ ids use1-az1…az6 are the Region's real ones.
	"us-east-1": {
		{"us-east-1a", "use1-az6"}, {"us-east-1b", "use1-az1"}, {"us-east-1c", "use1-az2"},
		{"us-east-1d", "use1-az4"}, {"us-east-1e", "use1-az3"}, {"us-east-1f", "use1-az5"},
	},
	// The AWS RAM User Guide, "Availability Zone IDs for your AWS resources"
	// (https://docs.aws.amazon.com/ram/latest/userguide/working-with-az-ids.html), shows
	// `aws ec2 describe-availability-zones --region us-west-2` answering exactly these four.
	"us-west-2": {
		{"us-west-2a", "usw2-az2"}, {"us-west-2b", "usw2-az1"}, {"us-west-2c", "usw2-az3"},
		{"us-west-2d", "usw2-az4"},
	},
}

// regionZones is the Region's zones: the published ones, or six zones a…f with AZ ids in the
// Region's form (eu-west-1 → euw1-az6, euw1-az1, …) for any other Region.
func regionZones(region string) []zone {
	if zones, ok := knownZones[region]; ok {
		return zones
	}
	ids := []string{"az6", "az1", "az2", "az4", "az3", "az5"}
	short := regionShortName(region)
	out := make([]zone, len(ids))
	for i, id := range ids {
		out[i] = zone{name: region + string(rune('a'+i)), id: short + "-" + id}
	}
	return out
}

// regionShortName is the prefix of zone ids: us-east-1 → use1.
func regionShortName(region string) string {
	parts := strings.Split(region, "-")
	if len(parts) != 3 {
		return region
	}
	return parts[0] + string(parts[1][0]) + parts[2]
}

// publishedPrefixLists are the AWS-managed prefix lists of the gateway services whose ids are
// published. The ids do not change; the CIDRs drift in AWS, so they are a snapshot.
var publishedPrefixLists = map[string][]prefixList{
	"us-east-1": {
		// pl-02cd2c6b: a real `aws ec2 describe-prefix-lists` dump (see reference/ec2-endpoint-api.md).
		{id: "pl-02cd2c6b", name: "com.amazonaws.us-east-1.dynamodb", cidrs: []string{"3.218.182.0/24", "3.218.180.0/23", "52.94.0.0/22", "52.119.224.0/20"}},
		// pl-63a5400a: the AWS CLI's own example, awscli/examples/ec2/describe-prefix-lists.rst.
		{id: "pl-63a5400a", name: "com.amazonaws.us-east-1.s3", cidrs: []string{"52.216.0.0/15", "3.5.0.0/19", "54.231.0.0/16"}},
	},
	"us-west-2": {
		// pl-00a54069: hashicorp/terraform-provider-aws, aws/data_source_aws_prefix_list_test.go
		// (TestAccDataSourceAwsPrefixList_nameDoesNotOverrideFilter filters for
		// `pl-00a54069  # com.amazonaws.us-west-2.dynamodb`, in the provider's 3.x releases).
		{id: "pl-00a54069", name: "com.amazonaws.us-west-2.dynamodb", cidrs: []string{"52.94.28.0/23"}},
		// pl-68a54001: the same provider's acceptance test, TestAccDataSourceAwsPrefixList_basic,
		// requires `id == "pl-68a54001"` for name com.amazonaws.us-west-2.s3 and the ARN
		// arn:aws:ec2:us-west-2:aws:prefix-list/pl-68a54001. The CIDRs of both lists are those a
		// published describe-prefix-lists dump of every Region shows for us-west-2.
		{id: "pl-68a54001", name: "com.amazonaws.us-west-2.s3", cidrs: []string{"54.231.160.0/19", "52.218.128.0/17", "52.92.32.0/22"}},
	},
}

// awsManagedPrefixLists are the lists gateway endpoint routes point at: the published ones, or
// for any other Region lists with ids generated from its name (and us-east-1's CIDRs).
func awsManagedPrefixLists(region string) []prefixList {
	if lists, ok := publishedPrefixLists[region]; ok {
		return lists
	}
	return []prefixList{
		{id: "pl-0" + shortHash(region+"dynamodb"), name: "com.amazonaws." + region + ".dynamodb", cidrs: []string{"3.218.182.0/24", "3.218.180.0/23", "52.94.0.0/22", "52.119.224.0/20"}},
		{id: "pl-6" + shortHash(region+"s3"), name: "com.amazonaws." + region + ".s3", cidrs: []string{"52.216.0.0/15", "3.5.0.0/19", "54.231.0.0/16"}},
	}
}

// addressPools are ranges AWS's ip-ranges.json (https://ip-ranges.amazonaws.com/ip-ranges.json)
// lists as service EC2 in the Region: Elastic IPs are public, so two Regions never hand out the
// same one.
var addressPools = map[string]netip.Prefix{
	"us-east-1": netip.MustParsePrefix("3.208.0.0/12"),
	"us-west-2": netip.MustParsePrefix("44.224.0.0/11"),
}

// regionAddressPool is the Region's pool. Another Region takes one of 256 /20s of 3.208.0.0/12
// chosen by its name, to keep clear of us-east-1's first addresses.
func regionAddressPool(region string) netip.Prefix {
	if pool, ok := addressPools[region]; ok {
		return pool
	}
	h := 0
	for i := 0; i < len(region); i++ {
		h = h*31 + int(region[i])
	}
	base := netip.MustParsePrefix("3.208.0.0/12")
	return netip.PrefixFrom(nthAddr(base, (1+h%255)<<12), 20)
}
