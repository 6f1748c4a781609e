package vpc_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"endpointconsole/ec2test"
	"endpointconsole/fakeec2"
	"endpointconsole/vpc/seed"
)

// The helpers of the tests of NewWithOptions: the demo account served by fakeec2 behind ec2Wire,
// which sees every request the SDK sends.

// wiredDemo is a seeded demo account whose EC2 requests pass through wire.
type wiredDemo struct {
	fake   *fakeec2.Server
	wire   *ec2Wire
	client *ec2.Client
	acct   seed.Account
}

func startWiredDemo(t *testing.T) wiredDemo {
	t.Helper()
	fake := fakeec2.New(fakeec2.Options{})
	wire := &ec2Wire{next: fake, counts: map[string]int{}, requestIDs: map[string]string{}}
	srv := httptest.NewServer(wire)
	t.Cleanup(srv.Close)
	client := ec2test.Client(t, srv.URL)
	acct, err := seed.Tutorial(context.Background(), client, seed.Options{})
	if err != nil {
		t.Fatalf("seed the demo account: %v", err)
	}
	wire.take()
	return wiredDemo{fake: fake, wire: wire, client: client, acct: acct}
}

// ec2Wire counts the calls the fake answers and can throttle or hold them.
type ec2Wire struct {
	next http.Handler

	mu sync.Mutex
	// counts are first attempts by Action: over loopback the SDK now and then retries a read
	// whose connection closed mid-answer (aws/aws-sdk-go-v2#2737), which is not a second call.
	counts map[string]int
	// requestIDs are the last x-amzn-RequestId answered, by Action.
	requestIDs map[string]string
	// throttleFirst answers every call's first attempt with 503 RequestLimitExceeded.
	throttleFirst bool
	// hold names the Action whose next request, once the fake has answered it, waits until
	// release is closed before the answer goes back; arrived is closed when it comes. The
	// answer that goes back is then as old as the moment it was made.
	hold    string
	arrived chan struct{}
	release chan struct{}
}

func (w *ec2Wire) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(rw, err.Error(), http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	form, _ := url.ParseQuery(string(body))
	action := form.Get("Action")
	attempt := r.Header.Get("Amz-Sdk-Request")
	first := attempt == "" || strings.HasPrefix(attempt, "attempt=1;")

	w.mu.Lock()
	if first {
		w.counts[action]++
	}
	throttle := w.throttleFirst && first
	var arrived, wait chan struct{}
	if w.hold == action {
		w.hold = ""
		arrived, wait = w.arrived, w.release
	}
	w.mu.Unlock()

	if throttle {
		rw.Header().Set("Content-Type", "text/xml;charset=UTF-8")
		rw.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprint(rw, `<?xml version="1.0" encoding="UTF-8"?>`+
			`<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors>`+
			`<RequestID>throttled</RequestID></Response>`)
		return
	}
	answer := httptest.NewRecorder()
	w.next.ServeHTTP(answer, r)
	w.mu.Lock()
	w.requestIDs[action] = answer.Header().Get("x-amzn-RequestId")
	w.mu.Unlock()
	if wait != nil {
		// Only now is the answer made: a write that starts after arrived is newer than it.
		close(arrived)
		<-wait
	}
	maps.Copy(rw.Header(), answer.Header())
	rw.WriteHeader(answer.Code)
	rw.Write(answer.Body.Bytes())
}

// take returns the first attempts counted so far and starts again from zero.
func (w *ec2Wire) take() map[string]int {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := w.counts
	w.counts = map[string]int{}
	return out
}

func (w *ec2Wire) lastRequestID(action string) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.requestIDs[action]
}

func (w *ec2Wire) setThrottleFirst(on bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.throttleFirst = on
}

// holdNext holds the answer to the next request for action at the wire: arrived is closed when
// the fake has answered, and the answer goes back when release is called.
func (w *ec2Wire) holdNext(action string) (arrived <-chan struct{}, release func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.hold = action
	w.arrived = make(chan struct{})
	w.release = make(chan struct{})
	return w.arrived, sync.OnceFunc(func() { close(w.release) })
}

// recordingObserver keeps what a Service tells its Observer.
type recordingObserver struct {
	mu      sync.Mutex
	calls   []observedCall
	lookups map[string][2]int // by action: misses, hits
}

type observedCall struct {
	action, outcome     string
	attempts, throttles int
	took                time.Duration
}

func newRecordingObserver() *recordingObserver {
	return &recordingObserver{lookups: map[string][2]int{}}
}

func (o *recordingObserver) EC2Call(action, outcome string, attempts, throttles int, took time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.calls = append(o.calls, observedCall{action, outcome, attempts, throttles, took})
}

func (o *recordingObserver) CacheLookup(action string, hit bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	n := o.lookups[action]
	if hit {
		n[1]++
	} else {
		n[0]++
	}
	o.lookups[action] = n
}

// takeCalls returns the calls observed so far and forgets them.
func (o *recordingObserver) takeCalls() []observedCall {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := o.calls
	o.calls = nil
	return out
}

// takeLookups returns the lookups so far, by action, as {misses, hits}, and forgets them.
func (o *recordingObserver) takeLookups() map[string][2]int {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := o.lookups
	o.lookups = map[string][2]int{}
	return out
}

// steppingClock is a clock that tests move by hand.
type steppingClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *steppingClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *steppingClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
