package fakeec2

import (
	"net/http"
	"strings"
)

// The fake serves three AWS services behind one URL, as a client given --endpoint-url for each
// of them reaches it: EC2, STS and Organizations. It tells them apart by what each client sends
// anyway. Organizations speaks JSON 1.1 and names its operation in X-Amz-Target; STS and EC2
// both speak the Query protocol, and a signed request names its service in the SigV4
// credential scope (Credential=AKID/20261201/us-east-1/sts/aws4_request). An unsigned request
// (curl) is STS when its Action is one only STS has, else EC2.

// service names one of the APIs the fake serves.
type service int

const (
	serviceEC2 service = iota
	serviceSTS
	serviceOrganizations
)

// serviceOf tells which service a request calls. It reads the body of an unsigned request (the
// Action), and an error reading it is the request's answer.
func serviceOf(r *http.Request) (service, error) {
	if strings.HasPrefix(r.Header.Get("X-Amz-Target"), organizationsTarget) {
		return serviceOrganizations, nil
	}
	if c, signed := credentialOf(r); signed {
		if c.service == "sts" {
			return serviceSTS, nil
		}
		return serviceEC2, nil
	}
	if err := r.ParseForm(); err != nil {
		return serviceEC2, err
	}
	switch r.Form.Get("Action") {
	case "AssumeRole", "GetCallerIdentity":
		return serviceSTS, nil
	}
	return serviceEC2, nil
}
