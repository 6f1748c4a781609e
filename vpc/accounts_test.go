package vpc_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"

	"endpointconsole/ec2test"
	"endpointconsole/fakeec2"
	"endpointconsole/vpc"
)

// TestAccountsFromRoles: -accounts' role ARNs name their accounts; a malformed ARN or two roles
// in one account are refused with the fix.
func TestAccountsFromRoles(t *testing.T) {
	got, err := vpc.AccountsFromRoles([]string{"arn:aws:iam::210000000001:role/Audit", "arn:aws-us-gov:iam::210000000002:role/ops/Audit"})
	if err != nil {
		t.Fatal(err)
	}
	want := []vpc.AccountRef{
		{ID: "210000000001", Name: "210000000001", RoleARN: "arn:aws:iam::210000000001:role/Audit"},
		{ID: "210000000002", Name: "210000000002", RoleARN: "arn:aws-us-gov:iam::210000000002:role/ops/Audit"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	for _, bad := range [][]string{
		{"arn:aws:iam::21000000000:role/Audit"},
		{"arn:aws:iam::210000000001:user/alice"},
		{"210000000001"},
		{"arn:aws:iam::210000000001:role/A", "arn:aws:iam::210000000001:role/B"},
	} {
		if _, err := vpc.AccountsFromRoles(bad); vpc.ErrorCode(err) != vpc.Invalid {
			t.Errorf("AccountsFromRoles(%q): %v, want an Invalid error", bad, err)
		}
	}
}

// TestAccountsOpenOnceAndRetryARefusal: the console's own account is there from the start; another
// is opened on first use, once however many ask at once, and kept; one that refuses is asked
// again the next time; an account not listed is NotFound.
func TestAccountsOpenOnceAndRetryARefusal(t *testing.T) {
	srv := httptest.NewServer(fakeec2.New(fakeec2.Options{}))
	t.Cleanup(srv.Close)
	home := vpc.NewRegionServices(vpc.New(ec2test.Client(t, srv.URL), "us-east-1"), nil)
	var mu sync.Mutex
	opened := map[string]int{}
	refuse := true
	open := func(ctx context.Context, a vpc.AccountRef) (*vpc.RegionServices, error) {
		mu.Lock()
		defer mu.Unlock()
		opened[a.ID]++
		if a.ID == "210000000002" && refuse {
			return nil, &vpc.Error{Code: vpc.Unauthorized, Message: "STS refused to let the console assume the role " + a.RoleARN}
		}
		return vpc.NewRegionServices(vpc.New(ec2test.Client(t, srv.URL), "us-east-1"), nil), nil
	}
	others := []vpc.AccountRef{{ID: "210000000001", Name: "Workloads"}, {ID: "123456789012"}, {ID: "210000000002"}, {ID: "210000000001"}}
	as := vpc.NewAccounts(vpc.AccountRef{ID: "123456789012", Name: "Management"}, home, others, open)

	var ids []string
	for _, a := range as.List() {
		ids = append(ids, a.ID)
	}
	if want := []string{"123456789012", "210000000001", "210000000002"}; !slices.Equal(ids, want) {
		t.Errorf("List: %v, want %v (own account first, each once)", ids, want)
	}
	if rs, err := as.Regions(t.Context(), "123456789012"); err != nil || rs != home {
		t.Errorf("own account: %v, %v; want its Regions, opened by nobody", rs, err)
	}
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			if _, err := as.Regions(t.Context(), "210000000001"); err != nil {
				t.Errorf("Workloads: %v", err)
			}
		})
	}
	wg.Wait()
	for range 2 {
		if _, err := as.Regions(t.Context(), "210000000002"); vpc.ErrorCode(err) != vpc.Unauthorized {
			t.Errorf("the refusing account: %v, want Unauthorized", err)
		}
	}
	refuse = false
	if _, err := as.Regions(t.Context(), "210000000002"); err != nil {
		t.Errorf("the account once its role is fixed: %v", err)
	}
	if want := map[string]int{"210000000001": 1, "210000000002": 3}; opened["210000000001"] != 1 || opened["210000000002"] != 3 || opened["123456789012"] != 0 {
		t.Errorf("openings: %v, want %v", opened, want)
	}
	_, err := as.Regions(t.Context(), "999999999999")
	if vpc.ErrorCode(err) != vpc.NotFound || errors.Is(err, context.Canceled) {
		t.Errorf("an account not listed: %v, want NotFound", err)
	}
	if got := (vpc.AccountRef{ID: "210000000001", Name: "Workloads"}).Label(); got != "Workloads (210000000001)" {
		t.Errorf("Label: %q", got)
	}
}

// TestSharingRoleFollowsTheRole: a Config that shares its role's sessions, copied with another
// role (or none), does not sign with the first role's: each account through its own role.
func TestSharingRoleFollowsTheRole(t *testing.T) {
	srv := httptest.NewServer(fakeec2.New(fakeec2.Options{
		Members: []fakeec2.Member{{ID: "210000000001", Roles: []string{"Audit"}}, {ID: "210000000002", Roles: []string{"Audit"}}},
	}))
	t.Cleanup(srv.Close)
	base := vpc.Config{EndpointURL: srv.URL, Region: "us-east-1", StaticAccessKey: "testing", StaticSecretKey: "testing"}
	first := base
	first.AssumeRoleARN = vpc.RoleInAccount("aws", "210000000001", "Audit")
	shared, err := first.SharingRole(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	owner := func(cfg vpc.Config) string {
		t.Helper()
		svc, err := vpc.Connect(t.Context(), cfg, vpc.Options{})
		if err != nil {
			t.Fatal(err)
		}
		id, err := svc.AccountID(t.Context())
		if err != nil {
			t.Fatalf("the account of %q: %v", cfg.AssumeRoleARN, err)
		}
		return id
	}
	other, none := shared, shared
	other.AssumeRoleARN = vpc.RoleInAccount("aws", "210000000002", "Audit")
	none.AssumeRoleARN = ""
	for cfg, want := range map[*vpc.Config]string{&shared: "210000000001", &other: "210000000002", &none: "123456789012"} {
		if got := owner(*cfg); got != want {
			t.Errorf("through %q: account %s, want %s", cfg.AssumeRoleARN, got, want)
		}
	}
}
