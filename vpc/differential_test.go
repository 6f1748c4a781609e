package vpc_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"

	"endpointconsole/ec2test"
	"endpointconsole/fakeec2"
	"endpointconsole/vpc/seed"
)

// The differential test replays one script of VPC-endpoint calls through the
// real SDK on fakeec2 and on moto, each seeded by seed.Tutorial, and
// compares what each step did, normalised so that random ids do not matter:
//
//   - every step's outcome must equal the EC2 outcome written next to it
//     (that is the fake's contract);
//   - moto must agree with the fake on every step, except the steps listed
//     in knownMotoDivergences, each with the reason;
//   - every listed step must still diverge, so the list stays true.
//
// An outcome is "error <EC2 code>", or "ok" followed by a projection of the
// state the step concerns: the endpoint it made or changed, and the routes of
// the tables it touched, with ids replaced by aliases (vpce#1, rtb:RT-Private,
// pl:s3, igw:First-IGW, nat:First-NAT). Prefix lists are aliased by their
// name, so moto's random pl- ids normalise too.
//
// The script is cut into scenarios, each on a freshly seeded account, so that
// a step where moto goes wrong (and, say, leaves a route behind) does not
// drag every later step of the script into the list with it.

// diffScenario is a run of steps on one freshly seeded account.
type diffScenario struct {
	name  string
	steps []diffStep
}

// diffStep is one call (or a short read) and what EC2 does with it.
type diffStep struct {
	name string
	// ec2 is the normalised outcome on EC2. The fake must produce exactly it.
	ec2 string
	run func(e *diffEnv) (string, error)
}

// divergence documents one step where moto does not do what EC2 does.
type divergence struct {
	ec2  string // what EC2 does, in words
	moto string // what moto was seen to do
	why  string // the source: peers-and-pitfalls.md, or the observation
}

// knownMotoDivergences is the record of where fakeec2 is more faithful to EC2
// than moto. Keys are "scenario/step". The test fails when moto and the fake
// differ on a step that is not here, and when a step here stops diverging.
var knownMotoDivergences = map[string]divergence{
	"gateway/modify-remove-first-rt": {
		ec2:  "ModifyVpcEndpoint RemoveRouteTableIds removes the endpoint's pl:s3 route from First-RT",
		moto: "RouteTableIds is updated but the pl:s3 → vpce#1 route is left behind in First-RT",
		why:  `peers-and-pitfalls.md §1.1: "RemoveRouteTableIds | list updated, route left behind"; EC2: "route removed"`,
	},
	"gateway/create-interface-with-route-tables": {
		ec2:  "InvalidParameter: Route table IDs are only supported for Gateway type VPC Endpoint",
		moto: "accepts it: the interface endpoint lists RT-Private in RouteTableIds, and no route is written",
		why:  `peers-and-pitfalls.md §1.1: "Interface endpoint with RouteTableIds | accepted"`,
	},
	"gateway/create-unknown-service": {
		ec2:  "InvalidServiceName: the service does not exist",
		moto: "accepts it: a Gateway endpoint for com.amazonaws.us-east-1.no-such-service is created, listing First-RT, with no route (no prefix list has that name)",
		why:  "observed on moto_server 5.2.1 (not in peers-and-pitfalls.md); reference/ec2-endpoint-api.md §2.11: InvalidServiceName",
	},
	"gateway/delete-with-unknown-id": {
		ec2:  "deletes vpce#1 and lists the unknown id under Unsuccessful (InvalidVpcEndpoint.NotFound)",
		moto: "deletes vpce#1 and says nothing about the unknown id: Unsuccessful is empty",
		why:  "observed on moto_server 5.2.1: moto/ec2/responses/vpcs.py delete_vpc_endpoints always answers Unsuccessful: [] and skips unknown ids; reference/ec2-endpoint-api.md §2.3: \"A bulk call can therefore succeed at HTTP level while listing per-ID failures, e.g. InvalidVpcEndpoint.NotFound\"",
	},
	"gateway/describe-deleted-endpoint": {
		ec2:  "right after DeleteVpcEndpoints the endpoint is described as deleting; some seconds later as deleted; some minutes later not at all",
		moto: "described as deleted at once, and for as long as the server runs",
		why:  "observed on moto_server 5.2.1 (moto/ec2/models/vpcs.py delete_vpc_endpoints sets state \"deleted\" and keeps the endpoint); reference/ec2-endpoint-api.md §2.1 State enum Deleting|Deleted; waiters and Terraform watch deleting → deleted",
	},
	"gateway/modify-deleted-endpoint": {
		ec2:  "refused: the endpoint is deleted (the fake answers InvalidVpcEndpointId.NotFound; EC2's exact code for a deleting endpoint is unconfirmed)",
		moto: "accepts ModifyVpcEndpoint on the deleted endpoint and answers Return: true",
		why:  "observed on moto_server 5.2.1 (modify_vpc_endpoint never looks at the state); a deleted endpoint can no longer be changed",
	},
	"gateway/delete-deleted-endpoint": {
		ec2:  "the call succeeds and lists the endpoint under Unsuccessful (InvalidVpcEndpoint.NotFound)",
		moto: "InvalidRoute.NotFound for the whole call: it tries to delete the endpoint's routes a second time",
		why:  "observed on moto_server 5.2.1 (delete_vpc_endpoints deletes the routes of any endpoint it holds, deleted or not); reference/ec2-endpoint-api.md §2.3 per-ID failures",
	},
	"gateway/create-without-type": {
		ec2:  "VpcEndpointType defaults to Gateway",
		moto: "stores no type: the endpoint comes back without a VpcEndpointType (the routes are added)",
		why:  `peers-and-pitfalls.md §1.1: "CreateVpcEndpoint with no VpcEndpointType | type stored as None"; reference/ec2-endpoint-api.md §2.1 "Default: Gateway"`,
	},
	"gateway/delete-without-type": {
		ec2:  "the endpoint is deleted and its pl:s3 route goes",
		moto: "HTTP 500 (moto/ec2/models/vpcs.py delete_vpc_endpoints: AttributeError: 'NoneType' object has no attribute 'lower'); the endpoint and its route stay",
		why:  `peers-and-pitfalls.md §1.1: "delete crashes with AttributeError"`,
	},
	"second-s3/create-second-s3-same-table": {
		ec2:  "RouteAlreadyExists: one endpoint route per service per route table",
		moto: "accepts it and overwrites RT-Private's pl:s3 route to point at the new endpoint",
		why:  `peers-and-pitfalls.md §1.1: "Second S3 gateway endpoint on a route table that already has one | accepted; the route is silently overwritten"; vpce-gateway.md: "you cannot have multiple endpoint routes to the same service in a single route table"`,
	},
	"second-s3/describe-routes": {
		ec2:  "RT-Private still routes pl:s3 to vpce#1",
		moto: "RT-Private routes pl:s3 to the second endpoint (the consequence of the step before)",
		why:  "follows from second-s3/create-second-s3-same-table",
	},
	"modify-add/modify-add-first-rt": {
		ec2:  "ModifyVpcEndpoint AddRouteTableIds adds pl:s3 → vpce#1 to First-RT",
		moto: "RouteTableIds is updated, no route is added",
		why:  `peers-and-pitfalls.md §1.1: "ModifyVpcEndpoint AddRouteTableIds=[rt2] | RouteTableIds updated, no route added to rt2"`,
	},
	"modify-add/delete": {
		ec2:  "the endpoint is deleted with its routes",
		moto: "InvalidRoute.NotFound: it tries to delete the route the modify never added, so the endpoint cannot be deleted",
		why:  `peers-and-pitfalls.md §1.1: "DeleteVpcEndpoints after that modify | fails: InvalidRoute.NotFound"`,
	},
	"foreign-table/modify-add-foreign-table": {
		ec2:  "refused: the route table belongs to another VPC",
		moto: "accepted (and, as with any modify, no route is written)",
		why:  `peers-and-pitfalls.md §1.1: "Route table from another VPC | accepted"; EC2 "expected to be rejected [inference]" (the exact code is unconfirmed)`,
	},
	"foreign-table/create-with-foreign-table": {
		ec2:  "refused: the route table belongs to another VPC",
		moto: "accepted; the pl:s3 route is written into the default VPC's main table",
		why:  `peers-and-pitfalls.md §1.1: "Route table from another VPC | accepted; route written into the foreign VPC's table"`,
	},
	"foreign-table/describe-default-routes": {
		ec2:  "the default VPC's main table has no endpoint route",
		moto: "it has pl:s3 → the endpoint of First-VPC (the consequence of the step before)",
		why:  "follows from foreign-table/create-with-foreign-table",
	},
	"dry-run/dry-run-create": {
		ec2:  "DryRunOperation (HTTP 412); nothing is created",
		moto: "ignores DryRun=true on CreateVpcEndpoint: the endpoint is created and its route written",
		why:  "observed on moto_server 5.2.1 (not in peers-and-pitfalls.md): moto/ec2/responses/vpcs.py create_vpc_endpoint never checks DryRun; reference/ec2-endpoint-api.md §2.9",
	},
	"dry-run/dry-run-describe-endpoints": {
		ec2:  "DryRunOperation (HTTP 412), for reads as for writes",
		moto: "ignores DryRun=true on DescribeVpcEndpoints: it answers the list (while DescribeVpcs, say, does answer DryRunOperation)",
		why:  "observed on moto_server 5.2.1: moto/ec2/responses/vpcs.py describe_vpc_endpoints never checks DryRun, like every VPC-endpoint action there; the console asks this very call whether a backend honours DryRun (vpc.Service.HonoursDryRun)",
	},
	"dry-run/describe-after-dry-run": {
		ec2:  "no endpoint, RT-Private unchanged",
		moto: "the dry-run endpoint exists and RT-Private routes pl:dynamodb to it (the consequence of the step before)",
		why:  "follows from dry-run/dry-run-create",
	},
	"endpoint-errors/describe-malformed-endpoint-id": {
		ec2:  "InvalidVpcEndpointId.Malformed for an id not in the form vpce-…",
		moto: "InvalidVpcEndpointId.NotFound",
		why:  "observed on moto_server 5.2.1; EC2 error-code list: \"InvalidVpcEndpointId.Malformed: The specified VPC endpoint ID is malformed\"",
	},
	"endpoint-errors/create-gateway-for-interface-only-service": {
		ec2:  "InvalidParameter: Endpoint type (Gateway) does not match available service types ([Interface]).",
		moto: "accepts it: a Gateway endpoint for ssm is created, listing RT-Private, with no route (no prefix list has that name)",
		why:  "observed on moto_server 5.2.1; EC2's message as quoted in hashicorp/terraform#24478",
	},
	"client-token/create-token-again": {
		ec2:  "the same ClientToken and parameters return the same endpoint; nothing new is created",
		moto: "ignores ClientToken (it stores it, but never looks it up): creates a second endpoint, which takes over RT-Private's pl:dynamodb route",
		why:  "observed on moto_server 5.2.1 (moto/ec2/models/vpcs.py create_vpc_endpoint stores client_token and never looks it up); EC2 idempotency doc: \"If you repeat a request with the same client token, the same response is returned.\"",
	},
	"regions/west-prefix-lists": {
		ec2:  "us-west-2's gateway prefix lists have AWS's published ids: pl-68a54001 (s3), pl-00a54069 (dynamodb)",
		moto: "random ids (pl- and 17 hex digits) for com.amazonaws.us-west-2.s3 and .dynamodb, new ones on every start",
		why:  "observed on moto_server 5.2.1; ids published in hashicorp/terraform-provider-aws's acceptance tests (aws/data_source_aws_prefix_list_test.go), cited in fakeec2/regiondata.go",
	},
	"regions/opt-in-region-not-enabled": {
		ec2:  "AuthFailure (HTTP 401) for af-south-1, an opt-in Region an account has not enabled",
		moto: "serves every Region it knows: DescribeVpcs signed for af-south-1 succeeds",
		why:  "observed on moto_server 5.2.1; EC2's refusal as reported in turbot/steampipe-plugin-aws#75 and fog/fog-aws#585, cited in fakeec2/regions.go",
	},
	"client-token/create-token-other-params": {
		ec2:  "IdempotentParameterMismatch",
		moto: "ignores ClientToken: creates another endpoint",
		why:  "observed on moto_server 5.2.1; EC2 idempotency doc: \"… but change another request parameter, Amazon EC2 returns an IdempotentParameterMismatch error.\"",
	},
}

// unknownEndpointID is a well-formed endpoint id no backend has.
const unknownEndpointID = "vpce-0123456789abcdef0"

// lines joins the non-empty lines of an outcome.
func lines(l ...string) string {
	return strings.Join(slices.DeleteFunc(l, func(s string) bool { return s == "" }), "\n")
}

// The seeded routes, as every outcome that shows a table prints them.
const (
	firstRTSeeded   = "rtb:First-RT: 0.0.0.0/0 → igw:First-IGW; 10.10.0.0/16 → local"
	privateRTSeeded = "rtb:RT-Private: 0.0.0.0/0 → nat:First-NAT; 10.10.0.0/16 → local"
	defaultRTSeeded = "rtb:default-main: 0.0.0.0/0 → igw:default; 172.31.0.0/16 → local"
)

func diffScript() []diffScenario {
	return []diffScenario{
		{name: "gateway", steps: []diffStep{
			{name: "create-s3-gateway",
				ec2: lines("ok",
					"vpce#1: Gateway s3 available rts=[rtb:First-RT rtb:RT-Private]",
					firstRTSeeded+"; pl:s3 → vpce#1",
					privateRTSeeded+"; pl:s3 → vpce#1"),
				run: func(e *diffEnv) (string, error) {
					return e.create("vpce#1", gatewayInput(e, "s3", "rtb:RT-Private", "rtb:First-RT"), "rtb:First-RT", "rtb:RT-Private")
				}},
			{name: "describe-routes",
				ec2: lines("ok",
					firstRTSeeded+"; pl:s3 → vpce#1",
					privateRTSeeded+"; pl:s3 → vpce#1"),
				run: func(e *diffEnv) (string, error) { return e.tables("rtb:First-RT", "rtb:RT-Private") }},
			{name: "create-dynamodb-same-table",
				ec2: lines("ok",
					"vpce#2: Gateway dynamodb available rts=[rtb:RT-Private]",
					privateRTSeeded+"; pl:dynamodb → vpce#2; pl:s3 → vpce#1"),
				run: func(e *diffEnv) (string, error) {
					return e.create("vpce#2", gatewayInput(e, "dynamodb", "rtb:RT-Private"), "rtb:RT-Private")
				}},
			{name: "modify-remove-first-rt",
				ec2: lines("ok",
					"vpce#1: Gateway s3 available rts=[rtb:RT-Private]",
					firstRTSeeded,
					privateRTSeeded+"; pl:dynamodb → vpce#2; pl:s3 → vpce#1"),
				run: func(e *diffEnv) (string, error) {
					return e.modify("vpce#1", nil, []string{"rtb:First-RT"}, "rtb:First-RT", "rtb:RT-Private")
				}},
			// moto agrees here only by accident: its modify-remove left the
			// route behind, and its modify-add (which adds no route) finds it
			// there. The modify-add scenario shows the add on its own.
			{name: "modify-add-first-rt-back",
				ec2: lines("ok",
					"vpce#1: Gateway s3 available rts=[rtb:First-RT rtb:RT-Private]",
					firstRTSeeded+"; pl:s3 → vpce#1",
					privateRTSeeded+"; pl:dynamodb → vpce#2; pl:s3 → vpce#1"),
				run: func(e *diffEnv) (string, error) {
					return e.modify("vpce#1", []string{"rtb:First-RT"}, nil, "rtb:First-RT", "rtb:RT-Private")
				}},
			{name: "create-interface-with-route-tables",
				ec2: "error InvalidParameter",
				run: func(e *diffEnv) (string, error) {
					in := &ec2.CreateVpcEndpointInput{
						VpcId:           aws.String(e.acct.VPCID),
						ServiceName:     aws.String(serviceName("ssm")),
						VpcEndpointType: types.VpcEndpointTypeInterface,
						SubnetIds:       e.acct.PrivateSubnetIDs[:1],
						RouteTableIds:   []string{e.id("rtb:RT-Private")},
					}
					return e.create("vpce#ssm", in, "rtb:RT-Private")
				}},
			{name: "create-unknown-service",
				ec2: "error InvalidServiceName",
				run: func(e *diffEnv) (string, error) {
					in := gatewayInput(e, "s3", "rtb:First-RT")
					in.ServiceName = aws.String("com.amazonaws.us-east-1.no-such-service")
					return e.create("vpce#unknown-service", in, "rtb:First-RT")
				}},
			{name: "create-unknown-vpc",
				ec2: "error InvalidVpcID.NotFound",
				run: func(e *diffEnv) (string, error) {
					in := gatewayInput(e, "dynamodb")
					in.VpcId = aws.String("vpc-0123456789abcdef0")
					return e.create("vpce#unknown-vpc", in)
				}},
			{name: "delete-with-unknown-id",
				ec2: lines("ok",
					"unsuccessful: vpce:unknown InvalidVpcEndpoint.NotFound",
					firstRTSeeded,
					privateRTSeeded+"; pl:dynamodb → vpce#2"),
				run: func(e *diffEnv) (string, error) {
					return e.delete([]string{"vpce#1", "vpce:unknown"}, "rtb:First-RT", "rtb:RT-Private")
				}},
			{name: "describe-routes-after-delete",
				ec2: lines("ok",
					firstRTSeeded,
					privateRTSeeded+"; pl:dynamodb → vpce#2"),
				run: func(e *diffEnv) (string, error) { return e.tables("rtb:First-RT", "rtb:RT-Private") }},
			// The fake's deleting state lasts 5s by the real clock: far longer than these steps.
			{name: "describe-deleted-endpoint",
				ec2: lines("ok", "vpce#1: Gateway s3 deleting rts=[rtb:First-RT rtb:RT-Private]"),
				run: func(e *diffEnv) (string, error) { return e.endpoint(e.id("vpce#1")) }},
			{name: "modify-deleted-endpoint",
				ec2: "error InvalidVpcEndpointId.NotFound",
				run: func(e *diffEnv) (string, error) {
					return e.modify("vpce#1", []string{"rtb:RT-Private"}, nil, "rtb:RT-Private")
				}},
			{name: "delete-deleted-endpoint",
				ec2: lines("ok",
					"unsuccessful: vpce#1 InvalidVpcEndpoint.NotFound",
					privateRTSeeded+"; pl:dynamodb → vpce#2"),
				run: func(e *diffEnv) (string, error) { return e.delete([]string{"vpce#1"}, "rtb:RT-Private") }},
			{name: "create-without-type",
				ec2: lines("ok",
					"vpce#3: Gateway s3 available rts=[rtb:RT-Private]",
					privateRTSeeded+"; pl:dynamodb → vpce#2; pl:s3 → vpce#3"),
				run: func(e *diffEnv) (string, error) {
					in := gatewayInput(e, "s3", "rtb:RT-Private")
					in.VpcEndpointType = ""
					return e.create("vpce#3", in, "rtb:RT-Private")
				}},
			{name: "delete-without-type",
				ec2: lines("ok",
					privateRTSeeded+"; pl:dynamodb → vpce#2"),
				run: func(e *diffEnv) (string, error) { return e.delete([]string{"vpce#3"}, "rtb:RT-Private") }},
		}},
		{name: "second-s3", steps: []diffStep{
			{name: "create-s3-gateway",
				ec2: lines("ok",
					"vpce#1: Gateway s3 available rts=[rtb:RT-Private]",
					privateRTSeeded+"; pl:s3 → vpce#1"),
				run: func(e *diffEnv) (string, error) {
					return e.create("vpce#1", gatewayInput(e, "s3", "rtb:RT-Private"), "rtb:RT-Private")
				}},
			{name: "create-second-s3-same-table",
				ec2: "error RouteAlreadyExists",
				run: func(e *diffEnv) (string, error) {
					return e.create("vpce#2", gatewayInput(e, "s3", "rtb:RT-Private"), "rtb:RT-Private")
				}},
			{name: "describe-routes",
				ec2: lines("ok", privateRTSeeded+"; pl:s3 → vpce#1"),
				run: func(e *diffEnv) (string, error) { return e.tables("rtb:RT-Private") }},
		}},
		{name: "modify-add", steps: []diffStep{
			{name: "create-s3-gateway",
				ec2: lines("ok",
					"vpce#1: Gateway s3 available rts=[rtb:RT-Private]",
					firstRTSeeded,
					privateRTSeeded+"; pl:s3 → vpce#1"),
				run: func(e *diffEnv) (string, error) {
					return e.create("vpce#1", gatewayInput(e, "s3", "rtb:RT-Private"), "rtb:First-RT", "rtb:RT-Private")
				}},
			{name: "modify-add-first-rt",
				ec2: lines("ok",
					"vpce#1: Gateway s3 available rts=[rtb:First-RT rtb:RT-Private]",
					firstRTSeeded+"; pl:s3 → vpce#1",
					privateRTSeeded+"; pl:s3 → vpce#1"),
				run: func(e *diffEnv) (string, error) {
					return e.modify("vpce#1", []string{"rtb:First-RT"}, nil, "rtb:First-RT", "rtb:RT-Private")
				}},
			{name: "delete",
				ec2: lines("ok", firstRTSeeded, privateRTSeeded),
				run: func(e *diffEnv) (string, error) {
					return e.delete([]string{"vpce#1"}, "rtb:First-RT", "rtb:RT-Private")
				}},
		}},
		{name: "foreign-table", steps: []diffStep{
			{name: "create-s3-gateway",
				ec2: lines("ok",
					"vpce#1: Gateway s3 available rts=[rtb:RT-Private]",
					privateRTSeeded+"; pl:s3 → vpce#1"),
				run: func(e *diffEnv) (string, error) {
					return e.create("vpce#1", gatewayInput(e, "s3", "rtb:RT-Private"), "rtb:RT-Private")
				}},
			{name: "modify-add-foreign-table",
				ec2: "error InvalidParameter",
				run: func(e *diffEnv) (string, error) {
					return e.modify("vpce#1", []string{"rtb:default-main"}, nil, "rtb:default-main")
				}},
			{name: "create-with-foreign-table",
				ec2: "error InvalidParameter",
				run: func(e *diffEnv) (string, error) {
					return e.create("vpce#2", gatewayInput(e, "s3", "rtb:default-main"), "rtb:default-main")
				}},
			{name: "describe-default-routes",
				ec2: lines("ok", defaultRTSeeded),
				run: func(e *diffEnv) (string, error) { return e.tables("rtb:default-main") }},
		}},
		{name: "dry-run", steps: []diffStep{
			{name: "dry-run-describe-endpoints",
				ec2: "error DryRunOperation",
				run: func(e *diffEnv) (string, error) {
					_, err := e.client.DescribeVpcEndpoints(e.ctx, &ec2.DescribeVpcEndpointsInput{DryRun: aws.Bool(true)})
					return "", err
				}},
			{name: "dry-run-create",
				ec2: "error DryRunOperation",
				run: func(e *diffEnv) (string, error) {
					in := gatewayInput(e, "dynamodb", "rtb:RT-Private")
					in.DryRun = aws.Bool(true)
					return e.create("vpce#dry-run", in, "rtb:RT-Private")
				}},
			{name: "describe-after-dry-run",
				ec2: lines("ok",
					"endpoints in First-VPC: []",
					privateRTSeeded),
				run: func(e *diffEnv) (string, error) {
					eps, err := e.endpointsIn("")
					if err != nil {
						return "", err
					}
					ts, err := e.tables("rtb:RT-Private")
					return lines(eps, ts), err
				}},
		}},
		{name: "endpoint-errors", steps: []diffStep{
			{name: "describe-malformed-endpoint-id",
				ec2: "error InvalidVpcEndpointId.Malformed",
				run: func(e *diffEnv) (string, error) {
					_, err := e.client.DescribeVpcEndpoints(e.ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{"endpoint-1"}})
					return "", err
				}},
			{name: "create-gateway-for-interface-only-service",
				ec2: "error InvalidParameter",
				run: func(e *diffEnv) (string, error) {
					return e.create("vpce#ssm-gateway", gatewayInput(e, "ssm", "rtb:RT-Private"), "rtb:RT-Private")
				}},
		}},
		{name: "client-token", steps: []diffStep{
			{name: "create-with-token",
				ec2: lines("ok",
					"vpce#1: Gateway dynamodb available rts=[rtb:RT-Private]",
					"dynamodb endpoints in First-VPC: [vpce#1]",
					privateRTSeeded+"; pl:dynamodb → vpce#1"),
				run: func(e *diffEnv) (string, error) { return e.createCounting("vpce#1", tokenInput(e, "rtb:RT-Private")) }},
			{name: "create-token-again",
				ec2: lines("ok",
					"vpce#1: Gateway dynamodb available rts=[rtb:RT-Private]",
					"dynamodb endpoints in First-VPC: [vpce#1]",
					privateRTSeeded+"; pl:dynamodb → vpce#1"),
				run: func(e *diffEnv) (string, error) { return e.createCounting("vpce#2", tokenInput(e, "rtb:RT-Private")) }},
			{name: "create-token-other-params",
				ec2: "error IdempotentParameterMismatch",
				run: func(e *diffEnv) (string, error) { return e.createCounting("vpce#3", tokenInput(e)) }},
		}},
		{name: "regions", steps: regionSteps()},
	}
}

func serviceName(short string) string { return "com.amazonaws." + ec2test.Region + "." + short }

// gatewayInput is a gateway endpoint for a service of First-VPC on the given tables.
func gatewayInput(e *diffEnv, service string, tables ...string) *ec2.CreateVpcEndpointInput {
	in := &ec2.CreateVpcEndpointInput{
		VpcId:           aws.String(e.acct.VPCID),
		ServiceName:     aws.String(serviceName(service)),
		VpcEndpointType: types.VpcEndpointTypeGateway,
	}
	for _, alias := range tables {
		in.RouteTableIds = append(in.RouteTableIds, e.id(alias))
	}
	return in
}

// tokenInput is the ClientToken scenario's request: a DynamoDB gateway endpoint.
func tokenInput(e *diffEnv, tables ...string) *ec2.CreateVpcEndpointInput {
	in := gatewayInput(e, "dynamodb", tables...)
	in.ClientToken = aws.String("differential-test-token-1")
	return in
}

// diffEnv is one seeded account on one backend, and the aliases of its ids.
type diffEnv struct {
	ctx    context.Context
	client *ec2.Client
	acct   seed.Account
	// alias maps an id to its alias; ids maps back.
	alias, ids map[string]string
}

func newDiffEnv(t *testing.T, client *ec2.Client) *diffEnv {
	t.Helper()
	ctx := context.Background()
	// One attempt per call: the script's errors are the answers under test,
	// and moto's crashes (HTTP 500) would otherwise be retried with backoff.
	client = ec2.New(client.Options(), func(o *ec2.Options) { o.RetryMaxAttempts = 1 })
	acct, err := seed.Tutorial(ctx, client, seed.Options{})
	if err != nil {
		t.Fatalf("seed.Tutorial: %v", err)
	}
	e := &diffEnv{ctx: ctx, client: client, acct: acct, alias: map[string]string{}, ids: map[string]string{}}
	e.name(acct.VPCID, "vpc:First-VPC")
	e.name(acct.DefaultVPCID, "vpc:default")
	e.name(acct.MainRouteTableID, "rtb:First-RT")
	e.name(acct.PrivateRouteTableID, "rtb:RT-Private")
	e.name(acct.DefaultRouteTableID, "rtb:default-main")
	e.name(acct.InternetGatewayID, "igw:First-IGW")
	e.name(acct.DefaultInternetGatewayID, "igw:default")
	e.name(acct.NATGatewayID, "nat:First-NAT")
	e.name(unknownEndpointID, "vpce:unknown")
	pls, err := client.DescribePrefixLists(ctx, &ec2.DescribePrefixListsInput{})
	if err != nil {
		t.Fatalf("DescribePrefixLists: %v", err)
	}
	for _, pl := range pls.PrefixLists {
		name := aws.ToString(pl.PrefixListName)
		e.name(aws.ToString(pl.PrefixListId), "pl:"+strings.TrimPrefix(name, "com.amazonaws."+ec2test.Region+"."))
	}
	return e
}

func (e *diffEnv) name(id, alias string) {
	if id == "" {
		return
	}
	e.alias[id], e.ids[alias] = alias, id
}

// id returns the id behind an alias; an alias never given stays as it is,
// so a request naming it fails visibly.
func (e *diffEnv) id(alias string) string {
	if id, ok := e.ids[alias]; ok {
		return id
	}
	return alias
}

// show returns the alias of an id; an id no step named is shown by its kind
// only, so that a random id never makes two backends differ by itself.
func (e *diffEnv) show(id string) string {
	if a, ok := e.alias[id]; ok {
		return a
	}
	if kind, _, ok := strings.Cut(id, "-"); ok && id != "local" {
		return kind + ":?"
	}
	return id
}

// create calls CreateVpcEndpoint; a new endpoint gets alias. On success the
// outcome shows the endpoint as DescribeVpcEndpoints returns it, and tables.
func (e *diffEnv) create(alias string, in *ec2.CreateVpcEndpointInput, tables ...string) (string, error) {
	out, err := e.client.CreateVpcEndpoint(e.ctx, in)
	if err != nil {
		return "", err
	}
	id := aws.ToString(out.VpcEndpoint.VpcEndpointId)
	if _, known := e.alias[id]; !known {
		e.name(id, alias)
	}
	ep, err := e.endpoint(id)
	if err != nil {
		return "", err
	}
	ts, err := e.tables(tables...)
	return lines(ep, ts), err
}

// createCounting is create, plus the DynamoDB endpoints First-VPC holds, to
// show whether a call made a new endpoint.
func (e *diffEnv) createCounting(alias string, in *ec2.CreateVpcEndpointInput) (string, error) {
	created, err := e.create(alias, in)
	if err != nil {
		return "", err
	}
	eps, err := e.endpointsIn("dynamodb")
	if err != nil {
		return "", err
	}
	ts, err := e.tables("rtb:RT-Private")
	return lines(created, eps, ts), err
}

// endpointsIn lists by alias the endpoints of First-VPC for a service, or
// for every service when service is "".
func (e *diffEnv) endpointsIn(service string) (string, error) {
	filters := []types.Filter{{Name: aws.String("vpc-id"), Values: []string{e.acct.VPCID}}}
	label := "endpoints"
	if service != "" {
		filters = append(filters, types.Filter{Name: aws.String("service-name"), Values: []string{serviceName(service)}})
		label = service + " endpoints"
	}
	all, err := e.client.DescribeVpcEndpoints(e.ctx, &ec2.DescribeVpcEndpointsInput{Filters: filters})
	if err != nil {
		return "", readBack(err)
	}
	var names []string
	for _, x := range all.VpcEndpoints {
		names = append(names, e.show(aws.ToString(x.VpcEndpointId)))
	}
	slices.Sort(names)
	return fmt.Sprintf("%s in First-VPC: [%s]", label, strings.Join(names, " ")), nil
}

// modify adds and removes route tables (by alias) of an endpoint.
func (e *diffEnv) modify(alias string, add, remove []string, tables ...string) (string, error) {
	in := &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(e.id(alias))}
	for _, a := range add {
		in.AddRouteTableIds = append(in.AddRouteTableIds, e.id(a))
	}
	for _, a := range remove {
		in.RemoveRouteTableIds = append(in.RemoveRouteTableIds, e.id(a))
	}
	if _, err := e.client.ModifyVpcEndpoint(e.ctx, in); err != nil {
		return "", err
	}
	ep, err := e.endpoint(e.id(alias))
	if err != nil {
		return "", err
	}
	ts, err := e.tables(tables...)
	return lines(ep, ts), err
}

// delete deletes endpoints (by alias) and shows what it could not delete.
func (e *diffEnv) delete(aliases []string, tables ...string) (string, error) {
	in := &ec2.DeleteVpcEndpointsInput{}
	for _, a := range aliases {
		in.VpcEndpointIds = append(in.VpcEndpointIds, e.id(a))
	}
	out, err := e.client.DeleteVpcEndpoints(e.ctx, in)
	if err != nil {
		return "", err
	}
	var ls []string
	for _, u := range out.Unsuccessful {
		code := ""
		if u.Error != nil {
			code = aws.ToString(u.Error.Code)
		}
		ls = append(ls, fmt.Sprintf("unsuccessful: %s %s", e.show(aws.ToString(u.ResourceId)), code))
	}
	slices.Sort(ls)
	ts, err := e.tables(tables...)
	return lines(append(ls, ts)...), err
}

// endpoint is one endpoint's line: alias, type, service, state, route tables.
func (e *diffEnv) endpoint(id string) (string, error) {
	out, err := e.client.DescribeVpcEndpoints(e.ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id}})
	if err != nil {
		return "", readBack(err)
	}
	if len(out.VpcEndpoints) != 1 {
		return fmt.Sprintf("%s: described %d times", e.show(id), len(out.VpcEndpoints)), nil
	}
	ep := out.VpcEndpoints[0]
	var rts []string
	for _, rt := range ep.RouteTableIds {
		rts = append(rts, e.show(rt))
	}
	slices.Sort(rts)
	typ := string(ep.VpcEndpointType)
	if typ == "" {
		typ = "<no type>"
	}
	return fmt.Sprintf("%s: %s %s %s rts=[%s]", e.show(id), typ,
		strings.TrimPrefix(aws.ToString(ep.ServiceName), "com.amazonaws."+ec2test.Region+"."),
		ep.State, strings.Join(rts, " ")), nil
}

// tables shows the routes of route tables (by alias), one line per table,
// routes sorted: "dst → target". Endpoint routes that are not CreateRoute and
// active say what they are instead.
func (e *diffEnv) tables(aliases ...string) (string, error) {
	if len(aliases) == 0 {
		return "", nil
	}
	in := &ec2.DescribeRouteTablesInput{}
	for _, a := range aliases {
		in.RouteTableIds = append(in.RouteTableIds, e.id(a))
	}
	out, err := e.client.DescribeRouteTables(e.ctx, in)
	if err != nil {
		return "", readBack(err)
	}
	var ls []string
	for _, rt := range out.RouteTables {
		var routes []string
		for _, r := range rt.Routes {
			routes = append(routes, e.route(r))
		}
		slices.Sort(routes)
		ls = append(ls, e.show(aws.ToString(rt.RouteTableId))+": "+strings.Join(routes, "; "))
	}
	slices.Sort(ls)
	return lines(ls...), nil
}

func (e *diffEnv) route(r types.Route) string {
	dst := aws.ToString(r.DestinationCidrBlock)
	if r.DestinationPrefixListId != nil {
		dst = e.show(aws.ToString(r.DestinationPrefixListId))
	}
	target := "?"
	for _, id := range []*string{r.GatewayId, r.NatGatewayId, r.NetworkInterfaceId, r.TransitGatewayId, r.VpcPeeringConnectionId} {
		if id != nil {
			target = e.show(aws.ToString(id))
			break
		}
	}
	s := dst + " → " + target
	if strings.HasPrefix(aws.ToString(r.GatewayId), "vpce-") && (r.Origin != types.RouteOriginCreateRoute || r.State != types.RouteStateActive) {
		s += fmt.Sprintf(" (%s, %s)", r.Origin, r.State)
	}
	return s
}

// readBackError is a failure to read the state back after the step's call
// succeeded; the outcome says so, rather than pass for the call's own error.
type readBackError struct{ err error }

func (r readBackError) Error() string { return r.err.Error() }
func (r readBackError) Unwrap() error { return r.err }

func readBack(err error) error { return readBackError{err} }

// outcomeOf normalises a step's result: "ok\n<projection>" or "error <code>".
func outcomeOf(projection string, err error) string {
	if err == nil {
		return lines("ok", projection)
	}
	if errors.As(err, new(readBackError)) {
		return "ok, then reading the state back failed: " + errorCode(err)
	}
	return "error " + errorCode(err)
}

// errorCode is the EC2 error code of err, or its HTTP status when the body
// was no EC2 error (moto's crashes).
func errorCode(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) && apiErr.ErrorCode() != "" {
		return apiErr.ErrorCode()
	}
	var respErr *awshttp.ResponseError
	if errors.As(err, &respErr) {
		return fmt.Sprintf("HTTP %d", respErr.HTTPStatusCode())
	}
	return err.Error()
}

// runScenario seeds a fresh account through client and runs the scenario's
// steps on it, returning the outcome of each.
func runScenario(t *testing.T, client *ec2.Client, sc diffScenario) []string {
	t.Helper()
	e := newDiffEnv(t, client)
	var out []string
	for _, st := range sc.steps {
		out = append(out, outcomeOf(st.run(e)))
	}
	return out
}

// TestDifferentialFakeVsMoto runs the script on fakeec2 and on moto and
// checks both against EC2's behaviour as written in the script.
func TestDifferentialFakeVsMoto(t *testing.T) {
	t.Parallel() // independent: moto accounts of its own on the shared moto_server
	script := diffScript()
	fake := map[string]string{}
	// Check every key of knownMotoDivergences names a step, so a renamed
	// step does not leave a stale entry behind.
	steps := map[string]bool{}
	for _, sc := range script {
		for _, st := range sc.steps {
			steps[sc.name+"/"+st.name] = true
		}
	}
	for key := range knownMotoDivergences {
		if !steps[key] {
			t.Errorf("knownMotoDivergences has %q, which is no step of the script", key)
		}
	}

	t.Run("fakeec2-vs-EC2", func(t *testing.T) {
		for _, sc := range script {
			srv := httptest.NewServer(fakeec2.New(fakeec2.Options{}))
			outcomes := runScenario(t, ec2test.Client(t, srv.URL), sc)
			srv.Close()
			for i, st := range sc.steps {
				key := sc.name + "/" + st.name
				fake[key] = outcomes[i]
				if outcomes[i] != st.ec2 {
					t.Errorf("%s: fakeec2 does not do what EC2 does\nfakeec2:\n%s\nEC2:\n%s", key, indent(outcomes[i]), indent(st.ec2))
				}
			}
		}
	})

	t.Run("moto-vs-fakeec2", func(t *testing.T) {
		newClient := ec2test.MotoBackend(t)
		for _, sc := range script {
			t.Run(sc.name, func(t *testing.T) {
				t.Parallel() // each scenario in a moto account of its own; fake is only read now
				outcomes := runScenario(t, newClient(t), sc)
				for i, st := range sc.steps {
					key := sc.name + "/" + st.name
					got, want := outcomes[i], fake[key]
					if want == "" {
						want = st.ec2 // the fake subtest did not run
					}
					_, known := knownMotoDivergences[key]
					switch {
					case got != want && !known:
						t.Errorf("%s: moto and fakeec2 differ, and knownMotoDivergences does not list it\nmoto:\n%s\nfakeec2:\n%s", key, indent(got), indent(want))
					case got == want && known:
						t.Errorf("%s: listed in knownMotoDivergences, but moto now does what fakeec2 does:\n%s\nremove the entry", key, indent(got))
					case got != want:
						t.Logf("%s: known divergence\nmoto:\n%s\nfakeec2 (= EC2):\n%s", key, indent(got), indent(want))
					}
				}
			})
		}
	})

	t.Log(divergenceTable(script))
}

// divergenceTable prints knownMotoDivergences in script order.
func divergenceTable(script []diffScenario) string {
	var b strings.Builder
	b.WriteString("knownMotoDivergences: where fakeec2 does what EC2 does and moto does not\n")
	n := 0
	for _, sc := range script {
		for _, st := range sc.steps {
			key := sc.name + "/" + st.name
			d, ok := knownMotoDivergences[key]
			if !ok {
				continue
			}
			n++
			fmt.Fprintf(&b, "%2d. %s\n      EC2:  %s\n      moto: %s\n      why:  %s\n", n, key, d.ec2, d.moto, d.why)
		}
	}
	return b.String()
}

func indent(s string) string { return "    " + strings.ReplaceAll(s, "\n", "\n    ") }
