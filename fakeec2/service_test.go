package fakeec2

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestSTSOrgRouting: one URL serves three APIs, told apart as service.go says — Organizations by
// X-Amz-Target, STS by the credential scope's service or, unsigned, by an Action only STS has —
// and each answers in its own protocol, errors included.
func TestSTSOrgRouting(t *testing.T) {
	t.Parallel() // independent: its own server
	_, endpoint := newOrgFake(t, orgOptions())
	signedFor := func(service string) string {
		return "AWS4-HMAC-SHA256 Credential=AKIDFAKEEC2TEST/20261201/us-east-1/" + service + "/aws4_request, SignedHeaders=host, Signature=0"
	}
	for _, tt := range []struct {
		name          string
		form          url.Values
		authorization string
		target        string
		body          string // instead of form, with target
		status        int
		want          string // a fragment of the answer
	}{
		{name: "unsigned GetCallerIdentity is STS", form: url.Values{"Action": {"GetCallerIdentity"}, "Version": {"2011-06-15"}},
			status: 200, want: `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><UserId>`},
		{name: "unsigned DescribeVpcs is EC2", form: url.Values{"Action": {"DescribeVpcs"}, "Version": {apiVersion}},
			status: 200, want: `<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">`},
		{name: "signed for sts, an EC2 action", form: url.Values{"Action": {"DescribeVpcs"}, "Version": {"2011-06-15"}}, authorization: signedFor("sts"),
			status: 400, want: `<Error><Type>Sender</Type><Code>InvalidAction</Code><Message>Could not find operation DescribeVpcs for version 2011-06-15</Message></Error>`},
		{name: "signed for ec2, an STS action", form: url.Values{"Action": {"AssumeRole"}, "Version": {apiVersion}}, authorization: signedFor("ec2"),
			status: 400, want: `<Errors><Error><Code>InvalidAction</Code>`},
		{name: "unknown Organizations operation", target: "AWSOrganizationsV20161128.CreateAccount", body: `{}`,
			status: 400, want: `{"__type":"UnknownOperationException"}`},
		{name: "Organizations input that is not JSON", target: "AWSOrganizationsV20161128.ListAccounts", body: `MaxResults=2`,
			status: 400, want: `{"__type":"SerializationException"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := tt.form.Encode()
			contentType := "application/x-www-form-urlencoded"
			if tt.target != "" {
				body, contentType = tt.body, "application/x-amz-json-1.1"
			}
			req, err := http.NewRequest(http.MethodPost, endpoint, strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", contentType)
			if tt.target != "" {
				req.Header.Set("X-Amz-Target", tt.target)
			}
			if tt.authorization != "" {
				req.Header.Set("Authorization", tt.authorization)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			got, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.status || !strings.Contains(string(got), tt.want) {
				t.Errorf("answer %d %s\nwant %d with %s", resp.StatusCode, got, tt.status, tt.want)
			}
		})
	}
}
