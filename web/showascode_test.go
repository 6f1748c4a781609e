package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"endpointconsole/ec2test"
	"endpointconsole/ec2test/toolpath"
	"endpointconsole/handlers"
	"endpointconsole/vpc"
)

// "Show as code": the code the review step, the endpoint page and Manage route tables show is
// run with the real AWS CLI against the demo account, and must do what the console does.

// codeTutorialPolicy is a custom policy whose text a shell would misread unquoted.
const codeTutorialPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Bob's \"read\" access $(whoami)",
      "Effect": "Allow",
      "Principal": "*",
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": ["arn:aws:s3:::tutorial-bucket", "arn:aws:s3:::tutorial-bucket/*"]
    }
  ]
}`

// codeTutorialName is a Name tag with a space and both kinds of quote.
const codeTutorialName = `Bob's "private" S3`

// codeTutorialAnswers are the tutorial's S3 gateway endpoint in First-VPC, into RT-Private
// only, with a custom policy and a Name that need quoting.
func codeTutorialAnswers(c *console) map[string]url.Values {
	answers := gatewayAnswers(c.demo.Account)
	answers["route-tables"] = url.Values{"route_tables": {c.demo.Account.PrivateRouteTableID}}
	answers["policy"] = url.Values{"policy_mode": {"custom"}, "policy": {codeTutorialPolicy}}
	answers["tags"] = url.Values{"tag_key": {"Name"}, "tag_value": {codeTutorialName}}
	return answers
}

// awsCLIPath finds the aws command: without it the test skips, except under CI=true, where
// the CLI is part of the machine.
func awsCLIPath(t *testing.T) string {
	t.Helper()
	bin, err := toolpath.Find("aws")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the aws CLI is not on PATH, and CI=true requires the Show as code tests: %v", err)
		}
		t.Skip("the aws CLI is not on PATH; skipping the run of the code the console shows")
	}
	return bin
}

// runShownCommand runs a command as the page shows it, in bash, with --endpoint-url pointing
// it at endpointURL and the demo's credentials, and returns what it printed.
func runShownCommand(t *testing.T, command, endpointURL string) string {
	t.Helper()
	awsCLIPath(t)
	env, err := toolpath.AWSEnv(t.TempDir(), "demo", "demo")
	if err != nil {
		t.Fatal(err)
	}
	env = append(env, "AWS_DEFAULT_OUTPUT=json")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-c", strings.TrimSpace(command)+" --endpoint-url "+endpointURL)
	cmd.Env = env
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("the command the page shows failed: %v\n%s\n%s", err, command, errOut.String())
	}
	return out.String()
}

// shownCode is the text of the code block id on a page, exactly as a person selects or copies
// it, after checking that the block is there to read without JavaScript: in a focusable region
// named like its heading, with its Copy button hidden until console.js can copy.
func shownCode(t *testing.T, doc *goquery.Document, id string) string {
	t.Helper()
	pre := doc.Find("pre#" + id)
	if pre.Length() != 1 {
		t.Fatalf("got %d pre#%s, want 1", pre.Length(), id)
	}
	region := pre.Parent()
	heading := text(doc.Find("#" + id + "-heading"))
	if region.AttrOr("role", "") != "region" || region.AttrOr("tabindex", "") != "0" || region.AttrOr("aria-label", "") != heading || heading == "" {
		t.Errorf("pre#%s is not in a focusable region named like its heading %q", id, heading)
	}
	button := doc.Find(`button[data-copy="` + id + `"]`)
	if _, hidden := button.Attr("hidden"); button.Length() != 1 || !hidden || button.AttrOr("type", "") != "button" {
		t.Errorf("pre#%s: want one Copy button, hidden without JavaScript, of type button", id)
	}
	if status := doc.Find("#" + id + "-status"); status.AttrOr("role", "") != "status" {
		t.Errorf("pre#%s: want a status (aria-live) for the copy", id)
	}
	return pre.Text()
}

// endpointFromEC2 reads one endpoint straight from EC2.
func endpointFromEC2(t *testing.T, c *console, id string) types.VpcEndpoint {
	t.Helper()
	out, err := wizardEC2(t, c).DescribeVpcEndpoints(t.Context(), &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id}})
	if err != nil || len(out.VpcEndpoints) != 1 {
		t.Fatalf("DescribeVpcEndpoints %s: %d endpoints, %v", id, len(out.VpcEndpoints), err)
	}
	return out.VpcEndpoints[0]
}

// endpointShape is what makes two endpoints the same but their ids: route tables as names,
// since each account has its own ids; the policy decoded; tags sorted.
type endpointShape struct {
	VPC, Service, Type string
	RouteTables        []string
	Subnets, Groups    []string
	PrivateDNS         bool
	IPAddressType      string
	Policy             any
	Tags               []string
}

func shapeOf(t *testing.T, c *console, e types.VpcEndpoint) endpointShape {
	t.Helper()
	a := c.demo.Account
	names := map[string]string{a.VPCID: "First-VPC", a.PrivateRouteTableID: "RT-Private", a.MainRouteTableID: "First-RT"}
	for i, id := range a.PrivateSubnetIDs {
		names[id] = "Private-" + strconv.Itoa(i)
	}
	groups, err := c.demo.Service.SecurityGroups(t.Context(), a.VPCID)
	if err != nil {
		t.Fatalf("read First-VPC's security groups: %v", err)
	}
	for _, g := range groups {
		names[g.ID] = "group " + g.Name
	}
	name := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		return "unknown " + id
	}
	s := endpointShape{VPC: name(aws.ToString(e.VpcId)), Service: aws.ToString(e.ServiceName), Type: string(e.VpcEndpointType),
		PrivateDNS: aws.ToBool(e.PrivateDnsEnabled), IPAddressType: string(e.IpAddressType)}
	for _, id := range e.RouteTableIds {
		s.RouteTables = append(s.RouteTables, name(id))
	}
	slices.Sort(s.RouteTables)
	for _, id := range e.SubnetIds {
		s.Subnets = append(s.Subnets, name(id))
	}
	slices.Sort(s.Subnets)
	for _, g := range e.Groups {
		s.Groups = append(s.Groups, name(aws.ToString(g.GroupId)))
	}
	slices.Sort(s.Groups)
	if err := json.Unmarshal([]byte(aws.ToString(e.PolicyDocument)), &s.Policy); err != nil {
		t.Fatalf("the policy of %s is not JSON: %v", aws.ToString(e.VpcEndpointId), err)
	}
	for _, tag := range e.Tags {
		s.Tags = append(s.Tags, aws.ToString(tag.Key)+"="+aws.ToString(tag.Value))
	}
	slices.Sort(s.Tags)
	return s
}

// endpointRouteTargets are, per table, where the table's routes to prefix list pl lead.
func endpointRouteTargets(t *testing.T, c *console, pl string) map[string][]string {
	t.Helper()
	out, err := wizardEC2(t, c).DescribeRouteTables(t.Context(), &ec2.DescribeRouteTablesInput{})
	if err != nil {
		t.Fatalf("DescribeRouteTables: %v", err)
	}
	targets := map[string][]string{}
	for _, rt := range out.RouteTables {
		for _, r := range rt.Routes {
			if aws.ToString(r.DestinationPrefixListId) == pl {
				targets[aws.ToString(rt.RouteTableId)] = append(targets[aws.ToString(rt.RouteTableId)], aws.ToString(r.GatewayId))
			}
		}
	}
	return targets
}

// The review's CLI command, run with the real aws, makes the endpoint Create endpoint makes
// (compared on a second account seeded alike), with the VPC, route table, policy and tags the
// review shows, and RT-Private routes S3 to it.
func TestShowAsCodeReviewCommandMakesTheWizardsEndpoint(t *testing.T) {
	t.Parallel()
	awsCLIPath(t)
	cfg := withHandlers(handlers.Config{CreatedByTag: "created-by"})
	c := newConsole(t, cfg)
	a := c.demo.Account
	s := startWizard(t, c)
	s.advance(t, codeTutorialAnswers(c), "review")
	review := s.last.doc
	for _, id := range []string{"code-cloudformation", "code-terraform"} {
		if shownCode(t, review, id) == "" {
			t.Errorf("the review shows no %s", id)
		}
	}
	command := shownCode(t, review, "code-cli")

	out := runShownCommand(t, command, c.demo.URL)
	var created struct {
		VpcEndpoint struct{ VpcEndpointId string }
	}
	if err := json.Unmarshal([]byte(out), &created); err != nil || created.VpcEndpoint.VpcEndpointId == "" {
		t.Fatalf("aws printed no endpoint (%v):\n%s", err, out)
	}
	id := created.VpcEndpoint.VpcEndpointId
	ep := endpointFromEC2(t, c, id)

	checkMadeAsReviewed(t, c, review, id, wizardS3PrefixList)

	// What Create endpoint makes of the same answers, on an account seeded alike.
	w := newConsole(t, cfg).noRedirects()
	ws := startWizard(t, w)
	ws.advance(t, codeTutorialAnswers(w), "review")
	if got := shownCode(t, ws.last.doc, "code-cli"); a.VPCID == w.demo.Account.VPCID && got != command {
		t.Errorf("the same answers on an account seeded alike show another command:\n%s\nwant\n%s", got, command)
	}
	wid := wizardCreatedID(t, ws.post(t, "create", nil))
	if got, want := shapeOf(t, c, ep), shapeOf(t, w, endpointFromEC2(t, w, wid)); !reflect.DeepEqual(got, want) {
		t.Errorf("the command made\n %+v\nCreate endpoint made\n %+v", got, want)
	}
	if got := endpointRouteTargets(t, w, wizardS3PrefixList); !reflect.DeepEqual(got, map[string][]string{w.demo.Account.PrivateRouteTableID: {wid}}) {
		t.Errorf("routes to %s after Create endpoint: got %v, want RT-Private → %s only", wizardS3PrefixList, got, wid)
	}
}

// checkMadeAsReviewed checks that the endpoint id, made by the review's command, has the VPC,
// route table, tags and policy the review shows, and that RT-Private, its one table, routes the
// prefix list pl to it.
func checkMadeAsReviewed(t *testing.T, c *console, review *goquery.Document, id, pl string) {
	t.Helper()
	a := c.demo.Account
	ep := endpointFromEC2(t, c, id)
	sum := wizardReviewSummary(review)
	if got := aws.ToString(ep.VpcId); got != a.VPCID || !strings.HasPrefix(sum["VPC"], got+" ") {
		t.Errorf("VPC: the command made the endpoint in %s; the review shows %q; want %s", got, sum["VPC"], a.VPCID)
	}
	if got := strings.Join(ep.RouteTableIds, ", "); got != a.PrivateRouteTableID || sum["Route tables"] != got {
		t.Errorf("route tables: the command gave %q; the review shows %q; want %s", got, sum["Route tables"], a.PrivateRouteTableID)
	}
	var tags []string
	for _, tag := range ep.Tags {
		tags = append(tags, aws.ToString(tag.Key)+" = "+aws.ToString(tag.Value))
	}
	slices.Sort(tags)
	reviewed := strings.Split(sum["Tags"], ", ")
	slices.Sort(reviewed)
	if !slices.Equal(tags, reviewed) || !slices.Contains(tags, "Name = "+codeTutorialName) {
		t.Errorf("tags: the command gave %q; the review shows %q", tags, reviewed)
	}
	var gotPolicy, wantPolicy any
	json.Unmarshal([]byte(aws.ToString(ep.PolicyDocument)), &gotPolicy)
	json.Unmarshal([]byte(codeTutorialPolicy), &wantPolicy)
	if !reflect.DeepEqual(gotPolicy, wantPolicy) {
		t.Errorf("policy: the command gave %s, want %s", aws.ToString(ep.PolicyDocument), codeTutorialPolicy)
	}
	if got := endpointRouteTargets(t, c, pl); !reflect.DeepEqual(got, map[string][]string{a.PrivateRouteTableID: {id}}) {
		t.Errorf("routes to %s after the command: got %v, want RT-Private %s → %s only", pl, got, a.PrivateRouteTableID, id)
	}
}

// The review's command on moto, an EC2 implementation of its own: the same endpoint, routes,
// policy and tags as the review shows.
func TestShowAsCodeReviewCommandOnMoto(t *testing.T) {
	t.Parallel()
	awsCLIPath(t)
	c := newConsole(t, onMoto(ec2test.SharedMoto(t)), withHandlers(handlers.Config{CreatedByTag: "created-by"}))
	s := startWizard(t, c)
	s.advance(t, codeTutorialAnswers(c), "review")
	var created struct {
		VpcEndpoint struct{ VpcEndpointId string }
	}
	if out := runShownCommand(t, shownCode(t, s.last.doc, "code-cli"), c.demo.URL); json.Unmarshal([]byte(out), &created) != nil || created.VpcEndpoint.VpcEndpointId == "" {
		t.Fatalf("aws printed no endpoint:\n%s", out)
	}
	checkMadeAsReviewed(t, c, s.last.doc, created.VpcEndpoint.VpcEndpointId, wizardS3PrefixListOf(t, c).ID)
}

// The endpoint page's code is the endpoint: its Terraform parses as HCL with the endpoint's
// route tables and tags, and its CLI command, run after the endpoint is deleted, makes the
// same endpoint again with the same routes.
func TestShowAsCodeEndpointPage(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	a := c.demo.Account
	id := c.endpoint(t)
	if err := c.demo.Service.ModifyEndpoint(t.Context(), vpc.ModifyEndpointRequest{ID: id, AddRouteTableIDs: []string{a.MainRouteTableID}, PolicyDocument: codeTutorialPolicy}); err != nil {
		t.Fatalf("give the endpoint First-RT and a policy: %v", err)
	}
	tags := vpc.Tags{{Key: "Name", Value: codeTutorialName}, {Key: "cost center", Value: "$(id) ${HOME} %{x}"}}
	if err := c.demo.Service.SetTags(t.Context(), id, tags, nil); err != nil {
		t.Fatalf("tag the endpoint: %v", err)
	}
	before := endpointFromEC2(t, c, id)

	p := c.getOK(t, "/endpoints/"+id+"?tab=code")
	if got := text(p.doc.Find(`nav.tabs a[aria-current="page"]`)); got != "As code" {
		t.Errorf("current tab %q, want As code", got)
	}

	tf := shownCode(t, p.doc, "code-terraform")
	file, diags := hclsyntax.ParseConfig([]byte(tf), "main.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("the Terraform is not HCL: %v\n%s", diags, tf)
	}
	var resource *hclsyntax.Block
	for _, b := range file.Body.(*hclsyntax.Body).Blocks {
		if b.Type == "resource" && len(b.Labels) == 2 && b.Labels[0] == "aws_vpc_endpoint" {
			resource = b
		}
	}
	if resource == nil {
		t.Fatalf("no aws_vpc_endpoint resource in\n%s", tf)
	}
	value := func(name string) any {
		attr, ok := resource.Body.Attributes[name]
		if !ok {
			t.Fatalf("no %s in\n%s", name, tf)
		}
		v, diags := attr.Expr.Value(nil)
		if diags.HasErrors() {
			t.Fatalf("evaluate %s: %v", name, diags)
		}
		switch {
		case v.Type().IsTupleType():
			var out []string
			for _, item := range v.AsValueSlice() {
				out = append(out, item.AsString())
			}
			return out
		case v.Type().IsObjectType():
			out := map[string]string{}
			for k, item := range v.AsValueMap() {
				out[k] = item.AsString()
			}
			return out
		}
		return v.AsString()
	}
	wantTags := map[string]string{}
	for _, tag := range before.Tags {
		wantTags[aws.ToString(tag.Key)] = aws.ToString(tag.Value)
	}
	for name, want := range map[string]any{
		"vpc_id": a.VPCID, "service_name": wizardS3, "vpc_endpoint_type": "Gateway",
		"route_table_ids": before.RouteTableIds, "tags": wantTags,
	} {
		if got := value(name); !reflect.DeepEqual(got, want) {
			t.Errorf("Terraform %s = %q, want %q", name, got, want)
		}
	}
	if len(before.RouteTableIds) != 2 || len(wantTags) != 2 {
		t.Fatalf("the endpoint has route tables %q and tags %q, want two of each", before.RouteTableIds, wantTags)
	}

	t.Run("the CLI command makes it again", func(t *testing.T) {
		command := shownCode(t, p.doc, "code-cli")
		awsCLIPath(t)
		if failed, err := c.demo.Service.DeleteEndpoints(t.Context(), []string{id}); err != nil || len(failed) > 0 {
			t.Fatalf("delete %s: %v %v", id, failed, err)
		}
		var created struct {
			VpcEndpoint struct{ VpcEndpointId string }
		}
		if out := runShownCommand(t, command, c.demo.URL); json.Unmarshal([]byte(out), &created) != nil || created.VpcEndpoint.VpcEndpointId == "" {
			t.Fatalf("aws printed no endpoint:\n%s", out)
		}
		again := created.VpcEndpoint.VpcEndpointId
		if got, want := shapeOf(t, c, endpointFromEC2(t, c, again)), shapeOf(t, c, before); !reflect.DeepEqual(got, want) {
			t.Errorf("the command made\n %+v\nthe page showed\n %+v", got, want)
		}
		if got, want := endpointRouteTargets(t, c, wizardS3PrefixList), map[string][]string{a.PrivateRouteTableID: {again}, a.MainRouteTableID: {again}}; !reflect.DeepEqual(got, want) {
			t.Errorf("routes to %s: got %v, want %v", wizardS3PrefixList, got, want)
		}
	})
}

// Manage route tables' preview shows the modify-vpc-endpoint command of the previewed change,
// which, run, makes that change; a preview that changes nothing shows no command.
func TestShowAsCodeManageRouteTables(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	a := c.demo.Account
	id := c.endpoint(t)
	path := "/endpoints/" + id + "/route-tables"

	if p := c.sendForm(t, path, url.Values{"route_tables": {a.PrivateRouteTableID}, "action": {"preview"}}); p.status != 200 || p.doc.Find("pre#code-modify-cli").Length() != 0 {
		t.Errorf("a preview that changes nothing: status %d, %d commands; want 200 and none", p.status, p.doc.Find("pre#code-modify-cli").Length())
	}

	p := c.sendForm(t, path, url.Values{"route_tables": {a.MainRouteTableID}, "action": {"preview"}})
	if p.status != 200 {
		t.Fatalf("preview: status %d, want 200:\n%s", p.status, p.body)
	}
	if p.doc.Find("#preview pre#code-modify-cli").Length() != 1 {
		t.Errorf("the command is not in the preview")
	}
	command := shownCode(t, p.doc, "code-modify-cli")
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Fatalf("no sh: %v", err)
	}
	out, err := exec.Command(sh, "-c", `aws() { printf '%s\n' "$@"; }`+"\n"+command).Output()
	if err != nil {
		t.Fatalf("sh -c %q: %v", command, err)
	}
	want := []string{"ec2", "modify-vpc-endpoint", "--region", "us-east-1", "--vpc-endpoint-id", id,
		"--add-route-table-ids", a.MainRouteTableID, "--remove-route-table-ids", a.PrivateRouteTableID}
	if got := strings.Fields(string(out)); !slices.Equal(got, want) {
		t.Errorf("the command runs aws with\n %q\nwant\n %q", got, want)
	}

	t.Run("run, it makes the previewed change", func(t *testing.T) {
		awsCLIPath(t)
		runShownCommand(t, command, c.demo.URL)
		if got := endpointFromEC2(t, c, id).RouteTableIds; !slices.Equal(got, []string{a.MainRouteTableID}) {
			t.Errorf("route tables after the command: %q, want First-RT %s only", got, a.MainRouteTableID)
		}
		if got, want := endpointRouteTargets(t, c, wizardS3PrefixList), map[string][]string{a.MainRouteTableID: {id}}; !reflect.DeepEqual(got, want) {
			t.Errorf("routes to %s: got %v, want %v", wizardS3PrefixList, got, want)
		}
	})
}

// The same for an interface endpoint: the review's command makes the endpoint Create endpoint
// makes, in the same subnets and security group, without private DNS as the person chose.
func TestShowAsCodeReviewCommandMakesTheWizardsInterfaceEndpoint(t *testing.T) {
	t.Parallel()
	awsCLIPath(t)
	answers := func(c *console) map[string]url.Values {
		out := interfaceAnswers(c.demo.Account)
		out["network"].Set("private_dns", "false")
		return out
	}
	c := newConsole(t)
	s := startWizard(t, c)
	s.advance(t, answers(c), "review")
	if got := wizardReviewSummary(s.last.doc)["Enable DNS name"]; got != "No" {
		t.Fatalf("the review shows Enable DNS name %q, want No", got)
	}
	var created struct {
		VpcEndpoint struct{ VpcEndpointId string }
	}
	if out := runShownCommand(t, shownCode(t, s.last.doc, "code-cli"), c.demo.URL); json.Unmarshal([]byte(out), &created) != nil || created.VpcEndpoint.VpcEndpointId == "" {
		t.Fatalf("aws printed no endpoint:\n%s", out)
	}
	got := shapeOf(t, c, endpointFromEC2(t, c, created.VpcEndpoint.VpcEndpointId))

	w := newConsole(t).noRedirects()
	ws := startWizard(t, w)
	ws.advance(t, answers(w), "review")
	want := shapeOf(t, w, endpointFromEC2(t, w, wizardCreatedID(t, ws.post(t, "create", nil))))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the command made\n %+v\nCreate endpoint made\n %+v", got, want)
	}
	if want.PrivateDNS || len(want.Subnets) != 2 || !slices.Equal(want.Groups, []string{"group default"}) {
		t.Errorf("Create endpoint made %+v, want two private subnets, the default group and no private DNS", want)
	}
}
