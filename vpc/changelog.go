package vpc

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/smithy-go/middleware"
)

// recordChange is the changeRecorder middleware: every write that is not a dry run, whatever
// its outcome, becomes one "change" line at Info, saying who did what to which resources, EC2's
// request id (to find the call in CloudTrail), the outcome and how long it took.
func (l *callLayer) recordChange(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
	action := awsmiddleware.GetOperationName(ctx)
	if isRead(action) || isDryRun(in.Parameters) {
		return next.HandleInitialize(ctx, in)
	}
	start := time.Now()
	out, md, err := next.HandleInitialize(ctx, in)
	took := time.Since(start)

	person, _ := PersonFrom(ctx)
	attrs := []slog.Attr{
		slog.String("who", person.NameOrAnonymous()),
		slog.String("action", action),
	}
	if l.account != "" {
		attrs = append(attrs, slog.String("account", l.account))
	}
	attrs = append(attrs, slog.String("region", l.region))
	attrs = append(attrs, changedResources(in.Parameters, out.Result)...)
	attrs = append(attrs,
		slog.String("ec2_request_id", requestID(md, err)),
		slog.String("outcome", outcomeOf(err)),
		slog.Duration("duration", took),
	)
	l.log.LogAttrs(ctx, slog.LevelInfo, "change", attrs...)
	return out, md, err
}

// changedResources names what a write concerns, from its input (and, for a create, the id EC2
// gave the new endpoint, when it answered).
func changedResources(params, result any) []slog.Attr {
	switch in := params.(type) {
	case *ec2.CreateVpcEndpointInput:
		var created []string
		if out, ok := result.(*ec2.CreateVpcEndpointOutput); ok && out != nil && out.VpcEndpoint != nil && out.VpcEndpoint.VpcEndpointId != nil {
			created = []string{*out.VpcEndpoint.VpcEndpointId}
		}
		return []slog.Attr{idList("endpoint_ids", created), idList("route_table_ids", in.RouteTableIds)}
	case *ec2.ModifyVpcEndpointInput:
		return []slog.Attr{
			idList("endpoint_ids", []string{aws.ToString(in.VpcEndpointId)}),
			idList("add_route_table_ids", in.AddRouteTableIds),
			idList("remove_route_table_ids", in.RemoveRouteTableIds),
		}
	case *ec2.DeleteVpcEndpointsInput:
		attrs := []slog.Attr{idList("endpoint_ids", in.VpcEndpointIds)}
		// EC2 answers per endpoint; those it kept are not deleted even though the call is "ok".
		if out, ok := result.(*ec2.DeleteVpcEndpointsOutput); ok && out != nil && len(out.Unsuccessful) > 0 {
			var kept []string
			for _, item := range out.Unsuccessful {
				kept = append(kept, aws.ToString(item.ResourceId))
			}
			attrs = append(attrs, idList("unsuccessful_endpoint_ids", kept))
		}
		return attrs
	case *ec2.CreateTagsInput:
		return []slog.Attr{idList("resources", in.Resources)}
	case *ec2.DeleteTagsInput:
		return []slog.Attr{idList("resources", in.Resources)}
	}
	return nil
}

// idList is a list attribute that reads [] rather than null when empty.
func idList(key string, ids []string) slog.Attr {
	if ids == nil {
		ids = []string{}
	}
	return slog.Any(key, ids)
}

// requestID returns EC2's id for the call: from the answer, or from the error when it failed.
func requestID(md middleware.Metadata, err error) string {
	if id, ok := awsmiddleware.GetRequestIDMetadata(md); ok && id != "" {
		return id
	}
	if respErr, ok := errors.AsType[*awshttp.ResponseError](err); ok {
		return respErr.ServiceRequestID()
	}
	return ""
}
