package fakeec2

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func TestCreateGatewayEndpointAddsPrefixListRoutes(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.10")
	out, err := c.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{
		VpcId: aws.String(n.vpcID), ServiceName: aws.String(s3Service), RouteTableIds: []string{n.mainTable, n.privateTable},
		TagSpecifications: nameTag(types.ResourceTypeVpcEndpoint, "First-Endpoint"),
	})
	if err != nil {
		t.Fatalf("CreateVpcEndpoint: %v", err)
	}
	e := out.VpcEndpoint
	if got, want := e.VpcEndpointType, types.VpcEndpointTypeGateway; got != want {
		t.Errorf("type = %q, want %q (the default)", got, want)
	}
	if got, want := string(e.State), "available"; got != want {
		t.Errorf("state = %q, want %q", got, want)
	}
	if got := aws.ToString(e.PolicyDocument); got != defaultEndpointPolicy {
		t.Errorf("policy = %s, want the full-access default", got)
	}
	if len(e.Tags) != 1 || *e.Tags[0].Value != "First-Endpoint" {
		t.Errorf("tags = %v, want Name=First-Endpoint", e.Tags)
	}
	for _, table := range []string{n.mainTable, n.privateTable} {
		if got, want := routesOf(t, c, table)[s3PrefixList], *e.VpcEndpointId+" CreateRoute active"; got != want {
			t.Errorf("route %s in %s = %q, want %q", s3PrefixList, table, got, want)
		}
	}
}

func TestGatewayEndpointsForTwoServicesShareATable(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.10")
	s3 := createS3Endpoint(t, c, n.vpcID, n.privateTable)
	dynamo, err := c.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{
		VpcId: aws.String(n.vpcID), ServiceName: aws.String(dynamoService), RouteTableIds: []string{n.privateTable},
	})
	if err != nil {
		t.Fatalf("CreateVpcEndpoint dynamodb: %v", err)
	}
	routes := routesOf(t, c, n.privateTable)
	if !strings.HasPrefix(routes[s3PrefixList], s3) || !strings.HasPrefix(routes[dynamoPrefixList], *dynamo.VpcEndpoint.VpcEndpointId) {
		t.Errorf("routes = %v, want one endpoint route per service", routes)
	}
}

func TestCreateVpcEndpointRefusesWhatEC2Refuses(t *testing.T) {
	c, srv := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.10")
	other := buildNetwork(t, c, "10.20")
	createS3Endpoint(t, c, other.vpcID, other.mainTable) // so other.mainTable already routes S3
	before := map[string]map[string]string{n.mainTable: routesOf(t, c, n.mainTable), n.privateTable: routesOf(t, c, n.privateTable)}

	manyTags := make([]types.Tag, 51)
	for i := range manyTags {
		manyTags[i] = types.Tag{Key: aws.String(fmt.Sprintf("k%d", i)), Value: aws.String("v")}
	}
	gateway := func(mod func(*ec2.CreateVpcEndpointInput)) *ec2.CreateVpcEndpointInput {
		in := &ec2.CreateVpcEndpointInput{VpcId: aws.String(n.vpcID), ServiceName: aws.String(s3Service), RouteTableIds: []string{n.privateTable}}
		mod(in)
		return in
	}
	tags := func(ts ...types.Tag) []types.TagSpecification {
		return []types.TagSpecification{{ResourceType: types.ResourceTypeVpcEndpoint, Tags: ts}}
	}
	tag := func(k, v string) types.Tag { return types.Tag{Key: aws.String(k), Value: aws.String(v)} }

	for _, tt := range []struct {
		name string
		in   *ec2.CreateVpcEndpointInput
		want string
	}{
		{"unknown VPC", gateway(func(in *ec2.CreateVpcEndpointInput) { in.VpcId = aws.String("vpc-0123456789abcdef0") }), "InvalidVpcID.NotFound"},
		{"no service", gateway(func(in *ec2.CreateVpcEndpointInput) { in.ServiceName = nil }), "MissingParameter"},
		{"unknown service", gateway(func(in *ec2.CreateVpcEndpointInput) { in.ServiceName = aws.String("com.amazonaws.us-east-1.nope") }), "InvalidServiceName"},
		{"service without a gateway type", gateway(func(in *ec2.CreateVpcEndpointInput) { in.ServiceName = aws.String("com.amazonaws.us-east-1.ssm") }), "InvalidParameter"},
		{"lowercase type", gateway(func(in *ec2.CreateVpcEndpointInput) { in.VpcEndpointType = "gateway" }), "InvalidVpcEndpointType"},
		{"unknown route table", gateway(func(in *ec2.CreateVpcEndpointInput) { in.RouteTableIds = []string{"rtb-0123456789abcdef0"} }), "InvalidRouteTableID.NotFound"},
		{"route table of another VPC", gateway(func(in *ec2.CreateVpcEndpointInput) { in.RouteTableIds = []string{n.mainTable, other.privateTable} }), "InvalidParameter"},
		{"table already routes S3 through an endpoint", gateway(func(in *ec2.CreateVpcEndpointInput) {
			in.VpcId, in.RouteTableIds = aws.String(other.vpcID), []string{other.privateTable, other.mainTable}
		}), "RouteAlreadyExists"},
		{"subnets on a gateway endpoint", gateway(func(in *ec2.CreateVpcEndpointInput) { in.SubnetIds = []string{n.subnetA} }), "InvalidParameter"},
		{"policy not JSON", gateway(func(in *ec2.CreateVpcEndpointInput) { in.PolicyDocument = aws.String("{not json") }), "InvalidPolicyDocument"},
		{"policy without Statement", gateway(func(in *ec2.CreateVpcEndpointInput) { in.PolicyDocument = aws.String(`{"Version":"2012-10-17"}`) }), "InvalidPolicyDocument"},
		{"policy over 20480 characters", gateway(func(in *ec2.CreateVpcEndpointInput) {
			in.PolicyDocument = aws.String(`{"Statement":[],"Sid":"` + strings.Repeat("x", 20480) + `"}`)
		}), "InvalidPolicyDocument"},
		{"aws: tag key", gateway(func(in *ec2.CreateVpcEndpointInput) { in.TagSpecifications = tags(tag("aws:owner", "x")) }), "InvalidTagKey.Malformed"},
		{"empty tag key", gateway(func(in *ec2.CreateVpcEndpointInput) { in.TagSpecifications = tags(tag("", "x")) }), "InvalidTagKey.Malformed"},
		{"tag key of 128 characters", gateway(func(in *ec2.CreateVpcEndpointInput) { in.TagSpecifications = tags(tag(strings.Repeat("k", 128), "x")) }), "InvalidParameterValue"},
		{"tag value of 257 characters", gateway(func(in *ec2.CreateVpcEndpointInput) {
			in.TagSpecifications = tags(tag("Name", strings.Repeat("v", 257)))
		}), "InvalidParameterValue"},
		{"duplicate tag key", gateway(func(in *ec2.CreateVpcEndpointInput) { in.TagSpecifications = tags(tag("Name", "a"), tag("Name", "b")) }), "InvalidParameterValue"},
		{"51 tags", gateway(func(in *ec2.CreateVpcEndpointInput) { in.TagSpecifications = tags(manyTags...) }), "TagLimitExceeded"},
		{"tags for another resource type", gateway(func(in *ec2.CreateVpcEndpointInput) {
			in.TagSpecifications = []types.TagSpecification{{ResourceType: types.ResourceTypeVpc, Tags: []types.Tag{tag("Name", "x")}}}
		}), "InvalidParameterValue"},
		{"client token over 64 characters", gateway(func(in *ec2.CreateVpcEndpointInput) { in.ClientToken = aws.String(strings.Repeat("t", 65)) }), "InvalidParameterValue"},
		{"route tables on an interface endpoint", &ec2.CreateVpcEndpointInput{
			VpcId: aws.String(n.vpcID), ServiceName: aws.String("com.amazonaws.us-east-1.ssm"), VpcEndpointType: types.VpcEndpointTypeInterface,
			SubnetIds: []string{n.subnetA}, RouteTableIds: []string{n.privateTable},
		}, "InvalidParameter"},
		{"two subnets in one zone", &ec2.CreateVpcEndpointInput{
			VpcId: aws.String(n.vpcID), ServiceName: aws.String("com.amazonaws.us-east-1.ssm"), VpcEndpointType: types.VpcEndpointTypeInterface,
			SubnetIds: []string{n.subnetA, n.subnetB, n.subnetA2},
		}, "DuplicateSubnetsInSameZone"},
		{"subnet of another VPC", &ec2.CreateVpcEndpointInput{
			VpcId: aws.String(n.vpcID), ServiceName: aws.String("com.amazonaws.us-east-1.ssm"), VpcEndpointType: types.VpcEndpointTypeInterface,
			SubnetIds: []string{other.subnetA},
		}, "InvalidParameter"},
		{"security group of another VPC", &ec2.CreateVpcEndpointInput{
			VpcId: aws.String(n.vpcID), ServiceName: aws.String("com.amazonaws.us-east-1.ssm"), VpcEndpointType: types.VpcEndpointTypeInterface,
			SubnetIds: []string{n.subnetA}, SecurityGroupIds: []string{other.defaultGroup},
		}, "InvalidParameter"},
		{"unknown security group", &ec2.CreateVpcEndpointInput{
			VpcId: aws.String(n.vpcID), ServiceName: aws.String("com.amazonaws.us-east-1.ssm"), VpcEndpointType: types.VpcEndpointTypeInterface,
			SubnetIds: []string{n.subnetA}, SecurityGroupIds: []string{"sg-0123456789abcdef0"},
		}, "InvalidGroup.NotFound"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.CreateVpcEndpoint(ctx, tt.in)
			wantCode(t, err, tt.want)
		})
	}
	if got := len(srv.defaultAccount().endpoints); got != 1 {
		t.Errorf("endpoints after refused creates = %d, want 1 (the one made on purpose)", got)
	}
	for table, want := range before {
		if got := routesOf(t, c, table); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("routes of %s changed by refused creates: got %v, want %v", table, got, want)
		}
	}
}

func TestCreateVpcEndpointClientToken(t *testing.T) {
	c, srv := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.10")
	in := &ec2.CreateVpcEndpointInput{VpcId: aws.String(n.vpcID), ServiceName: aws.String(s3Service), RouteTableIds: []string{n.privateTable}, ClientToken: aws.String("wizard-token-1")}

	first, err := c.CreateVpcEndpoint(ctx, in)
	if err != nil {
		t.Fatalf("first create: %v", err)
	}
	again, err := c.CreateVpcEndpoint(ctx, in)
	if err != nil {
		t.Fatalf("repeat create: %v", err)
	}
	if got, want := *again.VpcEndpoint.VpcEndpointId, *first.VpcEndpoint.VpcEndpointId; got != want {
		t.Errorf("repeat with the same token created %s, want the same endpoint %s", got, want)
	}
	if got := aws.ToString(again.ClientToken); got != "wizard-token-1" {
		t.Errorf("clientToken echoed = %q", got)
	}
	changed := *in
	changed.RouteTableIds = []string{n.mainTable}
	_, err = c.CreateVpcEndpoint(ctx, &changed)
	wantCode(t, err, "IdempotentParameterMismatch")

	// A double submit: the same request sent at once from several places creates one endpoint.
	concurrent := *in
	concurrent.ClientToken, concurrent.RouteTableIds = aws.String("wizard-token-2"), []string{n.mainTable}
	var wg sync.WaitGroup
	ids := make([]string, 8)
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := c.CreateVpcEndpoint(ctx, &concurrent)
			if err != nil {
				t.Errorf("concurrent create: %v", err)
				return
			}
			ids[i] = *out.VpcEndpoint.VpcEndpointId
		}()
	}
	wg.Wait()
	for _, id := range ids {
		if id != ids[0] {
			t.Fatalf("concurrent creates with one token returned %v, want one id", ids)
		}
	}
	if got := len(srv.defaultAccount().endpoints); got != 2 {
		t.Errorf("endpoints = %d, want 2", got)
	}
}

func TestDryRun(t *testing.T) {
	c, srv := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.10")
	_, err := c.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{
		DryRun: aws.Bool(true), VpcId: aws.String(n.vpcID), ServiceName: aws.String(s3Service), RouteTableIds: []string{n.privateTable},
	})
	wantCode(t, err, "DryRunOperation")
	if !strings.Contains(err.Error(), "StatusCode: 412") {
		t.Errorf("DryRunOperation status: %v, want HTTP 412", err)
	}
	if got := len(srv.defaultAccount().endpoints); got != 0 {
		t.Errorf("endpoints after a dry run = %d, want 0", got)
	}
	if _, ok := routesOf(t, c, n.privateTable)[s3PrefixList]; ok {
		t.Error("a dry run added a route")
	}
	_, err = c.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{
		DryRun: aws.Bool(true), VpcId: aws.String("vpc-0123456789abcdef0"), ServiceName: aws.String(s3Service),
	})
	wantCode(t, err, "InvalidVpcID.NotFound")
}

func TestInterfaceEndpointPendingThenAvailable(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 5, 20, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	c, _ := newTestClient(t, Options{Clock: clock, InterfaceEndpointDelay: time.Minute})
	n := buildNetwork(t, c, "10.10")
	out, err := c.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{
		VpcId: aws.String(n.vpcID), ServiceName: aws.String("com.amazonaws.us-east-1.ssm"), VpcEndpointType: types.VpcEndpointTypeInterface,
		SubnetIds: []string{n.subnetA, n.subnetB},
	})
	if err != nil {
		t.Fatalf("CreateVpcEndpoint ssm: %v", err)
	}
	e := out.VpcEndpoint
	if got := string(e.State); got != "pending" {
		t.Errorf("state at creation = %q, want pending", got)
	}
	if len(e.Groups) != 1 || *e.Groups[0].GroupId != n.defaultGroup {
		t.Errorf("groups = %v, want the VPC's default group %s", e.Groups, n.defaultGroup)
	}
	if got := len(e.NetworkInterfaceIds); got != 2 {
		t.Errorf("network interfaces = %d, want one per subnet", got)
	}
	if !aws.ToBool(e.PrivateDnsEnabled) {
		t.Error("private DNS off, want on by default for an AWS service")
	}
	// A regional name, one per zone, and the private DNS name.
	if got := len(e.DnsEntries); got != 4 {
		t.Errorf("DNS entries = %d, want 4", got)
	}
	mu.Lock()
	now = now.Add(2 * time.Minute)
	mu.Unlock()
	desc, err := c.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{*e.VpcEndpointId}})
	if err != nil {
		t.Fatalf("DescribeVpcEndpoints: %v", err)
	}
	if got := string(desc.VpcEndpoints[0].State); got != "available" {
		t.Errorf("state after the delay = %q, want available", got)
	}
}

func TestModifyVpcEndpointRoutes(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.10")
	id := createS3Endpoint(t, c, n.vpcID, n.privateTable)

	if _, err := c.ModifyVpcEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(id), AddRouteTableIds: []string{n.mainTable}}); err != nil {
		t.Fatalf("add route table: %v", err)
	}
	if got := routesOf(t, c, n.mainTable)[s3PrefixList]; !strings.HasPrefix(got, id) {
		t.Errorf("main table S3 route after add = %q, want via %s", got, id)
	}
	// Adding a table the endpoint already has is harmless.
	if _, err := c.ModifyVpcEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(id), AddRouteTableIds: []string{n.mainTable}}); err != nil {
		t.Fatalf("add the same table again: %v", err)
	}
	if _, err := c.ModifyVpcEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(id), RemoveRouteTableIds: []string{n.privateTable}}); err != nil {
		t.Fatalf("remove route table: %v", err)
	}
	if got, ok := routesOf(t, c, n.privateTable)[s3PrefixList]; ok {
		t.Errorf("private table still routes S3 (%q) after remove", got)
	}
	desc, err := c.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id}})
	if err != nil {
		t.Fatalf("DescribeVpcEndpoints: %v", err)
	}
	if got := desc.VpcEndpoints[0].RouteTableIds; fmt.Sprint(got) != fmt.Sprint([]string{n.mainTable}) {
		t.Errorf("RouteTableIds = %v, want [%s]", got, n.mainTable)
	}
}

func TestModifyVpcEndpointRefusesAndChangesNothing(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.10")
	other := buildNetwork(t, c, "10.20")
	first := createS3Endpoint(t, c, n.vpcID, n.privateTable)
	second := createS3Endpoint(t, c, n.vpcID, n.mainTable)
	iface, err := c.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{
		VpcId: aws.String(n.vpcID), ServiceName: aws.String("com.amazonaws.us-east-1.ssm"), VpcEndpointType: types.VpcEndpointTypeInterface, SubnetIds: []string{n.subnetA},
	})
	if err != nil {
		t.Fatalf("create interface endpoint: %v", err)
	}
	ifaceID := *iface.VpcEndpoint.VpcEndpointId

	for _, tt := range []struct {
		name string
		in   *ec2.ModifyVpcEndpointInput
		want string
	}{
		{"table already routes S3 through another endpoint",
			&ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(second), AddRouteTableIds: []string{n.privateTable}, RemoveRouteTableIds: []string{n.mainTable}}, "RouteAlreadyExists"},
		{"table of another VPC", &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(first), AddRouteTableIds: []string{other.mainTable}}, "InvalidParameter"},
		{"unknown table", &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(first), AddRouteTableIds: []string{"rtb-0123456789abcdef0"}}, "InvalidRouteTableID.NotFound"},
		{"unknown endpoint", &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String("vpce-0123456789abcdef0"), ResetPolicy: aws.Bool(true)}, "InvalidVpcEndpointId.NotFound"},
		{"bad policy", &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(first), PolicyDocument: aws.String("[]")}, "InvalidPolicyDocument"},
		{"policy and reset together", &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(first), PolicyDocument: aws.String(`{"Statement":[]}`), ResetPolicy: aws.Bool(true)}, "InvalidParameterCombination"},
		{"route tables on an interface endpoint", &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(ifaceID), AddRouteTableIds: []string{n.mainTable}}, "InvalidParameter"},
		{"second subnet in a zone", &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(ifaceID), AddSubnetIds: []string{n.subnetA2}}, "DuplicateSubnetsInSameZone"},
		{"subnets on a gateway endpoint", &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(first), AddSubnetIds: []string{n.subnetA}}, "InvalidParameter"},
		{"last security group removed", &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(ifaceID), RemoveSecurityGroupIds: []string{n.defaultGroup}}, "InvalidParameter"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.ModifyVpcEndpoint(ctx, tt.in)
			wantCode(t, err, tt.want)
		})
	}
	if got := routesOf(t, c, n.mainTable)[s3PrefixList]; !strings.HasPrefix(got, second) {
		t.Errorf("main table S3 route = %q, want still via %s (refused change must not half-apply)", got, second)
	}
	if got := routesOf(t, c, n.privateTable)[s3PrefixList]; !strings.HasPrefix(got, first) {
		t.Errorf("private table S3 route = %q, want still via %s", got, first)
	}
}

func TestModifyVpcEndpointPolicyAndInterface(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.10")
	id := createS3Endpoint(t, c, n.vpcID, n.privateTable)
	custom := `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::my-bucket/*"}]}`
	policyOf := func(id string) string {
		t.Helper()
		out, err := c.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id}})
		if err != nil {
			t.Fatalf("DescribeVpcEndpoints: %v", err)
		}
		return aws.ToString(out.VpcEndpoints[0].PolicyDocument)
	}
	if _, err := c.ModifyVpcEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(id), PolicyDocument: aws.String(custom)}); err != nil {
		t.Fatalf("set policy: %v", err)
	}
	if got := policyOf(id); got != custom {
		t.Errorf("policy = %s, want %s", got, custom)
	}
	if _, err := c.ModifyVpcEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(id), ResetPolicy: aws.Bool(true)}); err != nil {
		t.Fatalf("reset policy: %v", err)
	}
	if got := policyOf(id); got != defaultEndpointPolicy {
		t.Errorf("policy after reset = %s, want the default", got)
	}

	out, err := c.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{
		VpcId: aws.String(n.vpcID), ServiceName: aws.String("com.amazonaws.us-east-1.ssm"), VpcEndpointType: types.VpcEndpointTypeInterface, SubnetIds: []string{n.subnetA},
	})
	if err != nil {
		t.Fatalf("create interface endpoint: %v", err)
	}
	iface := *out.VpcEndpoint.VpcEndpointId
	if _, err := c.ModifyVpcEndpoint(ctx, &ec2.ModifyVpcEndpointInput{
		VpcEndpointId: aws.String(iface), AddSubnetIds: []string{n.subnetB}, RemoveSubnetIds: []string{n.subnetA}, PrivateDnsEnabled: aws.Bool(false),
	}); err != nil {
		t.Fatalf("move interface endpoint: %v", err)
	}
	desc, err := c.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{iface}})
	if err != nil {
		t.Fatalf("DescribeVpcEndpoints: %v", err)
	}
	e := desc.VpcEndpoints[0]
	if fmt.Sprint(e.SubnetIds) != fmt.Sprint([]string{n.subnetB}) || len(e.NetworkInterfaceIds) != 1 || aws.ToBool(e.PrivateDnsEnabled) {
		t.Errorf("after modify: subnets %v, interfaces %v, private DNS %v; want [%s], one interface, off", e.SubnetIds, e.NetworkInterfaceIds, aws.ToBool(e.PrivateDnsEnabled), n.subnetB)
	}
}

func TestDeleteVpcEndpoints(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.10")
	s3 := createS3Endpoint(t, c, n.vpcID, n.privateTable, n.mainTable)
	out, err := c.DeleteVpcEndpoints(ctx, &ec2.DeleteVpcEndpointsInput{VpcEndpointIds: []string{"vpce-0123456789abcdef0", s3}})
	if err != nil {
		t.Fatalf("DeleteVpcEndpoints: %v", err)
	}
	if len(out.Unsuccessful) != 1 || aws.ToString(out.Unsuccessful[0].ResourceId) != "vpce-0123456789abcdef0" ||
		aws.ToString(out.Unsuccessful[0].Error.Code) != "InvalidVpcEndpoint.NotFound" {
		t.Errorf("unsuccessful = %+v, want the unknown id with InvalidVpcEndpoint.NotFound", out.Unsuccessful)
	}
	for _, table := range []string{n.privateTable, n.mainTable} {
		if got, ok := routesOf(t, c, table)[s3PrefixList]; ok {
			t.Errorf("%s still has the endpoint route %q", table, got)
		}
	}
	// What follows a delete — deleting, deleted, gone — is TestDeletedEndpointLifecycle's.
}

func TestEndpointRoutesAreNotRouteTableRoutes(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.10")
	id := createS3Endpoint(t, c, n.vpcID, n.privateTable)
	_, err := c.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: aws.String(n.mainTable), DestinationPrefixListId: aws.String(s3PrefixList), GatewayId: aws.String(id)})
	wantCode(t, err, "InvalidParameterValue")
	_, err = c.DeleteRoute(ctx, &ec2.DeleteRouteInput{RouteTableId: aws.String(n.privateTable), DestinationPrefixListId: aws.String(s3PrefixList)})
	wantCode(t, err, "InvalidParameterValue")
	if got := routesOf(t, c, n.privateTable)[s3PrefixList]; !strings.HasPrefix(got, id) {
		t.Errorf("endpoint route = %q, want it untouched", got)
	}
}

func TestDescribeVpcEndpointsFiltersAndPages(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	var tables []string
	var vpcs []string
	for i := range 5 {
		n := buildNetwork(t, c, fmt.Sprintf("10.%d", 30+i))
		vpcs = append(vpcs, n.vpcID)
		tables = append(tables, n.privateTable)
		createS3Endpoint(t, c, n.vpcID, n.privateTable)
	}
	if _, err := c.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{
		VpcId: aws.String(vpcs[0]), ServiceName: aws.String(dynamoService), RouteTableIds: []string{tables[0]},
		TagSpecifications: nameTag(types.ResourceTypeVpcEndpoint, "orders-ddb"),
	}); err != nil {
		t.Fatalf("create dynamodb endpoint: %v", err)
	}
	filter := func(name string, values ...string) types.Filter {
		return types.Filter{Name: aws.String(name), Values: values}
	}
	for _, tt := range []struct {
		name    string
		filters []types.Filter
		want    int
	}{
		{"service", []types.Filter{filter("service-name", s3Service)}, 5},
		{"two services OR'd", []types.Filter{filter("service-name", s3Service, dynamoService)}, 6},
		{"vpc and service AND'd", []types.Filter{filter("vpc-id", vpcs[0]), filter("service-name", dynamoService)}, 1},
		{"type", []types.Filter{filter("vpc-endpoint-type", "Gateway")}, 6},
		{"state", []types.Filter{filter("vpc-endpoint-state", "pending")}, 0},
		{"tag", []types.Filter{filter("tag:Name", "orders-*")}, 1},
		{"tag-key", []types.Filter{filter("tag-key", "Name")}, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := c.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{Filters: tt.filters})
			if err != nil {
				t.Fatalf("DescribeVpcEndpoints: %v", err)
			}
			if got := len(out.VpcEndpoints); got != tt.want {
				t.Errorf("got %d endpoints, want %d", got, tt.want)
			}
		})
	}
	_, err := c.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{Filters: []types.Filter{filter("no-such-filter", "x")}})
	wantCode(t, err, "InvalidParameterValue")

	pager := ec2.NewDescribeVpcEndpointsPaginator(c, &ec2.DescribeVpcEndpointsInput{MaxResults: aws.Int32(2)})
	seen, pages := map[string]bool{}, 0
	for pager.HasMorePages() {
		out, err := pager.NextPage(ctx)
		if err != nil {
			t.Fatalf("page %d: %v", pages, err)
		}
		pages++
		for _, e := range out.VpcEndpoints {
			seen[*e.VpcEndpointId] = true
		}
	}
	if len(seen) != 6 || pages != 3 {
		t.Errorf("paging by 2 saw %d endpoints in %d pages, want 6 in 3", len(seen), pages)
	}
}
