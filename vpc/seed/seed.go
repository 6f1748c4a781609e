package seed

import (
	"endpointconsole/vpc"

	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// MaxExtraVPCs bounds Options.ExtraVPCs; the generated CIDRs run out
// beyond it.
const MaxExtraVPCs = 2000

// Options tunes Tutorial and Build.
type Options struct {
	// ExtraVPCs adds generated VPCs (scale-vpc-001, …) for scale demos and
	// pagination tests. Each has a public and a private subnet, an attached
	// internet gateway, a main table routing to it and a private route
	// table; no NAT gateway, to keep them cheap.
	ExtraVPCs int
}

// Account holds the IDs Tutorial (or Build) created, so that tests and the
// demo can refer to them.
type Account struct {
	Region string
	// First-VPC, 10.10.0.0/16.
	VPCID string
	// Public-1a, Public-1b: they use First-RT implicitly.
	PublicSubnetIDs []string
	// Private-1a, Private-1b, Private-1c: explicitly associated with RT-Private.
	PrivateSubnetIDs      []string
	InternetGatewayID     string
	ElasticIPAllocationID string
	// First-NAT, in Public-1a.
	NATGatewayID string
	// First-RT: First-VPC's main table, local + 0.0.0.0/0 → internet gateway.
	MainRouteTableID string
	// RT-Private: local + 0.0.0.0/0 → NAT gateway.
	PrivateRouteTableID string
	// The default VPC (172.31.0.0/16), its internet gateway and main table;
	// empty when the account has no default VPC.
	DefaultVPCID             string
	DefaultInternetGatewayID string
	DefaultRouteTableID      string
	ExtraVPCs                []ScaleVPC
	// Findings names the findings scenario's VPCs; nil in the other scenarios.
	Findings *FindingsAccount
}

// ScaleVPC is one generated VPC of Options.ExtraVPCs.
type ScaleVPC struct {
	Name                string
	CIDR                string
	VPCID               string
	PublicSubnetID      string
	PrivateSubnetID     string
	InternetGatewayID   string
	MainRouteTableID    string
	PrivateRouteTableID string
}

// Tutorial builds the tutorial's account (First-VPC with public and
// private subnets, an internet gateway, a NAT gateway, First-RT and
// RT-Private, no endpoints yet) by making ordinary EC2 calls, so the same
// function works on the demo backend and on moto. It also gives the default
// VPC the internet gateway and 0.0.0.0/0 route a real default VPC has (moto's
// lacks them), adding them only when missing.
//
// Calls are strictly sequential so a deterministic backend hands out the same
// IDs on every run. Seed a fresh account: running it twice creates
// everything twice. Do not point it at a real AWS account; NAT gateways and
// Elastic IPs cost money there.
func Tutorial(ctx context.Context, client *ec2.Client, opts Options) (Account, error) {
	sd, acct, err := newSeeder(client, opts)
	if err != nil {
		return Account{}, err
	}
	if err := sd.firstVPC(ctx, &acct); err != nil {
		return Account{}, fmt.Errorf("seed demo account: %w", err)
	}
	if err := sd.completeDefaultVPC(ctx, &acct); err != nil {
		return Account{}, fmt.Errorf("seed demo account: default VPC: %w", err)
	}
	return acct, sd.extraVPCs(ctx, &acct, opts.ExtraVPCs)
}

// newSeeder checks opts and the client's Region, and returns a seeder for that Region.
func newSeeder(client *ec2.Client, opts Options) (seeder, Account, error) {
	if opts.ExtraVPCs < 0 || opts.ExtraVPCs > MaxExtraVPCs {
		return seeder{}, Account{}, &vpc.Error{Code: vpc.Invalid, Message: fmt.Sprintf("The number of extra VPCs must be between 0 and %d.", MaxExtraVPCs)}
	}
	region := client.Options().Region
	if region == "" {
		return seeder{}, Account{}, &vpc.Error{Code: vpc.Invalid, Message: "The EC2 client has no Region; the demo account needs one to name its Availability Zones."}
	}
	return seeder{ec2: client, region: region}, Account{Region: region}, nil
}

// extraVPCs adds n generated VPCs to acct.
func (sd seeder) extraVPCs(ctx context.Context, acct *Account, n int) error {
	for i := 1; i <= n; i++ {
		vpc, err := sd.scaleVPC(ctx, i)
		if err != nil {
			return fmt.Errorf("seed demo account: %w", err)
		}
		acct.ExtraVPCs = append(acct.ExtraVPCs, vpc)
	}
	return nil
}

// TutorialAt seeds the tutorial's account, as Tutorial does, into the EC2 endpoint cfg names,
// with a client of its own: the console's demo seeds its fake this way, without holding a client.
func TutorialAt(ctx context.Context, cfg vpc.Config, opts Options) (Account, error) {
	client, err := vpc.NewEC2Client(ctx, cfg)
	if err != nil {
		return Account{}, err
	}
	return Tutorial(ctx, client, opts)
}

// firstVPC creates the tutorial's VPC.
func (sd seeder) firstVPC(ctx context.Context, acct *Account) (err error) {
	if acct.VPCID, err = sd.createVPC(ctx, "First-VPC", "10.10.0.0/16"); err != nil {
		return err
	}
	for _, sn := range []struct{ name, cidr, zone string }{
		{"Public-1a", "10.10.1.0/24", "a"},
		{"Public-1b", "10.10.2.0/24", "b"},
	} {
		id, err := sd.createSubnet(ctx, acct.VPCID, sn.name, sn.cidr, sd.region+sn.zone)
		if err != nil {
			return err
		}
		acct.PublicSubnetIDs = append(acct.PublicSubnetIDs, id)
	}
	for _, sn := range []struct{ name, cidr, zone string }{
		{"Private-1a", "10.10.11.0/24", "a"},
		{"Private-1b", "10.10.12.0/24", "b"},
		{"Private-1c", "10.10.13.0/24", "c"},
	} {
		id, err := sd.createSubnet(ctx, acct.VPCID, sn.name, sn.cidr, sd.region+sn.zone)
		if err != nil {
			return err
		}
		acct.PrivateSubnetIDs = append(acct.PrivateSubnetIDs, id)
	}
	if acct.InternetGatewayID, err = sd.createInternetGateway(ctx, acct.VPCID, "First-IGW"); err != nil {
		return err
	}
	if acct.NATGatewayID, acct.ElasticIPAllocationID, err = sd.createNATGateway(ctx, acct.PublicSubnetIDs[0], "First-NAT"); err != nil {
		return err
	}

	main, err := sd.mainRouteTable(ctx, acct.VPCID)
	if err != nil {
		return err
	}
	acct.MainRouteTableID = aws.ToString(main.RouteTableId)
	if err := sd.setName(ctx, acct.MainRouteTableID, "First-RT"); err != nil {
		return err
	}
	if err := sd.routeDefaultTo(ctx, acct.MainRouteTableID, acct.InternetGatewayID); err != nil {
		return err
	}
	if acct.PrivateRouteTableID, err = sd.createRouteTable(ctx, acct.VPCID, "RT-Private"); err != nil {
		return err
	}
	if err := sd.routeDefaultTo(ctx, acct.PrivateRouteTableID, acct.NATGatewayID); err != nil {
		return err
	}
	for _, subnetID := range acct.PrivateSubnetIDs {
		if err := sd.associate(ctx, acct.PrivateRouteTableID, subnetID); err != nil {
			return err
		}
	}
	return nil
}

// completeDefaultVPC gives the default VPC an internet gateway and a default
// route in its main table when it lacks them.
func (sd seeder) completeDefaultVPC(ctx context.Context, acct *Account) error {
	vpcs, err := sd.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{
		Filters: []types.Filter{{Name: aws.String("is-default"), Values: []string{"true"}}},
	})
	if err != nil {
		return vpc.Translate("find the default VPC", err)
	}
	if len(vpcs.Vpcs) == 0 {
		return nil
	}
	acct.DefaultVPCID = aws.ToString(vpcs.Vpcs[0].VpcId)
	igws, err := sd.ec2.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{
		Filters: []types.Filter{{Name: aws.String("attachment.vpc-id"), Values: []string{acct.DefaultVPCID}}},
	})
	if err != nil {
		return vpc.Translate("find the default VPC's internet gateway", err)
	}
	if len(igws.InternetGateways) > 0 {
		acct.DefaultInternetGatewayID = aws.ToString(igws.InternetGateways[0].InternetGatewayId)
	} else if acct.DefaultInternetGatewayID, err = sd.createInternetGateway(ctx, acct.DefaultVPCID, ""); err != nil {
		return err
	}
	main, err := sd.mainRouteTable(ctx, acct.DefaultVPCID)
	if err != nil {
		return err
	}
	acct.DefaultRouteTableID = aws.ToString(main.RouteTableId)
	for _, r := range main.Routes {
		if aws.ToString(r.DestinationCidrBlock) == "0.0.0.0/0" {
			return nil
		}
	}
	return sd.routeDefaultTo(ctx, acct.DefaultRouteTableID, acct.DefaultInternetGatewayID)
}

// scaleVPC creates the i-th generated VPC (1-based). CIDRs are /20 blocks
// from 10.100.0.0 up, which leaves room for MaxExtraVPCs of them.
func (sd seeder) scaleVPC(ctx context.Context, i int) (ScaleVPC, error) {
	second, third := 100+(i-1)/16, ((i-1)%16)*16
	v := ScaleVPC{Name: fmt.Sprintf("scale-vpc-%03d", i), CIDR: fmt.Sprintf("10.%d.%d.0/20", second, third)}
	var err error
	if v.VPCID, err = sd.createVPC(ctx, v.Name, v.CIDR); err != nil {
		return v, err
	}
	if v.PublicSubnetID, err = sd.createSubnet(ctx, v.VPCID, v.Name+"-public",
		fmt.Sprintf("10.%d.%d.0/24", second, third), sd.region+"a"); err != nil {
		return v, err
	}
	if v.PrivateSubnetID, err = sd.createSubnet(ctx, v.VPCID, v.Name+"-private",
		fmt.Sprintf("10.%d.%d.0/24", second, third+1), sd.region+"b"); err != nil {
		return v, err
	}
	if v.InternetGatewayID, err = sd.createInternetGateway(ctx, v.VPCID, v.Name+"-igw"); err != nil {
		return v, err
	}
	main, err := sd.mainRouteTable(ctx, v.VPCID)
	if err != nil {
		return v, err
	}
	v.MainRouteTableID = aws.ToString(main.RouteTableId)
	if err := sd.setName(ctx, v.MainRouteTableID, v.Name+"-main"); err != nil {
		return v, err
	}
	if err := sd.routeDefaultTo(ctx, v.MainRouteTableID, v.InternetGatewayID); err != nil {
		return v, err
	}
	if v.PrivateRouteTableID, err = sd.createRouteTable(ctx, v.VPCID, v.Name+"-private"); err != nil {
		return v, err
	}
	return v, sd.associate(ctx, v.PrivateRouteTableID, v.PrivateSubnetID)
}
