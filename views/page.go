// Package views renders the console's pages with templ. It is presentation only: each page takes
// one view-model struct, built by the handlers, that embeds Page; formatting lives in Go helpers
// here, never in the templates, and nothing here does I/O.
package views

import (
	"strconv"
	"time"

	"github.com/a-h/templ"

	"endpointconsole/static"
	"endpointconsole/vpc"
)

// Page is what the layout of every page shows around its content.
type Page struct {
	Title string
	// Section names the navigation entry to mark as current (see navSections).
	Section     string
	Breadcrumbs []Crumb
	Site        Site
	// Flash is a one-time message after a change, such as "Endpoint vpce-… created.", shown as
	// a success banner with FlashLinks after it (the route tables a create changed, say), or as
	// a note when FlashInfo says nothing was changed.
	Flash      string
	FlashLinks []Crumb
	FlashInfo  bool
	// RefreshSeconds, when set, reloads the page by itself (no JavaScript needed), for a page
	// showing something that is still changing, such as a pending endpoint.
	RefreshSeconds int
	// RefreshOnlyWithoutScript keeps that reload for browsers without JavaScript, when the page's
	// script updates it in place instead.
	RefreshOnlyWithoutScript bool
	// ReadOnly hides every way to change the account: the console is read-only, or the person
	// looking is a viewer.
	ReadOnly bool
	// Person is the signed-in person's name and Role "editor" or "viewer"; both empty on a
	// console without -auth.
	Person, Role string
	// Reads tells whether the page's data came from the console's cache, and from when.
	Reads CachedReads
	// EC2Calls are the calls the change this page shows made, for the "EC2 calls" panel.
	EC2Calls []vpc.Call
	// Base is the page's Region in its URL ("/regions/us-west-2"), which every link and form of
	// the page keeps (see Href); "" on a page of the default Region reached without it.
	Base string
	// Path is the page's URL path, for the Region switcher to keep the kind of page.
	Path string
	// Regions are the Regions the page's account has enabled, for the Region switcher.
	Regions []string
	// Accounts are the accounts the console reaches, for the account switcher; none when it
	// reaches its own account only.
	Accounts []AccountChoice
}

// AccountChoice is one account of the account switcher: its id and "Name (id)".
type AccountChoice struct {
	ID, Label string
}

// Href is the URL of the console page at path ("/route-tables/rtb-…") in the page's Region.
// Static assets, /healthz, /readyz and /metrics are of no Region and never go through it.
func (p Page) Href(path string) templ.SafeURL {
	return templ.URL(p.Base + path)
}

// CachedReads is what a page asks of the reads it was built from.
type CachedReads interface {
	// CachedSince is the time the oldest cached answer was read from EC2; false when every
	// answer came from EC2 for this page.
	CachedSince() (time.Time, bool)
}

// dataTime says when the page's data was read from EC2, for a page built from the cache; "" for
// a page read fresh.
func (p Page) dataTime() string {
	if p.Reads == nil {
		return ""
	}
	since, ok := p.Reads.CachedSince()
	if !ok {
		return ""
	}
	return "Data as of " + since.UTC().Format("15:04:05") + " UTC (" + ageWords(time.Since(since)) +
		"), kept briefly to spare EC2; your own changes show at once."
}

// ageWords writes a short age: "2 s ago", "under a second ago".
func ageWords(d time.Duration) string {
	if d < time.Second {
		return "under a second ago"
	}
	return strconv.Itoa(int(d/time.Second)) + " s ago"
}

// Site describes the console's connection, the same on every page.
type Site struct {
	Region    string
	AccountID string
	// ReadOnly is the console's -read-only: nobody may change anything.
	ReadOnly bool
	// AuthRequired is -auth proxy: every person is identified, and only editors may change.
	AuthRequired bool
	// DemoEC2URL is the simulated account's EC2 endpoint; empty on a real account.
	DemoEC2URL string
	// DemoScenario is the demo scenario that Reset demo account rebuilds; empty when the console
	// cannot reset its account (a real account, a read-only console).
	DemoScenario string
}

// DemoCommand is the AWS CLI command that reads the demo account the console shows.
func (s Site) DemoCommand() string {
	return "aws --endpoint-url " + s.DemoEC2URL + " --region " + s.Region + " ec2 describe-route-tables"
}

// Crumb is one step of the breadcrumbs (the last one has no link), or a link after a flash message.
type Crumb struct {
	Label string
	Href  string
}

// asset is the URL of an embedded static file, versioned so it can be cached for long.
func asset(name string) string {
	return "/static/" + name + "?v=" + static.Version
}

type navEntry struct {
	Section, Label, Href string
}

type navGroup struct {
	Title   string
	Entries []navEntry
}

// navSections is the left navigation, grouped as the VPC console groups it.
var navSections = []navGroup{
	{"Virtual private cloud", []navEntry{
		{"vpcs", "Your VPCs", "/vpcs"},
		{"subnets", "Subnets", "/subnets"},
		{"route-tables", "Route tables", "/route-tables"},
		{"internet-gateways", "Internet gateways", "/internet-gateways"},
		{"nat-gateways", "NAT gateways", "/nat-gateways"},
	}},
	{"PrivateLink and Lattice", []navEntry{
		{"endpoints", "Endpoints", "/endpoints"},
	}},
	{"Audit", []navEntry{
		{"audit", "Paths to S3 and DynamoDB", "/audit"},
	}},
}

// ariaCurrent marks the navigation entry of the page being shown.
func ariaCurrent(current, section string) string {
	if current == section {
		return "page"
	}
	return ""
}
