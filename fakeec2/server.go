// Package fakeec2 is an EC2-compatible HTTP endpoint (the EC2 Query protocol, API version
// 2016-11-15) holding one simulated AWS account, with its own state in each Region it serves. It
// is what the console's demo mode and its tests talk to through the real aws-sdk-go-v2 client, so
// it must behave like EC2 — the rules of VPC endpoints and their prefix-list routes included —
// rather than like a mock. It uses the standard library only and never imports the console's own
// packages: it is an independent implementation of the wire protocol.
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
	// AccountID names the simulated account (default 123456789012).
	AccountID string
	// Latency is added to every call, to make a demo feel like a real region.
	Latency time.Duration
	// FaultRate is the fraction of calls (0..1) answered with RequestLimitExceeded.
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
	// regions holds each served Region's state. Reset swaps in a fresh map whole, so a request
	// works on the one account it found when it started, and later ones on the new.
	regions atomic.Pointer[map[string]*regionState]
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
	s := &Server{opts: opts}
	s.Reset()
	s.SetConditions(opts.Latency, opts.FaultRate)
	return s
}

// Reset replaces the account in every served Region with a fresh one, as New makes it, while the
// server keeps serving on the same URL: a client or an AWS CLI pointed at it keeps working and
// sees the new account from its next call. Requests already in flight finish on the old account.
// The fresh account mints the same ids as the first one did, so seeding it again with the same
// calls gives the same ids.
func (s *Server) Reset() {
	regions := make(map[string]*regionState, len(s.opts.Regions))
	for _, region := range s.opts.Regions {
		a := newAccount(s.opts, region)
		regions[region] = &regionState{account: a, actions: s.routes(a)}
	}
	s.regions.Store(&regions)
}

// serves reports whether the Region is one the server serves.
func (s *Server) serves(name string) bool { return slices.Contains(s.opts.Regions, name) }

// region returns the state of a served Region.
func (s *Server) region(name string) (*regionState, bool) {
	st, ok := (*s.regions.Load())[name]
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

// ServeHTTP answers one EC2 Query request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	requestID := newRequestID()
	w.Header().Set("x-amzn-RequestId", requestID)
	if header := browserHeader(r.Header); header != "" {
		writeError(w, requestID, errBrowserRequest(header))
		return
	}
	// EC2 checks the credentials, Region included, before it reads the request.
	region, served := s.region(s.regionOf(r))
	if !served {
		writeError(w, requestID, errRegionNotServed)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxRequestBody)
	if err := r.ParseForm(); err != nil {
		writeError(w, requestID, errMalformedQuery(err))
		return
	}
	if latency := time.Duration(s.latency.Load()); latency > 0 {
		select {
		case <-time.After(latency):
		case <-r.Context().Done():
			return
		}
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
	if rate := math.Float64frombits(s.faultRate.Load()); rate > 0 && mathrand.Float64() < rate {
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
