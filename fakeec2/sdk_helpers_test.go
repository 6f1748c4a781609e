package fakeec2

import (
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
)

// sdkFilter builds one Filter of a Describe call.
func sdkFilter(name string, values ...string) types.Filter {
	return types.Filter{Name: aws.String(name), Values: values}
}

// sdkTag builds one Key/Value tag.
func sdkTag(key, value string) types.Tag {
	return types.Tag{Key: aws.String(key), Value: aws.String(value)}
}

// lookupDefaultVPC returns the default VPC and its main route table.
func lookupDefaultVPC(t *testing.T, c *ec2.Client) (vpcID, mainTable string) {
	t.Helper()
	vpcs, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []types.Filter{sdkFilter("is-default", "true")}})
	if err != nil || len(vpcs.Vpcs) != 1 {
		t.Fatalf("find the default VPC: %v (%d VPCs)", err, len(vpcs.Vpcs))
	}
	vpcID = *vpcs.Vpcs[0].VpcId
	tables, err := c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: []types.Filter{
		sdkFilter("vpc-id", vpcID), sdkFilter("association.main", "true"),
	}})
	if err != nil || len(tables.RouteTables) != 1 {
		t.Fatalf("find the default VPC's main route table: %v", err)
	}
	return vpcID, *tables.RouteTables[0].RouteTableId
}

// sortedStrings returns ids sorted, so sets of ids compare with slices.Equal.
func sortedStrings(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

// wantIDs fails the test unless got and want hold the same ids, in any order.
func wantIDs(t *testing.T, got, want []string) {
	t.Helper()
	if g, w := sortedStrings(got), sortedStrings(want); !slices.Equal(g, w) {
		t.Fatalf("ids = %v, want %v", g, w)
	}
}

// wantUniqueIDs fails the test unless ids has no duplicate and n entries: a paginated read
// served every item exactly once.
func wantUniqueIDs(t *testing.T, ids []string, n int) {
	t.Helper()
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Fatalf("id %s served twice across pages", id)
		}
		seen[id] = true
	}
	if len(ids) != n {
		t.Fatalf("paginated read served %d items, want %d", len(ids), n)
	}
}

// rawQueryCode sends an EC2 Query request by hand, for the requests the SDK refuses to send
// (it checks the model's required parameters itself), and returns the error code EC2 answered,
// or "" on success.
func rawQueryCode(t *testing.T, form url.Values) string {
	t.Helper()
	ts := httptest.NewServer(New(Options{}))
	defer ts.Close()
	form.Set("Version", apiVersion)
	resp, err := http.PostForm(ts.URL, form)
	if err != nil {
		t.Fatalf("POST %s: %v", form.Get("Action"), err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read the answer to %s: %v", form.Get("Action"), err)
	}
	if resp.StatusCode == http.StatusOK {
		return ""
	}
	var doc errorDocument
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("%s answered %d with a body that is not an EC2 error: %v\n%s", form.Get("Action"), resp.StatusCode, err, body)
	}
	if doc.RequestID == "" {
		t.Fatalf("%s error has no request id: %s", form.Get("Action"), body)
	}
	return doc.Code
}

// wantMessage fails the test unless err is an EC2 error whose message is want.
func wantMessage(t *testing.T, err error, want string) {
	t.Helper()
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %v is not an EC2 error", err)
	}
	if got := apiErr.ErrorMessage(); got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
}
