package audit_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"endpointconsole/vpc"
	"endpointconsole/vpc/audit"
)

const (
	fullAccessPolicy = `{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`
	bucketPolicy     = `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::my-bucket/*"}]}`
)

// auditInput is everything AuditVPC reads, shaped like the tutorial's
// First-VPC: Public-1a/1b use the main table First-RT (→ igw) implicitly;
// Private-1a/1b/1c are associated with RT-Private (→ nat).
type auditInput struct {
	vpc       vpc.VPC
	subnets   []vpc.Subnet
	tables    []vpc.RouteTable
	endpoints []vpc.Endpoint
	nats      []vpc.NATGateway
	igws      []vpc.InternetGateway
	lists     map[string]vpc.PrefixList
}

func demoLikeVPC() auditInput {
	sub := func(id, name string) vpc.Subnet { return vpc.Subnet{ID: id, Name: name, VPCID: "vpc-first"} }
	return auditInput{
		vpc: vpc.VPC{ID: "vpc-first", Name: "First-VPC", CIDR: "10.10.0.0/16"},
		subnets: []vpc.Subnet{
			sub("subnet-pub-a", "Public-1a"), sub("subnet-pub-b", "Public-1b"),
			sub("subnet-priv-a", "Private-1a"), sub("subnet-priv-b", "Private-1b"), sub("subnet-priv-c", "Private-1c"),
			// Another VPC's subnet: ignored.
			{ID: "subnet-elsewhere", Name: "Elsewhere", VPCID: "vpc-other"},
		},
		tables: []vpc.RouteTable{
			{ID: "rtb-main", Name: "First-RT", VPCID: "vpc-first", Main: true,
				Routes: []vpc.Route{localRoute(), route("0.0.0.0/0", "igw-first", vpc.TargetInternetGateway)}},
			{ID: "rtb-private", Name: "RT-Private", VPCID: "vpc-first",
				SubnetIDs: []string{"subnet-priv-a", "subnet-priv-b", "subnet-priv-c"},
				Routes:    []vpc.Route{localRoute(), route("0.0.0.0/0", "nat-first", vpc.TargetNATGateway)}},
			{ID: "rtb-other-main", VPCID: "vpc-other", Main: true, SubnetIDs: []string{"subnet-elsewhere"}},
		},
		nats:  []vpc.NATGateway{{ID: "nat-first", Name: "First-NAT", VPCID: "vpc-first", SubnetID: "subnet-pub-a", State: "available"}},
		igws:  []vpc.InternetGateway{{ID: "igw-first", VPCIDs: []string{"vpc-first"}}, {ID: "igw-other", VPCIDs: []string{"vpc-other"}}},
		lists: map[string]vpc.PrefixList{s3List.ID: s3List, dynamoList.ID: dynamoList},
	}
}

func (in auditInput) audit() audit.VPCAudit {
	return audit.AuditVPC(in.vpc, in.subnets, in.tables, in.endpoints, in.nats, in.igws, in.lists, "us-east-1")
}

// withGatewayEndpoint adds a gateway endpoint for pl on the named tables,
// with its routes, as EC2 does.
func (in auditInput) withGatewayEndpoint(id string, pl vpc.PrefixList, policy string, tableIDs ...string) auditInput {
	in.tables = slices.Clone(in.tables)
	for i, rt := range in.tables {
		if slices.Contains(tableIDs, rt.ID) {
			rt.Routes = append(slices.Clone(rt.Routes), endpointRoute(pl, id))
			in.tables[i] = rt
		}
	}
	in.endpoints = append(slices.Clone(in.endpoints), vpc.Endpoint{
		ID: id, Type: vpc.TypeGateway, VPCID: "vpc-first", ServiceName: pl.Name, State: "available",
		PolicyDocument: policy, RouteTableIDs: tableIDs,
	})
	return in
}

func (in auditInput) withTable(rt vpc.RouteTable) auditInput {
	in.tables = append(slices.Clone(in.tables), rt)
	return in
}

func (in auditInput) withRoute(tableID string, r vpc.Route) auditInput {
	in.tables = slices.Clone(in.tables)
	for i, rt := range in.tables {
		if rt.ID == tableID {
			rt.Routes = append(slices.Clone(rt.Routes), r)
			in.tables[i] = rt
		}
	}
	return in
}

func findingIDs(fs []audit.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = string(f.Severity) + " " + f.ID
	}
	return out
}

func findingByID(t *testing.T, fs []audit.Finding, id string) audit.Finding {
	t.Helper()
	i := slices.IndexFunc(fs, func(f audit.Finding) bool { return f.ID == id })
	if i < 0 {
		t.Fatalf("no finding %q among %q", id, findingIDs(fs))
	}
	return fs[i]
}

func TestAuditVPCFindings(t *testing.T) {
	before := demoLikeVPC()
	afterS3 := before.withGatewayEndpoint("vpce-s3", s3List, fullAccessPolicy, "rtb-private")
	unusedTable := before.
		withTable(vpc.RouteTable{ID: "rtb-spare", Name: "RT-Spare", VPCID: "vpc-first", Routes: []vpc.Route{localRoute()}}).
		withGatewayEndpoint("vpce-spare", s3List, bucketPolicy, "rtb-spare")
	shadowed := afterS3.withRoute("rtb-private", route("52.216.0.0/16", "nat-first", vpc.TargetNATGateway))

	for _, tt := range []struct {
		name  string
		input auditInput
		want  []string // severity and ID, in order
		check func(t *testing.T, a audit.VPCAudit)
	}{
		{
			name:  "before any endpoint: private subnets through the NAT, public ones through the IGW",
			input: before,
			want: []string{
				"high nat-without-gateway-endpoint:s3:rtb-private",
				"medium nat-without-gateway-endpoint:dynamodb:rtb-private",
				"low internet-gateway-without-gateway-endpoint:dynamodb:vpc-first",
				"low internet-gateway-without-gateway-endpoint:s3:vpc-first",
			},
			check: func(t *testing.T, a audit.VPCAudit) {
				f := findingByID(t, a.Findings, "nat-without-gateway-endpoint:s3:rtb-private")
				wantResources := []string{"rtb-private", "subnet-priv-a", "subnet-priv-b", "subnet-priv-c", "nat-first"}
				if !slices.Equal(f.Resources, wantResources) {
					t.Errorf("resources = %q, want %q", f.Resources, wantResources)
				}
				if f.FixVPC != "vpc-first" || f.FixService != "com.amazonaws.us-east-1.s3|Gateway" ||
					!slices.Equal(f.FixRouteTableIDs, []string{"rtb-private"}) || f.FixEndpointID != "" {
					t.Errorf("fix = %q, %q, %q, %q; want vpc-first, the S3 gateway service, [rtb-private], no endpoint",
						f.FixVPC, f.FixService, f.FixRouteTableIDs, f.FixEndpointID)
				}
				for _, s := range []string{"Private-1a", "Private-1b", "Private-1c", "RT-Private", "$0.045/GB", "us-east-1"} {
					if !strings.Contains(f.Title+" "+f.Why, s) {
						t.Errorf("title and why %q do not mention %q", f.Title+" "+f.Why, s)
					}
				}
				if !strings.Contains(f.Title, "First-NAT") {
					t.Errorf("title %q does not name the NAT gateway", f.Title)
				}
			},
		},
		{
			name:  "after an S3 endpoint on RT-Private: the main table's public subnets still bypass it",
			input: afterS3,
			want: []string{
				"medium endpoint-not-on-route-table:s3:rtb-main",
				"medium nat-without-gateway-endpoint:dynamodb:rtb-private",
				"low internet-gateway-without-gateway-endpoint:dynamodb:vpc-first",
				"info endpoint-policy-full-access:vpce-s3",
			},
			check: func(t *testing.T, a audit.VPCAudit) {
				f := findingByID(t, a.Findings, "endpoint-not-on-route-table:s3:rtb-main")
				for _, s := range []string{"vpce-s3", "main route table", "First-RT", "2 subnets"} {
					if !strings.Contains(f.Title, s) {
						t.Errorf("title %q does not mention %q", f.Title, s)
					}
				}
				if f.FixEndpointID != "vpce-s3" || !slices.Equal(f.FixRouteTableIDs, []string{"rtb-main"}) {
					t.Errorf("fix endpoint, tables = %q, %q, want vpce-s3, [rtb-main]", f.FixEndpointID, f.FixRouteTableIDs)
				}
			},
		},
		{
			name:  "an endpoint on a table no subnet uses",
			input: unusedTable,
			want: []string{
				"high nat-without-gateway-endpoint:s3:rtb-private",
				"medium endpoint-not-on-route-table:s3:rtb-main",
				"medium nat-without-gateway-endpoint:dynamodb:rtb-private",
				"low endpoint-on-unused-route-tables:vpce-spare",
				"low internet-gateway-without-gateway-endpoint:dynamodb:vpc-first",
			},
			check: func(t *testing.T, a audit.VPCAudit) {
				f := findingByID(t, a.Findings, "nat-without-gateway-endpoint:s3:rtb-private")
				if f.FixEndpointID != "vpce-spare" {
					t.Errorf("FixEndpointID = %q, want vpce-spare: adding the table to the existing endpoint is the simpler fix", f.FixEndpointID)
				}
				f = findingByID(t, a.Findings, "endpoint-on-unused-route-tables:vpce-spare")
				if !slices.Equal(f.Resources, []string{"vpce-spare", "rtb-spare"}) {
					t.Errorf("resources = %q, want [vpce-spare rtb-spare]", f.Resources)
				}
			},
		},
		{
			name:  "a more specific route shadows the endpoint route",
			input: shadowed,
			want: []string{
				"medium endpoint-not-on-route-table:s3:rtb-main",
				"medium endpoint-route-shadowed:s3:rtb-private",
				"medium nat-without-gateway-endpoint:dynamodb:rtb-private",
				"low internet-gateway-without-gateway-endpoint:dynamodb:vpc-first",
				"info endpoint-policy-full-access:vpce-s3",
			},
			check: func(t *testing.T, a audit.VPCAudit) {
				f := findingByID(t, a.Findings, "endpoint-route-shadowed:s3:rtb-private")
				if !strings.Contains(f.Title, "52.216.0.0/16 → nat-first") {
					t.Errorf("title %q does not name the shadowing route", f.Title)
				}
				if !strings.Contains(f.Why, "$0.045/GB") {
					t.Errorf("why %q does not mention the NAT charge", f.Why)
				}
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.input.audit()
			if got := findingIDs(a.Findings); !slices.Equal(got, tt.want) {
				t.Errorf("findings\n got %q\nwant %q", got, tt.want)
			}
			for _, f := range a.Findings {
				if f.Title == "" || f.Why == "" || f.Fix == "" || len(f.Resources) == 0 {
					t.Errorf("finding %s lacks a title, why, fix or resources: %+v", f.ID, f)
				}
				if !strings.HasPrefix(f.ID, string(f.Kind)+":") {
					t.Errorf("finding ID %q does not start with its kind %q", f.ID, f.Kind)
				}
			}
			if tt.check != nil {
				tt.check(t, a)
			}
		})
	}
}

func TestAuditVPCSubnetPaths(t *testing.T) {
	type subnetWant struct {
		table        string
		implicitMain bool
		public       bool
		s3, dynamo   audit.PathKind
	}
	for _, tt := range []struct {
		name      string
		input     auditInput
		want      map[string]subnetWant
		wantS3    map[audit.PathKind]int
		wantDynDB map[audit.PathKind]int
	}{
		{
			name:  "before any endpoint",
			input: demoLikeVPC(),
			want: map[string]subnetWant{
				"Public-1a":  {"rtb-main", true, true, audit.PathInternetGateway, audit.PathInternetGateway},
				"Public-1b":  {"rtb-main", true, true, audit.PathInternetGateway, audit.PathInternetGateway},
				"Private-1a": {"rtb-private", false, false, audit.PathNATGateway, audit.PathNATGateway},
				"Private-1b": {"rtb-private", false, false, audit.PathNATGateway, audit.PathNATGateway},
				"Private-1c": {"rtb-private", false, false, audit.PathNATGateway, audit.PathNATGateway},
			},
			wantS3:    map[audit.PathKind]int{audit.PathInternetGateway: 2, audit.PathNATGateway: 3},
			wantDynDB: map[audit.PathKind]int{audit.PathInternetGateway: 2, audit.PathNATGateway: 3},
		},
		{
			name:  "after an S3 endpoint on RT-Private",
			input: demoLikeVPC().withGatewayEndpoint("vpce-s3", s3List, "", "rtb-private"),
			want: map[string]subnetWant{
				"Public-1a":  {"rtb-main", true, true, audit.PathInternetGateway, audit.PathInternetGateway},
				"Public-1b":  {"rtb-main", true, true, audit.PathInternetGateway, audit.PathInternetGateway},
				"Private-1a": {"rtb-private", false, false, audit.PathGatewayEndpoint, audit.PathNATGateway},
				"Private-1b": {"rtb-private", false, false, audit.PathGatewayEndpoint, audit.PathNATGateway},
				"Private-1c": {"rtb-private", false, false, audit.PathGatewayEndpoint, audit.PathNATGateway},
			},
			wantS3:    map[audit.PathKind]int{audit.PathInternetGateway: 2, audit.PathGatewayEndpoint: 3},
			wantDynDB: map[audit.PathKind]int{audit.PathInternetGateway: 2, audit.PathNATGateway: 3},
		},
		{
			name: "a shadowing /16 splits the private subnets' S3 path",
			input: demoLikeVPC().withGatewayEndpoint("vpce-s3", s3List, "", "rtb-private").
				withRoute("rtb-private", route("52.216.0.0/16", "igw-first", vpc.TargetInternetGateway)),
			want: map[string]subnetWant{
				"Public-1a":  {"rtb-main", true, true, audit.PathInternetGateway, audit.PathInternetGateway},
				"Public-1b":  {"rtb-main", true, true, audit.PathInternetGateway, audit.PathInternetGateway},
				"Private-1a": {"rtb-private", false, false, audit.PathSplit, audit.PathNATGateway},
				"Private-1b": {"rtb-private", false, false, audit.PathSplit, audit.PathNATGateway},
				"Private-1c": {"rtb-private", false, false, audit.PathSplit, audit.PathNATGateway},
			},
			wantS3:    map[audit.PathKind]int{audit.PathInternetGateway: 2, audit.PathSplit: 3},
			wantDynDB: map[audit.PathKind]int{audit.PathInternetGateway: 2, audit.PathNATGateway: 3},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.input.audit()
			got := map[string]subnetWant{}
			for _, sp := range a.Subnets {
				got[sp.Subnet.Name] = subnetWant{sp.RouteTable.ID, sp.ImplicitMain, sp.Public, sp.S3.Kind(), sp.DynamoDB.Kind()}
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("subnet paths\n got %+v\nwant %+v", got, tt.want)
			}
			if got := a.Counts(audit.ServiceS3); !maps.Equal(got, tt.wantS3) {
				t.Errorf("Counts(s3) = %v, want %v", got, tt.wantS3)
			}
			if got := a.Counts(audit.ServiceDynamoDB); !maps.Equal(got, tt.wantDynDB) {
				t.Errorf("Counts(dynamodb) = %v, want %v", got, tt.wantDynDB)
			}
			if len(a.RouteTables) != 2 || len(a.InternetGateways) != 1 || len(a.NATGateways) != 1 {
				t.Errorf("route tables, IGWs, NATs = %d, %d, %d, want 2, 1, 1 (another VPC's are left out)",
					len(a.RouteTables), len(a.InternetGateways), len(a.NATGateways))
			}
		})
	}
}

// TestAuditVPCDeterministic feeds the same account in another order and
// expects the same audit.
func TestAuditVPCDeterministic(t *testing.T) {
	in := demoLikeVPC().
		withTable(vpc.RouteTable{ID: "rtb-spare", VPCID: "vpc-first"}).
		withGatewayEndpoint("vpce-b", s3List, fullAccessPolicy, "rtb-spare").
		withGatewayEndpoint("vpce-a", dynamoList, fullAccessPolicy, "rtb-spare")
	want := in.audit()
	reversed := in
	reversed.subnets = slices.Clone(in.subnets)
	slices.Reverse(reversed.subnets)
	reversed.tables = slices.Clone(in.tables)
	slices.Reverse(reversed.tables)
	reversed.endpoints = slices.Clone(in.endpoints)
	slices.Reverse(reversed.endpoints)
	for range 3 {
		got := reversed.audit()
		if g, w := findingIDs(got.Findings), findingIDs(want.Findings); !slices.Equal(g, w) {
			t.Fatalf("findings\n got %q\nwant %q", g, w)
		}
		var gotSubnets, wantSubnets []string
		for i := range got.Subnets {
			gotSubnets = append(gotSubnets, got.Subnets[i].Subnet.ID)
			wantSubnets = append(wantSubnets, want.Subnets[i].Subnet.ID)
		}
		if !slices.Equal(gotSubnets, wantSubnets) {
			t.Fatalf("subnets %q, want %q", gotSubnets, wantSubnets)
		}
	}
}

func TestAuditVPCWithoutPrefixLists(t *testing.T) {
	in := demoLikeVPC()
	in.lists = nil
	a := in.audit()
	for _, sp := range a.Subnets {
		if sp.S3.Kind() != audit.PathUnknown || sp.S3.Service != "com.amazonaws.us-east-1.s3" {
			t.Errorf("%s: S3 path %q for %q, want unknown for com.amazonaws.us-east-1.s3", sp.Subnet.Name, sp.S3.Kind(), sp.S3.Service)
		}
	}
	if len(a.Findings) != 0 {
		t.Errorf("findings = %q, want none: paths unknown", findingIDs(a.Findings))
	}
}
