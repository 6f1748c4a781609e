package vpc

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// Service is the gateway to EC2: every read and write the console makes goes
// through its methods, which speak in this package's types and errors.
//
// Reads follow pagination to the end and make a fixed number of calls
// whatever the number of rows (no call per row); calls that do not depend on
// each other run concurrently. Lists come back sorted by Name tag, then ID,
// with unnamed resources after named ones, so pages and tests see a stable
// order whatever order EC2 used.
//
// Every call passes through the layer NewWithOptions installs on the Service's
// own copy of the client: identical reads in flight are made once, reads may be
// kept for a while, writes drop what they changed, and each write is recorded.
type Service struct {
	ec2    *ec2.Client
	region string
	// pageSize is the MaxResults sent on paginated calls; 0 lets EC2 choose.
	// Tests lower it so that pagination is exercised on small accounts.
	pageSize int32
	// calls is the middleware every call through ec2 passes (see NewWithOptions).
	calls *callLayer
	// derived holds the values Shared computes from reads, by key (*derived).
	derived sync.Map
	// dryRun is whether the backend honours DryRun, once asked (HonoursDryRun).
	dryRun dryRunSupport
	// pages remembers the NextToken that starts each page of the lists read a page at a time.
	pages pageTokens
}

// New returns a Service calling EC2 through client; region is the client's
// Region, used to name Region-specific services (com.amazonaws.<region>.s3).
// It is NewWithOptions with the zero Options: nothing is cached, but identical
// reads in flight at once are made once.
func New(client *ec2.Client, region string) *Service {
	return NewWithOptions(client, region, Options{})
}

// Region returns the Region the service calls.
func (s *Service) Region() string { return s.region }

// maxResults returns the page size to send, or nil to let EC2 choose.
func (s *Service) maxResults() *int32 {
	if s.pageSize <= 0 {
		return nil
	}
	n := s.pageSize
	return &n
}

// SortByNameThenID sorts named items first, by name, then unnamed ones, by ID: the order of
// every list the console shows.
func SortByNameThenID[T any](items []T, key func(T) (name, id string)) {
	slices.SortStableFunc(items, func(a, b T) int {
		an, aid := key(a)
		bn, bid := key(b)
		return cmp.Or(
			cmp.Compare(boolRank(an == ""), boolRank(bn == "")),
			strings.Compare(an, bn),
			strings.Compare(aid, bid),
		)
	})
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ForgetReads drops every read the service keeps, and the values Shared made from them, as a
// write that may have changed anything does: the next page reads EC2 again, and a list page
// walks from the first (the pages' NextTokens are forgotten too). The demo calls it
// after rebuilding its account behind the service's back.
func (s *Service) ForgetReads() {
	s.calls.cache.dropAll()
	s.pages.forgetAll()
}
