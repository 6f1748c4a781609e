package vpc_test

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// The regions scenario: the same endpoint, signed for another Region, is another Region's
// account. us-west-2 is served by both backends; af-south-1 is an opt-in Region, which EC2
// refuses until the account enables it.

// inRegion is the scenario's client, signing its requests for region.
func (e *diffEnv) inRegion(region string) *ec2.Client {
	return ec2.New(e.client.Options(), func(o *ec2.Options) { o.Region = region })
}

func regionSteps() []diffStep {
	return []diffStep{
		{name: "west-create-vpc", ec2: lines("ok", "vpc:west 10.20.0.0/16"),
			run: func(e *diffEnv) (string, error) {
				out, err := e.inRegion("us-west-2").CreateVpc(e.ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.20.0.0/16")})
				if err != nil {
					return "", err
				}
				e.name(aws.ToString(out.Vpc.VpcId), "vpc:west")
				return e.show(aws.ToString(out.Vpc.VpcId)) + " " + aws.ToString(out.Vpc.CidrBlock), nil
			}},
		{name: "east-describe-west-vpc", ec2: "error InvalidVpcID.NotFound",
			run: func(e *diffEnv) (string, error) {
				_, err := e.client.DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{VpcIds: []string{e.id("vpc:west")}})
				return "", err
			}},
		{name: "west-describe-west-vpc", ec2: lines("ok", "[vpc:west]"),
			run: func(e *diffEnv) (string, error) {
				out, err := e.inRegion("us-west-2").DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{VpcIds: []string{e.id("vpc:west")}})
				if err != nil {
					return "", err
				}
				var ids []string
				for _, v := range out.Vpcs {
					ids = append(ids, e.show(aws.ToString(v.VpcId)))
				}
				return fmt.Sprintf("%v", ids), nil
			}},
		{name: "west-zones", ec2: lines("ok", "us-west-2a=usw2-az2 us-west-2b=usw2-az1 us-west-2c=usw2-az3 us-west-2d=usw2-az4"),
			run: func(e *diffEnv) (string, error) {
				out, err := e.inRegion("us-west-2").DescribeAvailabilityZones(e.ctx, &ec2.DescribeAvailabilityZonesInput{})
				if err != nil {
					return "", err
				}
				var zones []string
				for _, z := range out.AvailabilityZones {
					zones = append(zones, aws.ToString(z.ZoneName)+"="+aws.ToString(z.ZoneId))
				}
				slices.Sort(zones)
				return strings.Join(zones, " "), nil
			}},
		{name: "west-prefix-lists", ec2: lines("ok", "com.amazonaws.us-west-2.dynamodb=pl-00a54069 com.amazonaws.us-west-2.s3=pl-68a54001"),
			run: func(e *diffEnv) (string, error) {
				out, err := e.inRegion("us-west-2").DescribePrefixLists(e.ctx, &ec2.DescribePrefixListsInput{})
				if err != nil {
					return "", err
				}
				var lists []string
				for _, pl := range out.PrefixLists {
					// The gateway services' lists; moto also lists other AWS-managed ones.
					if name := aws.ToString(pl.PrefixListName); strings.HasSuffix(name, ".s3") || strings.HasSuffix(name, ".dynamodb") {
						lists = append(lists, name+"="+aws.ToString(pl.PrefixListId))
					}
				}
				slices.Sort(lists)
				return strings.Join(lists, " "), nil
			}},
		{name: "west-s3-gateway", ec2: lines("ok", "Gateway com.amazonaws.us-west-2.s3 in vpc:west"),
			run: func(e *diffEnv) (string, error) {
				out, err := e.inRegion("us-west-2").CreateVpcEndpoint(e.ctx, &ec2.CreateVpcEndpointInput{
					VpcId: aws.String(e.id("vpc:west")), ServiceName: aws.String("com.amazonaws.us-west-2.s3"),
					VpcEndpointType: types.VpcEndpointTypeGateway,
				})
				if err != nil {
					return "", err
				}
				ep := out.VpcEndpoint
				return fmt.Sprintf("%s %s in %s", ep.VpcEndpointType, aws.ToString(ep.ServiceName), e.show(aws.ToString(ep.VpcId))), nil
			}},
		{name: "east-endpoints", ec2: lines("ok", "0 endpoints"),
			run: func(e *diffEnv) (string, error) {
				out, err := e.client.DescribeVpcEndpoints(e.ctx, &ec2.DescribeVpcEndpointsInput{})
				if err != nil {
					return "", err
				}
				return fmt.Sprintf("%d endpoints", len(out.VpcEndpoints)), nil
			}},
		{name: "describe-regions", ec2: lines("ok", "us-east-1 ec2.us-east-1.amazonaws.com opt-in-not-required; us-west-2 ec2.us-west-2.amazonaws.com opt-in-not-required"),
			run: func(e *diffEnv) (string, error) {
				out, err := e.client.DescribeRegions(e.ctx, &ec2.DescribeRegionsInput{RegionNames: []string{"us-east-1", "us-west-2"}})
				if err != nil {
					return "", err
				}
				var regions []string
				for _, r := range out.Regions {
					regions = append(regions, aws.ToString(r.RegionName)+" "+aws.ToString(r.Endpoint)+" "+aws.ToString(r.OptInStatus))
				}
				slices.Sort(regions)
				return strings.Join(regions, "; "), nil
			}},
		{name: "opt-in-region-not-enabled", ec2: "error AuthFailure",
			run: func(e *diffEnv) (string, error) {
				_, err := e.inRegion("af-south-1").DescribeVpcs(e.ctx, &ec2.DescribeVpcsInput{})
				return "", err
			}},
	}
}
