package vpc

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// SecurityGroup is a VPC security group, as the interface-endpoint form
// offers them (rules are not needed there).
type SecurityGroup struct {
	ID          string
	Name        string
	Description string
	VPCID       string
	Tags        Tags
}

// SecurityGroups lists the security groups of one VPC (vpcID "" for all),
// sorted by group name then ID. Name is the group name, which every group
// has, rather than the Name tag.
func (s *Service) SecurityGroups(ctx context.Context, vpcID string) ([]SecurityGroup, error) {
	var out []SecurityGroup
	p := ec2.NewDescribeSecurityGroupsPaginator(s.ec2, &ec2.DescribeSecurityGroupsInput{Filters: vpcFilter(vpcID), MaxResults: s.maxResults()})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, translate("describe security groups"+forVPC(vpcID), err)
		}
		for _, sg := range page.SecurityGroups {
			out = append(out, SecurityGroup{
				ID:          aws.ToString(sg.GroupId),
				Name:        aws.ToString(sg.GroupName),
				Description: aws.ToString(sg.Description),
				VPCID:       aws.ToString(sg.VpcId),
				Tags:        tagsFromEC2(sg.Tags),
			})
		}
	}
	SortByNameThenID(out, func(sg SecurityGroup) (string, string) { return sg.Name, sg.ID })
	return out, nil
}
