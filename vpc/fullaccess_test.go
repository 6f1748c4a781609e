package vpc_test

import (
	"testing"

	"endpointconsole/vpc"
)

// TestIsFullAccess: a policy is full access by what it means, not by its text. The audit flags
// these policies and Manage policy shows them as Full Access.
func TestIsFullAccess(t *testing.T) {
	for _, tt := range []struct {
		name   string
		policy string
		want   bool
	}{
		{"the console's Full access policy", vpc.FullAccessPolicy, true},
		{"a single statement object", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}}`, true},
		{"principal AWS star", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["*"],"Resource":"*"}]}`, true},
		{"principal AWS star in a list", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"*"}]}`, true},
		{"an empty condition", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Condition":{}}]}`, true},
		{"one bad statement among good ones", `{"Statement":[` +
			`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"},` +
			`{"Effect":"Allow","Principal":"*","Action":"*"}]}`, true},
		{"a condition", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*",` +
			`"Condition":{"StringEquals":{"aws:PrincipalAccount":"123456789012"}}}]}`, false},
		{"limited actions", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::my-bucket/*"}]}`, false},
		{"a named principal", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"*"}]}`, false},
		{"deny", `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"*"}]}`, false},
		{"a deny besides", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},` +
			`{"Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"*"}]}`, false},
		{"one bucket", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"arn:aws:s3:::my-bucket/*"}]}`, false},
		{"all but one bucket", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","NotResource":"arn:aws:s3:::my-bucket/*"}]}`, false},
		{"the same policy laid out otherwise", "{\n  \"Statement\": [ {\"Action\": \"*\", \"Effect\": \"Allow\", \"Resource\": \"*\", \"Principal\": \"*\"} ],\n  \"Version\": \"2012-10-17\" }", true},
		{"not JSON", `{"Statement":`, false},
		{"no policy", "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := vpc.IsFullAccess(tt.policy); got != tt.want {
				t.Errorf("IsFullAccess(%s) = %v, want %v", tt.policy, got, tt.want)
			}
		})
	}
}
