package fakeec2

import (
	"net/http"
	"regexp"
	"slices"
)

// Regions. EC2 is a regional service: each Region has its own endpoint, and an account's VPCs,
// ids, client tokens and endpoints in one Region are invisible from another. The fake serves
// several Regions behind one URL, so it reads the Region a request is meant for from what every
// AWS client already sends: the credential scope of its SigV4 signature
// (Credential=AKID/20261201/us-west-2/ec2/aws4_request), the same Region the client would have
// put in the host name ec2.us-west-2.amazonaws.com without --endpoint-url.

// secondRegion is served with Options.Region unless Options.Regions says otherwise, so that a
// console showing more than one Region has something to show.
const secondRegion = "us-west-2"

// regionState is one served Region: its own account and the action table bound to it.
type regionState struct {
	account *account
	actions map[string]action
}

// servedRegions completes opts: Region (the default, for unsigned requests) defaults to the first
// of Regions or us-east-1, Regions to Region plus us-west-2, and Region is always served.
func servedRegions(opts Options) Options {
	if opts.Region == "" {
		opts.Region = "us-east-1"
		if len(opts.Regions) > 0 {
			opts.Region = opts.Regions[0]
		}
	}
	regions := opts.Regions
	if len(regions) == 0 {
		regions = []string{opts.Region, secondRegion}
	}
	var out []string
	if !slices.Contains(regions, opts.Region) {
		out = append(out, opts.Region)
	}
	for _, r := range regions {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	opts.Regions = out
	return opts
}

// credentialScope reads a SigV4 credential: AKID/date/region/service/aws4_request.
var credentialScope = regexp.MustCompile(`Credential=([^/,\s]+)/\d{8}/([^/,\s]+)/([^/,\s]+)/aws4_request`)

// credential is what a request's SigV4 credential scope names. The fake checks no signatures
// (curl sends none), but it reads the scope as AWS does to route the request: which access key,
// which Region, which service.
type credential struct {
	accessKeyID, region, service string
	// sessionToken is X-Amz-Security-Token, sent with temporary credentials.
	sessionToken string
}

// credentialOf reads the credential a request is signed with: from the Authorization header, or
// from X-Amz-Credential for a presigned URL. ok is false for an unsigned request.
func credentialOf(r *http.Request) (c credential, ok bool) {
	m := credentialScope.FindStringSubmatch(r.Header.Get("Authorization"))
	token := r.Header.Get("X-Amz-Security-Token")
	if m == nil {
		query := r.URL.Query()
		m = credentialScope.FindStringSubmatch("Credential=" + query.Get("X-Amz-Credential"))
		token = query.Get("X-Amz-Security-Token")
	}
	if m == nil {
		return credential{}, false
	}
	return credential{accessKeyID: m[1], region: m[2], service: m[3], sessionToken: token}, true
}

// SignedRegion returns the Region a request is signed for (its SigV4 credential scope, in the
// Authorization header or a presigned URL), or "" for an unsigned request: what the fake routes
// by, for a proxy in front of it that acts on one Region's calls.
func SignedRegion(r *http.Request) string {
	c, _ := credentialOf(r)
	return c.region
}

// regionOf returns the Region a request is signed for. An unsigned request is for the default
// Region.
func (s *Server) regionOf(r *http.Request) string {
	if c, ok := credentialOf(r); ok {
		return c.region
	}
	return s.opts.Region
}

// errRegionNotServed is EC2's answer for a Region that is not enabled for the account: the call
// reaches a real EC2 endpoint, which refuses the credentials, not the Region, with HTTP 401
// AuthFailure. Sources: turbot/steampipe-plugin-aws#75 ("the same error message as is shown in
// the CLI when the region is not opted in", status code 401); fog/fog-aws#585 (af-south-1 not
// enabled: "AuthFailure => AWS was not able to validate the provided access credentials", the
// same through the AWS SDK); redhat-cop/agnosticd#3762 (DescribeKeyPairs in ap-east-1, disabled
// by default). A Region that does not exist at all has no endpoint: the client fails to resolve
// ec2.<region>.amazonaws.com and never gets an answer, which a fake behind one URL cannot
// imitate, so it answers those as it answers a Region not enabled.
var errRegionNotServed = &apiError{Status: http.StatusUnauthorized, Code: "AuthFailure", Message: "AWS was not able to validate the provided access credentials"}
