package vpc

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
)

// attemptTally counts the attempts of one operation: callObserver puts it in the context,
// attemptCounter, which runs once per attempt inside the SDK's Retry middleware, adds to it.
type attemptTally struct {
	attempts  atomic.Int32
	throttles atomic.Int32
}

type attemptTallyKey struct{}

// observeCall is the callObserver middleware: it reports each operation once, after the SDK's
// retries, to the Observer and to the CallLog of the request that made it, when there are.
func (l *callLayer) observeCall(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
	calls := CallLogFrom(ctx)
	if l.observer == nil && calls == nil {
		return next.HandleInitialize(ctx, in)
	}
	tally := &attemptTally{}
	start := time.Now()
	out, md, err := next.HandleInitialize(context.WithValue(ctx, attemptTallyKey{}, tally), in)
	took, action, outcome := time.Since(start), awsmiddleware.GetOperationName(ctx), outcomeOf(err)
	if l.observer != nil {
		l.observer.EC2Call(action, outcome, int(tally.attempts.Load()), int(tally.throttles.Load()), took)
	}
	calls.add(Call{Action: action, DryRun: isDryRun(in.Parameters), Params: callParams(in.Parameters), RequestID: requestID(md, err),
		Outcome: outcome, Attempts: int(tally.attempts.Load()), Took: took})
	return out, md, err
}

// throttleCheck is how the SDK's standard retryer recognises a throttled attempt.
var throttleCheck = retry.IsErrorThrottles(retry.DefaultThrottles)

// countAttempt is the attemptCounter middleware.
func countAttempt(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
	out, md, err := next.HandleFinalize(ctx, in)
	if tally, ok := ctx.Value(attemptTallyKey{}).(*attemptTally); ok {
		tally.attempts.Add(1)
		if err != nil && throttleCheck.IsErrorThrottle(err) == aws.TrueTernary {
			tally.throttles.Add(1)
		}
	}
	return out, md, err
}

// outcomeOf names how an operation ended: "ok", EC2's error code, "canceled" when its context
// ended first, or "error" when EC2 gave no answer (network, endpoint).
func outcomeOf(err error) string {
	if err == nil {
		return "ok"
	}
	if apiErr, ok := errors.AsType[smithy.APIError](err); ok && apiErr.ErrorCode() != "" {
		return apiErr.ErrorCode()
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return "canceled"
	}
	return "error"
}
