package vpc

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// InternetGateway is an internet gateway and the VPCs it is attached to.
type InternetGateway struct {
	ID     string
	Name   string
	State  string
	VPCIDs []string
	Tags   Tags
}

// NATGateway is a NAT gateway; PublicIP and PrivateIP are its primary
// addresses (PublicIP is empty for a private NAT gateway).
type NATGateway struct {
	ID               string
	Name             string
	VPCID            string
	SubnetID         string
	State            string
	ConnectivityType string
	PublicIP         string
	PrivateIP        string
	Created          time.Time
	Tags             Tags
}

// InternetGateways lists every internet gateway in the Region, sorted by
// name then ID. State is the first attachment's state ("available" when
// attached, as EC2 says it) or "detached".
func (s *Service) InternetGateways(ctx context.Context) ([]InternetGateway, error) {
	var out []InternetGateway
	p := ec2.NewDescribeInternetGatewaysPaginator(s.ec2, &ec2.DescribeInternetGatewaysInput{MaxResults: s.maxResults()})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, translate("describe internet gateways", err)
		}
		for _, igw := range page.InternetGateways {
			out = append(out, internetGatewayFromEC2(igw))
		}
	}
	SortByNameThenID(out, func(g InternetGateway) (string, string) { return g.Name, g.ID })
	return out, nil
}

func internetGatewayFromEC2(igw types.InternetGateway) InternetGateway {
	tags := tagsFromEC2(igw.Tags)
	out := InternetGateway{ID: aws.ToString(igw.InternetGatewayId), Name: tags.Name(), State: "detached", Tags: tags}
	for i, a := range igw.Attachments {
		if i == 0 {
			out.State = string(a.State)
		}
		if a.VpcId != nil && a.State != types.AttachmentStatusDetached {
			out.VPCIDs = append(out.VPCIDs, *a.VpcId)
		}
	}
	return out
}

// NATGateways lists the NAT gateways of one VPC (vpcID "" for all VPCs),
// sorted by name then ID. Deleted gateways stay visible in EC2 for about an
// hour; they are listed too, with State "deleted".
func (s *Service) NATGateways(ctx context.Context, vpcID string) ([]NATGateway, error) {
	var out []NATGateway
	// DescribeNatGateways names its filter member Filter, not Filters.
	p := ec2.NewDescribeNatGatewaysPaginator(s.ec2, &ec2.DescribeNatGatewaysInput{Filter: vpcFilter(vpcID), MaxResults: s.maxResults()})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, translate("describe NAT gateways"+forVPC(vpcID), err)
		}
		for _, nat := range page.NatGateways {
			out = append(out, natGatewayFromEC2(nat))
		}
	}
	SortByNameThenID(out, func(g NATGateway) (string, string) { return g.Name, g.ID })
	return out, nil
}

func natGatewayFromEC2(nat types.NatGateway) NATGateway {
	tags := tagsFromEC2(nat.Tags)
	out := NATGateway{
		ID:               aws.ToString(nat.NatGatewayId),
		Name:             tags.Name(),
		VPCID:            aws.ToString(nat.VpcId),
		SubnetID:         aws.ToString(nat.SubnetId),
		State:            string(nat.State),
		ConnectivityType: string(nat.ConnectivityType),
		Created:          aws.ToTime(nat.CreateTime),
		Tags:             tags,
	}
	for i, a := range nat.NatGatewayAddresses {
		// The primary address is the one to show; without the flag (older
		// answers, moto) the first one is.
		if i == 0 || aws.ToBool(a.IsPrimary) {
			out.PublicIP = aws.ToString(a.PublicIp)
			out.PrivateIP = aws.ToString(a.PrivateIp)
		}
		if aws.ToBool(a.IsPrimary) {
			break
		}
	}
	return out
}
