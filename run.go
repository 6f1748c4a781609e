package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"endpointconsole/fakeec2"
	"endpointconsole/handlers"
	"endpointconsole/views"
	"endpointconsole/vpc"
	"endpointconsole/vpc/seed"
	"endpointconsole/web"
)

// demoAccountID is the simulated account's id, as fakeec2 and the tutorial use it.
const demoAccountID = "123456789012"

// run wires the console together and serves it until ctx is done.
func run(ctx context.Context, cfg config, log *slog.Logger) error {
	site := views.Site{ReadOnly: cfg.readOnly, AuthRequired: cfg.auth == "proxy"}
	metrics := web.NewMetrics()
	// Every EC2 call the pages make is shared, kept for -cache-ttl, counted in the metrics and,
	// when it changes something, recorded in the log.
	callOpts := vpc.Options{CacheTTL: cfg.cacheTTL, Observer: metrics, Log: log}
	// regions holds the account's Service in each Region a page asks for, -region's made first.
	var regions *vpc.RegionServices
	// demoReset rebuilds the demo account; nil on -backend aws and on a read-only console, which
	// then have no Reset demo account route.
	var demoReset handlers.DemoResetter
	var err error
	if cfg.backend == "demo" {
		// The demo's EC2 endpoint outlives the console's own stop: pages still in flight when
		// the stop comes keep calling it until they are answered.
		demoCtx, stopDemo := context.WithCancel(context.WithoutCancel(ctx))
		defer stopDemo()
		var resetter *seed.Resetter
		regions, resetter, site, err = startDemo(demoCtx, cfg, log, site, callOpts)
		if err == nil && !cfg.readOnly {
			demoReset = resetter
		}
	} else {
		regions, site, err = connectAWS(ctx, cfg, site, callOpts, log)
	}
	if err != nil {
		return err
	}
	h, err := handlers.New(handlers.RegionsOf(regions), handlers.Config{Site: site, CreatedByTag: cfg.createdByTag, DemoReset: demoReset}, log)
	if err != nil {
		return err
	}
	webCfg := cfg.webConfig()
	webCfg.Metrics = metrics
	srv := web.New(webCfg, h, log)
	ln, err := srv.Listen()
	if err != nil {
		return fmt.Errorf("%v (choose another address with -addr)", err)
	}
	log.Info("Endpoint Console is serving", "url", "http://"+ln.Addr().String(), "backend", cfg.backend,
		"region", site.Region, "regions", strings.Join(regions.Enabled(), ","), "read_only", cfg.readOnly, "auth", cfg.auth)
	if err := srv.Serve(ctx, ln); err != nil {
		return err
	}
	log.Info("Endpoint Console stopped")
	return nil
}

// webConfig is the HTTP server's part of the configuration.
func (c config) webConfig() web.Config {
	proxies, _ := c.trustedProxyPrefixes() // checked by validate
	return web.Config{
		Addr: c.addr, ReadOnly: c.readOnly, AllowedHosts: splitList(c.allowedHosts), ShutdownTimeout: c.shutdownTimeout,
		Auth: web.Auth{
			Proxy: c.auth == "proxy", TrustedProxies: proxies,
			UserHeader: c.userHeader, EmailHeader: c.emailHeader, GroupsHeader: c.groupsHeader,
			Editors: splitList(c.editors),
		},
	}
}

// demoRegions are the Regions the demo serves: the scenario's account in the first, Oregon-VPC
// in the second. -region picks the one the console shows first; the switcher offers both.
var demoRegions = []string{vpc.DemoRegion, seed.SecondRegionName}

// startDemo serves the simulated account on a loopback port and seeds it through the SDK, as any
// EC2 endpoint would be seeded: the -demo-scenario account in us-east-1 and, for every scenario
// but empty, Oregon-VPC in us-west-2. The console shows both; -region names its default (us-east-1
// unless set). Latency and faults are switched on after seeding, so start-up stays quick. The
// returned Resetter rebuilds the scenario in place, for the console's Reset demo account.
func startDemo(ctx context.Context, cfg config, log *slog.Logger, site views.Site, opts vpc.Options) (*vpc.RegionServices, *seed.Resetter, views.Site, error) {
	region := cfg.demoRegion() // one of demoRegions: config.validate refuses any other
	fake := fakeec2.New(fakeec2.Options{Region: vpc.DemoRegion, Regions: demoRegions, AccountID: demoAccountID})
	url, err := fake.Start(ctx, cfg.demoEC2Addr)
	if err != nil {
		return nil, nil, site, fmt.Errorf("%v (choose another address with -demo-ec2-addr)", err)
	}
	ec2Cfg := func(region string) vpc.Config {
		return vpc.Config{EndpointURL: url, Region: region, StaticAccessKey: "demo", StaticSecretKey: "demo"}
	}
	start := time.Now()
	seedOpts := seed.Options{ExtraVPCs: cfg.demoVPCs}
	if _, err := seed.ScenarioAt(ctx, ec2Cfg(vpc.DemoRegion), cfg.demoScenario, seedOpts); err != nil {
		return nil, nil, site, fmt.Errorf("seed the demo account: %w", err)
	}
	fake.SetConditions(cfg.demoLatency, cfg.demoFaults)
	log.Info("demo account ready", "ec2_endpoint", url, "scenario", cfg.demoScenario, "regions", strings.Join(demoRegions, ","),
		"default_region", region, "extra_vpcs", cfg.demoVPCs, "seeded_in", time.Since(start).Round(time.Millisecond),
		"try", "aws --endpoint-url "+url+" --region "+region+" ec2 describe-route-tables")
	site.Region, site.AccountID, site.DemoEC2URL = region, demoAccountID, url
	connect := func(region string) (*vpc.Service, error) { return vpc.Connect(ctx, ec2Cfg(region), opts) }
	account, err := connect(region)
	if err != nil {
		return nil, nil, site, err
	}
	regions := vpc.NewRegionServices(account, connect)
	if err := regions.LoadEnabled(ctx); err != nil {
		return nil, nil, site, fmt.Errorf("list the demo account's Regions: %w", err)
	}
	resetter := &seed.Resetter{
		Config: ec2Cfg(vpc.DemoRegion), Name: cfg.demoScenario, Options: seedOpts,
		Empty: func() {
			fake.SetConditions(0, 0)
			fake.Reset()
		},
		Rebuilt: func() {
			fake.SetConditions(cfg.demoLatency, cfg.demoFaults)
			regions.ForgetReads()
		},
	}
	return regions, resetter, site, nil
}

// connectAWS connects to EC2 with the standard AWS configuration and makes one cheap call, so
// that missing credentials or an unreachable endpoint stop the console at start with a hint
// rather than on the first page. The Region configured is the default; the others the account
// has enabled are connected to with the same configuration when a page first asks for them.
func connectAWS(ctx context.Context, cfg config, site views.Site, opts vpc.Options, log *slog.Logger) (*vpc.RegionServices, views.Site, error) {
	ec2Cfg := vpc.Config{EndpointURL: cfg.endpointURL, Region: cfg.region, Profile: cfg.profile, AssumeRoleARN: cfg.assumeRole}
	account, err := vpc.Connect(ctx, ec2Cfg, opts)
	if err != nil {
		return nil, site, fmt.Errorf("%s (set -region or AWS_REGION, and -profile or AWS_PROFILE)", vpc.ErrorMessage(err))
	}
	checkCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	owner, err := account.AccountID(checkCtx)
	if err != nil {
		hint := "check the credentials (AWS_PROFILE, aws configure) and the network"
		if cfg.endpointURL != "" {
			hint = "check that " + cfg.endpointURL + " is up and speaks EC2"
		}
		if errors.Is(err, context.DeadlineExceeded) || vpc.ErrorCode(err) == vpc.Internal {
			return nil, site, fmt.Errorf("EC2 is unreachable: %s (%s)", vpc.ErrorMessage(err), hint)
		}
		return nil, site, fmt.Errorf("EC2 refused the first call: %s (%s)", vpc.ErrorMessage(err), hint)
	}
	site.Region, site.AccountID = account.Region(), owner
	regions := vpc.NewRegionServices(account, func(region string) (*vpc.Service, error) {
		in := ec2Cfg
		in.Region = region
		return vpc.Connect(ctx, in, opts)
	})
	if err := regions.LoadEnabled(checkCtx); err != nil {
		log.Warn("only the default Region is shown: the account's Regions could not be listed",
			"region", site.Region, "error", vpc.ErrorMessage(err))
	}
	return regions, site, nil
}
