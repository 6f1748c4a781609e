// Package fakeec2 is an EC2-compatible HTTP endpoint (the EC2 Query protocol, API version
// 2016-11-15) holding a simulated AWS account, with its own state in each Region it serves, and,
// when asked, the member accounts of the AWS Organization it manages: each member has its own
// state in every Region too, and is reached as in real AWS, through STS AssumeRole (the STS Query
// protocol) after Organizations ListAccounts (JSON 1.1), both served on the same URL. It is what
// the console's demo mode and its tests talk to through the real aws-sdk-go-v2 clients, so it must
// behave like EC2 — the rules of VPC endpoints and their prefix-list routes included — rather
// than like a mock. It uses the standard library only and never imports the console's own
// packages: it is an independent implementation of the wire protocols.
package fakeec2

import (
	"context"
	"crypto/rand"
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	mathrand "math/rand/v2"
	"net"
	"net/http"
	"slices"
	"sync/atomic"
	"time"
)

// Options configure a Server. The zero value is a usable account in us-east-1 and us-west-2.
type Options struct {
	// Region is the default Region: the one an unsigned request is for, whose ids are the ones
	// the fake has always minted (default us-east-1, or the first of Regions).
	Region string
	// Regions are the Regions served, each with its own state (default Region and us-west-2).
	// A request signed for any other Region is refused as EC2 refuses a Region not enabled.
	Regions []string
	// AccountID names the simulated account (default 123456789012): the management account
	// when there are Members.
	AccountID string
	// Members are the member accounts of the organization the account manages; none: the
	// account is in no organization. New panics on an id that is not 12 digits or repeats one.
	Members []Member
	// Roles are the IAM role names in the simulated account itself that AssumeRole may use.
	Roles []string
	// Latency is added to every call (STS and Organizations too), to make a demo feel like a
	// real region.
	Latency time.Duration
	// FaultRate is the fraction of calls (0..1) answered with RequestLimitExceeded (Throttling
	// from STS, TooManyRequestsException from Organizations).
	FaultRate float64
	// Clock tells the time; interface endpoints move from pending to available by it.
	Clock func() time.Time
	// InterfaceEndpointDelay is how long an interface endpoint stays pending (default 20s).
	InterfaceEndpointDelay time.Duration
	// EndpointDeletingDelay is how long a deleted endpoint is described as deleting (default 5s),
	// and DeletedEndpointRetention how long it is then described as deleted before it is gone
	// (default 10m). See endpoint_lifecycle.go for why these defaults.
	EndpointDeletingDelay    time.Duration
	DeletedEndpointRetention time.Duration
}

// Server is the simulated EC2 endpoint. It is an http.Handler and safe for concurrent use.
type Server struct {
	opts Options
	// accounts holds each account's state in each served Region, by account id then Region.
	// Reset swaps in a fresh map whole, so a request works on the one account it found when it
	// started, and later ones on the new.
	accounts atomic.Pointer[map[string]map[string]*regionState]
	// sessions are the temporary credentials AssumeRole minted; they outlive Reset.
	sessions sessionStore
	// created is when the organization's accounts joined it, as ListAccounts tells.
	created time.Time
	// tokenKey signs ListAccounts' NextToken.
	tokenKey tokenKey
	// latency and faultRate (float64 bits) start from Options and can change while serving, so
	// a demo account can be seeded at full speed before it starts to feel like a real region.
	latency   atomic.Int64
	faultRate atomic.Uint64
}

// action answers one EC2 Action. It returns the output document or an *apiError.
type action func(p params) (result, error)

const (
	apiVersion = "2016-11-15"
	xmlns      = "http://ec2.amazonaws.com/doc/2016-11-15/"
	// maxRequestBody caps a request: the largest legitimate one is a 20 KiB policy plus tags.
	maxRequestBody = 1 << 20
)

// New returns a Server holding a fresh account in each served Region: the default VPC, the
// AWS-managed prefix lists and the endpoint service catalog, as a new EC2 account has them there.
func New(opts Options) *Server {
	opts = servedRegions(opts)
	if opts.AccountID == "" {
		opts.AccountID = "123456789012"
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	if opts.InterfaceEndpointDelay == 0 {
		opts.InterfaceEndpointDelay = 20 * time.Second
	}
	if opts.EndpointDeletingDelay == 0 {
		opts.EndpointDeletingDelay = defaultDeletingDelay
	}
	if opts.DeletedEndpointRetention == 0 {
		opts.DeletedEndpointRetention = defaultDeletedRetention
	}
	opts = completeMembers(opts)
	opts.Roles = slices.Clone(opts.Roles)
	s := &Server{opts: opts, created: opts.Clock().Truncate(time.Second)}
	s.tokenKey = newTokenKey()
	s.Reset()
	s.SetConditions(opts.Latency, opts.FaultRate)
	return s
}

// Reset replaces every account (members too) in every served Region with a fresh one, as New
// makes it, while the server keeps serving on the same URL: a client or an AWS CLI pointed at it
// keeps working and sees the new account from its next call, with the temporary credentials it
// already holds too. Requests already in flight finish on the old account. The fresh account
// mints the same ids as the first one did, so seeding it again with the same calls gives the
// same ids.
func (s *Server) Reset() {
	accounts := make(map[string]map[string]*regionState, 1+len(s.opts.Members))
	for _, id := range s.accountIDs() {
		regions := make(map[string]*regionState, len(s.opts.Regions))
		for _, region := range s.opts.Regions {
			a := newAccount(s.opts, id, region)
			regions[region] = &regionState{account: a, actions: s.routes(a)}
		}
		accounts[id] = regions
	}
	s.accounts.Store(&accounts)
}

// serves reports whether the Region is one the server serves.
func (s *Server) serves(name string) bool { return slices.Contains(s.opts.Regions, name) }

// region returns the simulated (management) account's state in a served Region.
func (s *Server) region(name string) (*regionState, bool) {
	return s.regionOfAccount(s.opts.AccountID, name)
}

// regionOfAccount returns an account's state in a served Region.
func (s *Server) regionOfAccount(accountID, name string) (*regionState, bool) {
	st, ok := (*s.accounts.Load())[accountID][name]
	return st, ok
}

// SetConditions changes the latency added to every call and the fraction of calls answered
// with RequestLimitExceeded.
func (s *Server) SetConditions(latency time.Duration, faultRate float64) {
	s.latency.Store(int64(latency))
	s.faultRate.Store(math.Float64bits(faultRate))
}

// Start serves s on addr (for example "127.0.0.1:0") until ctx is done. It returns the
// endpoint URL to give the SDK or the AWS CLI.
func (s *Server) Start(ctx context.Context, addr string) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("listen for the demo EC2 endpoint on %s: %w", addr, err)
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	go func() {
		<-ctx.Done()
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdownCtx)
	}()
	return "http://" + ln.Addr().String(), nil
}

// ServeHTTP answers one request: to EC2, or to STS or Organizations (see service.go).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	requestID := newRequestID()
	w.Header().Set("x-amzn-RequestId", requestID)
	if header := browserHeader(r.Header); header != "" {
		writeError(w, requestID, errBrowserRequest(header))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxRequestBody)
	service, err := serviceOf(r)
	switch {
	case err != nil:
		writeError(w, requestID, errMalformedQuery(err))
	case service == serviceOrganizations:
		s.serveOrganizations(w, r)
	case service == serviceSTS:
		s.serveSTS(w, r, requestID)
	default:
		s.serveEC2(w, r, requestID)
	}
}

// serveEC2 answers one EC2 Query request, in the account and Region it is signed for.
func (s *Server) serveEC2(w http.ResponseWriter, r *http.Request, requestID string) {
	// EC2 checks the credentials, Region included, before it reads the request.
	who, known := s.callerOf(r)
	region, served := s.regionOfAccount(who.account, s.regionOf(r))
	if !known || !served {
		writeError(w, requestID, errRegionNotServed)
		return
	}
	if err := r.ParseForm(); err != nil {
		writeError(w, requestID, errMalformedQuery(err))
		return
	}
	if !s.delay(r) {
		return
	}
	name := r.Form.Get("Action")
	if name == "" {
		writeError(w, requestID, &apiError{Status: 400, Code: "MissingAction", Message: "The request must contain the parameter Action."})
		return
	}
	act, ok := region.actions[name]
	if !ok {
		writeError(w, requestID, &apiError{Status: 400, Code: "InvalidAction", Message: fmt.Sprintf("The action %s is not valid for this web service.", name)})
		return
	}
	if s.fault() {
		writeError(w, requestID, &apiError{Status: 503, Code: "RequestLimitExceeded", Message: "Request limit exceeded."})
		return
	}
	res, err := act(params{values: r.Form})
	if err != nil {
		var apiErr *apiError
		if !errors.As(err, &apiErr) {
			apiErr = &apiError{Status: 500, Code: "InternalError", Message: "An internal error has occurred."}
		}
		writeError(w, requestID, apiErr)
		return
	}
	res.setRequestID(requestID)
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	w.WriteHeader(http.StatusOK)
	w.Write([]byte(xml.Header))
	enc := xml.NewEncoder(w)
	start := xml.StartElement{
		Name: xml.Name{Local: name + "Response"},
		Attr: []xml.Attr{{Name: xml.Name{Local: "xmlns"}, Value: xmlns}},
	}
	enc.EncodeElement(res, start)
	enc.Close()
}

// delay waits the latency the conditions add to every call. It reports false when the caller
// has gone meanwhile, and then nothing is to be answered.
func (s *Server) delay(r *http.Request) bool {
	latency := time.Duration(s.latency.Load())
	if latency <= 0 {
		return true
	}
	select {
	case <-time.After(latency):
		return true
	case <-r.Context().Done():
		return false
	}
}

// fault draws whether this call is one the conditions' fault rate answers with throttling.
func (s *Server) fault() bool {
	rate := math.Float64frombits(s.faultRate.Load())
	return rate > 0 && mathrand.Float64() < rate
}

// result is an output document; every one embeds responseMeta.
type result interface{ setRequestID(string) }

// responseMeta is the requestId element that opens every EC2 response.
type responseMeta struct {
	RequestID string `xml:"requestId"`
}

func (m *responseMeta) setRequestID(id string) { m.RequestID = id }

// returnResult is the output of actions that answer only <return>true</return>.
type returnResult struct {
	responseMeta
	Return bool `xml:"return"`
}

func newRequestID() string {
	var b [16]byte
	rand.Read(b[:])
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
