package handlers

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"endpointconsole/views"
	"endpointconsole/vpc"
	"endpointconsole/vpc/audit"
)

// Accounts are the AWS accounts the console reaches: its own (the home account) and, with
// -accounts or -org-role-name, others through a role in each. Every page is of one account and
// one Region: the ones its URL names (/accounts/210987654321/regions/us-west-2/…), or the home
// account for a URL that names none.
type Accounts interface {
	Home() vpc.AccountRef
	// List is every account, the home account first.
	List() []vpc.AccountRef
	// Regions is the account's Regions: NotFound for an account the console does not reach, the
	// Unauthorized error saying why for one whose role cannot be assumed.
	Regions(ctx context.Context, accountID string) (Regions, error)
}

// AccountsOf is the accounts of as, each Region audited by audit.New over its Service.
func AccountsOf(as *vpc.Accounts) Accounts { return serviceAccounts{as} }

type serviceAccounts struct{ as *vpc.Accounts }

func (s serviceAccounts) Home() vpc.AccountRef   { return s.as.Home() }
func (s serviceAccounts) List() []vpc.AccountRef { return s.as.List() }

func (s serviceAccounts) Regions(ctx context.Context, id string) (Regions, error) {
	rs, err := s.as.Regions(ctx, id)
	if err != nil {
		return nil, err
	}
	return RegionsOf(rs), nil
}

// Regions is one account's Regions: the default one (-region), the ones the account has enabled
// (DescribeRegions), and each one's account and audit.
type Regions interface {
	Default() string
	Enabled() []string
	// For is region's account and audit; a NotFound error for a Region the account has not enabled.
	For(region string) (AccountService, Auditor, error)
}

// RegionsOf is the Regions of rs, each audited by audit.New over its Service.
func RegionsOf(rs *vpc.RegionServices) Regions { return serviceRegions{rs} }

type serviceRegions struct{ rs *vpc.RegionServices }

func (s serviceRegions) Default() string   { return s.rs.Default().Region() }
func (s serviceRegions) Enabled() []string { return s.rs.Enabled() }

func (s serviceRegions) For(region string) (AccountService, Auditor, error) {
	svc, err := s.rs.In(region)
	if err != nil {
		return nil, nil, err
	}
	return svc, audit.New(svc), nil
}

// How a URL names its account and Region: /accounts/210987654321/regions/us-west-2/route-tables,
// or /regions/us-west-2/route-tables in the home account.
const (
	accountPrefix = "/accounts/"
	regionPrefix  = "/regions/"
)

// scopeURL is path in the account's Region: the account prefix for an account other than home.
func (h *Handlers) scopeURL(accountID, region, path string) string {
	if accountID == h.home.accountID {
		return regionPrefix + region + path
	}
	return accountPrefix + accountID + regionPrefix + region + path
}

// pathInRegion is path without its /accounts/{id} and /regions/{region} prefixes, if it has them
// ("/" for the Region's dashboard).
func pathInRegion(path string) string {
	for _, prefix := range []string{accountPrefix, regionPrefix} {
		rest, ok := strings.CutPrefix(path, prefix)
		if !ok {
			continue
		}
		_, after, found := strings.Cut(rest, "/")
		if !found {
			return "/"
		}
		path = "/" + after
	}
	return path
}

// regional is the account and Region a request's page is of, with what the handlers read and
// change there.
type regional struct {
	accountID string
	name      string
	// base prefixes every link the page renders: "/regions/us-west-2" (or with the account before
	// it) when the request's URL named its Region, "" for the home account's unprefixed URLs, so
	// that each keeps to its form.
	base    string
	regions Regions
	account AccountService
	auditor Auditor
}

type regionKey struct{}

// InRegion serves the routes under /regions/{region} and /accounts/{account}/regions/{region}:
// the page is of the account and Region the URL names. An account the console does not reach, or
// a Region the account has not enabled, is the 404 page saying so; an account whose role cannot
// be assumed is the 403 page saying why.
func (h *Handlers) InRegion(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		accountID := cmp.Or(r.PathValue("account"), h.home.accountID)
		regions, err := h.accounts.Regions(r.Context(), accountID)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		name := r.PathValue("region")
		account, auditor, err := regions.For(name)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		in := &regional{accountID: accountID, name: name, base: h.scopeURL(accountID, name, ""),
			regions: regions, account: account, auditor: auditor}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), regionKey{}, in)))
	})
}

// region is the account and Region of the request ctx belongs to: the ones its URL names, or the
// home account's default Region.
func (h *Handlers) region(ctx context.Context) *regional {
	if in, ok := ctx.Value(regionKey{}).(*regional); ok {
		return in
	}
	return h.home
}

// account is what the request's page reads, in its account and Region.
func (h *Handlers) account(ctx context.Context) Account { return h.region(ctx).account }

// writer is what the request's change changes, in its account and Region.
func (h *Handlers) writer(ctx context.Context) EndpointWriter { return h.region(ctx).account }

// auditor audits the request's account and Region.
func (h *Handlers) auditor(ctx context.Context) Auditor { return h.region(ctx).auditor }

// SwitchRegion answers the header's account and Region switcher (?account=…&region=us-west-2&
// from=/route-tables/rtb-…) with a 303 to the same kind of page (see samePageKind) in that account
// and Region; without account, in the home account. A Region the account has not enabled is the
// 404 page, unless the switch names an account: then it is the account's default Region, so that
// switching accounts never strands the person. The target is built from the checked account and
// Region and a fixed list of pages, never from from itself, and from must be a path of this
// console: the switcher is no open redirect.
func (h *Handlers) SwitchRegion(w http.ResponseWriter, r *http.Request) error {
	accountID := cmp.Or(r.FormValue("account"), h.home.accountID)
	regions, err := h.accounts.Regions(r.Context(), accountID)
	if err != nil {
		return err
	}
	region := r.FormValue("region")
	if _, _, err := regions.For(region); err != nil {
		if r.FormValue("account") == "" {
			return err
		}
		region = regions.Default()
	}
	from := cmp.Or(r.FormValue("from"), "/")
	if !localPath(from) {
		return &vpc.Error{Code: vpc.Invalid, Field: "from", Message: "The page to switch Region from must be a page of this console."}
	}
	http.Redirect(w, r, h.scopeURL(accountID, region, samePageKind(pathInRegion(from))), http.StatusSeeOther)
	return nil
}

// localPath tells whether from is a path on this host: one leading slash, not two (//evil.example
// is another host to a browser), no backslash (which browsers read as a slash) and no control
// character.
func localPath(from string) bool {
	if !strings.HasPrefix(from, "/") || strings.HasPrefix(from, "//") || strings.ContainsAny(from, "\\") {
		return false
	}
	for _, c := range from {
		if c < 0x20 || c == 0x7f {
			return false
		}
	}
	u, err := url.Parse(from)
	return err == nil && u.Scheme == "" && u.Host == ""
}

// regionLists are the console's lists, each the same in every Region.
var regionLists = []string{"vpcs", "subnets", "route-tables", "internet-gateways", "nat-gateways", "endpoints", "audit"}

// samePageKind is the page of another Region that is the same kind as path, a path within a
// Region: a list is the same list (without its filters, which name this Region's resources); a
// page of one resource (a route table, an endpoint and its Manage pages, an audited VPC) is its
// kind's list; the Create endpoint wizard starts again; anything else is the dashboard.
func samePageKind(path string) string {
	path, _, _ = strings.Cut(path, "?")
	if path == "/endpoints/new" {
		return path
	}
	section, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	if slices.Contains(regionLists, section) {
		return "/" + section
	}
	return "/"
}

// accountChoices are the accounts for the header's account switcher; none when the console
// reaches its own account only.
func (h *Handlers) accountChoices() []views.AccountChoice {
	list := h.accounts.List()
	if len(list) < 2 {
		return nil
	}
	out := make([]views.AccountChoice, len(list))
	for i, a := range list {
		out[i] = views.AccountChoice{ID: a.ID, Label: a.Label()}
	}
	return out
}
