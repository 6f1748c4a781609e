package web

import (
	"bytes"
	"cmp"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"endpointconsole/fakeec2"
)

// ec2Recorder stands between the console and the fake EC2, in one place for every test, because
// the console's promises about EC2 are checked there: how many calls a page makes (counted by
// Action, first attempts apart from the SDK's retries) and how the console behaves when EC2 is
// not the obliging fake (a page size EC2 picks by itself, an IAM policy or a quota refusing an
// action, throttling). The demo seeding and the test's own SDK clients (console.demo.URL) go
// around it; console.demo.Service is the console's own and goes through it.
type ec2Recorder struct {
	next http.Handler

	mu      sync.Mutex
	counted ec2Calls
	// pageSize, when set, is the MaxResults given to a paginated request that names none.
	pageSize int
	// allow, when not nil, is every action permitted; others are refused as IAM refuses them.
	allow map[string]bool
	// refusals are the actions refused with an error of the test's choosing.
	refusals map[string]ec2Refusal
	// throttling answers each call's first attempt RequestLimitExceeded.
	throttling bool
	refused    []string
	// answered, when set, is told of each call once the backend has answered it and before the
	// console gets the answer, so that a test can hold the answer there.
	answered func(action string, dryRun bool)
}

// ec2Calls are the requests of a stretch of time, by Action.
type ec2Calls struct {
	// calls counts first attempts: one per call the console made.
	calls map[string]int
	// retries counts the SDK's further attempts of a call (amz-sdk-request: attempt=2…). On
	// loopback under load the SDK now and then retries a read that net/http cut short
	// (net.ErrClosed, aws/aws-sdk-go-v2#2737, retried by design since #2949); that repeats a
	// call, it does not make a new one.
	retries map[string]int
	// pages is the MaxResults each call asked for ("" for none).
	pages map[string][]string
}

func newEC2Calls() ec2Calls {
	return ec2Calls{calls: map[string]int{}, retries: map[string]int{}, pages: map[string][]string{}}
}

func (c ec2Calls) total() int {
	n := 0
	for _, v := range c.calls {
		n += v
	}
	return n
}

// ec2Refusal is an EC2 error the recorder answers instead of the backend.
type ec2Refusal struct {
	status  int
	code    string
	message string
	// dryRuns refuses the action's dry runs too; otherwise they reach the backend.
	dryRuns bool
	// region, when set, refuses only the calls signed for that Region.
	region string
}

// paginatedActions are the Describe calls that take MaxResults and NextToken.
var paginatedActions = map[string]bool{
	"DescribeVpcs": true, "DescribeSubnets": true, "DescribeRouteTables": true, "DescribeInternetGateways": true,
	"DescribeNatGateways": true, "DescribeVpcEndpoints": true, "DescribePrefixLists": true,
	"DescribeSecurityGroups": true, "DescribeVpcEndpointServices": true, "GetManagedPrefixListEntries": true,
}

func newEC2Recorder(next http.Handler) *ec2Recorder {
	return &ec2Recorder{next: next, counted: newEC2Calls(), refusals: map[string]ec2Refusal{}}
}

func (rec *ec2Recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	form, _ := url.ParseQuery(string(body))
	action := cmp.Or(form.Get("Action"), r.URL.Query().Get("Action"))
	dryRun := form.Get("DryRun") == "true"
	attempt := r.Header.Get("Amz-Sdk-Request")
	firstAttempt := attempt == "" || strings.HasPrefix(attempt, "attempt=1;")

	rec.mu.Lock()
	if firstAttempt {
		rec.counted.calls[action]++
	} else {
		rec.counted.retries[action]++
	}
	if rec.throttling && firstAttempt {
		rec.mu.Unlock()
		fakeec2.WriteError(w, http.StatusServiceUnavailable, "RequestLimitExceeded", "Request limit exceeded.")
		return
	}
	if refusal, refused := rec.refusal(action, dryRun, fakeec2.SignedRegion(r)); refused {
		rec.refused = append(rec.refused, action)
		rec.mu.Unlock()
		fakeec2.WriteError(w, refusal.status, refusal.code, refusal.message)
		return
	}
	if rec.pageSize > 0 && paginatedActions[action] && form.Get("MaxResults") == "" {
		form.Set("MaxResults", strconv.Itoa(rec.pageSize))
		body = []byte(form.Encode())
	}
	rec.counted.pages[action] = append(rec.counted.pages[action], form.Get("MaxResults"))
	answered := rec.answered
	rec.mu.Unlock()

	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	if answered == nil {
		rec.next.ServeHTTP(w, r)
		return
	}
	answer := httptest.NewRecorder()
	rec.next.ServeHTTP(answer, r)
	answered(action, dryRun)
	for k, v := range answer.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(answer.Code)
	w.Write(answer.Body.Bytes())
}

// refusal is the error that refuses action, if any; rec.mu is held.
func (rec *ec2Recorder) refusal(action string, dryRun bool, region string) (ec2Refusal, bool) {
	if rec.allow != nil && !rec.allow[action] {
		return ec2Refusal{status: http.StatusForbidden, code: "UnauthorizedOperation",
			message: "You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/auditor " +
				"is not authorized to perform: ec2:" + action}, true
	}
	r, ok := rec.refusals[action]
	if !ok || (dryRun && !r.dryRuns) || (r.region != "" && r.region != region) {
		return ec2Refusal{}, false
	}
	return r, true
}

// take returns the requests counted since the last take, and starts counting afresh.
func (rec *ec2Recorder) take() ec2Calls {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	out := rec.counted
	rec.counted = newEC2Calls()
	return out
}

// during returns the calls (first attempts) that f makes, by Action.
func (rec *ec2Recorder) during(f func()) map[string]int {
	rec.take()
	f()
	return rec.take().calls
}

// setPageSize plays an EC2 that pages its answers by itself: n items a page (0 for the fake's
// own paging).
func (rec *ec2Recorder) setPageSize(n int) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.pageSize = n
}

// allowOnly plays an IAM policy permitting only actions: the others are refused with
// UnauthorizedOperation, as EC2 refuses them.
func (rec *ec2Recorder) allowOnly(actions map[string]bool) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.allow = actions
}

// refuse answers every call of action with r instead of the backend, until stopRefusing.
func (rec *ec2Recorder) refuse(action string, r ec2Refusal) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.refusals[action] = r
}

// stopRefusing lets the calls of action through again.
func (rec *ec2Recorder) stopRefusing(action string) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	delete(rec.refusals, action)
}

// throttleFirstAttempts, while on, answers each call's first attempt RequestLimitExceeded, as EC2
// does under load: the SDK retries, and the second attempt is answered.
func (rec *ec2Recorder) throttleFirstAttempts(on bool) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.throttling = on
}

// onAnswered calls f with each call once the backend has answered it, before the console gets the
// answer.
func (rec *ec2Recorder) onAnswered(f func(action string, dryRun bool)) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.answered = f
}

// refusedActions are the calls refused so far, in order.
func (rec *ec2Recorder) refusedActions() []string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]string(nil), rec.refused...)
}
