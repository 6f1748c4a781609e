// Package handlers turns requests into pages: each handler parses the request, asks the account
// (the vpc package) or the audit (vpc/audit), each through the small interfaces below, for what
// the page shows, builds the page's view model and renders it. Handlers return errors; the web
// package's adapter hands them to Error, which picks the status and the page.
package handlers

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"sync"
	"time"

	"github.com/a-h/templ"

	"endpointconsole/views"
	"endpointconsole/vpc"
	"endpointconsole/vpc/audit"
)

// Account is what the pages read from EC2. *vpc.Service implements it (and EndpointWriter);
// tests may substitute either.
type Account interface {
	VPCs(ctx context.Context) ([]vpc.VPC, error)
	Subnets(ctx context.Context, vpcID string) ([]vpc.Subnet, error)
	RouteTables(ctx context.Context, vpcID string) ([]vpc.RouteTable, error)
	RouteTable(ctx context.Context, id string) (vpc.RouteTable, error)
	InternetGateways(ctx context.Context) ([]vpc.InternetGateway, error)
	NATGateways(ctx context.Context, vpcID string) ([]vpc.NATGateway, error)
	Endpoints(ctx context.Context, f vpc.EndpointFilter) ([]vpc.Endpoint, error)
	Endpoint(ctx context.Context, id string) (vpc.Endpoint, error)
	EndpointServices(ctx context.Context) ([]vpc.EndpointService, error)
	SecurityGroups(ctx context.Context, vpcID string) ([]vpc.SecurityGroup, error)
	Network(ctx context.Context, vpcID string) (vpc.Network, error)
	PrefixLists(ctx context.Context) (map[string]vpc.PrefixList, error)
	ListPages
}

// ListPages are the list pages' reads, a page at a time (see vpc.PageRequest), and what a page's
// rows need of other resources, in one call for the page.
type ListPages interface {
	VPCsPage(ctx context.Context, req vpc.PageRequest) (vpc.ListPage[vpc.VPC], error)
	VPCsByID(ctx context.Context, ids []string) ([]vpc.VPC, error)
	MainRouteTables(ctx context.Context, vpcIDs []string) (map[string]string, error)
	SubnetsPage(ctx context.Context, vpcID string, req vpc.PageRequest) (vpc.SubnetPage, error)
	RouteTablesPage(ctx context.Context, vpcID string, req vpc.PageRequest) (vpc.ListPage[vpc.RouteTable], error)
	InternetGatewaysPage(ctx context.Context, req vpc.PageRequest) (vpc.ListPage[vpc.InternetGateway], error)
	NATGatewaysPage(ctx context.Context, vpcID string, req vpc.PageRequest) (vpc.ListPage[vpc.NATGateway], error)
	EndpointsPage(ctx context.Context, f vpc.EndpointFilter, req vpc.PageRequest) (vpc.ListPage[vpc.Endpoint], error)
}

// EndpointWriter is what the console changes in the account: endpoints and their tags.
type EndpointWriter interface {
	CheckCreatePermission(ctx context.Context, req vpc.CreateEndpointRequest) error
	CreateEndpoint(ctx context.Context, req vpc.CreateEndpointRequest) (vpc.Endpoint, error)
	ModifyEndpoint(ctx context.Context, req vpc.ModifyEndpointRequest) error
	DeleteEndpoints(ctx context.Context, ids []string) ([]vpc.DeleteFailure, error)
	SetTags(ctx context.Context, resourceID string, add vpc.Tags, remove []string) error
}

// Handlers holds what every handler needs. Build it with New.
type Handlers struct {
	accounts Accounts
	// home is the home account's default Region, for URLs that name no Region.
	home   *regional
	pinger Pinger
	ready  *readiness
	site   views.Site
	// createdByTag is the key of the tag naming who created an endpoint; "" for none.
	createdByTag string
	log          *slog.Logger
	created      createdTokens
	// callsKey signs the EC2 calls a change hands to the page it redirects to.
	callsKey callsKey
	// demoReset rebuilds the demo account; nil on a real account and on a read-only console.
	demoReset DemoResetter
	// sweeps are the audits of all Regions or all accounts, under way or finished.
	sweeps *sweeps
}

// Auditor is what the audit pages read: the Region's paths and findings, in a fixed number of
// EC2 calls. *audit.Auditor implements it.
type Auditor interface {
	AuditRegion(ctx context.Context) ([]audit.VPCAudit, error)
}

// Pinger checks that EC2 answers, with a call that always reaches it.
type Pinger interface {
	Ping(ctx context.Context) error
}

// AccountService is what the console needs of the vpc package: reads, endpoint writes and the
// readiness check.
type AccountService interface {
	Account
	EndpointWriter
	Pinger
}

// Config is what the handlers need besides the account.
type Config struct {
	// Site describes the connection (Region, account, read-only, demo endpoint, whether people
	// sign in) shown on every page.
	Site views.Site
	// CreatedByTag is the key of the tag, naming the person, that every endpoint the console
	// creates carries; "" for none.
	CreatedByTag string
	// ReadyCheckEvery is how often /readyz asks EC2 at most (default 5s).
	ReadyCheckEvery time.Duration
	// DemoReset rebuilds the demo account (Reset demo account); nil on -backend aws and on a
	// read-only console, which then offer no reset.
	DemoReset DemoResetter
	// AuditConcurrency is how many account × Region audits a sweep runs at once (default 4).
	AuditConcurrency int
}

// New returns the console's handlers on the accounts' Regions; /readyz asks the home account's
// default Region. It fails when that Region has no account.
func New(accounts Accounts, cfg Config, log *slog.Logger) (*Handlers, error) {
	home := accounts.Home()
	regions, err := accounts.Regions(context.Background(), home.ID)
	if err != nil {
		return nil, fmt.Errorf("the console's own account %s: %w", home.ID, err)
	}
	site := cfg.Site
	site.Region, site.AccountID = regions.Default(), home.ID
	if cfg.DemoReset != nil {
		site.DemoScenario = cfg.DemoReset.Scenario()
	}
	account, auditor, err := regions.For(regions.Default())
	if err != nil {
		return nil, fmt.Errorf("the default Region %s: %w", regions.Default(), err)
	}
	in := &regional{accountID: home.ID, name: regions.Default(), regions: regions, account: account, auditor: auditor}
	return &Handlers{accounts: accounts, home: in, pinger: account,
		ready: &readiness{every: cmp.Or(cfg.ReadyCheckEvery, readinessEvery)},
		site:  site, createdByTag: cfg.CreatedByTag, log: log, callsKey: newCallsKey(), demoReset: cfg.DemoReset,
		sweeps: newSweeps(cfg.AuditConcurrency)}, nil
}

// page builds the common page data: title, navigation section and breadcrumbs, who is looking
// and whether they may change anything.
func (h *Handlers) page(r *http.Request, title, section string, crumbs ...views.Crumb) views.Page {
	v := h.visitor(r)
	in := h.region(r.Context())
	site := h.site
	site.Region, site.AccountID = in.name, in.accountID
	p := views.Page{Title: title, Section: section, Breadcrumbs: crumbs, Site: site,
		Base: in.base, Path: r.URL.Path, Regions: in.regions.Enabled(), Accounts: h.accountChoices(),
		ReadOnly: !h.MayChange(r), Person: v.Person.Name(), Reads: cachedReads(r.Context())}
	if r.Method == http.MethodPost {
		// A change that renders its own page (EC2 refused it, a delete partly failed) shows the
		// calls it made; one that succeeds hands them to the page it redirects to (takeCalls).
		p.EC2Calls = callsOfChange(r)
	}
	if p.Person != "" {
		p.Role = "viewer"
		if v.Editor {
			p.Role = "editor"
		}
	}
	return p
}

// render writes a page with status, rendered into a buffer first so that a failing template
// never sends half a page.
//
// Rendering is CPU work and a large page's buffer is big (the audit of 1,000 VPCs is 700 KB):
// at most renderSlots pages render at once, which is all the processors can do anyway, so a burst
// of requests waits its turn instead of holding a buffer each, and the buffers are reused.
func render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) error {
	select {
	case renderSlots <- struct{}{}:
		defer func() { <-renderSlots }()
	case <-r.Context().Done():
		return r.Context().Err()
	}
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer putRenderBuffer(buf)
	if err := c.Render(r.Context(), buf); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}

// renderSlots bounds the pages rendering at once to the processors the process may use, and
// renderBuffers holds their buffers: both are limits of the machine, the same for every Handlers.
var (
	renderSlots   = make(chan struct{}, runtime.GOMAXPROCS(0))
	renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}
)

// maxKeptRenderBuffer is the largest buffer kept for reuse; a rare huge page's is let go.
const maxKeptRenderBuffer = 4 << 20

func putRenderBuffer(buf *bytes.Buffer) {
	if buf.Cap() > maxKeptRenderBuffer {
		return
	}
	buf.Reset()
	renderBuffers.Put(buf)
}

// Healthz answers the liveness probe; it does not call EC2.
func (h *Handlers) Healthz(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, err := w.Write([]byte("ok\n"))
	return err
}
