// Package handlers turns requests into pages: each handler parses the request, asks the account
// (the vpc package, through the small interface below) for what the page shows, builds the
// page's view model and renders it. Handlers return errors; the web package's adapter hands them
// to Error, which picks the status and the page.
package handlers

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"

	"github.com/a-h/templ"

	"endpointconsole/views"
	"endpointconsole/vpc"
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
	account Account
	writer  EndpointWriter
	auditor Auditor
	site    views.Site
	log     *slog.Logger
	created createdTokens
}

// Auditor is what the audit pages read: the Region's paths and findings, in a fixed number of
// EC2 calls.
type Auditor interface {
	AuditRegion(ctx context.Context) ([]vpc.VPCAudit, error)
}

// AccountService is what the console needs of the vpc package: reads, the audit and endpoint
// writes.
type AccountService interface {
	Account
	Auditor
	EndpointWriter
}

// New returns the console's handlers on account; site describes the connection (Region,
// account, read-only, demo endpoint) shown on every page.
func New(account AccountService, site views.Site, log *slog.Logger) *Handlers {
	return &Handlers{account: account, writer: account, auditor: account, site: site, log: log}
}

// page builds the common page data: title, navigation section and breadcrumbs.
func (h *Handlers) page(title, section string, crumbs ...views.Crumb) views.Page {
	return views.Page{Title: title, Section: section, Breadcrumbs: crumbs, Site: h.site}
}

// render writes a page with status, rendered into a buffer first so that a failing template
// never sends half a page.
func render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) error {
	var buf bytes.Buffer
	if err := c.Render(r.Context(), &buf); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}

// Healthz answers the liveness probe; it does not call EC2.
func (h *Handlers) Healthz(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, err := w.Write([]byte("ok\n"))
	return err
}
