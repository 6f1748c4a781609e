package vpc

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// A CallLog collects the EC2 calls made with one context, so that the page of a change can show
// what EC2 was asked: each call as it went out (after the cache, so a read the cache answered is
// not a call), with the parameters that matter, EC2's request id, how long it took and how it
// ended. It lives as long as the request that made it; nothing is kept beyond.
type CallLog struct {
	mu    sync.Mutex
	calls []Call
}

// Call is one EC2 operation, its retries included.
type Call struct {
	Action string
	// DryRun says the call only checked the permission to make it.
	DryRun bool
	// Params are the parameters that say what the call asked, in the order EC2 documents them;
	// long values (a policy) are summarised.
	Params []CallParam
	// RequestID is EC2's id for the call (to find it in CloudTrail); "" when EC2 never answered.
	RequestID string
	// Outcome is "ok", EC2's error code, "canceled" or "error", as the metrics name it.
	Outcome  string
	Attempts int
	Took     time.Duration
}

// IsWrite reports whether the call changed, or tried to change, the account.
func (c Call) IsWrite() bool { return !isRead(c.Action) && !c.DryRun }

// CallParam is one parameter of a Call, as the EC2 API names it.
type CallParam struct{ Name, Value string }

// maxLoggedCalls bounds one log: a page that pages through thousands of VPCs keeps the first.
const maxLoggedCalls = 50

type callLogKey struct{}

// RecordCalls returns ctx carrying a new CallLog, which every EC2 call made with the returned
// context (or one derived from it) is added to.
func RecordCalls(ctx context.Context) (context.Context, *CallLog) {
	l := &CallLog{}
	return context.WithValue(ctx, callLogKey{}, l), l
}

// CallLogFrom returns the CallLog ctx carries, or nil.
func CallLogFrom(ctx context.Context) *CallLog {
	l, _ := ctx.Value(callLogKey{}).(*CallLog)
	return l
}

// Calls returns the calls logged so far, in the order they ended.
func (l *CallLog) Calls() []Call {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Call(nil), l.calls...)
}

// add logs one call; a nil log, or a full one, keeps nothing.
func (l *CallLog) add(c Call) {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.calls) < maxLoggedCalls {
		l.calls = append(l.calls, c)
	}
}

// callParams names what a call asked, from its SDK input: the ids, the route tables added and
// removed, the policy's size rather than its text, the tag keys and values.
func callParams(params any) []CallParam {
	var p paramList
	switch in := params.(type) {
	case *ec2.CreateVpcEndpointInput:
		p.bool("DryRun", in.DryRun)
		p.str("VpcId", in.VpcId)
		p.str("ServiceName", in.ServiceName)
		p.add("VpcEndpointType", string(in.VpcEndpointType))
		p.ids("RouteTableId", in.RouteTableIds)
		p.ids("SubnetId", in.SubnetIds)
		p.ids("SecurityGroupId", in.SecurityGroupIds)
		p.policy(in.PolicyDocument)
		p.bool("PrivateDnsEnabled", in.PrivateDnsEnabled)
		p.add("IpAddressType", string(in.IpAddressType))
		for _, spec := range in.TagSpecifications {
			p.tags("TagSpecification."+string(spec.ResourceType), spec.Tags)
		}
		p.str("ClientToken", in.ClientToken)
	case *ec2.ModifyVpcEndpointInput:
		p.bool("DryRun", in.DryRun)
		p.str("VpcEndpointId", in.VpcEndpointId)
		p.ids("AddRouteTableId", in.AddRouteTableIds)
		p.ids("RemoveRouteTableId", in.RemoveRouteTableIds)
		p.ids("AddSubnetId", in.AddSubnetIds)
		p.ids("RemoveSubnetId", in.RemoveSubnetIds)
		p.ids("AddSecurityGroupId", in.AddSecurityGroupIds)
		p.ids("RemoveSecurityGroupId", in.RemoveSecurityGroupIds)
		p.policy(in.PolicyDocument)
		p.bool("ResetPolicy", in.ResetPolicy)
		p.bool("PrivateDnsEnabled", in.PrivateDnsEnabled)
	case *ec2.DeleteVpcEndpointsInput:
		p.bool("DryRun", in.DryRun)
		p.ids("VpcEndpointId", in.VpcEndpointIds)
	case *ec2.CreateTagsInput:
		p.ids("ResourceId", in.Resources)
		p.tags("Tag", in.Tags)
	case *ec2.DeleteTagsInput:
		p.ids("ResourceId", in.Resources)
		p.tags("Tag", in.Tags)
	case *ec2.DescribeVpcEndpointsInput:
		p.ids("VpcEndpointId", in.VpcEndpointIds)
		p.filters(in.Filters)
		p.str("NextToken", in.NextToken)
	case *ec2.DescribeRouteTablesInput:
		p.ids("RouteTableId", in.RouteTableIds)
		p.filters(in.Filters)
		p.str("NextToken", in.NextToken)
	case *ec2.DescribeSubnetsInput:
		p.ids("SubnetId", in.SubnetIds)
		p.filters(in.Filters)
		p.str("NextToken", in.NextToken)
	case *ec2.DescribeVpcsInput:
		p.ids("VpcId", in.VpcIds)
		p.filters(in.Filters)
		p.str("NextToken", in.NextToken)
	case *ec2.DescribeVpcEndpointServicesInput:
		p.ids("ServiceName", in.ServiceNames)
		p.filters(in.Filters)
		p.str("NextToken", in.NextToken)
	case *ec2.DescribePrefixListsInput:
		p.ids("PrefixListId", in.PrefixListIds)
		p.filters(in.Filters)
	}
	return p
}

// paramList builds a Call's parameters, skipping those not set.
type paramList []CallParam

func (p *paramList) add(name, value string) {
	if value != "" {
		*p = append(*p, CallParam{Name: name, Value: value})
	}
}

func (p *paramList) str(name string, v *string) { p.add(name, aws.ToString(v)) }

func (p *paramList) bool(name string, v *bool) {
	if v != nil {
		p.add(name, strconv.FormatBool(*v))
	}
}

// ids lists the values of a list parameter as EC2's query protocol numbers them (RouteTableId.N).
func (p *paramList) ids(name string, ids []string) {
	if len(ids) > 0 {
		p.add(name+".N", strings.Join(ids, ", "))
	}
}

// policy gives the size of a policy document: its text is on the page the change came from.
func (p *paramList) policy(doc *string) {
	if doc != nil {
		p.add("PolicyDocument", fmt.Sprintf("(%d bytes of JSON)", len(*doc)))
	}
}

func (p *paramList) tags(name string, tags []types.Tag) {
	var kv []string
	for _, t := range tags {
		kv = append(kv, aws.ToString(t.Key)+"="+aws.ToString(t.Value))
	}
	if len(kv) > 0 {
		p.add(name, strings.Join(kv, ", "))
	}
}

func (p *paramList) filters(fs []types.Filter) {
	for _, f := range fs {
		p.add("Filter "+aws.ToString(f.Name), strings.Join(f.Values, ", "))
	}
}
