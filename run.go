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
	// accounts holds the console's own account's Service in each Region a page asks for,
	// -region's made first, and the other accounts' (-accounts, -org-role-name, -demo-accounts).
	var accounts *vpc.Accounts
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
		accounts, resetter, site, err = startDemo(demoCtx, cfg, log, site, callOpts)
		if err == nil && !cfg.readOnly {
			demoReset = resetter
		}
	} else {
		accounts, site, err = connectAWS(ctx, cfg, site, callOpts, log)
	}
	if err != nil {
		return err
	}
	h, err := handlers.New(handlers.AccountsOf(accounts), handlers.Config{Site: site, CreatedByTag: cfg.createdByTag,
		DemoReset: demoReset, AuditConcurrency: cfg.auditConcurrency}, log)
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
		"region", site.Region, "accounts", len(accounts.List()), "read_only", cfg.readOnly, "auth", cfg.auth)
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
// unless set). With -demo-accounts, the account manages an organization whose other accounts
// the console lists and reaches as -org-role-name does a real one's. Latency and faults are
// switched on after seeding, so start-up stays quick. The returned Resetter rebuilds it all in
// place, for the console's Reset demo account.
func startDemo(ctx context.Context, cfg config, log *slog.Logger, site views.Site, opts vpc.Options) (*vpc.Accounts, *seed.Resetter, views.Site, error) {
	region := cfg.demoRegion() // one of demoRegions: config.validate refuses any other
	members := seed.Organization(cfg.demoAccounts)
	fake := fakeec2.New(fakeec2.Options{Region: vpc.DemoRegion, Regions: demoRegions, AccountID: demoAccountID, Members: fakeMembers(members)})
	url, err := fake.Start(ctx, cfg.demoEC2Addr)
	if err != nil {
		return nil, nil, site, fmt.Errorf("%v (choose another address with -demo-ec2-addr)", err)
	}
	ec2Cfg := func(region string) vpc.Config {
		return vpc.Config{EndpointURL: url, Region: region, StaticAccessKey: "demo", StaticSecretKey: "demo"}
	}
	start := time.Now()
	seedOpts := seed.Options{ExtraVPCs: cfg.demoVPCs}
	seedOthers := func(ctx context.Context) error {
		return seed.OrganizationAt(ctx, ec2Cfg(vpc.DemoRegion), members, demoRegions, seedOpts)
	}
	if _, err := seed.ScenarioAt(ctx, ec2Cfg(vpc.DemoRegion), cfg.demoScenario, seedOpts); err != nil {
		return nil, nil, site, fmt.Errorf("seed the demo account: %w", err)
	}
	if err := seedOthers(ctx); err != nil {
		return nil, nil, site, fmt.Errorf("seed the demo organization: %w", err)
	}
	fake.SetConditions(cfg.demoLatency, cfg.demoFaults)
	log.Info("demo account ready", "ec2_endpoint", url, "scenario", cfg.demoScenario, "regions", strings.Join(demoRegions, ","),
		"default_region", region, "extra_vpcs", cfg.demoVPCs, "accounts", len(members)+1, "seeded_in", time.Since(start).Round(time.Millisecond),
		"try", "aws --endpoint-url "+url+" --region "+region+" ec2 describe-route-tables")
	site.Region, site.AccountID, site.DemoEC2URL = region, demoAccountID, url
	opts.AccountID = demoAccountID // the change records name the account
	connect := func(region string) (*vpc.Service, error) { return vpc.Connect(ctx, ec2Cfg(region), opts) }
	account, err := connect(region)
	if err != nil {
		return nil, nil, site, err
	}
	regions := vpc.NewRegionServices(account, connect)
	if err := regions.LoadEnabled(ctx); err != nil {
		return nil, nil, site, fmt.Errorf("list the demo account's Regions: %w", err)
	}
	roleName := ""
	if len(members) > 0 {
		roleName = seed.OrganizationRole
	}
	accounts, err := reachAccounts(ctx, ec2Cfg(region), opts, demoAccountID, regions, nil, roleName)
	if err != nil {
		return nil, nil, site, err
	}
	resetter := &seed.Resetter{
		Config: ec2Cfg(vpc.DemoRegion), Name: cfg.demoScenario, Options: seedOpts,
		Empty: func() {
			fake.SetConditions(0, 0)
			fake.Reset()
		},
		Rebuilt: func() {
			fake.SetConditions(cfg.demoLatency, cfg.demoFaults)
			accounts.ForgetReads()
		},
	}
	if len(members) > 0 {
		resetter.Others = seedOthers
	}
	return accounts, resetter, site, nil
}

// fakeMembers are the demo organization's accounts as the fake holds them: each with the role the
// console assumes, but for the one that has none.
func fakeMembers(accounts []seed.OrgAccount) []fakeec2.Member {
	var out []fakeec2.Member
	for _, a := range accounts {
		m := fakeec2.Member{ID: a.ID, Name: a.Name}
		if a.Role != "" {
			m.Roles = []string{a.Role}
		}
		out = append(out, m)
	}
	return out
}

// reachAccounts is the console's own account (homeID, with its Regions) and the others it
// reaches: the role ARNs of -accounts, or every account of the organization with the role
// roleName in each (-org-role-name), listed with cfg's own credentials. Other accounts are opened
// through their roles, assumed with cfg's own credentials, when a page or an audit first asks.
func reachAccounts(ctx context.Context, cfg vpc.Config, opts vpc.Options, homeID string, regions *vpc.RegionServices, roleARNs []string, roleName string) (*vpc.Accounts, error) {
	own := cfg
	own.AssumeRoleARN = ""
	home := vpc.AccountRef{ID: homeID, Name: homeID}
	var others []vpc.AccountRef
	var err error
	switch {
	case len(roleARNs) > 0:
		others, err = vpc.AccountsFromRoles(roleARNs)
	case roleName != "":
		listCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		others, err = vpc.OrganizationAccounts(listCtx, own, roleName)
		for _, a := range others {
			if a.ID == homeID {
				home.Name = a.Name
			}
		}
	}
	if err != nil {
		return nil, fmt.Errorf("the other accounts: %s", vpc.ErrorMessage(err))
	}
	return vpc.NewAccounts(home, regions, others, vpc.OpenThroughRole(own, opts, regions.Default().Region())), nil
}

// connectAWS connects to EC2 with the standard AWS configuration and makes one cheap call, so
// that missing credentials or an unreachable endpoint stop the console at start with a hint
// rather than on the first page. The Region configured is the default; the others the account
// has enabled are connected to with the same configuration when a page first asks for them.
func connectAWS(ctx context.Context, cfg config, site views.Site, opts vpc.Options, log *slog.Logger) (*vpc.Accounts, views.Site, error) {
	ec2Cfg, err := vpc.Config{EndpointURL: cfg.endpointURL, Region: cfg.region, Profile: cfg.profile, AssumeRoleARN: cfg.assumeRole}.SharingRole(ctx)
	if err != nil {
		return nil, site, fmt.Errorf("%s (set -region or AWS_REGION, and -profile or AWS_PROFILE)", vpc.ErrorMessage(err))
	}
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
	// Now that the account is known, the change records name it: the Service is made again with
	// it (loading the configuration again costs no call, and the role's sessions are shared).
	opts.AccountID = owner
	if account, err = vpc.Connect(ctx, ec2Cfg, opts); err != nil {
		return nil, site, err
	}
	regions := vpc.NewRegionServices(account, func(region string) (*vpc.Service, error) {
		in := ec2Cfg
		in.Region = region
		return vpc.Connect(ctx, in, opts)
	})
	if err := regions.LoadEnabled(checkCtx); err != nil {
		log.Warn("only the default Region is shown: the account's Regions could not be listed",
			"region", site.Region, "error", vpc.ErrorMessage(err))
	}
	accounts, err := reachAccounts(ctx, ec2Cfg, opts, owner, regions, splitList(cfg.accounts), cfg.orgRoleName)
	if err != nil {
		return nil, site, err
	}
	return accounts, site, nil
}
