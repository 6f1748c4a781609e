package fakeec2

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func createGroup(t *testing.T, c *ec2.Client, vpcID, name string, tags ...types.Tag) string {
	t.Helper()
	in := &ec2.CreateSecurityGroupInput{VpcId: aws.String(vpcID), GroupName: aws.String(name), Description: aws.String(name + " servers")}
	if len(tags) > 0 {
		in.TagSpecifications = []types.TagSpecification{{ResourceType: types.ResourceTypeSecurityGroup, Tags: tags}}
	}
	out, err := c.CreateSecurityGroup(ctx, in)
	if err != nil {
		t.Fatalf("CreateSecurityGroup %s in %s: %v", name, vpcID, err)
	}
	return *out.GroupId
}

func groupIDs(groups []types.SecurityGroup) []string {
	var out []string
	for _, g := range groups {
		out = append(out, *g.GroupId)
	}
	return out
}

func TestCreateSecurityGroup(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.20")
	out, err := c.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{
		VpcId: aws.String(n.vpcID), GroupName: aws.String("endpoint-sg"), Description: aws.String("Interface endpoints"),
		TagSpecifications: nameTag(types.ResourceTypeSecurityGroup, "endpoints"),
	})
	if err != nil {
		t.Fatalf("CreateSecurityGroup: %v", err)
	}
	id := *out.GroupId
	if !strings.HasPrefix(id, "sg-0") || len(id) != len("sg-")+17 {
		t.Errorf("group id = %q, want sg- and 17 hex digits", id)
	}
	if got, want := aws.ToString(out.SecurityGroupArn), "arn:aws:ec2:us-east-1:123456789012:security-group/"+id; got != want {
		t.Errorf("ARN = %s, want %s", got, want)
	}

	described, err := c.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{id}})
	if err != nil {
		t.Fatalf("DescribeSecurityGroups: %v", err)
	}
	g := described.SecurityGroups[0]
	for _, c := range []struct{ field, got, want string }{
		{"name", aws.ToString(g.GroupName), "endpoint-sg"},
		{"description", aws.ToString(g.Description), "Interface endpoints"},
		{"VPC", aws.ToString(g.VpcId), n.vpcID},
		{"owner", aws.ToString(g.OwnerId), "123456789012"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if len(g.IpPermissions) != 0 {
		t.Errorf("inbound rules = %+v, want none", g.IpPermissions)
	}
	if len(g.IpPermissionsEgress) != 1 || aws.ToString(g.IpPermissionsEgress[0].IpProtocol) != "-1" ||
		len(g.IpPermissionsEgress[0].IpRanges) != 1 || aws.ToString(g.IpPermissionsEgress[0].IpRanges[0].CidrIp) != "0.0.0.0/0" {
		t.Errorf("outbound rules = %+v, want all traffic to 0.0.0.0/0", g.IpPermissionsEgress)
	}
	if len(g.Tags) != 1 || *g.Tags[0].Value != "endpoints" {
		t.Errorf("tags = %v, want Name=endpoints", g.Tags)
	}

	// The same name is fine in another VPC.
	other := buildNetwork(t, c, "10.30")
	createGroup(t, c, other.vpcID, "endpoint-sg")
}

func TestEveryVPCHasADefaultSecurityGroup(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	defaultVPC, _ := lookupDefaultVPC(t, c)
	n := buildNetwork(t, c, "10.20")
	for _, vpcID := range []string{defaultVPC, n.vpcID} {
		out, err := c.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{sdkFilter("vpc-id", vpcID)}})
		if err != nil {
			t.Fatalf("DescribeSecurityGroups: %v", err)
		}
		if len(out.SecurityGroups) != 1 || aws.ToString(out.SecurityGroups[0].GroupName) != "default" {
			t.Errorf("groups of %s = %v, want one named default", vpcID, groupIDs(out.SecurityGroups))
		}
	}
	_, err := c.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{VpcId: aws.String(n.vpcID), GroupName: aws.String("default"), Description: aws.String("again")})
	wantCode(t, err, "InvalidGroup.Duplicate")
}

func TestCreateSecurityGroupErrors(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.20")
	createGroup(t, c, n.vpcID, "web")

	for _, tt := range []struct {
		name        string
		vpc, group  string
		tags        []types.TagSpecification
		dryRun      bool
		want        string
		wantMessage string
	}{
		{name: "unknown VPC", vpc: "vpc-0123456789abcdef0", group: "api", want: "InvalidVpcID.NotFound"},
		{name: "no VPC", group: "api", want: "MissingParameter"},
		{name: "duplicate name", vpc: n.vpcID, group: "web", want: "InvalidGroup.Duplicate",
			wantMessage: fmt.Sprintf("The security group 'web' already exists for VPC '%s'", n.vpcID)},
		{name: "name like an id", vpc: n.vpcID, group: "sg-web", want: "InvalidParameterValue"},
		{name: "name too long", vpc: n.vpcID, group: strings.Repeat("x", 256), want: "InvalidParameterValue"},
		{name: "wrong tag resource type", vpc: n.vpcID, group: "api", tags: nameTag(types.ResourceTypeVpc, "x"), want: "InvalidParameterValue"},
		{name: "dry run", vpc: n.vpcID, group: "api", dryRun: true, want: "DryRunOperation"},
		{name: "dry run of a duplicate", vpc: n.vpcID, group: "web", dryRun: true, want: "InvalidGroup.Duplicate"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := &ec2.CreateSecurityGroupInput{GroupName: aws.String(tt.group), Description: aws.String("d"), TagSpecifications: tt.tags, DryRun: aws.Bool(tt.dryRun)}
			if tt.vpc != "" {
				in.VpcId = aws.String(tt.vpc)
			}
			_, err := c.CreateSecurityGroup(ctx, in)
			wantCode(t, err, tt.want)
			if tt.wantMessage != "" {
				wantMessage(t, err, tt.wantMessage)
			}
		})
	}
	out, err := c.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{sdkFilter("vpc-id", n.vpcID)}})
	if err != nil {
		t.Fatalf("DescribeSecurityGroups: %v", err)
	}
	if got, want := len(out.SecurityGroups), 2; got != want {
		t.Errorf("groups after refused and dry-run creates = %d, want %d (default and web)", got, want)
	}
}

func TestDescribeSecurityGroups(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	defaultVPC, _ := lookupDefaultVPC(t, c)
	n := buildNetwork(t, c, "10.20")
	defaultVPCGroup := defaultGroupOf(t, c, defaultVPC)
	web := createGroup(t, c, n.vpcID, "web", sdkTag("Team", "blue"))
	api := createGroup(t, c, n.vpcID, "api", sdkTag("Team", "red"))
	webInDefault := createGroup(t, c, defaultVPC, "web", sdkTag("Team", "blue"))

	for _, tt := range []struct {
		name    string
		in      ec2.DescribeSecurityGroupsInput
		want    []string
		wantErr string
		wantMsg string
	}{
		{name: "by id", in: ec2.DescribeSecurityGroupsInput{GroupIds: []string{web, api}}, want: []string{web, api}},
		{name: "by name finds the default VPC's", in: ec2.DescribeSecurityGroupsInput{GroupNames: []string{"web", "default"}}, want: []string{webInDefault, defaultVPCGroup}},
		{name: "tag", in: ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{sdkFilter("tag:Team", "red")}}, want: []string{api}},
		{name: "values are OR'd", in: ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{sdkFilter("group-id", web, api)}}, want: []string{web, api}},
		{name: "filters are AND'd", in: ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{sdkFilter("group-name", "web"), sdkFilter("vpc-id", n.vpcID)}}, want: []string{web}},
		{name: "group-name across VPCs", in: ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{sdkFilter("group-name", "web")}}, want: []string{web, webInDefault}},
		{name: "description wildcard", in: ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{sdkFilter("description", "api*")}}, want: []string{api}},
		{name: "owner", in: ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{sdkFilter("owner-id", "123456789012"), sdkFilter("tag-key", "Team")}}, want: []string{web, api, webInDefault}},
		{name: "unknown id", in: ec2.DescribeSecurityGroupsInput{GroupIds: []string{"sg-0123456789abcdef0"}}, wantErr: "InvalidGroup.NotFound",
			wantMsg: "The security group 'sg-0123456789abcdef0' does not exist"},
		{name: "name of another VPC's group", in: ec2.DescribeSecurityGroupsInput{GroupNames: []string{"api"}}, wantErr: "InvalidGroup.NotFound"},
		{name: "unknown filter", in: ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{sdkFilter("colour", "blue")}}, wantErr: "InvalidParameterValue"},
		{name: "MaxResults below 5", in: ec2.DescribeSecurityGroupsInput{MaxResults: aws.Int32(4)}, wantErr: "InvalidParameterValue"},
		{name: "MaxResults above 1000", in: ec2.DescribeSecurityGroupsInput{MaxResults: aws.Int32(1001)}, wantErr: "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := c.DescribeSecurityGroups(ctx, &tt.in)
			if tt.wantErr != "" {
				wantCode(t, err, tt.wantErr)
				if tt.wantMsg != "" {
					wantMessage(t, err, tt.wantMsg)
				}
				return
			}
			if err != nil {
				t.Fatalf("DescribeSecurityGroups: %v", err)
			}
			wantIDs(t, groupIDs(out.SecurityGroups), tt.want)
		})
	}
}

func TestDescribeSecurityGroupsPagination(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.20")
	for i := range 12 {
		createGroup(t, c, n.vpcID, fmt.Sprintf("group-%02d", i))
	}
	// Twelve created, the new VPC's default group and the default VPC's.
	const total = 14
	pages := ec2.NewDescribeSecurityGroupsPaginator(c, &ec2.DescribeSecurityGroupsInput{MaxResults: aws.Int32(5)})
	var ids []string
	pageCount := 0
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			t.Fatalf("page %d: %v", pageCount+1, err)
		}
		pageCount++
		ids = append(ids, groupIDs(page.SecurityGroups)...)
	}
	wantUniqueIDs(t, ids, total)
	if got, want := pageCount, 3; got != want {
		t.Errorf("pages = %d, want %d", got, want)
	}
}
