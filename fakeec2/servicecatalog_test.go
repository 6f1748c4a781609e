package fakeec2

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// TestServiceCatalogFile checks services.tsv as shipped: it parses, every row is well formed,
// no name is there twice, and it is AWS's list rather than a handful.
func TestServiceCatalogFile(t *testing.T) {
	rows, err := parseServiceCatalog(servicesTSV)
	if err != nil {
		t.Fatalf("services.tsv: %v", err)
	}
	if len(rows) < 100 {
		t.Errorf("services.tsv has %d services, want AWS's PrivateLink list (100 or more)", len(rows))
	}
	seen := map[string]bool{}
	for _, r := range rows {
		if seen[r.name] {
			t.Errorf("%s is listed twice", r.name)
		}
		seen[r.name] = true
		if len(r.types) == 0 {
			t.Errorf("%s has no type", r.name)
		}
		for _, typ := range r.types {
			if typ != "Interface" && typ != "Gateway" {
				t.Errorf("%s has type %q", r.name, typ)
			}
		}
		// A name of AWS's usual form holds the Region; the others are the few AWS writes otherwise.
		if strings.HasPrefix(r.name, "com.amazonaws.") && !strings.Contains(r.name, regionToken) &&
			!slices.Contains([]string{"com.amazonaws.iam", "com.amazonaws.route53", "com.amazonaws.s3-global.accesspoint"}, r.name) {
			t.Errorf("%s has no {region}", r.name)
		}
		if r.privateDNS != "" && strings.Contains(r.privateDNS, regionToken) != strings.Contains(r.name, regionToken) {
			t.Errorf("%s: private DNS name %q and the service name disagree on holding the Region", r.name, r.privateDNS)
		}
	}
	// The wizard's gateway path: S3 and DynamoDB are the gateway services, each also an interface one.
	var gateways []string
	for _, r := range rows {
		if slices.Contains(r.types, "Gateway") {
			gateways = append(gateways, r.name+" "+strings.Join(r.types, "+"))
		}
	}
	if want := []string{"com.amazonaws.{region}.dynamodb Gateway+Interface", "com.amazonaws.{region}.s3 Gateway+Interface"}; !slices.Equal(gateways, want) {
		t.Errorf("gateway services = %v, want %v", gateways, want)
	}
}

// TestParseServiceCatalogRefuses shows the file's rules hold: each malformed row is refused
// with a message naming it.
func TestParseServiceCatalogRefuses(t *testing.T) {
	const header = "# a comment\nname\ttypes\tpolicy\tprivate_dns\tname_from\tpolicy_from\n"
	row := func(cols ...string) string { return strings.Join(cols, "\t") + "\n" }
	good := row("com.amazonaws.{region}.sqs", "Interface", "yes", "sqs.{region}.amazonaws.com", "mem", "ug-2021")
	if _, err := parseServiceCatalog(header + good); err != nil {
		t.Fatalf("a good row: %v", err)
	}
	for _, tt := range []struct {
		name, data, want string
	}{
		{"no header", good, "header"},
		{"wrong header", "name\ttype\n" + good, "header"},
		{"duplicate name", header + good + good, "already on line 3"},
		{"unknown type", header + row("com.amazonaws.{region}.sqs", "GatewayLoadBalancer", "yes", "-", "mem", "mem"), `type "GatewayLoadBalancer"`},
		{"policy not yes or no", header + row("com.amazonaws.{region}.sqs", "Interface", "true", "-", "mem", "mem"), `policy "true"`},
		{"too few columns", header + "com.amazonaws.{region}.sqs\tInterface\tyes\n", "3 columns"},
		{"spaces instead of tabs", header + "com.amazonaws.{region}.sqs Interface yes - mem mem\n", "1 columns"},
		{"private DNS on a gateway-only service", header + row("com.amazonaws.{region}.s3", "Gateway", "yes", "s3.{region}.amazonaws.com", "mem", "mem"), "no Interface type"},
		{"unknown name source", header + row("com.amazonaws.{region}.sqs", "Interface", "yes", "-", "blog", "mem"), `name_from "blog"`},
		{"unknown policy source", header + row("com.amazonaws.{region}.sqs", "Interface", "yes", "-", "mem", "blog"), `policy_from "blog"`},
		{"upper case in a name", header + row("com.amazonaws.{region}.SQS", "Interface", "yes", "-", "mem", "mem"), `label "SQS"`},
		{"a name with no dots", header + row("sqs", "Interface", "yes", "-", "mem", "mem"), "dotted name"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseServiceCatalog(tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parse: %v, want an error with %q", err, tt.want)
			}
		})
	}
}

// TestNamedServicesFound looks up, through the SDK, the services a person searching the
// wizard knows by name, each with its real types, policy support and private DNS name.
func TestNamedServicesFound(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	const p = "com.amazonaws.us-east-1."
	for _, tt := range []struct {
		name       string
		types      []string
		policy     bool
		privateDNS string
	}{
		{p + "s3", []string{"Gateway", "Interface"}, true, ""},
		{p + "dynamodb", []string{"Gateway", "Interface"}, true, ""},
		{p + "secretsmanager", []string{"Interface"}, true, "secretsmanager.us-east-1.amazonaws.com"},
		{p + "ecr.api", []string{"Interface"}, true, "api.ecr.us-east-1.amazonaws.com"},
		{p + "ecr.dkr", []string{"Interface"}, true, "*.dkr.ecr.us-east-1.amazonaws.com"},
		{p + "logs", []string{"Interface"}, true, "logs.us-east-1.amazonaws.com"},
		{p + "sts", []string{"Interface"}, true, "sts.us-east-1.amazonaws.com"},
		{p + "kms", []string{"Interface"}, true, "kms.us-east-1.amazonaws.com"},
		{p + "sqs", []string{"Interface"}, true, "sqs.us-east-1.amazonaws.com"},
		{p + "sns", []string{"Interface"}, true, "sns.us-east-1.amazonaws.com"},
		{p + "execute-api", []string{"Interface"}, true, "*.execute-api.us-east-1.amazonaws.com"},
		{p + "ssm", []string{"Interface"}, true, "ssm.us-east-1.amazonaws.com"},
		// AWS's 2021 table: Systems Manager's message endpoints take no endpoint policy.
		{p + "ssmmessages", []string{"Interface"}, false, "ssmmessages.us-east-1.amazonaws.com"},
		{p + "ec2messages", []string{"Interface"}, false, "ec2messages.us-east-1.amazonaws.com"},
		{p + "elasticloadbalancing", []string{"Interface"}, true, "elasticloadbalancing.us-east-1.amazonaws.com"},
		{p + "kinesis-streams", []string{"Interface"}, true, "kinesis.us-east-1.amazonaws.com"},
		{"aws.sagemaker.us-east-1.notebook", []string{"Interface"}, true, "*.notebook.us-east-1.sagemaker.aws"},
		{"com.amazonaws.s3-global.accesspoint", []string{"Interface"}, true, "*.accesspoint.s3-global.amazonaws.com"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := c.DescribeVpcEndpointServices(ctx, &ec2.DescribeVpcEndpointServicesInput{ServiceNames: []string{tt.name}})
			if err != nil {
				t.Fatalf("DescribeVpcEndpointServices %s: %v", tt.name, err)
			}
			if !slices.Equal(out.ServiceNames, []string{tt.name}) {
				t.Errorf("ServiceNames = %v, want [%s]", out.ServiceNames, tt.name)
			}
			var types []string
			for _, d := range out.ServiceDetails {
				for _, st := range d.ServiceType {
					types = append(types, string(st.ServiceType))
				}
				checkServiceDetail(t, d, tt.policy, tt.privateDNS)
			}
			if !slices.Equal(types, tt.types) {
				t.Errorf("types = %v, want %v", types, tt.types)
			}
		})
	}
}

// checkServiceDetail checks one ServiceDetail of an AWS service as EC2 writes it.
func checkServiceDetail(t *testing.T, d types.ServiceDetail, policy bool, privateDNS string) {
	t.Helper()
	typ := d.ServiceType[0].ServiceType
	if got := aws.ToBool(d.VpcEndpointPolicySupported); got != policy {
		t.Errorf("%s VpcEndpointPolicySupported = %v, want %v", typ, got, policy)
	}
	if aws.ToString(d.Owner) != "amazon" || aws.ToString(d.ServiceRegion) != "us-east-1" || len(d.AvailabilityZones) == 0 {
		t.Errorf("%s Owner %q, Region %q, zones %v: want amazon, us-east-1 and the Region's zones",
			typ, aws.ToString(d.Owner), aws.ToString(d.ServiceRegion), d.AvailabilityZones)
	}
	if len(d.BaseEndpointDnsNames) != 1 {
		t.Errorf("%s BaseEndpointDnsNames = %v, want one", typ, d.BaseEndpointDnsNames)
	}
	if d.Tags == nil || len(d.Tags) != 0 {
		t.Errorf("%s Tags = %#v, want an empty list", typ, d.Tags)
	}
	if typ == types.ServiceTypeGateway {
		privateDNS = "" // a gateway endpoint has no DNS of its own
	}
	if got := aws.ToString(d.PrivateDnsName); got != privateDNS {
		t.Errorf("%s PrivateDnsName = %q, want %q", typ, got, privateDNS)
	}
	var names []string
	for _, n := range d.PrivateDnsNames {
		names = append(names, aws.ToString(n.PrivateDnsName))
	}
	wantNames, wantState := []string(nil), types.DnsNameState("")
	if privateDNS != "" {
		wantNames, wantState = []string{privateDNS}, types.DnsNameStateVerified
	}
	if !slices.Equal(names, wantNames) || d.PrivateDnsNameVerificationState != wantState {
		t.Errorf("%s PrivateDnsNames %v (%q), want %v (%q)", typ, names, d.PrivateDnsNameVerificationState, wantNames, wantState)
	}
}

// TestServiceCatalogFilters pages through the whole catalog by type and by a name pattern, as
// the console's search does: the counts come from services.tsv, not from a number kept here.
func TestServiceCatalogFilters(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	wantByType := map[string]int{"Interface": 2} // the partner's and the Marketplace's
	for _, r := range awsServices {
		for _, typ := range r.types {
			wantByType[typ]++
		}
	}
	for _, tt := range []struct {
		name    string
		filters []types.Filter
		want    int
	}{
		{"Interface", []types.Filter{sdkFilter("service-type", "Interface")}, wantByType["Interface"]},
		{"Gateway", []types.Filter{sdkFilter("service-type", "Gateway")}, wantByType["Gateway"]},
		{"ecr by wildcard", []types.Filter{sdkFilter("service-name", "*.ecr.*")}, 2},
		{"Systems Manager by wildcard, interface owned by amazon", []types.Filter{
			sdkFilter("service-name", "com.amazonaws.us-east-1.ssm*", "com.amazonaws.us-east-1.ec2messages"),
			sdkFilter("service-type", "Interface"), sdkFilter("owner", "amazon"),
		}, 5}, // ssm, ssm-contacts, ssm-incidents, ssmmessages, ec2messages
		{"tag filter matches nothing: AWS's services carry no tags", []types.Filter{sdkFilter("tag-key", "Name")}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			var token *string
			for pages := 0; ; pages++ {
				if pages > 100 {
					t.Fatal("no end to the pages")
				}
				page, err := c.DescribeVpcEndpointServices(ctx, &ec2.DescribeVpcEndpointServicesInput{
					Filters: tt.filters, MaxResults: aws.Int32(25), NextToken: token,
				})
				if err != nil {
					t.Fatalf("DescribeVpcEndpointServices: %v", err)
				}
				if len(page.ServiceDetails) > 25 {
					t.Errorf("a page of %d details at MaxResults 25", len(page.ServiceDetails))
				}
				for _, d := range page.ServiceDetails {
					got = append(got, aws.ToString(d.ServiceName)+"/"+string(d.ServiceType[0].ServiceType))
				}
				if token = page.NextToken; aws.ToString(token) == "" {
					break
				}
			}
			if len(got) != tt.want {
				t.Errorf("%d services (%v), want %d", len(got), got, tt.want)
			}
			if slices.Sort(got); len(slices.Compact(slices.Clone(got))) != len(got) {
				t.Errorf("a service came twice across the pages: %v", got)
			}
		})
	}
}
