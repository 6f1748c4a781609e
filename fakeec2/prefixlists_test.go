package fakeec2

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// s3CIDRs are the catalog's CIDRs of the S3 list, in their published order.
var s3CIDRs = []string{"52.216.0.0/15", "3.5.0.0/19", "54.231.0.0/16"}

func TestDescribePrefixLists(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	for _, tt := range []struct {
		name    string
		in      ec2.DescribePrefixListsInput
		want    []string
		wantErr string
	}{
		{name: "all", want: []string{dynamoPrefixList, s3PrefixList}},
		{name: "by id", in: ec2.DescribePrefixListsInput{PrefixListIds: []string{s3PrefixList}}, want: []string{s3PrefixList}},
		{name: "by name", in: ec2.DescribePrefixListsInput{Filters: []types.Filter{sdkFilter("prefix-list-name", s3Service)}}, want: []string{s3PrefixList}},
		{name: "values are OR'd", in: ec2.DescribePrefixListsInput{Filters: []types.Filter{sdkFilter("prefix-list-id", s3PrefixList, dynamoPrefixList)}}, want: []string{dynamoPrefixList, s3PrefixList}},
		{name: "filters are AND'd", in: ec2.DescribePrefixListsInput{Filters: []types.Filter{sdkFilter("prefix-list-id", s3PrefixList), sdkFilter("prefix-list-name", "*dynamodb")}}},
		{name: "unknown id", in: ec2.DescribePrefixListsInput{PrefixListIds: []string{"pl-0123456789abcdef0"}}, wantErr: "InvalidPrefixListID.NotFound"},
		{name: "owner-id is not a filter here", in: ec2.DescribePrefixListsInput{Filters: []types.Filter{sdkFilter("owner-id", "AWS")}}, wantErr: "InvalidParameterValue"},
		{name: "MaxResults zero", in: ec2.DescribePrefixListsInput{MaxResults: aws.Int32(0)}, wantErr: "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := c.DescribePrefixLists(ctx, &tt.in)
			if tt.wantErr != "" {
				wantCode(t, err, tt.wantErr)
				return
			}
			if err != nil {
				t.Fatalf("DescribePrefixLists: %v", err)
			}
			var got []string
			for _, pl := range out.PrefixLists {
				got = append(got, *pl.PrefixListId)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("prefix lists = %v, want %v", got, tt.want)
			}
		})
	}

	out, err := c.DescribePrefixLists(ctx, &ec2.DescribePrefixListsInput{PrefixListIds: []string{s3PrefixList}})
	if err != nil {
		t.Fatalf("DescribePrefixLists: %v", err)
	}
	pl := out.PrefixLists[0]
	if got, want := aws.ToString(pl.PrefixListName), s3Service; got != want {
		t.Errorf("name = %s, want %s", got, want)
	}
	if !slices.Equal(pl.Cidrs, s3CIDRs) {
		t.Errorf("CIDRs = %v, want %v", pl.Cidrs, s3CIDRs)
	}
}

func TestDescribePrefixListsPagination(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	pages := ec2.NewDescribePrefixListsPaginator(c, &ec2.DescribePrefixListsInput{MaxResults: aws.Int32(1)})
	var ids []string
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			t.Fatalf("DescribePrefixLists page: %v", err)
		}
		if len(page.PrefixLists) > 1 {
			t.Fatalf("page has %d lists, want at most 1", len(page.PrefixLists))
		}
		for _, pl := range page.PrefixLists {
			ids = append(ids, *pl.PrefixListId)
		}
	}
	if want := []string{dynamoPrefixList, s3PrefixList}; !slices.Equal(ids, want) {
		t.Errorf("paged prefix lists = %v, want %v", ids, want)
	}
}

func TestDescribeManagedPrefixLists(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	out, err := c.DescribeManagedPrefixLists(ctx, &ec2.DescribeManagedPrefixListsInput{PrefixListIds: []string{s3PrefixList}})
	if err != nil {
		t.Fatalf("DescribeManagedPrefixLists: %v", err)
	}
	pl := out.PrefixLists[0]
	for _, c := range []struct{ field, got, want string }{
		{"id", aws.ToString(pl.PrefixListId), s3PrefixList},
		{"name", aws.ToString(pl.PrefixListName), s3Service},
		{"address family", aws.ToString(pl.AddressFamily), "IPv4"},
		{"state", string(pl.State), "create-complete"},
		{"ARN", aws.ToString(pl.PrefixListArn), "arn:aws:ec2:us-east-1:aws:prefix-list/pl-63a5400a"},
		{"owner", aws.ToString(pl.OwnerId), "AWS"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}

	for _, tt := range []struct {
		name    string
		in      ec2.DescribeManagedPrefixListsInput
		want    []string
		wantErr string
	}{
		{name: "all", want: []string{dynamoPrefixList, s3PrefixList}},
		{name: "AWS-owned", in: ec2.DescribeManagedPrefixListsInput{Filters: []types.Filter{sdkFilter("owner-id", "AWS")}}, want: []string{dynamoPrefixList, s3PrefixList}},
		{name: "owned by the account", in: ec2.DescribeManagedPrefixListsInput{Filters: []types.Filter{sdkFilter("owner-id", "123456789012")}}},
		{name: "filters are AND'd", in: ec2.DescribeManagedPrefixListsInput{Filters: []types.Filter{sdkFilter("owner-id", "AWS"), sdkFilter("prefix-list-name", dynamoService, "com.example")}}, want: []string{dynamoPrefixList}},
		{name: "unknown id", in: ec2.DescribeManagedPrefixListsInput{PrefixListIds: []string{s3PrefixList, "pl-0123456789abcdef0"}}, wantErr: "InvalidPrefixListID.NotFound"},
		{name: "unknown filter", in: ec2.DescribeManagedPrefixListsInput{Filters: []types.Filter{sdkFilter("colour", "blue")}}, wantErr: "InvalidParameterValue"},
		{name: "MaxResults 0", in: ec2.DescribeManagedPrefixListsInput{MaxResults: aws.Int32(0)}, wantErr: "InvalidParameterValue"},
		{name: "MaxResults 101", in: ec2.DescribeManagedPrefixListsInput{MaxResults: aws.Int32(101)}, wantErr: "InvalidParameterValue"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := c.DescribeManagedPrefixLists(ctx, &tt.in)
			if tt.wantErr != "" {
				wantCode(t, err, tt.wantErr)
				return
			}
			if err != nil {
				t.Fatalf("DescribeManagedPrefixLists: %v", err)
			}
			var got []string
			for _, pl := range out.PrefixLists {
				got = append(got, *pl.PrefixListId)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("prefix lists = %v, want %v", got, tt.want)
			}
		})
	}

	pages := ec2.NewDescribeManagedPrefixListsPaginator(c, &ec2.DescribeManagedPrefixListsInput{MaxResults: aws.Int32(1)})
	var ids []string
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			t.Fatalf("DescribeManagedPrefixLists page: %v", err)
		}
		for _, pl := range page.PrefixLists {
			ids = append(ids, *pl.PrefixListId)
		}
	}
	if want := []string{dynamoPrefixList, s3PrefixList}; !slices.Equal(ids, want) {
		t.Errorf("paged managed prefix lists = %v, want %v", ids, want)
	}
}

func TestGetManagedPrefixListEntries(t *testing.T) {
	c, _ := newTestClient(t, Options{})
	cidrsOf := func(entries []types.PrefixListEntry) []string {
		var out []string
		for _, e := range entries {
			out = append(out, *e.Cidr)
		}
		return out
	}

	out, err := c.GetManagedPrefixListEntries(ctx, &ec2.GetManagedPrefixListEntriesInput{PrefixListId: aws.String(s3PrefixList)})
	if err != nil {
		t.Fatalf("GetManagedPrefixListEntries: %v", err)
	}
	if got := cidrsOf(out.Entries); !slices.Equal(got, s3CIDRs) {
		t.Errorf("entries = %v, want %v", got, s3CIDRs)
	}
	if out.NextToken != nil {
		t.Errorf("one page answered NextToken %q, want none", *out.NextToken)
	}

	t.Run("paginated", func(t *testing.T) {
		pages := ec2.NewGetManagedPrefixListEntriesPaginator(c, &ec2.GetManagedPrefixListEntriesInput{PrefixListId: aws.String(s3PrefixList), MaxResults: aws.Int32(1)})
		var got []string
		pageCount := 0
		for pages.HasMorePages() {
			page, err := pages.NextPage(ctx)
			if err != nil {
				t.Fatalf("page %d: %v", pageCount+1, err)
			}
			pageCount++
			got = append(got, cidrsOf(page.Entries)...)
		}
		if !slices.Equal(got, s3CIDRs) {
			t.Errorf("paged entries = %v, want %v", got, s3CIDRs)
		}
		if pageCount != len(s3CIDRs) {
			t.Errorf("pages = %d, want %d", pageCount, len(s3CIDRs))
		}
	})

	first, err := c.GetManagedPrefixListEntries(ctx, &ec2.GetManagedPrefixListEntriesInput{PrefixListId: aws.String(s3PrefixList), MaxResults: aws.Int32(1)})
	if err != nil || first.NextToken == nil {
		t.Fatalf("first page: %v (token %v)", err, first.NextToken)
	}
	for _, tt := range []struct {
		name string
		in   ec2.GetManagedPrefixListEntriesInput
		want string
	}{
		{"unknown list", ec2.GetManagedPrefixListEntriesInput{PrefixListId: aws.String("pl-0123456789abcdef0")}, "InvalidPrefixListID.NotFound"},
		{"MaxResults 0", ec2.GetManagedPrefixListEntriesInput{PrefixListId: aws.String(s3PrefixList), MaxResults: aws.Int32(0)}, "InvalidParameterValue"},
		{"MaxResults 101", ec2.GetManagedPrefixListEntriesInput{PrefixListId: aws.String(s3PrefixList), MaxResults: aws.Int32(101)}, "InvalidParameterValue"},
		{"another list's token", ec2.GetManagedPrefixListEntriesInput{PrefixListId: aws.String(dynamoPrefixList), NextToken: first.NextToken}, "InvalidNextToken"},
		{"malformed token", ec2.GetManagedPrefixListEntriesInput{PrefixListId: aws.String(s3PrefixList), NextToken: aws.String("garbage")}, "InvalidNextToken"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.GetManagedPrefixListEntries(ctx, &tt.in)
			wantCode(t, err, tt.want)
		})
	}
}
