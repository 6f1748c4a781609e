package fakeec2

import "net/http"

// The fake serves two AWS services behind one URL, as a client given --endpoint-url for each
// of them reaches it: EC2 and STS. It tells them apart by what each client sends anyway. Both
// speak the Query protocol, and a signed request names its service in the SigV4 credential
// scope (Credential=AKID/20261201/us-east-1/sts/aws4_request). An unsigned request (curl) is
// STS when its Action is one only STS has, else EC2.

// service names one of the APIs the fake serves.
type service int

const (
	serviceEC2 service = iota
	serviceSTS
)

// serviceOf tells which service a request calls. It reads the body of an unsigned request (the
// Action), and an error reading it is the request's answer.
func serviceOf(r *http.Request) (service, error) {
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
