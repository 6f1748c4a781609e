package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/go-chi/chi/v5"

	"endpointconsole/ec2test"
	"endpointconsole/fakeec2"
	"endpointconsole/handlers"
	"endpointconsole/views"
	"endpointconsole/vpc"
	"endpointconsole/vpc/seed"
)

// The one way the web tests start a console, so that every test, benchmark and browser test runs
// the console wired as run.go wires it, and differs from the others only by the options it names:
// the backend (a seeded fake, or moto), the web configuration, and the vpc.Service's cache,
// metrics and logs. On the fake, an ec2Recorder stands between the console and EC2.

// console is the whole Endpoint Console served in-process on a seeded account.
type console struct {
	URL string
	// demo is the account: its URL is the backend itself (the test's own SDK clients go there,
	// around the recorder); its Service is the console's.
	demo   ec2test.Demo
	server *Server
	client *http.Client
	// ec2 stands between the console and the fake EC2, counting, refusing or throttling its
	// calls; nil on moto.
	ec2 *ec2Recorder
	// ec2Server serves ec2 to the console; closing it stops EC2 answering. nil on moto.
	ec2Server *httptest.Server
	// logs is what the console and its vpc.Service logged, with withLogBuffer; nil otherwise
	// (warnings then go to the test's output).
	logs *ec2test.LogBuffer
	// west is Oregon-VPC, seeded in the second Region (seed.SecondRegionName) of the fake; zero
	// on moto.
	west seed.RegionVPC
	// regions are the console's Services by Region; demo.Service is the default Region's.
	regions *vpc.RegionServices
	// endpointID is the S3 gateway endpoint that endpoint made, or "".
	endpointID string
	// interfaceEndpointID is the SSM interface endpoint that interfaceEndpoint made, or "".
	interfaceEndpointID string
}

// consoleOption changes how newConsole builds the console.
type consoleOption func(*consoleConfig)

type consoleConfig struct {
	fake    fakeec2.Options
	seed    seed.Options
	motoURL string

	readOnly     bool
	allowedHosts []string
	auth         Auth
	handlers     handlers.Config
	extraRoutes  func(chi.Router)

	cacheTTL  time.Duration
	metrics   bool
	logBuffer bool
	// noDemoReset leaves the console without a demo resetter, as on -backend aws.
	noDemoReset bool
	// accounts are the other accounts the console reaches through their roles (-accounts).
	accounts []vpc.AccountRef
}

// withFake starts the fake EC2 with opts (a clock, a pending delay) before it is seeded.
func withFake(opts fakeec2.Options) consoleOption {
	return func(c *consoleConfig) { c.fake = opts }
}

// withSeed seeds the account with opts (extra generated VPCs).
func withSeed(opts seed.Options) consoleOption {
	return func(c *consoleConfig) { c.seed = opts }
}

// onMoto serves the console on moto at url instead of the fake, seeded with the demo account by
// the same calls: url is an account of the test's own (ec2test.SharedMoto), as seeding an account
// twice makes everything twice.
func onMoto(url string) consoleOption {
	return func(c *consoleConfig) { c.motoURL = url }
}

// withReadOnly is -read-only.
func withReadOnly(readOnly bool) consoleOption {
	return func(c *consoleConfig) { c.readOnly = readOnly }
}

// withAllowedHosts is -allowed-hosts.
func withAllowedHosts(hosts ...string) consoleOption {
	return func(c *consoleConfig) { c.allowedHosts = hosts }
}

// withAuth is the -auth proxy configuration.
func withAuth(auth Auth) consoleOption {
	return func(c *consoleConfig) { c.auth = auth }
}

// withHandlers sets the handlers' configuration beyond the site.
func withHandlers(cfg handlers.Config) consoleOption {
	return func(c *consoleConfig) { c.handlers = cfg }
}

// withExtraRoutes adds routes to the router before it serves, for tests of the middleware.
func withExtraRoutes(add func(chi.Router)) consoleOption {
	return func(c *consoleConfig) { c.extraRoutes = add }
}

// withCacheTTL keeps the console's EC2 reads for ttl (-cache-ttl).
func withCacheTTL(ttl time.Duration) consoleOption {
	return func(c *consoleConfig) { c.cacheTTL = ttl }
}

// withMetrics gives the server metrics that the vpc.Service also reports its EC2 calls to, as
// run.go wires them.
func withMetrics() consoleOption {
	return func(c *consoleConfig) { c.metrics = true }
}

// withoutDemoReset gives the console no demo resetter, as run.go does on -backend aws: the console
// on the fake otherwise has one, as the demo backend does.
func withoutDemoReset() consoleOption {
	return func(c *consoleConfig) { c.noDemoReset = true }
}

// withAccounts makes the console reach the other accounts through their roles, as -accounts
// does; the fake must hold them (withFake with Members).
func withAccounts(others []vpc.AccountRef) consoleOption {
	return func(c *consoleConfig) { c.accounts = others }
}

// withLogBuffer logs the console and its changes as JSON into console.logs.
func withLogBuffer() consoleOption {
	return func(c *consoleConfig) { c.logBuffer = true }
}

// newConsole serves the console on a freshly seeded account (the fake, unless onMoto), wired as
// run.go wires it; everything stops with the test.
func newConsole(tb testing.TB, opts ...consoleOption) *console {
	tb.Helper()
	// The console keeps its reads for -cache-ttl's default, as people run it. A write drops the
	// reads it changes, so a test sees its own changes; a test that changes the account behind
	// the console's back, moves the fake's clock or counts EC2 calls says withCacheTTL(0).
	cfg := consoleConfig{cacheTTL: vpc.DefaultCacheTTL}
	for _, opt := range opts {
		opt(&cfg)
	}
	c := &console{}

	var ec2URL string
	if cfg.motoURL != "" {
		account, err := seed.Tutorial(tb.Context(), ec2test.Client(tb, cfg.motoURL), cfg.seed)
		if err != nil {
			tb.Fatalf("seed the demo account on moto: %v", err)
		}
		c.demo = ec2test.Demo{URL: cfg.motoURL, Account: account}
		ec2URL = cfg.motoURL
	} else {
		c.demo = ec2test.StartDemo(tb, cfg.fake, cfg.seed)
		// As the demo does, the second Region holds Oregon-VPC, for the Region switcher.
		west, err := seed.SecondRegion(tb.Context(), ec2test.ClientIn(tb, c.demo.URL, seed.SecondRegionName))
		if err != nil {
			tb.Fatalf("seed the second Region: %v", err)
		}
		c.west = west
		c.ec2 = newEC2Recorder(c.demo.Fake)
		c.ec2Server = httptest.NewServer(c.ec2)
		tb.Cleanup(c.ec2Server.Close)
		ec2URL = c.ec2Server.URL
	}

	log := slog.New(slog.NewTextHandler(tb.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	svcOpts := vpc.Options{CacheTTL: cfg.cacheTTL}
	if cfg.logBuffer {
		c.logs = &ec2test.LogBuffer{}
		log = c.logs.Logger()
		svcOpts.Log = c.logs.Logger()
	}
	var metrics *Metrics
	if cfg.metrics {
		metrics = NewMetrics()
		svcOpts.Observer = metrics
	}
	c.demo.Service = vpc.NewWithOptions(ec2test.Client(tb, ec2URL), ec2test.Region, svcOpts)
	c.regions = vpc.NewRegionServices(c.demo.Service, func(region string) (*vpc.Service, error) {
		return vpc.NewWithOptions(ec2test.ClientIn(tb, ec2URL, region), region, svcOpts), nil
	})
	if err := c.regions.LoadEnabled(tb.Context()); err != nil {
		tb.Fatalf("list the account's Regions: %v", err)
	}
	if c.ec2 != nil {
		c.ec2.take() // the start's DescribeRegions is no page's call
	}

	site := views.Site{Region: "us-east-1", AccountID: "123456789012", DemoEC2URL: c.demo.URL, ReadOnly: cfg.readOnly, AuthRequired: cfg.auth.Proxy}
	hcfg := cfg.handlers
	hcfg.Site = site
	if c.demo.Fake != nil && !cfg.noDemoReset {
		// As run.go wires the demo's: the fake emptied in place, the tutorial seeded again (with
		// Oregon-VPC in us-west-2), the console's kept reads forgotten.
		hcfg.DemoReset = &seed.Resetter{
			Config: vpc.Config{EndpointURL: c.demo.URL, Region: ec2test.Region, StaticAccessKey: "testing", StaticSecretKey: "testing"},
			Name:   seed.ScenarioTutorial, Options: cfg.seed,
			Empty: c.demo.Fake.Reset, Rebuilt: c.regions.ForgetReads,
		}
	}
	// As run.go reaches other accounts: through their roles, assumed with the console's own
	// credentials, at the same endpoint.
	own := vpc.Config{EndpointURL: ec2URL, Region: ec2test.Region, StaticAccessKey: "testing", StaticSecretKey: "testing", MaxBackoff: time.Millisecond}
	accounts := vpc.NewAccounts(vpc.AccountRef{ID: "123456789012"}, c.regions, cfg.accounts, vpc.OpenThroughRole(own, svcOpts, ec2test.Region))
	h, err := handlers.New(handlers.AccountsOf(accounts), hcfg, log)
	if err != nil {
		tb.Fatal(err)
	}
	c.server = New(Config{ReadOnly: cfg.readOnly, AllowedHosts: cfg.allowedHosts, Auth: cfg.auth, Metrics: metrics}, h, log)
	if cfg.extraRoutes != nil {
		cfg.extraRoutes(c.server.router)
	}
	ts := httptest.NewServer(c.server.Handler())
	tb.Cleanup(ts.Close)
	c.URL, c.client = ts.URL, ts.Client()
	return c
}

// noRedirects returns the console seen by a client that does not follow redirects, so that a
// 303 and its Location can be checked.
func (c *console) noRedirects() *console {
	client := *c.client
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	out := *c
	out.client = &client
	return &out
}

// page is one answer of the console, parsed.
type page struct {
	status int
	header http.Header
	body   string
	doc    *goquery.Document
}

// do sends req to the console and parses the answer as HTML.
func (c *console) do(tb testing.TB, req *http.Request) page {
	tb.Helper()
	resp, err := c.client.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("%s %s: read body: %v", req.Method, req.URL.Path, err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(b)))
	if err != nil {
		tb.Fatalf("%s %s: parse HTML: %v", req.Method, req.URL.Path, err)
	}
	return page{status: resp.StatusCode, header: resp.Header, body: string(b), doc: doc}
}

// get fetches path (with its query) from the console.
func (c *console) get(tb testing.TB, path string) page {
	tb.Helper()
	req, err := http.NewRequestWithContext(tb.Context(), http.MethodGet, c.URL+path, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return c.do(tb, req)
}

// getOK fetches path and fails the test unless the console answered 200.
func (c *console) getOK(tb testing.TB, path string) page {
	tb.Helper()
	p := c.get(tb, path)
	if p.status != http.StatusOK {
		tb.Fatalf("GET %s: got status %d, want 200; body:\n%s", path, p.status, p.body)
	}
	return p
}
