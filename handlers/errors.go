package handlers

import (
	"net/http"
	"strings"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// statusByCode maps the vpc package's error codes to HTTP statuses: the one table of it.
var statusByCode = map[vpc.Code]int{
	vpc.Invalid:      http.StatusBadRequest,
	vpc.NotFound:     http.StatusNotFound,
	vpc.Conflict:     http.StatusConflict,
	vpc.Throttled:    http.StatusServiceUnavailable,
	vpc.Unauthorized: http.StatusForbidden,
	vpc.Internal:     http.StatusInternalServerError,
}

var headingByStatus = map[int]string{
	http.StatusBadRequest:          "The request can't be done",
	http.StatusNotFound:            "Not found",
	http.StatusMethodNotAllowed:    "Not allowed here",
	http.StatusMisdirectedRequest:  "Wrong address",
	http.StatusConflict:            "The account changed",
	http.StatusServiceUnavailable:  "EC2 is busy",
	http.StatusForbidden:           "Not permitted",
	http.StatusInternalServerError: "Something went wrong",
}

// backLinks are the lists an error page leads back to, by the first segment of the request's
// path: a change to an endpoint deleted meanwhile ends on a 404 that offers the Endpoints
// list, not only the dashboard.
var backLinks = map[string]views.Crumb{
	"vpcs":              {Label: "Your VPCs", Href: "/vpcs"},
	"subnets":           {Label: "Subnets", Href: "/subnets"},
	"route-tables":      {Label: "Route tables", Href: "/route-tables"},
	"internet-gateways": {Label: "Internet gateways", Href: "/internet-gateways"},
	"nat-gateways":      {Label: "NAT gateways", Href: "/nat-gateways"},
	"endpoints":         {Label: "Endpoints", Href: "/endpoints"},
	"audit":             {Label: "Paths to S3 and DynamoDB", Href: "/audit"},
}

// backLinkFor is the list of the section path belongs to, or none outside the sections.
func backLinkFor(path string) views.Crumb {
	section, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	return backLinks[section]
}

// ErrorStatus is the HTTP status of err.
func ErrorStatus(err error) int {
	if status, ok := statusByCode[vpc.ErrorCode(err)]; ok {
		return status
	}
	return http.StatusInternalServerError
}

// Error renders the error page for err with its status.
func (h *Handlers) Error(w http.ResponseWriter, r *http.Request, err error) {
	h.errorPage(w, r, ErrorStatus(err), vpc.ErrorMessage(err))
}

// NotFound renders the console's 404 page.
func (h *Handlers) NotFound(w http.ResponseWriter, r *http.Request) {
	h.errorPage(w, r, http.StatusNotFound, "The console has no page at this address. Check the link, or start again from the dashboard.")
}

// Forbidden renders the 403 page for a request another site's page sent (cross-site request
// forgery protection).
func (h *Handlers) Forbidden(w http.ResponseWriter, r *http.Request) {
	h.errorPage(w, r, http.StatusForbidden, "The console refused this request because it came from another site's page. Open the console directly and try again.")
}

// MethodNotAllowed renders the 405 page, for example for a POST to a read-only console.
func (h *Handlers) MethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	msg := "This address can't be used that way."
	if h.site.ReadOnly {
		msg = "The console is read-only: it changes nothing in the account."
	}
	h.errorPage(w, r, http.StatusMethodNotAllowed, msg)
}

// errorPage shows message with status. The request ID set on the response (X-Request-Id) is
// shown so that a person can quote it; throttling offers to try again.
func (h *Handlers) errorPage(w http.ResponseWriter, r *http.Request, status int, message string) {
	p := views.ErrorPage{
		Page:      h.page(r, headingByStatus[status], ""),
		Status:    status,
		Heading:   headingByStatus[status],
		Message:   message,
		RequestID: w.Header().Get("X-Request-Id"),
		TryAgain:  status == http.StatusServiceUnavailable,
		Back:      backLinkFor(pathInRegion(r.URL.Path)),
	}
	if err := render(w, r, status, views.Error(p)); err != nil {
		http.Error(w, message, status)
	}
}
