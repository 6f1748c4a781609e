package fakeec2

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// post sends a raw EC2 Query request, as any client would, and returns the status, the
// x-amzn-RequestId header and the body.
func post(t *testing.T, url string, form url.Values) (int, string, string) {
	t.Helper()
	resp, err := http.PostForm(url, form)
	if err != nil {
		t.Fatalf("POST: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("x-amzn-RequestId"), string(body)
}

func TestWireFormat(t *testing.T) {
	ts := httptest.NewServer(New(Options{}))
	defer ts.Close()

	status, requestID, body := post(t, ts.URL, url.Values{"Action": {"DescribeVpcs"}, "Version": {"2016-11-15"}})
	if status != 200 || requestID == "" {
		t.Fatalf("status %d, request id %q; want 200 and an id", status, requestID)
	}
	var doc struct {
		XMLName   xml.Name
		RequestID string `xml:"requestId"`
		Vpcs      []struct {
			ID string `xml:"vpcId"`
		} `xml:"vpcSet>item"`
	}
	if err := xml.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("response is not XML: %v\n%s", err, body)
	}
	if doc.XMLName.Local != "DescribeVpcsResponse" || doc.XMLName.Space != xmlns || doc.RequestID != requestID || len(doc.Vpcs) != 1 {
		t.Errorf("got root %v, requestId %q, %d vpcs; want DescribeVpcsResponse in %s, %q, the default VPC", doc.XMLName, doc.RequestID, len(doc.Vpcs), xmlns, requestID)
	}

	for _, tt := range []struct {
		name       string
		form       url.Values
		wantStatus int
		wantCode   string
	}{
		{"unknown action", url.Values{"Action": {"RunInstances"}}, 400, "InvalidAction"},
		{"no action", url.Values{"Version": {"2016-11-15"}}, 400, "MissingAction"},
		{"tampered token", url.Values{"Action": {"DescribeVpcs"}, "NextToken": {"ZGVzY3JpYmU.abc"}}, 400, "InvalidNextToken"},
		{"route tables MaxResults too small", url.Values{"Action": {"DescribeRouteTables"}, "MaxResults": {"4"}}, 400, "InvalidParameterValue"},
		{"route tables MaxResults too large", url.Values{"Action": {"DescribeRouteTables"}, "MaxResults": {"101"}}, 400, "InvalidParameterValue"},
		{"filter without value", url.Values{"Action": {"DescribeVpcs"}, "Filter.1.Name": {"vpc-id"}}, 400, "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			status, requestID, body := post(t, ts.URL, tt.form)
			var e errorDocument
			if err := xml.Unmarshal([]byte(body), &e); err != nil {
				t.Fatalf("error body is not EC2's shape: %v\n%s", err, body)
			}
			if status != tt.wantStatus || e.Code != tt.wantCode || e.RequestID != requestID || e.Message == "" {
				t.Errorf("got %d %s %q (request %q vs header %q), want %d %s with a message", status, e.Code, e.Message, e.RequestID, requestID, tt.wantStatus, tt.wantCode)
			}
		})
	}
}

func TestNextTokenBelongsToItsCall(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	for i := range 6 {
		buildNetwork(t, c, "10."+string(rune('1'+i))+"0")
	}
	page, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{MaxResults: aws.Int32(5)})
	if err != nil || page.NextToken == nil {
		t.Fatalf("first page: %v, token %v; want a next token", err, page.NextToken)
	}
	_, err = c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{NextToken: page.NextToken})
	wantCode(t, err, "InvalidNextToken")
	edited := []byte(*page.NextToken)
	if last := &edited[len(edited)-1]; *last == 'A' {
		*last = 'B'
	} else {
		*last = 'A'
	}
	_, err = c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{NextToken: aws.String(string(edited))})
	wantCode(t, err, "InvalidNextToken")

	var all []string
	pager := ec2.NewDescribeRouteTablesPaginator(c, &ec2.DescribeRouteTablesInput{MaxResults: aws.Int32(5)})
	for pager.HasMorePages() {
		out, err := pager.NextPage(ctx)
		if err != nil {
			t.Fatalf("page: %v", err)
		}
		for _, rt := range out.RouteTables {
			all = append(all, *rt.RouteTableId)
		}
	}
	// The default VPC's main table and two tables per network.
	if got, want := len(all), 1+6*2; got != want {
		t.Errorf("paged through %d route tables, want %d", got, want)
	}
}

func TestRouteTableFilters(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.10")
	id := createS3Endpoint(t, c, n.vpcID, n.privateTable)
	filter := func(name string, values ...string) types.Filter {
		return types.Filter{Name: aws.String(name), Values: values}
	}
	for _, tt := range []struct {
		name    string
		filters []types.Filter
		want    []string
	}{
		{"prefix-list route", []types.Filter{filter("route.destination-prefix-list-id", s3PrefixList, dynamoPrefixList)}, []string{n.privateTable}},
		{"endpoint target", []types.Filter{filter("route.gateway-id", id)}, []string{n.privateTable}},
		{"main table of a VPC", []types.Filter{filter("vpc-id", n.vpcID), filter("association.main", "true")}, []string{n.mainTable}},
		{"explicit subnet", []types.Filter{filter("association.subnet-id", n.subnetB)}, []string{n.privateTable}},
		{"implicit subnet is not an association", []types.Filter{filter("association.subnet-id", n.subnetA)}, nil},
		{"tag", []types.Filter{filter("tag:Name", "priv*")}, []string{n.privateTable}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: tt.filters})
			if err != nil {
				t.Fatalf("DescribeRouteTables: %v", err)
			}
			var got []string
			for _, rt := range out.RouteTables {
				got = append(got, *rt.RouteTableId)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFaultInjection(t *testing.T) {
	c, _ := newTestClient(t, Options{FaultRate: 1})
	_, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	wantCode(t, err, "RequestLimitExceeded")
	if !strings.Contains(err.Error(), "StatusCode: 503") {
		t.Errorf("throttle status: %v, want HTTP 503", err)
	}
}

func TestDescribeVpcEndpointServices(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	out, err := c.DescribeVpcEndpointServices(ctx, &ec2.DescribeVpcEndpointServicesInput{
		Filters: []types.Filter{{Name: aws.String("service-type"), Values: []string{"Gateway"}}},
	})
	if err != nil {
		t.Fatalf("DescribeVpcEndpointServices: %v", err)
	}
	var got []string
	for _, d := range out.ServiceDetails {
		got = append(got, *d.ServiceName+" "+string(d.ServiceType[0].ServiceType)+" "+aws.ToString(d.Owner))
	}
	if want := []string{dynamoService + " Gateway amazon", s3Service + " Gateway amazon"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("gateway services = %v, want %v", got, want)
	}

	out, err = c.DescribeVpcEndpointServices(ctx, &ec2.DescribeVpcEndpointServicesInput{ServiceNames: []string{s3Service}})
	if err != nil {
		t.Fatalf("DescribeVpcEndpointServices s3: %v", err)
	}
	if len(out.ServiceDetails) != 2 || len(out.ServiceNames) != 1 {
		t.Errorf("s3: %d details and names %v, want Gateway and Interface under one name", len(out.ServiceDetails), out.ServiceNames)
	}
	_, err = c.DescribeVpcEndpointServices(ctx, &ec2.DescribeVpcEndpointServicesInput{ServiceNames: []string{"com.amazonaws.us-east-1.nope"}})
	wantCode(t, err, "InvalidServiceName")

	// The SDK has no paginator for this call: page by hand, as the console does.
	var total int
	var token *string
	for {
		page, err := c.DescribeVpcEndpointServices(ctx, &ec2.DescribeVpcEndpointServicesInput{MaxResults: aws.Int32(7), NextToken: token})
		if err != nil {
			t.Fatalf("page: %v", err)
		}
		total += len(page.ServiceDetails)
		if aws.ToString(page.NextToken) == "" {
			break
		}
		token = page.NextToken
	}
	// One entry per type of each row of services.tsv, plus the partner's and the Marketplace's.
	want := 2
	for _, row := range awsServices {
		want += len(row.types)
	}
	if total != want {
		t.Errorf("paged through %d services, want %d", total, want)
	}
}

func TestTags(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	n := buildNetwork(t, c, "10.10")
	id := createS3Endpoint(t, c, n.vpcID, n.privateTable)
	tag := func(k, v string) types.Tag { return types.Tag{Key: aws.String(k), Value: aws.String(v)} }
	if _, err := c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{id, n.privateTable}, Tags: []types.Tag{tag("team", "data"), tag("env", "prod")}}); err != nil {
		t.Fatalf("CreateTags: %v", err)
	}
	if _, err := c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{id}, Tags: []types.Tag{tag("env", "staging")}}); err != nil {
		t.Fatalf("CreateTags overwrite: %v", err)
	}
	if _, err := c.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{id}, Tags: []types.Tag{{Key: aws.String("team")}}}); err != nil {
		t.Fatalf("DeleteTags: %v", err)
	}
	// A value that does not match leaves the tag alone.
	if _, err := c.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{n.privateTable}, Tags: []types.Tag{tag("team", "other")}}); err != nil {
		t.Fatalf("DeleteTags with value: %v", err)
	}
	out, err := c.DescribeVpcEndpoints(ctx, &ec2.DescribeVpcEndpointsInput{VpcEndpointIds: []string{id}})
	if err != nil {
		t.Fatalf("DescribeVpcEndpoints: %v", err)
	}
	if got := tagString(out.VpcEndpoints[0].Tags); got != "env=staging" {
		t.Errorf("endpoint tags = %s, want env=staging", got)
	}
	rts, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{n.privateTable}})
	if err != nil {
		t.Fatalf("DescribeRouteTables: %v", err)
	}
	if got := tagString(rts.RouteTables[0].Tags); got != "Name=private,env=prod,team=data" {
		t.Errorf("route table tags = %s", got)
	}
	for _, tt := range []struct {
		name string
		call func() error
		want string
	}{
		{"unknown endpoint", func() error {
			_, err := c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{"vpce-0123456789abcdef0"}, Tags: []types.Tag{tag("a", "b")}})
			return err
		}, "InvalidVpcEndpointId.NotFound"},
		{"unknown kind", func() error {
			_, err := c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{"i-0123456789abcdef0"}, Tags: []types.Tag{tag("a", "b")}})
			return err
		}, "InvalidID"},
		{"reserved key", func() error {
			_, err := c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{id}, Tags: []types.Tag{tag("AWS:x", "b")}})
			return err
		}, "InvalidTagKey.Malformed"},
	} {
		t.Run(tt.name, func(t *testing.T) { wantCode(t, tt.call(), tt.want) })
	}
}

func tagString(tags []types.Tag) string {
	var parts []string
	for _, tg := range tags {
		parts = append(parts, *tg.Key+"="+*tg.Value)
	}
	return strings.Join(parts, ",")
}

// TestConcurrentEndpointsAndReads runs writers and readers together; run with -race.
func TestConcurrentEndpointsAndReads(t *testing.T) {
	c, srv := newTestClient(t, Options{})
	var networks []testNetwork
	for i := range 6 {
		networks = append(networks, buildNetwork(t, c, "10."+string(rune('1'+i))+"1"))
	}
	var wg sync.WaitGroup
	for _, n := range networks {
		wg.Add(2)
		go func() {
			defer wg.Done()
			id := createS3Endpoint(t, c, n.vpcID, n.privateTable)
			if _, err := c.ModifyVpcEndpoint(ctx, &ec2.ModifyVpcEndpointInput{VpcEndpointId: aws.String(id), AddRouteTableIds: []string{n.mainTable}}); err != nil {
				t.Errorf("modify: %v", err)
			}
		}()
		go func() {
			defer wg.Done()
			for range 5 {
				if _, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{}); err != nil {
					t.Errorf("describe: %v", err)
				}
			}
		}()
	}
	wg.Wait()
	if got := len(srv.defaultAccount().endpoints); got != len(networks) {
		t.Errorf("endpoints = %d, want %d", got, len(networks))
	}
	for _, n := range networks {
		for _, table := range []string{n.mainTable, n.privateTable} {
			if _, ok := routesOf(t, c, table)[s3PrefixList]; !ok {
				t.Errorf("%s has no S3 route", table)
			}
		}
	}
}

// TestInjectedLatency: the latency a demo asks for (Options.Latency, then SetConditions) is added
// to every call, and can be switched off again. It checks that the delay happens, not how fast
// anything is.
func TestInjectedLatency(t *testing.T) {
	const latency = 300 * time.Millisecond
	c, srv := newTestClient(t, Options{Latency: latency})
	elapsed := func() time.Duration {
		start := time.Now()
		if _, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{}); err != nil {
			t.Fatalf("DescribeVpcs: %v", err)
		}
		return time.Since(start)
	}
	if got := elapsed(); got < latency {
		t.Errorf("a call with %v of injected latency took %v", latency, got)
	}
	srv.SetConditions(0, 0)
	if got := elapsed(); got >= latency {
		t.Errorf("a call after the latency was switched off took %v, want under %v", got, latency)
	}
}
