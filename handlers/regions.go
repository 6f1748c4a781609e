package handlers

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"endpointconsole/vpc"
	"endpointconsole/vpc/audit"
)

// Regions is the account's Regions: the default one (-region), the ones the account has enabled
// (DescribeRegions), and each one's account and audit. Every page is of one Region: the one its
// URL names (/regions/us-west-2/…), or the default for a URL that names none.
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

// regionPrefix is how a URL names its Region: /regions/us-west-2/route-tables.
const regionPrefix = "/regions/"

// regionURL is path in region: /regions/us-west-2 + path.
func regionURL(region, path string) string {
	return regionPrefix + region + path
}

// pathInRegion is path without its /regions/{region} prefix, if it has one ("/" for the Region's
// dashboard).
func pathInRegion(path string) string {
	rest, ok := strings.CutPrefix(path, regionPrefix)
	if !ok {
		return path
	}
	_, after, found := strings.Cut(rest, "/")
	if !found {
		return "/"
	}
	return "/" + after
}

// regional is the Region a request's page is of, with what the handlers read and change there.
type regional struct {
	name string
	// base prefixes every link the page renders: "/regions/us-west-2" when the request's URL named
	// its Region, "" for the default Region's unprefixed URLs, so that each keeps to its form.
	base    string
	account AccountService
	auditor Auditor
}

type regionKey struct{}

// InRegion serves the routes under /regions/{region}: the page is of the Region the URL names,
// and a Region the account has not enabled (or no Region name at all) is the 404 page saying so.
func (h *Handlers) InRegion(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("region")
		account, auditor, err := h.regions.For(name)
		if err != nil {
			h.Error(w, r, err)
			return
		}
		in := &regional{name: name, base: regionURL(name, ""), account: account, auditor: auditor}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), regionKey{}, in)))
	})
}

// region is the Region of the request ctx belongs to: the one its URL names, or the default.
func (h *Handlers) region(ctx context.Context) *regional {
	if in, ok := ctx.Value(regionKey{}).(*regional); ok {
		return in
	}
	return h.home
}

// account is what the request's page reads, in its Region.
func (h *Handlers) account(ctx context.Context) Account { return h.region(ctx).account }

// writer is what the request's change changes, in its Region.
func (h *Handlers) writer(ctx context.Context) EndpointWriter { return h.region(ctx).account }

// auditor audits the request's Region.
func (h *Handlers) auditor(ctx context.Context) Auditor { return h.region(ctx).auditor }

// SwitchRegion answers the header's Region switcher (?region=us-west-2&from=/route-tables/rtb-…)
// with a 303 to the same kind of page in that Region (see samePageKind). The target is built from
// the Region, checked against the enabled ones, and a fixed list of pages, never from from
// itself, and from must be a path of this console: the switcher is no open redirect.
func (h *Handlers) SwitchRegion(w http.ResponseWriter, r *http.Request) error {
	region := r.FormValue("region")
	if _, _, err := h.regions.For(region); err != nil {
		return err
	}
	from := cmp.Or(r.FormValue("from"), "/")
	if !localPath(from) {
		return &vpc.Error{Code: vpc.Invalid, Field: "from", Message: "The page to switch Region from must be a page of this console."}
	}
	http.Redirect(w, r, regionURL(region, samePageKind(pathInRegion(from))), http.StatusSeeOther)
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
