package handlers

import (
	"fmt"
	"strings"
	"testing"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// testWizardData is an account as the wizard reads it: one VPC with two zones, a main and a
// private route table, a default security group; another VPC with its own table and subnet.
func testWizardData() wizardData {
	s3 := vpc.PrefixList{ID: "pl-63a5400a", Name: "com.amazonaws.us-east-1.s3", CIDRs: []string{"52.216.0.0/15"}}
	return wizardData{
		services: []vpc.EndpointService{
			{Name: "com.amazonaws.us-east-1.s3", Type: vpc.TypeGateway, Owner: "amazon", PolicySupported: true},
			{Name: "com.amazonaws.us-east-1.s3", Type: vpc.TypeInterface, Owner: "amazon", PolicySupported: true},
			{Name: "com.amazonaws.us-east-1.ssm", Type: vpc.TypeInterface, Owner: "amazon", PolicySupported: true, PrivateDNSName: "ssm.us-east-1.amazonaws.com"},
			{Name: "com.amazonaws.vpce.us-east-1.vpce-svc-0partner", Type: vpc.TypeInterface, Owner: "111122223333"},
		},
		vpcs: []vpc.VPC{{ID: "vpc-1", Name: "First-VPC"}, {ID: "vpc-2"}},
		routeTables: []vpc.RouteTable{
			{ID: "rtb-main", VPCID: "vpc-1", Main: true},
			{ID: "rtb-private", VPCID: "vpc-1", SubnetIDs: []string{"subnet-b"}},
		},
		subnets: []vpc.Subnet{
			{ID: "subnet-a", VPCID: "vpc-1", AvailabilityZone: "us-east-1a", RouteTableID: "rtb-main", UsesMainRouteTable: true},
			{ID: "subnet-a2", VPCID: "vpc-1", AvailabilityZone: "us-east-1a", RouteTableID: "rtb-main", UsesMainRouteTable: true},
			{ID: "subnet-b", VPCID: "vpc-1", AvailabilityZone: "us-east-1b", RouteTableID: "rtb-private"},
		},
		groups:      []vpc.SecurityGroup{{ID: "sg-default", Name: "default", VPCID: "vpc-1"}},
		prefixLists: map[string]vpc.PrefixList{s3.ID: s3},
	}
}

// gatewayAnswers are valid answers for an S3 gateway endpoint, up to the review.
func gatewayAnswers() wizardForm {
	return wizardForm{views.WizardAnswers{
		Token: "token-1", Category: categoryAWS, Service: "com.amazonaws.us-east-1.s3", Type: vpc.TypeGateway,
		VPCID: "vpc-1", RouteTableIDs: []string{"rtb-main", "rtb-private"}, PolicyMode: "full",
		Tags: []vpc.Tag{{Key: "Name", Value: "First-Endpoint"}},
	}}
}

func interfaceAnswers() wizardForm {
	f := gatewayAnswers()
	f.Service, f.Type, f.RouteTableIDs = "com.amazonaws.us-east-1.ssm", vpc.TypeInterface, nil
	f.SubnetIDs, f.SecurityGroupIDs, f.PrivateDNS, f.IPAddressType = []string{"subnet-a", "subnet-b"}, []string{"sg-default"}, true, "ipv4"
	return f
}

func TestWizardCheck(t *testing.T) {
	manyTags := make([]vpc.Tag, 51)
	for i := range manyTags {
		manyTags[i] = vpc.Tag{Key: fmt.Sprintf("k%d", i), Value: "v"}
	}
	for _, tt := range []struct {
		name      string
		answers   func() wizardForm
		change    func(*wizardForm)
		upTo      string
		wantField string // "" means valid
		wantStep  string
	}{
		{"valid gateway", gatewayAnswers, func(*wizardForm) {}, stepReview, "", ""},
		{"valid interface", interfaceAnswers, func(*wizardForm) {}, stepReview, "", ""},
		{"no category", gatewayAnswers, func(f *wizardForm) { f.Category = "" }, stepCategory, "category", stepCategory},
		{"find by name without a name", gatewayAnswers, func(f *wizardForm) { f.Category = categoryByName }, stepCategory, "service_name", stepCategory},
		{"name nobody offers", gatewayAnswers, func(f *wizardForm) {
			f.Category, f.ServiceName = categoryByName, "com.amazonaws.vpce.us-east-1.vpce-svc-0nope"
		}, stepCategory, "service_name", stepCategory},
		{"no service chosen", gatewayAnswers, func(f *wizardForm) { f.Service, f.Type = "", "" }, stepService, vpc.FieldService, stepService},
		{"unknown service", gatewayAnswers, func(f *wizardForm) { f.Service = "com.amazonaws.us-east-1.nope" }, stepService, vpc.FieldService, stepService},
		{"service swapped for another type", gatewayAnswers, func(f *wizardForm) { f.Service = "com.amazonaws.us-east-1.ssm" }, stepService, vpc.FieldService, stepService},
		{"partner service under AWS services", gatewayAnswers, func(f *wizardForm) {
			f.Service, f.Type = "com.amazonaws.vpce.us-east-1.vpce-svc-0partner", vpc.TypeInterface
		}, stepService, vpc.FieldService, stepService},
		{"no VPC", gatewayAnswers, func(f *wizardForm) { f.VPCID = "" }, stepVPC, vpc.FieldVPC, stepVPC},
		{"VPC that does not exist", gatewayAnswers, func(f *wizardForm) { f.VPCID = "vpc-gone" }, stepVPC, vpc.FieldVPC, stepVPC},
		{"no route table", gatewayAnswers, func(f *wizardForm) { f.RouteTableIDs = nil }, stepRouteTables, vpc.FieldRouteTables, stepRouteTables},
		{"route table of another VPC", gatewayAnswers, func(f *wizardForm) { f.RouteTableIDs = []string{"rtb-main", "rtb-other-vpc"} }, stepRouteTables, vpc.FieldRouteTables, stepRouteTables},
		{"route table twice", gatewayAnswers, func(f *wizardForm) { f.RouteTableIDs = []string{"rtb-main", "rtb-main"} }, stepRouteTables, vpc.FieldRouteTables, stepRouteTables},
		{"no subnet", interfaceAnswers, func(f *wizardForm) { f.SubnetIDs = nil }, stepNetwork, vpc.FieldSubnets, stepNetwork},
		{"two subnets in one zone", interfaceAnswers, func(f *wizardForm) { f.SubnetIDs = []string{"subnet-a", "subnet-a2"} }, stepNetwork, vpc.FieldSubnets, stepNetwork},
		{"subnet of another VPC", interfaceAnswers, func(f *wizardForm) { f.SubnetIDs = []string{"subnet-elsewhere"} }, stepNetwork, vpc.FieldSubnets, stepNetwork},
		{"no security group", interfaceAnswers, func(f *wizardForm) { f.SecurityGroupIDs = nil }, stepNetwork, vpc.FieldSecurityGroups, stepNetwork},
		{"security group of another VPC", interfaceAnswers, func(f *wizardForm) { f.SecurityGroupIDs = []string{"sg-elsewhere"} }, stepNetwork, vpc.FieldSecurityGroups, stepNetwork},
		{"private DNS for a service without a name", interfaceAnswers, func(f *wizardForm) {
			f.Category, f.Service = categoryMarketplace, "com.amazonaws.vpce.us-east-1.vpce-svc-0partner"
		}, stepNetwork, "private_dns", stepNetwork},
		{"unknown IP address type", interfaceAnswers, func(f *wizardForm) { f.IPAddressType = "ipv5" }, stepNetwork, vpc.FieldIPAddressType, stepNetwork},
		{"policy mode missing", gatewayAnswers, func(f *wizardForm) { f.PolicyMode = "" }, stepPolicy, vpc.FieldPolicy, stepPolicy},
		{"custom policy empty", gatewayAnswers, func(f *wizardForm) { f.PolicyMode = "custom" }, stepPolicy, vpc.FieldPolicy, stepPolicy},
		{"policy not JSON", gatewayAnswers, func(f *wizardForm) { f.PolicyMode, f.Policy = "custom", "{not json" }, stepPolicy, vpc.FieldPolicy, stepPolicy},
		{"policy without Statement", gatewayAnswers, func(f *wizardForm) { f.PolicyMode, f.Policy = "custom", `{"Version":"2012-10-17"}` }, stepPolicy, vpc.FieldPolicy, stepPolicy},
		{"policy over 20,480 characters", gatewayAnswers, func(f *wizardForm) {
			f.PolicyMode, f.Policy = "custom", `{"Statement":[],"Sid":"`+strings.Repeat("x", 20480)+`"}`
		}, stepPolicy, vpc.FieldPolicy, stepPolicy},
		{"51 tags", gatewayAnswers, func(f *wizardForm) { f.Tags = manyTags }, stepTags, vpc.FieldTags, stepTags},
		{"empty key with a value", gatewayAnswers, func(f *wizardForm) { f.Tags = []vpc.Tag{{Key: "", Value: "x"}} }, stepTags, vpc.FieldTags, stepTags},
		{"key of 128 characters", gatewayAnswers, func(f *wizardForm) { f.Tags = []vpc.Tag{{Key: strings.Repeat("k", 128), Value: "x"}} }, stepTags, vpc.FieldTags, stepTags},
		{"aws: key", gatewayAnswers, func(f *wizardForm) { f.Tags = []vpc.Tag{{Key: "AWS:team", Value: "x"}} }, stepTags, vpc.FieldTags, stepTags},
		{"duplicate key", gatewayAnswers, func(f *wizardForm) { f.Tags = []vpc.Tag{{Key: "team", Value: "a"}, {Key: "team", Value: "b"}} }, stepTags, vpc.FieldTags, stepTags},
		{"value of 257 characters", gatewayAnswers, func(f *wizardForm) { f.Tags = []vpc.Tag{{Key: "team", Value: strings.Repeat("v", 257)}} }, stepTags, vpc.FieldTags, stepTags},
		{"steps skipped: review posted with nothing", func() wizardForm { return wizardForm{views.WizardAnswers{Token: "t", Category: categoryAWS}} },
			func(*wizardForm) {}, stepReview, vpc.FieldService, stepService},
		{"later steps are not judged early", gatewayAnswers, func(f *wizardForm) { f.RouteTableIDs = nil }, stepVPC, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.answers()
			tt.change(&f)
			errs := testWizardData().check(f, tt.upTo)
			if tt.wantField == "" {
				if len(errs) > 0 {
					t.Fatalf("check = %v, want no message", errs)
				}
				return
			}
			if errs[tt.wantField] == "" {
				t.Fatalf("check = %v, want a message for %q", errs, tt.wantField)
			}
			if got := earliestStep(errs); got != tt.wantStep {
				t.Errorf("earliest step = %q, want %q", got, tt.wantStep)
			}
		})
	}
}

func TestRouteConflicts(t *testing.T) {
	d := testWizardData()
	s3 := d.prefixLists["pl-63a5400a"]
	d.routeTables[1].Routes = []vpc.Route{{DestinationPrefixList: &s3, Target: "vpce-0other", TargetKind: vpc.TargetGatewayEndpoint}}
	got := d.routeConflicts(gatewayAnswers())
	if len(got) != 1 || !strings.Contains(got["rtb-private"], "vpce-0other") {
		t.Errorf("conflicts = %v, want rtb-private naming vpce-0other", got)
	}
	// The conflict blocks Create endpoint (a check up to the review), not the earlier steps.
	if errs := d.check(gatewayAnswers(), stepReview); !strings.Contains(errs[vpc.FieldRouteTables], "vpce-0other") {
		t.Errorf("check up to the review = %v, want the conflict on route_tables", errs)
	}
	if errs := d.check(gatewayAnswers(), stepTags); len(errs) > 0 {
		t.Errorf("check up to tags = %v, want none: the review shows the conflict", errs)
	}
}

func TestWizardSteps(t *testing.T) {
	for _, tt := range []struct {
		name   string
		typ    string
		policy bool
		want   string
	}{
		{"gateway", vpc.TypeGateway, true, "category service vpc route-tables policy tags review"},
		{"interface", vpc.TypeInterface, true, "category service vpc network policy tags review"},
		{"no policy support", vpc.TypeInterface, false, "category service vpc network tags review"},
		{"no service chosen yet", "", true, "category service vpc route-tables policy tags review"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := wizardForm{views.WizardAnswers{Type: tt.typ}}
			var ids []string
			for _, s := range f.steps(tt.policy) {
				ids = append(ids, s.id)
			}
			if got := strings.Join(ids, " "); got != tt.want {
				t.Errorf("steps = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHiddenFieldsCarryEveryOtherAnswer(t *testing.T) {
	f := interfaceAnswers()
	f.PolicyMode, f.Policy = "custom", `{"Statement":[]}`
	hidden := map[string][]string{}
	for _, h := range f.hiddenFields(stepTags) {
		hidden[h.Name] = append(hidden[h.Name], h.Value)
	}
	for name, want := range map[string]string{
		"token": "token-1", "category": "aws", "service": "com.amazonaws.us-east-1.ssm|Interface", "vpc": "vpc-1",
		"subnets": "subnet-a subnet-b", "security_groups": "sg-default", "private_dns": "true", "ip_address_type": "ipv4",
		"policy_mode": "custom", "policy": `{"Statement":[]}`,
	} {
		if got := strings.Join(hidden[name], " "); got != want {
			t.Errorf("hidden %s = %q, want %q", name, got, want)
		}
	}
	if _, ok := hidden["tag_key"]; ok {
		t.Error("the tags step carries its own tags as hidden fields too; they would be posted twice")
	}
}

func TestTagsToCreateDropsTheUnfilledNameRow(t *testing.T) {
	f := gatewayAnswers()
	f.Tags = []vpc.Tag{{Key: "Name"}, {Key: "", Value: ""}, {Key: "team", Value: ""}, {Key: "env", Value: "prod"}}
	got := fmt.Sprint(f.tagsToCreate(vpc.Tag{}))
	if want := "[{team } {env prod}]"; got != want {
		t.Errorf("tags = %s, want %s", got, want)
	}
}

func TestStepRanks(t *testing.T) {
	for _, tt := range []struct {
		step string
		want int
	}{
		{stepCategory, 0}, {stepService, 1}, {stepVPC, 2},
		// Only one of the two is ever shown: they share the fourth place.
		{stepRouteTables, 3}, {stepNetwork, 3},
		{stepPolicy, 4}, {stepTags, 5}, {stepReview, 6},
		{"no-such-step", -1},
	} {
		t.Run(tt.step, func(t *testing.T) {
			if got := stepRank(tt.step); got != tt.want {
				t.Errorf("stepRank(%q) = %d, want %d", tt.step, got, tt.want)
			}
		})
	}
}

func TestStepOf(t *testing.T) {
	for _, tt := range []struct {
		field, want string
	}{
		{"category", stepCategory}, {"service_name", stepCategory},
		{vpc.FieldService, stepService}, {vpc.FieldType, stepService},
		{vpc.FieldVPC, stepVPC}, {vpc.FieldRouteTables, stepRouteTables},
		{vpc.FieldSubnets, stepNetwork}, {vpc.FieldSecurityGroups, stepNetwork}, {vpc.FieldIPAddressType, stepNetwork}, {"private_dns", stepNetwork},
		{vpc.FieldPolicy, stepPolicy}, {vpc.FieldTags, stepTags},
		// EC2's messages about the request as a whole are shown on the review.
		{vpc.FieldClientToken, stepReview}, {"", stepReview},
	} {
		t.Run(tt.field, func(t *testing.T) {
			if got := stepOf(tt.field); got != tt.want {
				t.Errorf("stepOf(%q) = %q, want %q", tt.field, got, tt.want)
			}
		})
	}
}
