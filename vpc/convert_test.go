package vpc

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

var s3List = PrefixList{ID: "pl-63a5400a", Name: "com.amazonaws.us-east-1.s3", CIDRs: []string{"52.216.0.0/15", "3.5.0.0/19", "54.231.0.0/16"}}

func TestRouteFromEC2(t *testing.T) {
	lists := map[string]PrefixList{s3List.ID: s3List}
	for _, tt := range []struct {
		name         string
		route        types.Route
		target       string
		kind         TargetKind
		destination  string
		endpoint     bool
		isPropagated bool
	}{
		{"local", types.Route{DestinationCidrBlock: aws.String("10.10.0.0/16"), GatewayId: aws.String("local"), Origin: types.RouteOriginCreateRouteTable},
			"local", TargetLocal, "10.10.0.0/16", false, false},
		{"internet gateway", types.Route{DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: aws.String("igw-1")},
			"igw-1", TargetInternetGateway, "0.0.0.0/0", false, false},
		{"NAT gateway", types.Route{DestinationCidrBlock: aws.String("0.0.0.0/0"), NatGatewayId: aws.String("nat-1")},
			"nat-1", TargetNATGateway, "0.0.0.0/0", false, false},
		{"S3 gateway endpoint", types.Route{DestinationPrefixListId: aws.String("pl-63a5400a"), GatewayId: aws.String("vpce-07c5489eece54ac5c"), Origin: types.RouteOriginCreateRoute},
			"vpce-07c5489eece54ac5c", TargetGatewayEndpoint,
			"pl-63a5400a (com.amazonaws.us-east-1.s3, 52.216.0.0/15, 3.5.0.0/19, 54.231.0.0/16)", true, false},
		{"unknown prefix list", types.Route{DestinationPrefixListId: aws.String("pl-0123456789abcdef0"), GatewayId: aws.String("vpce-1")},
			"vpce-1", TargetGatewayEndpoint, "pl-0123456789abcdef0", true, false},
		{"prefix list to a transit gateway", types.Route{DestinationPrefixListId: aws.String("pl-63a5400a"), TransitGatewayId: aws.String("tgw-1")},
			"tgw-1", TargetOther, "pl-63a5400a (com.amazonaws.us-east-1.s3, 52.216.0.0/15, 3.5.0.0/19, 54.231.0.0/16)", false, false},
		{"propagated", types.Route{DestinationCidrBlock: aws.String("192.168.0.0/16"), GatewayId: aws.String("vgw-1"), Origin: types.RouteOriginEnableVgwRoutePropagation},
			"vgw-1", TargetOther, "192.168.0.0/16", false, true},
		{"IPv6 egress-only", types.Route{DestinationIpv6CidrBlock: aws.String("::/0"), EgressOnlyInternetGatewayId: aws.String("eigw-1")},
			"eigw-1", TargetOther, "::/0", false, false},
		{"peering", types.Route{DestinationCidrBlock: aws.String("172.16.0.0/16"), VpcPeeringConnectionId: aws.String("pcx-1")},
			"pcx-1", TargetOther, "172.16.0.0/16", false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := routeFromEC2(tt.route, lists)
			if r.Target != tt.target || r.TargetKind != tt.kind {
				t.Errorf("target = %s (%s), want %s (%s)", r.Target, r.TargetKind, tt.target, tt.kind)
			}
			if got := r.Destination(); got != tt.destination {
				t.Errorf("Destination() = %q, want %q", got, tt.destination)
			}
			if got := r.IsGatewayEndpointRoute(); got != tt.endpoint {
				t.Errorf("IsGatewayEndpointRoute() = %v, want %v", got, tt.endpoint)
			}
			if r.Propagated != tt.isPropagated {
				t.Errorf("Propagated = %v, want %v", r.Propagated, tt.isPropagated)
			}
		})
	}
}

func TestRouteTableAssociations(t *testing.T) {
	associated := &types.RouteTableAssociationState{State: types.RouteTableAssociationStateCodeAssociated}
	gone := &types.RouteTableAssociationState{State: types.RouteTableAssociationStateCodeDisassociated}
	tables := []types.RouteTable{
		{RouteTableId: aws.String("rtb-main"), VpcId: aws.String("vpc-1"), Associations: []types.RouteTableAssociation{
			{Main: aws.Bool(true), AssociationState: associated},
		}},
		{RouteTableId: aws.String("rtb-private"), VpcId: aws.String("vpc-1"), Associations: []types.RouteTableAssociation{
			{SubnetId: aws.String("subnet-b"), AssociationState: associated},
			{SubnetId: aws.String("subnet-a")}, // no state: moto
			{SubnetId: aws.String("subnet-old"), AssociationState: gone},
		}},
	}
	explicit, mainByVPC := routeTableAssociations(tables)
	if want := map[string]string{"subnet-a": "rtb-private", "subnet-b": "rtb-private"}; !maps.Equal(explicit, want) {
		t.Errorf("explicit = %v, want %v", explicit, want)
	}
	if want := map[string]string{"vpc-1": "rtb-main"}; !maps.Equal(mainByVPC, want) {
		t.Errorf("mainByVPC = %v, want %v", mainByVPC, want)
	}
	private := routeTableFromEC2(tables[1], nil)
	if got, want := private.SubnetIDs, []string{"subnet-a", "subnet-b"}; private.Main || !slices.Equal(got, want) {
		t.Errorf("RT-Private main %v subnets %v, want not main, %v", private.Main, got, want)
	}
}

// TestEdgeAssociationFromEC2: a table edge-associated with an internet gateway carries the
// gateway, and the association makes it neither main nor a subnet's table.
func TestEdgeAssociationFromEC2(t *testing.T) {
	associated := &types.RouteTableAssociationState{State: types.RouteTableAssociationStateCodeAssociated}
	gone := &types.RouteTableAssociationState{State: types.RouteTableAssociationStateCodeDisassociated}
	tables := []types.RouteTable{{RouteTableId: aws.String("rtb-edge"), VpcId: aws.String("vpc-1"), Associations: []types.RouteTableAssociation{
		{GatewayId: aws.String("igw-2"), Main: aws.Bool(false), AssociationState: associated},
		{GatewayId: aws.String("igw-1"), Main: aws.Bool(false)}, // no state: moto
		{GatewayId: aws.String("igw-old"), Main: aws.Bool(false), AssociationState: gone},
	}}}
	edge := routeTableFromEC2(tables[0], nil)
	if got, want := edge.EdgeGatewayIDs, []string{"igw-1", "igw-2"}; !slices.Equal(got, want) {
		t.Errorf("EdgeGatewayIDs = %v, want %v", got, want)
	}
	if edge.Main || len(edge.SubnetIDs) > 0 {
		t.Errorf("edge table: main %v, subnets %v; want neither", edge.Main, edge.SubnetIDs)
	}
	explicit, mainByVPC := routeTableAssociations(tables)
	if len(explicit) > 0 || len(mainByVPC) > 0 {
		t.Errorf("an edge association counted as a subnet's (%v) or main (%v)", explicit, mainByVPC)
	}
}

func TestEndpointServicesFromEC2(t *testing.T) {
	detail := types.ServiceDetail{
		ServiceName: aws.String("com.amazonaws.us-east-1.s3"), Owner: aws.String("amazon"),
		ServiceType:       []types.ServiceTypeDetail{{ServiceType: types.ServiceTypeGateway}, {ServiceType: types.ServiceTypeInterface}},
		AvailabilityZones: []string{"us-east-1b", "us-east-1a"}, VpcEndpointPolicySupported: aws.Bool(true),
	}
	got := endpointServicesFromEC2(detail)
	if len(got) != 2 || got[0].Type != TypeGateway || got[1].Type != TypeInterface {
		t.Fatalf("got %+v, want one Gateway and one Interface entry", got)
	}
	if !slices.Equal(got[0].AvailabilityZones, []string{"us-east-1a", "us-east-1b"}) || !got[1].PolicySupported || got[1].Owner != "amazon" {
		t.Errorf("got %+v, want sorted zones, policy supported, owner amazon on both", got)
	}
}

func TestEndpointFromEC2(t *testing.T) {
	for _, tt := range []struct{ state, want string }{
		{"available", "available"},
		{"Available", "available"},
		{"PendingAcceptance", "pendingAcceptance"},
		{"", ""},
	} {
		if got := endpointFromEC2(types.VpcEndpoint{State: types.State(tt.state)}).State; got != tt.want {
			t.Errorf("state %q read as %q, want %q", tt.state, got, tt.want)
		}
	}
	ep := endpointFromEC2(types.VpcEndpoint{
		Groups:     []types.SecurityGroupIdentifier{{GroupId: aws.String("sg-2")}, {GroupId: aws.String("sg-1")}},
		DnsEntries: []types.DnsEntry{{DnsName: aws.String("vpce-1-abc.ssm.us-east-1.vpce.amazonaws.com")}},
		Tags:       []types.Tag{{Key: aws.String("Name"), Value: aws.String("ssm")}},
	})
	if !slices.Equal(ep.SecurityGroupIDs, []string{"sg-1", "sg-2"}) || len(ep.DNSNames) != 1 || ep.Name != "ssm" {
		t.Errorf("endpoint = %+v, want sorted groups, one DNS name, named ssm", ep)
	}
}

// TestDeletedEndpointFromEC2: the SDK's Deleting/Deleted (and the wire's lowercase) read as
// a deleted endpoint, which no change may reach.
func TestDeletedEndpointFromEC2(t *testing.T) {
	for _, tt := range []struct {
		state       types.State
		wantState   string
		wantDeleted bool
	}{
		{types.StateDeleting, "deleting", true},
		{"deleting", "deleting", true},
		{types.StateDeleted, "deleted", true},
		{"deleted", "deleted", true},
		{types.StateAvailable, "available", false},
		{types.StatePending, "pending", false},
		{types.StateFailed, "failed", false},
	} {
		t.Run(string(tt.state), func(t *testing.T) {
			e := endpointFromEC2(types.VpcEndpoint{VpcEndpointId: aws.String("vpce-1"), State: tt.state})
			if e.State != tt.wantState || e.Deleted() != tt.wantDeleted {
				t.Errorf("state %q: got %q deleted=%v, want %q deleted=%v", tt.state, e.State, e.Deleted(), tt.wantState, tt.wantDeleted)
			}
			err := e.ErrIfDeleted()
			switch {
			case tt.wantDeleted && (ErrorCode(err) != NotFound || !strings.Contains(ErrorMessage(err), "vpce-1")):
				t.Errorf("ErrIfDeleted() = %v, want NotFound naming vpce-1", err)
			case !tt.wantDeleted && err != nil:
				t.Errorf("ErrIfDeleted() = %v, want nil", err)
			}
		})
	}
}

func TestNATGatewayPrimaryAddress(t *testing.T) {
	nat := natGatewayFromEC2(types.NatGateway{NatGatewayAddresses: []types.NatGatewayAddress{
		{PublicIp: aws.String("3.3.3.3"), PrivateIp: aws.String("10.0.1.9"), IsPrimary: aws.Bool(false)},
		{PublicIp: aws.String("1.1.1.1"), PrivateIp: aws.String("10.0.1.5"), IsPrimary: aws.Bool(true)},
	}})
	if nat.PublicIP != "1.1.1.1" || nat.PrivateIP != "10.0.1.5" {
		t.Errorf("addresses = %s / %s, want the primary 1.1.1.1 / 10.0.1.5", nat.PublicIP, nat.PrivateIP)
	}
}

func TestSortByNameThenID(t *testing.T) {
	vpcs := []VPC{{ID: "vpc-3"}, {ID: "vpc-2", Name: "b"}, {ID: "vpc-1"}, {ID: "vpc-9", Name: "a"}, {ID: "vpc-4", Name: "a"}}
	SortByNameThenID(vpcs, func(v VPC) (string, string) { return v.Name, v.ID })
	var got []string
	for _, v := range vpcs {
		got = append(got, v.ID)
	}
	if want := []string{"vpc-4", "vpc-9", "vpc-2", "vpc-1", "vpc-3"}; !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v (named by name then ID, then unnamed by ID)", got, want)
	}
}
