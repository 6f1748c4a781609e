package fakeec2

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// TestBrowserRequestsAreRefused: a page of another site can send the demo endpoint a "simple"
// form POST (no CORS preflight) from the person's browser. Every request that carries a header
// only browsers send is refused and changes nothing; the SDK, which sends none, still works.
func TestBrowserRequestsAreRefused(t *testing.T) {
	ts := httptest.NewServer(New(Options{}))
	t.Cleanup(ts.Close)
	client := ec2.New(ec2.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(ts.URL), Retryer: aws.NopRetryer{}, HTTPClient: bufferedBodies{},
		Credentials: credentials.NewStaticCredentialsProvider("AKIDFAKEEC2TEST", "secret", ""),
	})
	vpcs, err := client.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if err != nil || len(vpcs.Vpcs) != 1 {
		t.Fatalf("DescribeVpcs through the SDK: %v, %d VPCs; want the default VPC", err, len(vpcs.Vpcs))
	}
	vpcID := aws.ToString(vpcs.Vpcs[0].VpcId)
	// What a cross-site page's <form method=post> submits.
	form := url.Values{"Action": {"CreateTags"}, "Version": {apiVersion}, "ResourceId.1": {vpcID},
		"Tag.1.Key": {"owned"}, "Tag.1.Value": {"by-another-site"}}

	for _, tt := range []struct {
		name    string
		headers map[string]string
	}{
		{"cross-site form post", map[string]string{"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"}},
		{"Origin alone", map[string]string{"Origin": "http://evil.example"}},
		{"Origin null (sandboxed frame)", map[string]string{"Origin": "null"}},
		{"Sec-Fetch-Site alone", map[string]string{"Sec-Fetch-Site": "same-site"}},
		{"Sec-Fetch-Dest alone", map[string]string{"Sec-Fetch-Dest": "document"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, ts.URL, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for k, v := range tt.headers {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatalf("POST: %v", err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(body), "<Code>AuthFailure</Code>") {
				t.Errorf("got %d %s, want 403 AuthFailure", resp.StatusCode, body)
			}
		})
	}

	out, err := client.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{vpcID}})
	if err != nil {
		t.Fatalf("DescribeVpcs: %v", err)
	}
	if got := tagString(out.Vpcs[0].Tags); strings.Contains(got, "owned") {
		t.Errorf("the refused requests tagged the VPC: %s", got)
	}

	// The same request without browser headers is an ordinary EC2 call, and works.
	status, _, body := post(t, ts.URL, form)
	if status != http.StatusOK {
		t.Fatalf("the same CreateTags without browser headers: %d %s", status, body)
	}
}
