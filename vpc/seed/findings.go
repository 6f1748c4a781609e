package seed

import (
	"context"
	"fmt"
	"net/netip"
	"slices"
)

// FindingsAccount holds the IDs the findings scenario created: Shop-VPC, where the audit finds
// one thing of every kind, and Payments-VPC, where it finds nothing.
type FindingsAccount struct {
	// Shop-VPC, 10.30.0.0/16.
	ShopVPCID string
	// Shop-Public-1a uses Shop-RT-Public (0.0.0.0/0 → Shop-IGW); Shop-NAT is in it.
	ShopPublicSubnetID   string
	ShopInternetGateway  string
	ShopNATGatewayID     string
	ShopPublicRouteTable string
	// Shop-RT-Main, the main table (0.0.0.0/0 → Shop-NAT), used implicitly by Shop-Legacy-1a:
	// a private subnet the S3 endpoint missed.
	ShopMainRouteTableID string
	ShopLegacySubnetID   string
	// Shop-RT-App (0.0.0.0/0 → Shop-NAT, the S3 endpoint's route, and ShopShadowCIDR →
	// Shop-NAT, which takes part of S3's addresses away from the endpoint), used by Shop-App-1a
	// and Shop-App-1b.
	ShopAppRouteTableID string
	ShopAppSubnetIDs    []string
	ShopShadowCIDR      string
	// Shop-RT-Spare: no subnet uses it.
	ShopSpareRouteTableID string
	// Shop-S3, on Shop-RT-App only, with a policy limited to one bucket.
	ShopS3EndpointID string
	// Shop-DynamoDB, on Shop-RT-Spare only, with the full-access policy.
	ShopDynamoDBEndpointID string

	// Payments-VPC, 10.40.0.0/16, done right: S3 and DynamoDB gateway endpoints with limited
	// policies on both its tables, Payments-RT-Public (main, 0.0.0.0/0 → its internet gateway,
	// used implicitly by Payments-Public-1a) and Payments-RT-Private (0.0.0.0/0 → its NAT
	// gateway, used by Payments-Private-1a and -1b).
	PaymentsVPCID              string
	PaymentsMainRouteTableID   string
	PaymentsPrivateRouteTable  string
	PaymentsPublicSubnetID     string
	PaymentsPrivateSubnetIDs   []string
	PaymentsS3EndpointID       string
	PaymentsDynamoDBEndpointID string
}

// limitedPolicy is an endpoint policy the audit does not call full access: it allows one
// bucket, or one table, by this account's principals only.
func limitedPolicy(region, service, resource string) string {
	arn := "arn:aws:s3:::" + resource
	resources := fmt.Sprintf("[%q, %q]", arn, arn+"/*")
	if service == "dynamodb" {
		resources = fmt.Sprintf("[%q]", "arn:aws:dynamodb:"+region+":*:table/"+resource)
	}
	return fmt.Sprintf(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "%s:*", `+
		`"Resource": %s, "Condition": {"StringEquals": {"aws:PrincipalAccount": "${aws:ResourceAccount}"}}}]}`, service, resources)
}

// findingsAccount builds Shop-VPC and Payments-VPC.
func (sd seeder) findingsAccount(ctx context.Context, f *FindingsAccount) error {
	if err := sd.shopVPC(ctx, f); err != nil {
		return err
	}
	return sd.paymentsVPC(ctx, f)
}

// shopVPC builds the VPC of the findings: for S3, a NAT path the endpoint missed (the main
// table), a public table without the endpoint, and a route shadowing part of the prefix list;
// for DynamoDB, an endpoint on a table no subnet uses, with the full-access policy.
func (sd seeder) shopVPC(ctx context.Context, f *FindingsAccount) (err error) {
	if f.ShopVPCID, err = sd.createVPC(ctx, "Shop-VPC", "10.30.0.0/16"); err != nil {
		return err
	}
	if f.ShopPublicSubnetID, err = sd.createSubnet(ctx, f.ShopVPCID, "Shop-Public-1a", "10.30.1.0/24", sd.region+"a"); err != nil {
		return err
	}
	for _, sn := range []struct{ name, cidr, zone string }{
		{"Shop-App-1a", "10.30.11.0/24", "a"},
		{"Shop-App-1b", "10.30.12.0/24", "b"},
	} {
		id, err := sd.createSubnet(ctx, f.ShopVPCID, sn.name, sn.cidr, sd.region+sn.zone)
		if err != nil {
			return err
		}
		f.ShopAppSubnetIDs = append(f.ShopAppSubnetIDs, id)
	}
	if f.ShopLegacySubnetID, err = sd.createSubnet(ctx, f.ShopVPCID, "Shop-Legacy-1a", "10.30.21.0/24", sd.region+"a"); err != nil {
		return err
	}
	if f.ShopInternetGateway, err = sd.createInternetGateway(ctx, f.ShopVPCID, "Shop-IGW"); err != nil {
		return err
	}
	if f.ShopNATGatewayID, _, err = sd.createNATGateway(ctx, f.ShopPublicSubnetID, "Shop-NAT"); err != nil {
		return err
	}

	main, err := sd.mainRouteTable(ctx, f.ShopVPCID)
	if err != nil {
		return err
	}
	f.ShopMainRouteTableID = *main.RouteTableId
	if err := sd.setName(ctx, f.ShopMainRouteTableID, "Shop-RT-Main"); err != nil {
		return err
	}
	if err := sd.routeDefaultTo(ctx, f.ShopMainRouteTableID, f.ShopNATGatewayID); err != nil {
		return err
	}
	if f.ShopPublicRouteTable, err = sd.createRouteTable(ctx, f.ShopVPCID, "Shop-RT-Public"); err != nil {
		return err
	}
	if err := sd.routeDefaultTo(ctx, f.ShopPublicRouteTable, f.ShopInternetGateway); err != nil {
		return err
	}
	if err := sd.associate(ctx, f.ShopPublicRouteTable, f.ShopPublicSubnetID); err != nil {
		return err
	}
	if f.ShopAppRouteTableID, err = sd.createRouteTable(ctx, f.ShopVPCID, "Shop-RT-App"); err != nil {
		return err
	}
	if err := sd.routeDefaultTo(ctx, f.ShopAppRouteTableID, f.ShopNATGatewayID); err != nil {
		return err
	}
	for _, id := range f.ShopAppSubnetIDs {
		if err := sd.associate(ctx, f.ShopAppRouteTableID, id); err != nil {
			return err
		}
	}
	if f.ShopSpareRouteTableID, err = sd.createRouteTable(ctx, f.ShopVPCID, "Shop-RT-Spare"); err != nil {
		return err
	}

	if f.ShopS3EndpointID, err = sd.createGatewayEndpoint(ctx, f.ShopVPCID, "s3", "Shop-S3",
		limitedPolicy(sd.region, "s3", "shop-assets"), f.ShopAppRouteTableID); err != nil {
		return err
	}
	s3CIDRs, err := sd.prefixListCIDRs(ctx, "s3")
	if err != nil {
		return err
	}
	if f.ShopShadowCIDR, err = moreSpecific(s3CIDRs); err != nil {
		return err
	}
	if err := sd.createRoute(ctx, f.ShopAppRouteTableID, f.ShopShadowCIDR, f.ShopNATGatewayID); err != nil {
		return err
	}
	f.ShopDynamoDBEndpointID, err = sd.createGatewayEndpoint(ctx, f.ShopVPCID, "dynamodb", "Shop-DynamoDB", "", f.ShopSpareRouteTableID)
	return err
}

// paymentsVPC builds a VPC with nothing to find: every subnet reaches S3 and DynamoDB through a
// gateway endpoint whose policy is limited.
func (sd seeder) paymentsVPC(ctx context.Context, f *FindingsAccount) (err error) {
	if f.PaymentsVPCID, err = sd.createVPC(ctx, "Payments-VPC", "10.40.0.0/16"); err != nil {
		return err
	}
	if f.PaymentsPublicSubnetID, err = sd.createSubnet(ctx, f.PaymentsVPCID, "Payments-Public-1a", "10.40.1.0/24", sd.region+"a"); err != nil {
		return err
	}
	for _, sn := range []struct{ name, cidr, zone string }{
		{"Payments-Private-1a", "10.40.11.0/24", "a"},
		{"Payments-Private-1b", "10.40.12.0/24", "b"},
	} {
		id, err := sd.createSubnet(ctx, f.PaymentsVPCID, sn.name, sn.cidr, sd.region+sn.zone)
		if err != nil {
			return err
		}
		f.PaymentsPrivateSubnetIDs = append(f.PaymentsPrivateSubnetIDs, id)
	}
	igw, err := sd.createInternetGateway(ctx, f.PaymentsVPCID, "Payments-IGW")
	if err != nil {
		return err
	}
	nat, _, err := sd.createNATGateway(ctx, f.PaymentsPublicSubnetID, "Payments-NAT")
	if err != nil {
		return err
	}
	main, err := sd.mainRouteTable(ctx, f.PaymentsVPCID)
	if err != nil {
		return err
	}
	f.PaymentsMainRouteTableID = *main.RouteTableId
	if err := sd.setName(ctx, f.PaymentsMainRouteTableID, "Payments-RT-Public"); err != nil {
		return err
	}
	if err := sd.routeDefaultTo(ctx, f.PaymentsMainRouteTableID, igw); err != nil {
		return err
	}
	if f.PaymentsPrivateRouteTable, err = sd.createRouteTable(ctx, f.PaymentsVPCID, "Payments-RT-Private"); err != nil {
		return err
	}
	if err := sd.routeDefaultTo(ctx, f.PaymentsPrivateRouteTable, nat); err != nil {
		return err
	}
	for _, id := range f.PaymentsPrivateSubnetIDs {
		if err := sd.associate(ctx, f.PaymentsPrivateRouteTable, id); err != nil {
			return err
		}
	}
	tables := []string{f.PaymentsMainRouteTableID, f.PaymentsPrivateRouteTable}
	if f.PaymentsS3EndpointID, err = sd.createGatewayEndpoint(ctx, f.PaymentsVPCID, "s3", "Payments-S3",
		limitedPolicy(sd.region, "s3", "payments-ledger"), tables...); err != nil {
		return err
	}
	f.PaymentsDynamoDBEndpointID, err = sd.createGatewayEndpoint(ctx, f.PaymentsVPCID, "dynamodb", "Payments-DynamoDB",
		limitedPolicy(sd.region, "dynamodb", "payments"), tables...)
	return err
}

// moreSpecific returns the first half of the widest of cidrs (52.216.0.0/15 → 52.216.0.0/16):
// a route to it wins over the prefix list's route for those addresses.
func moreSpecific(cidrs []string) (string, error) {
	var prefixes []netip.Prefix
	for _, c := range cidrs {
		if p, err := netip.ParsePrefix(c); err == nil && p.Addr().Is4() && p.Bits() < 32 {
			prefixes = append(prefixes, p.Masked())
		}
	}
	if len(prefixes) == 0 {
		return "", fmt.Errorf("no IPv4 range to split in the prefix list %v", cidrs)
	}
	widest := slices.MinFunc(prefixes, func(a, b netip.Prefix) int { return a.Bits() - b.Bits() })
	return netip.PrefixFrom(widest.Addr(), widest.Bits()+1).String(), nil
}
