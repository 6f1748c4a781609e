package vpc

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// VPC is a virtual private cloud. CIDR is its primary IPv4 block.
type VPC struct {
	ID        string
	Name      string
	CIDR      string
	State     string
	OwnerID   string
	IsDefault bool
	Tags      Tags
}

// VPCs lists every VPC in the Region, sorted by name then ID.
func (s *Service) VPCs(ctx context.Context) ([]VPC, error) {
	var out []VPC
	p := ec2.NewDescribeVpcsPaginator(s.ec2, &ec2.DescribeVpcsInput{MaxResults: s.maxResults()})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, translate("describe VPCs", err)
		}
		for _, v := range page.Vpcs {
			out = append(out, vpcFromEC2(v))
		}
	}
	SortByNameThenID(out, func(v VPC) (string, string) { return v.Name, v.ID })
	return out, nil
}

func vpcFromEC2(v types.Vpc) VPC {
	tags := tagsFromEC2(v.Tags)
	return VPC{
		ID:        aws.ToString(v.VpcId),
		Name:      tags.Name(),
		CIDR:      aws.ToString(v.CidrBlock),
		State:     string(v.State),
		OwnerID:   aws.ToString(v.OwnerId),
		IsDefault: aws.ToBool(v.IsDefault),
		Tags:      tags,
	}
}

// vpcFilter returns the EC2 filter for one VPC, or nil for all of them.
func vpcFilter(vpcID string) []types.Filter {
	if vpcID == "" {
		return nil
	}
	return []types.Filter{{Name: aws.String("vpc-id"), Values: []string{vpcID}}}
}

// forVPC is the tail of an operation description: " for vpc-1" or "".
func forVPC(vpcID string) string {
	if vpcID == "" {
		return ""
	}
	return " for " + vpcID
}

// AccountID returns the id of the account the credentials belong to, read from the owner of its
// security groups: every VPC has a default group, and DescribeSecurityGroups needs no permission
// beyond the read-only ones the console asks for. It is also the console's first call, so it
// fails early on bad credentials or an unreachable endpoint.
func (s *Service) AccountID(ctx context.Context) (string, error) {
	out, err := s.ec2.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{MaxResults: aws.Int32(5)})
	if err != nil {
		return "", translate("read the account id", err)
	}
	for _, sg := range out.SecurityGroups {
		if id := aws.ToString(sg.OwnerId); id != "" {
			return id, nil
		}
	}
	return "unknown", nil
}
