package web

import (
	"net/url"
	"slices"
	"testing"
)

// TestWizardServiceTableFilters checks the Service name step with AWS's whole catalog: the table
// lists every AWS service EC2 describes, and the name and Type filters narrow it to what a
// person looks for. The expected rows come from EC2, not from a count kept here.
func TestWizardServiceTableFilters(t *testing.T) {
	t.Parallel() // independent: its own servers
	c := newConsole(t)
	services, err := c.demo.Service.EndpointServices(t.Context())
	if err != nil {
		t.Fatalf("EndpointServices: %v", err)
	}
	// Every AWS service, the gateways first (the tutorial's S3 gateway in the first screen), then
	// the others in EC2's order.
	var awsRows, others []string
	for _, s := range services {
		switch {
		case s.Owner != "amazon":
		case s.Type == "Gateway":
			awsRows = append(awsRows, s.Name+" "+s.Type)
		default:
			others = append(others, s.Name+" "+s.Type)
		}
	}
	awsRows = append(awsRows, others...)
	if len(awsRows) < 100 {
		t.Fatalf("EC2 describes %d AWS services, want AWS's catalog (100 or more)", len(awsRows))
	}

	s := startWizard(t, c)
	s.advance(t, gatewayAnswers(c.demo.Account), "service")
	const p = "com.amazonaws.us-east-1."
	for _, tt := range []struct {
		name         string
		query, typ   string
		want         []string
		wantEveryAWS bool
	}{
		{name: "no filter: every AWS service, gateways first", wantEveryAWS: true},
		{name: "Type = Gateway", typ: "Gateway", want: []string{p + "dynamodb Gateway", p + "s3 Gateway"}},
		// The filter matches substrings, as the console's does: "ecr" alone also finds secretsmanager.
		{name: "name ecr", query: "ecr", want: []string{p + "ecr.api Interface", p + "ecr.dkr Interface", p + "secretsmanager Interface"}},
		{name: "name .ecr.", query: ".ecr.", want: []string{p + "ecr.api Interface", p + "ecr.dkr Interface"}},
		{name: "name secretsmanager, Type = Interface", query: "secretsmanager", typ: "Interface", want: []string{p + "secretsmanager Interface"}},
		{name: "name s3, Type = Interface", query: p + "s3", typ: "Interface", want: []string{p + "s3 Interface", p + "s3tables Interface"}},
		{name: "name s3", query: p + "s3", want: []string{p + "s3 Gateway", p + "s3 Interface", p + "s3tables Interface"}},
		{name: "name sagemaker", query: "sagemaker notebook", want: []string{"aws.sagemaker.us-east-1.notebook Interface"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page := s.post(t, "filter", url.Values{"service_query": {tt.query}, "type_filter": {tt.typ}})
			var got []string
			for _, r := range tableRows(t, page.doc, "services") {
				got = append(got, r.text("Service name")+" "+r.text("Type"))
			}
			want := tt.want
			if tt.wantEveryAWS {
				want = awsRows
			}
			if !slices.Equal(got, want) {
				t.Errorf("the table lists %d rows %q, want %d %q", len(got), got, len(want), want)
			}
		})
	}
}
