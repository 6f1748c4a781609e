package fakeec2

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func createIGW(t *testing.T, c *ec2.Client, tags ...types.Tag) string {
	t.Helper()
	in := &ec2.CreateInternetGatewayInput{}
	if len(tags) > 0 {
		in.TagSpecifications = []types.TagSpecification{{ResourceType: types.ResourceTypeInternetGateway, Tags: tags}}
	}
	out, err := c.CreateInternetGateway(ctx, in)
	if err != nil {
		t.Fatalf("CreateInternetGateway: %v", err)
	}
	return *out.InternetGateway.InternetGatewayId
}

func attachIGW(t *testing.T, c *ec2.Client, igwID, vpcID string) {
	t.Helper()
	if _, err := c.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: aws.String(igwID), VpcId: aws.String(vpcID)}); err != nil {
		t.Fatalf("AttachInternetGateway %s to %s: %v", igwID, vpcID, err)
	}
}

func igwIDs(gateways []types.InternetGateway) []string {
	var out []string
	for _, g := range gateways {
		out = append(out, *g.InternetGatewayId)
	}
	return out
}

// defaultIGW is the internet gateway every account's default VPC comes with.
func defaultIGW(t *testing.T, c *ec2.Client, defaultVPC string) string {
	t.Helper()
	out, err := c.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{Filters: []types.Filter{sdkFilter("attachment.vpc-id", defaultVPC)}})
	if err != nil {
		t.Fatalf("DescribeInternetGateways: %v", err)
	}
	if got := len(out.InternetGateways); got != 1 {
		t.Fatalf("default VPC has %d internet gateways, want 1", got)
	}
	return *out.InternetGateways[0].InternetGatewayId
}

func TestDefaultVPCHasAttachedInternetGatewayAndRoute(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	vpcID, mainTable := lookupDefaultVPC(t, c)
	igwID := defaultIGW(t, c, vpcID)

	out, err := c.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{InternetGatewayIds: []string{igwID}})
	if err != nil {
		t.Fatalf("DescribeInternetGateways: %v", err)
	}
	igw := out.InternetGateways[0]
	if got, want := len(igw.Attachments), 1; got != want {
		t.Fatalf("attachments = %d, want %d", got, want)
	}
	if got, want := *igw.Attachments[0].VpcId, vpcID; got != want {
		t.Errorf("attachment VPC = %s, want %s", got, want)
	}
	if got, want := igw.Attachments[0].State, types.AttachmentStatus("available"); got != want {
		t.Errorf("attachment state = %s, want %s", got, want)
	}
	if got, want := aws.ToString(igw.OwnerId), "123456789012"; got != want {
		t.Errorf("owner = %s, want %s", got, want)
	}
	routes := routesOf(t, c, mainTable)
	if got, want := routes["0.0.0.0/0"], igwID+" CreateRoute active"; got != want {
		t.Errorf("default VPC route 0.0.0.0/0 = %q, want %q", got, want)
	}
	if got, want := routes["172.31.0.0/16"], "local CreateRouteTable active"; got != want {
		t.Errorf("default VPC local route = %q, want %q", got, want)
	}
}

func TestCreateAndAttachInternetGateway(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.20")

	created, err := c.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{TagSpecifications: nameTag(types.ResourceTypeInternetGateway, "First-IGW")})
	if err != nil {
		t.Fatalf("CreateInternetGateway: %v", err)
	}
	igw := created.InternetGateway
	if got := *igw.InternetGatewayId; len(got) != len("igw-")+17 || got[:4] != "igw-" {
		t.Errorf("internet gateway id = %q, want igw- and 17 hex digits", got)
	}
	if got := len(igw.Attachments); got != 0 {
		t.Errorf("a new gateway has %d attachments, want 0", got)
	}
	if got, want := len(igw.Tags), 1; got != want || *igw.Tags[0].Value != "First-IGW" {
		t.Errorf("tags = %v, want Name=First-IGW", igw.Tags)
	}

	attachIGW(t, c, *igw.InternetGatewayId, n.vpcID)
	out, err := c.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{InternetGatewayIds: []string{*igw.InternetGatewayId}})
	if err != nil {
		t.Fatalf("DescribeInternetGateways: %v", err)
	}
	got := out.InternetGateways[0]
	if len(got.Attachments) != 1 || *got.Attachments[0].VpcId != n.vpcID || got.Attachments[0].State != "available" {
		t.Fatalf("attachments after attach = %+v, want one to %s, available", got.Attachments, n.vpcID)
	}

	// The attached gateway is a valid route target in its VPC.
	if _, err := c.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: aws.String(n.mainTable), DestinationCidrBlock: aws.String("0.0.0.0/0"), GatewayId: igw.InternetGatewayId}); err != nil {
		t.Fatalf("CreateRoute to the new gateway: %v", err)
	}
	if got, want := routesOf(t, c, n.mainTable)["0.0.0.0/0"], *igw.InternetGatewayId+" CreateRoute active"; got != want {
		t.Errorf("route 0.0.0.0/0 = %q, want %q", got, want)
	}
}

func TestAttachInternetGatewayErrors(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	defaultVPC, _ := lookupDefaultVPC(t, c)
	n := buildNetwork(t, c, "10.20")
	spare := createIGW(t, c)
	attachedToDefault := defaultIGW(t, c, defaultVPC)

	for _, tt := range []struct {
		name       string
		igwID, vpc string
		want       string
	}{
		{"unknown gateway", "igw-0123456789abcdef0", n.vpcID, "InvalidInternetGatewayID.NotFound"},
		{"unknown VPC", spare, "vpc-0123456789abcdef0", "InvalidVpcID.NotFound"},
		{"gateway already attached", attachedToDefault, n.vpcID, "Resource.AlreadyAssociated"},
		{"VPC already has a gateway", spare, defaultVPC, "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: aws.String(tt.igwID), VpcId: aws.String(tt.vpc)})
			wantCode(t, err, tt.want)
		})
	}
	// Nothing above changed the spare gateway.
	out, err := c.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{InternetGatewayIds: []string{spare}})
	if err != nil {
		t.Fatalf("DescribeInternetGateways: %v", err)
	}
	if got := len(out.InternetGateways[0].Attachments); got != 0 {
		t.Errorf("spare gateway has %d attachments after failed attaches, want 0", got)
	}
}

func TestDescribeInternetGatewaysFilters(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	defaultVPC, _ := lookupDefaultVPC(t, c)
	n := buildNetwork(t, c, "10.20")
	def := defaultIGW(t, c, defaultVPC)
	edge := createIGW(t, c, sdkTag("Name", "edge"), sdkTag("Env", "prod"))
	attachIGW(t, c, edge, n.vpcID)
	spare := createIGW(t, c, sdkTag("Name", "spare"), sdkTag("Env", "prod"))
	dev := createIGW(t, c, sdkTag("Env", "dev"))

	for _, tt := range []struct {
		name    string
		ids     []string
		filters []types.Filter
		want    []string
	}{
		{"no filter lists all", nil, nil, []string{def, edge, spare, dev}},
		{"tag", nil, []types.Filter{sdkFilter("tag:Name", "edge")}, []string{edge}},
		{"tag wildcard", nil, []types.Filter{sdkFilter("tag:Name", "sp*")}, []string{spare}},
		{"tag-key", nil, []types.Filter{sdkFilter("tag-key", "Env")}, []string{edge, spare, dev}},
		{"values are OR'd", nil, []types.Filter{sdkFilter("internet-gateway-id", edge, dev)}, []string{edge, dev}},
		{"filters are AND'd", nil, []types.Filter{sdkFilter("tag:Env", "prod"), sdkFilter("attachment.vpc-id", n.vpcID)}, []string{edge}},
		{"attachment state", nil, []types.Filter{sdkFilter("attachment.state", "available")}, []string{def, edge}},
		{"owner", nil, []types.Filter{sdkFilter("owner-id", "123456789012")}, []string{def, edge, spare, dev}},
		{"no match", nil, []types.Filter{sdkFilter("attachment.vpc-id", "vpc-0123456789abcdef0")}, nil},
		{"ids and a filter", []string{edge, spare}, []types.Filter{sdkFilter("tag:Name", "spare")}, []string{spare}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := c.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{InternetGatewayIds: tt.ids, Filters: tt.filters})
			if err != nil {
				t.Fatalf("DescribeInternetGateways: %v", err)
			}
			wantIDs(t, igwIDs(out.InternetGateways), tt.want)
		})
	}

	for _, tt := range []struct {
		name string
		in   *ec2.DescribeInternetGatewaysInput
		want string
	}{
		{"unknown id", &ec2.DescribeInternetGatewaysInput{InternetGatewayIds: []string{edge, "igw-0123456789abcdef0"}}, "InvalidInternetGatewayID.NotFound"},
		{"unknown filter", &ec2.DescribeInternetGatewaysInput{Filters: []types.Filter{sdkFilter("colour", "blue")}}, "InvalidParameterValue"},
		{"MaxResults below 5", &ec2.DescribeInternetGatewaysInput{MaxResults: aws.Int32(4)}, "InvalidParameterValue"},
		{"MaxResults above 1000", &ec2.DescribeInternetGatewaysInput{MaxResults: aws.Int32(1001)}, "InvalidParameterValue"},
		{"malformed NextToken", &ec2.DescribeInternetGatewaysInput{NextToken: aws.String("not-a-token")}, "InvalidNextToken"},
		{"MaxResults 5 is fine", &ec2.DescribeInternetGatewaysInput{MaxResults: aws.Int32(5)}, ""},
		{"MaxResults 1000 is fine", &ec2.DescribeInternetGatewaysInput{MaxResults: aws.Int32(1000)}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.DescribeInternetGateways(ctx, tt.in)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("DescribeInternetGateways: %v, want success", err)
				}
				return
			}
			wantCode(t, err, tt.want)
		})
	}
}

func TestDescribeInternetGatewaysPagination(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	for range 12 {
		createIGW(t, c)
	}
	pages := ec2.NewDescribeInternetGatewaysPaginator(c, &ec2.DescribeInternetGatewaysInput{MaxResults: aws.Int32(5)})
	var ids []string
	var pageCount int
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			t.Fatalf("page %d: %v", pageCount+1, err)
		}
		if len(page.InternetGateways) > 5 {
			t.Fatalf("page %d has %d gateways, want at most 5", pageCount+1, len(page.InternetGateways))
		}
		pageCount++
		ids = append(ids, igwIDs(page.InternetGateways)...)
	}
	wantUniqueIDs(t, ids, 13) // twelve created and the default VPC's
	if got, want := pageCount, 3; got != want {
		t.Errorf("pages = %d, want %d", got, want)
	}
}

func TestInternetGatewayDryRun(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.20")
	spare := createIGW(t, c)

	_, err := c.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{DryRun: aws.Bool(true)})
	wantCode(t, err, "DryRunOperation")
	out, err := c.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{})
	if err != nil {
		t.Fatalf("DescribeInternetGateways: %v", err)
	}
	if got, want := len(out.InternetGateways), 2; got != want {
		t.Errorf("gateways after a dry-run create = %d, want %d (the default VPC's and the spare)", got, want)
	}

	for _, tt := range []struct {
		name string
		vpc  string
		want string
	}{
		{"valid request", n.vpcID, "DryRunOperation"},
		{"invalid request is still checked", "vpc-0123456789abcdef0", "InvalidVpcID.NotFound"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: aws.String(spare), VpcId: aws.String(tt.vpc), DryRun: aws.Bool(true)})
			wantCode(t, err, tt.want)
		})
	}
	got, err := c.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{InternetGatewayIds: []string{spare}})
	if err != nil {
		t.Fatalf("DescribeInternetGateways: %v", err)
	}
	if len(got.InternetGateways[0].Attachments) != 0 {
		t.Errorf("dry-run attach attached the gateway: %+v", got.InternetGateways[0].Attachments)
	}
}
