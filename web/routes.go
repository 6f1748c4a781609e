package web

import (
	"io/fs"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"endpointconsole/handlers"
	"endpointconsole/static"
)

// routes is the console's one route table: every path it serves, one line each. Mutating
// routes are registered only when the console is not read-only, so in read-only mode they do
// not exist at all, whatever a page shows.
func (s *Server) routes(h *handlers.Handlers) chi.Router {
	r := chi.NewRouter()
	// CrossOriginProtection refuses state-changing requests sent by other sites' pages (CSRF).
	// It compares Origin with Host, so the Host is checked first (DNS rebinding); a refused
	// request gets the console's own page.
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(h.Forbidden))
	// GetHead answers HEAD from the GET routes, for curl -I and uptime checks.
	r.Use(s.requestID, s.accessLog, s.recoverPanics, securityHeaders, s.checkHost, csrf.Handler, s.identify,
		h.TrackReads, h.RecordCalls, limitBody, middleware.GetHead)
	r.NotFound(h.NotFound)
	r.MethodNotAllowed(h.MethodNotAllowed)

	r.Get("/healthz", s.adapt(h.Healthz))                     // liveness, no EC2 call
	r.Get("/readyz", s.adapt(h.Readyz))                       // readiness: EC2 answers (checked at most every few seconds)
	r.Method(http.MethodGet, "/metrics", s.metrics.Handler()) // Prometheus metrics
	// The embedded CSS, JS and icons: GET only, as every route names its method.
	r.Method(http.MethodGet, "/static/*", http.StripPrefix("/static/", staticFiles(static.FS)))

	r.Get("/switch-region", s.adapt(h.SwitchRegion)) // the header's Region switcher: 303 to the same kind of page in ?region=

	// Every page is of one account and one Region: /regions/us-west-2/… names the Region of the
	// console's own account, /accounts/210987654321/regions/us-west-2/… another account's (an
	// account the console does not reach, or a Region it has not enabled, is a 404); a path
	// without the prefix is of the console's own account and default Region (-region).
	s.regionPages(r, h)
	for _, prefix := range []string{"/regions/{region}", "/accounts/{account}/regions/{region}"} {
		r.Route(prefix, func(r chi.Router) {
			// GetHead again: the outer one takes HEAD /regions/x/ for the mount itself.
			r.Use(h.InRegion, middleware.GetHead)
			s.regionPages(r, h)
		})
	}
	return r
}

// regionPages are the pages of one Region, the same under /regions/{region} and without it.
func (s *Server) regionPages(r chi.Router, h *handlers.Handlers) {
	r.Get("/", s.adapt(h.Dashboard))                         // VPC dashboard: resource counts
	r.Get("/vpcs", s.adapt(h.VPCs))                          // Your VPCs
	r.Get("/subnets", s.adapt(h.Subnets))                    // Subnets, ?vpc= ?q=
	r.Get("/route-tables", s.adapt(h.RouteTables))           // Route tables, ?vpc= ?q=
	r.Get("/route-tables/{id}", s.adapt(h.RouteTable))       // one route table: routes, associations
	r.Get("/internet-gateways", s.adapt(h.InternetGateways)) // Internet gateways
	r.Get("/nat-gateways", s.adapt(h.NATGateways))           // NAT gateways, ?vpc=
	r.Get("/endpoints", s.adapt(h.Endpoints))                // Endpoints, ?vpc= ?q=
	r.Get("/endpoints/{id}", s.adapt(h.Endpoint))            // one endpoint: details, the route tables it changed

	r.Get("/audit", s.adapt(h.AuditSummary))                          // audit: per VPC, how subnets reach S3 and DynamoDB
	r.Get("/audit/vpcs/{id}", s.adapt(h.AuditVPC))                    // one VPC: diagram, findings, subnet paths, cost
	r.Get("/audit/vpcs/{id}/diagram.svg", s.adapt(h.AuditDiagramSVG)) // its diagram alone, full size
	r.Get("/audit/export.json", s.adapt(h.AuditJSON))                 // subnet paths and findings, ?vpc=
	r.Get("/audit/subnets.csv", s.adapt(h.AuditSubnetsCSV))           // subnet paths, ?vpc=
	r.Get("/audit/findings.csv", s.adapt(h.AuditFindingsCSV))         // findings, ?vpc=

	// Routes that change the account exist only when the console may change it.
	if !s.readOnly {
		// Viewers (everyone but the editors, behind the sign-in proxy) get a 403 that says why.
		r := r.With(s.editorsOnly)
		r.Get("/endpoints/new", s.adapt(h.NewEndpoint))                     // Create endpoint wizard, first step
		r.Post("/endpoints/new", s.adapt(h.EndpointWizardStep))             // every later step, and Create endpoint
		r.Get("/endpoints/{id}/route-tables", s.adapt(h.ManageRouteTables)) // Manage route tables (gateway)
		r.Post("/endpoints/{id}/route-tables", s.adapt(h.SaveRouteTables))  // preview, then save
		r.Get("/endpoints/{id}/policy", s.adapt(h.ManagePolicy))            // Manage policy
		r.Post("/endpoints/{id}/policy", s.adapt(h.SavePolicy))             // template, diff preview, save
		r.Get("/endpoints/{id}/tags", s.adapt(h.ManageTags))                // Manage tags
		r.Post("/endpoints/{id}/tags", s.adapt(h.SaveTags))                 // add or remove a row, save
		r.Get("/endpoints/{id}/network", s.adapt(h.ManageNetwork))          // subnets, security groups, DNS (interface)
		r.Post("/endpoints/{id}/network", s.adapt(h.SaveNetwork))           // save
		r.Get("/endpoints/delete", s.adapt(h.ConfirmDelete))                // ?id=… confirm: type "delete"
		r.Post("/endpoints/delete", s.adapt(h.DeleteEndpoints))             // delete, result per endpoint
		// The demo account only: -backend aws has no resetter, and nothing resets a real account.
		if h.DemoResettable() {
			r.Get("/demo/reset", s.adapt(h.ConfirmDemoReset))  // confirm: type "reset"
			r.Post("/demo/reset", s.adapt(h.ResetDemoAccount)) // rebuild the scenario in place, same EC2 URL
		}
	}
}

// staticFiles serves the embedded assets. Their URLs carry static.Version, so they may be
// cached for a long time.
func staticFiles(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		files.ServeHTTP(w, r)
	})
}
