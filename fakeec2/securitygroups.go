package fakeec2

import "fmt"

// Security groups, which interface endpoints are placed in. The fake keeps no rules: every group
// answers with no inbound rules and EC2's default outbound rule (all traffic to 0.0.0.0/0).

type xmlSecurityGroup struct {
	OwnerID          string           `xml:"ownerId"`
	GroupID          string           `xml:"groupId"`
	GroupName        string           `xml:"groupName"`
	GroupDescription string           `xml:"groupDescription"`
	VpcID            string           `xml:"vpcId"`
	SecurityGroupArn string           `xml:"securityGroupArn"`
	IPPermissions    xmlIPPermissions `xml:"ipPermissions"`
	IPPermissionsOut xmlIPPermissions `xml:"ipPermissionsEgress"`
	Tags             []tag            `xml:"tagSet>item"`
}

// xmlIPPermissions is a rule list; it is written even when empty (<ipPermissions/>), as EC2 does.
type xmlIPPermissions struct {
	Items []xmlIPPermission `xml:"item"`
}

type xmlIPPermission struct {
	IPProtocol string   `xml:"ipProtocol"`
	IPRanges   []string `xml:"ipRanges>item>cidrIp"`
}

type describeSecurityGroupsResult struct {
	responseMeta
	SecurityGroups []xmlSecurityGroup `xml:"securityGroupInfo>item"`
	NextToken      string             `xml:"nextToken,omitempty"`
}

type createSecurityGroupResult struct {
	responseMeta
	Return           bool   `xml:"return"`
	GroupID          string `xml:"groupId"`
	SecurityGroupArn string `xml:"securityGroupArn"`
	Tags             []tag  `xml:"tagSet>item"`
}

const maxGroupNameLength = 255

func (a *account) securityGroupArn(id string) string {
	return fmt.Sprintf("arn:aws:ec2:%s:%s:security-group/%s", a.region, a.owner, id)
}

func (a *account) securityGroupXML(g *securityGroup) xmlSecurityGroup {
	return xmlSecurityGroup{
		OwnerID: a.owner, GroupID: g.id, GroupName: g.name, GroupDescription: g.description, VpcID: g.vpcID,
		SecurityGroupArn: a.securityGroupArn(g.id),
		IPPermissionsOut: xmlIPPermissions{Items: []xmlIPPermission{{IPProtocol: "-1", IPRanges: []string{"0.0.0.0/0"}}}},
		Tags:             g.tags.sorted(),
	}
}

func securityGroupFilters(a *account, g *securityGroup) filterValues {
	return func(name string) ([]string, bool) {
		switch name {
		case "group-id":
			return []string{g.id}, true
		case "group-name":
			return []string{g.name}, true
		case "vpc-id":
			return []string{g.vpcID}, true
		case "description":
			return []string{g.description}, true
		case "owner-id":
			return []string{a.owner}, true
		}
		return nil, false
	}
}

// describeSecurityGroups reads GroupId.N and GroupName.N. As in EC2, a name identifies a group
// of the default VPC only; groups of other VPCs are found by id or by the group-name filter.
func (a *account) describeSecurityGroups(p params) (result, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	ids := p.list("GroupId")
	if names := p.list("GroupName"); len(names) > 0 {
		byName, err := a.defaultVPCGroupsByName(names)
		if err != nil {
			return nil, err
		}
		ids = append(ids, byName...)
	}
	page, next, err := describe(a, p, ids, resourceKind[*securityGroup]{
		action: "DescribeSecurityGroups", all: a.securityGroups, limits: limits5to1000, notFound: securityGroupNotFound.of,
		id: func(g *securityGroup) string { return g.id }, tags: func(g *securityGroup) tagList { return g.tags },
		filters: func(g *securityGroup) filterValues { return securityGroupFilters(a, g) },
	})
	if err != nil {
		return nil, err
	}
	res := &describeSecurityGroupsResult{NextToken: next}
	for _, g := range page {
		res.SecurityGroups = append(res.SecurityGroups, a.securityGroupXML(g))
	}
	return res, nil
}

// defaultVPCGroupsByName resolves group names in the default VPC to ids.
func (a *account) defaultVPCGroupsByName(names []string) ([]string, error) {
	var defaultVPC string
	for _, v := range a.vpcs {
		if v.isDefault {
			defaultVPC = v.id
		}
	}
	var ids []string
	for _, name := range names {
		g := a.groupByName(defaultVPC, name)
		if g == nil {
			return nil, &apiError{Status: 400, Code: "InvalidGroup.NotFound", Message: fmt.Sprintf("The security group '%s' does not exist in default VPC '%s'", name, defaultVPC)}
		}
		ids = append(ids, g.id)
	}
	return ids, nil
}

func (a *account) groupByName(vpcID, name string) *securityGroup {
	if vpcID == "" {
		return nil
	}
	for _, g := range a.securityGroups {
		if g.vpcID == vpcID && g.name == name {
			return g
		}
	}
	return nil
}

func (a *account) createSecurityGroup(p params) (result, error) {
	name, description, vpcID := p.str("GroupName"), p.str("GroupDescription"), p.str("VpcId")
	checkParams := func() error {
		switch {
		case hasPrefixFold(name, "sg-"):
			return errInvalidParameterValue("Value (%s) for parameter GroupName is invalid. Group names may not be in the format sg-*.", name)
		case len([]rune(name)) > maxGroupNameLength:
			return errInvalidParameterValue("Value (%s) for parameter GroupName is invalid. Length exceeds maximum of %d characters.", name, maxGroupNameLength)
		case len([]rune(description)) > maxGroupNameLength:
			return errInvalidParameterValue("Value for parameter GroupDescription is invalid. Length exceeds maximum of %d characters.", maxGroupNameLength)
		}
		return nil
	}
	return a.write(p, opening{
		// EC2 would pick the default VPC without VpcId; the console always names the VPC, and the fake asks for it.
		required:    []string{"GroupName", "GroupDescription", "VpcId"},
		checkParams: checkParams,
		tagsFor:     "security-group",
	}, func(in opened) (change, error) {
		if _, err := a.vpc(vpcID); err != nil {
			return nil, err
		}
		if a.groupByName(vpcID, name) != nil {
			return nil, &apiError{Status: 400, Code: "InvalidGroup.Duplicate", Message: fmt.Sprintf("The security group '%s' already exists for VPC '%s'", name, vpcID)}
		}
		return func() result {
			g := &securityGroup{id: a.newID("sg"), name: name, description: description, vpcID: vpcID, tags: in.tags}
			a.securityGroups[g.id] = g
			return &createSecurityGroupResult{Return: true, GroupID: g.id, SecurityGroupArn: a.securityGroupArn(g.id), Tags: g.tags.sorted()}
		}, nil
	})
}
