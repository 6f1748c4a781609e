package vpc

import (
	"log/slog"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/smithy-go/middleware"
)

// DefaultCacheTTL is how long the console keeps its EC2 reads unless told otherwise (-cache-ttl):
// long enough that the pages one person opens in a row, and everyone's at once, share them; short
// enough that a change made outside the console shows within a refresh.
const DefaultCacheTTL = 5 * time.Second

// Options tune a Service beyond its client. The zero value is New's behaviour: no cache, though
// identical reads in flight at once are still made once.
type Options struct {
	// CacheTTL is how long a Describe/Get read is kept; 0 keeps nothing (reads in flight are
	// still shared).
	CacheTTL time.Duration
	// Observer is told of every EC2 call and cache lookup; nil for none.
	Observer Observer
	// Log is where change records go (one line per write); nil discards them.
	Log *slog.Logger
	// AccountID names the account the Service's calls act on, in its change records; "" leaves
	// it out (a console of one account).
	AccountID string
}

// Observer is told what the Service asks of EC2, for metrics. It speaks in basic types only, so
// that packages which may not import vpc can implement it. Its methods are called concurrently.
type Observer interface {
	// EC2Call is told once per operation (after the SDK's retries): its Action, its outcome ("ok",
	// the EC2 error code, "canceled" when the context ended, or "error" when EC2 gave no answer),
	// how many attempts it took, how many of those were throttled (RequestLimitExceeded,
	// Throttling…), and how long it took in all. Reads answered by the cache are not EC2 calls.
	EC2Call(action, outcome string, attempts, throttles int, took time.Duration)
	// CacheLookup is told of each cacheable read: whether it was answered from the cache (a read
	// that joined an identical one in flight counts as answered from the cache). A miss is a read
	// that went to EC2, even when its caller stopped waiting for it.
	CacheLookup(action string, hit bool)
}

// NewWithOptions returns a Service calling EC2 through a copy of client that shares identical
// reads, keeps them for opts.CacheTTL, drops them when a write changes what they read, reports
// to opts.Observer and records changes in opts.Log. client itself is left as it was, so other
// users of it (the demo seeding) are not affected.
func NewWithOptions(client *ec2.Client, region string, opts Options) *Service {
	layer := newCallLayer(opts, region)
	wrapped := ec2.New(client.Options(), func(o *ec2.Options) {
		o.APIOptions = append(o.APIOptions, layer.install)
	})
	return &Service{ec2: wrapped, region: region, calls: layer}
}

// callLayer is the Service's middleware on the SDK: every operation the Service makes passes
// through it. Its parts, outermost first, in the Initialize step after the SDK's own:
//
//   - changeRecorder writes the change record of each write;
//   - readSharer answers reads from the cache or from an identical read in flight, and drops
//     cached reads after each write;
//   - callObserver reports the operation to the Observer and to the request's CallLog, with
//     the attempts that attemptCounter (Finalize step, inside the SDK's Retry) counted.
//
// The observer sits inside the sharer so that it reports EC2 calls, not cache answers.
type callLayer struct {
	cache    *readCache
	observer Observer
	log      *slog.Logger
	// account and region are where the Service's writes land, for their change records.
	account, region string
}

func newCallLayer(opts Options, region string) *callLayer {
	return &callLayer{cache: newReadCache(opts.CacheTTL, opts.Observer), observer: opts.Observer, log: opts.Log,
		account: opts.AccountID, region: region}
}

// install adds the layer to one operation's stack; it runs after the operation's own middleware
// is in place (APIOptions are applied last), so the SDK's Retry middleware is there to insert after.
func (l *callLayer) install(stack *middleware.Stack) error {
	if l.log != nil {
		if err := stack.Initialize.Add(middleware.InitializeMiddlewareFunc("vpc.changeRecorder", l.recordChange), middleware.After); err != nil {
			return err
		}
	}
	if err := stack.Initialize.Add(middleware.InitializeMiddlewareFunc("vpc.readSharer", l.cache.handle), middleware.After); err != nil {
		return err
	}
	if err := stack.Initialize.Add(middleware.InitializeMiddlewareFunc("vpc.callObserver", l.observeCall), middleware.After); err != nil {
		return err
	}
	return stack.Finalize.Insert(middleware.FinalizeMiddlewareFunc("vpc.attemptCounter", countAttempt), "Retry", middleware.After)
}
