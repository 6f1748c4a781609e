package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"

	"endpointconsole/vpc"
	"endpointconsole/vpc/seed"
)

// config is everything the flags and their ENDPOINT_CONSOLE_* variables set.
type config struct {
	addr        string
	backend     string
	endpointURL string
	region      string
	profile     string
	assumeRole  string
	// accounts (role ARNs, comma list) and orgRoleName reach other accounts than the console's own.
	accounts    string
	orgRoleName string
	readOnly    bool
	demoEC2Addr string
	demoLatency time.Duration
	demoFaults  float64
	demoVPCs    int
	// demoScenario names the demo account to build (seed.Scenarios).
	demoScenario string
	// demoAccounts makes the demo an organization of that many accounts (0: one account).
	demoAccounts int

	// Team use: who may reach the console, who the visitors are, what they may do.
	allowedHosts   string // comma list
	auth           string // none or proxy
	trustedProxies string // comma list of CIDRs
	userHeader     string
	emailHeader    string
	groupsHeader   string
	editors        string // comma list of groups, emails or user names
	insecureNoAuth bool
	createdByTag   string

	// Operations.
	cacheTTL         time.Duration
	auditConcurrency int
	logFormat        string
	shutdownTimeout  time.Duration
}

// envPrefix names the environment variable of each flag: -read-only is ENDPOINT_CONSOLE_READ_ONLY.
const envPrefix = "ENDPOINT_CONSOLE_"

func envName(flagName string) string {
	return envPrefix + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// parseConfig reads the flags, each defaulting to its environment variable when that is set, and
// checks them together. Errors name the fix.
func parseConfig(args []string, getenv func(string) string) (config, error) {
	var c config
	fs := flag.NewFlagSet("endpoint-console", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "address the console listens on")
	fs.StringVar(&c.backend, "backend", "demo", "demo (a simulated account built in) or aws (the standard AWS configuration)")
	fs.StringVar(&c.endpointURL, "endpoint-url", "", "with -backend aws: send EC2 calls to this URL instead (LocalStack, moto), like the AWS CLI's --endpoint-url")
	fs.StringVar(&c.region, "region", "", "AWS Region (default: AWS_REGION or the profile's); with the demo, the Region shown: us-east-1 (default) or us-west-2")
	fs.StringVar(&c.profile, "profile", "", "AWS shared-config profile (default: AWS_PROFILE)")
	fs.StringVar(&c.assumeRole, "assume-role-arn", "", "with -backend aws: call EC2 through this IAM role, assumed for each person with their name as STS SourceIdentity")
	fs.StringVar(&c.accounts, "accounts", "", "with -backend aws: comma-separated IAM role ARNs, one per other account to show and audit, assumed with the console's own credentials")
	fs.StringVar(&c.orgRoleName, "org-role-name", "", "with -backend aws: list the organization's accounts (Organizations ListAccounts, from the management account or a delegated administrator) and assume the role of this name in each")
	fs.BoolVar(&c.readOnly, "read-only", false, "show the account and change nothing: every mutating route is removed")
	fs.StringVar(&c.demoEC2Addr, "demo-ec2-addr", "127.0.0.1:0", "address of the demo account's EC2 endpoint")
	fs.DurationVar(&c.demoLatency, "demo-latency", 0, "latency added to every demo EC2 call, e.g. 100ms")
	fs.Float64Var(&c.demoFaults, "demo-faults", 0, "fraction of demo EC2 calls answered RequestLimitExceeded, e.g. 0.3")
	fs.StringVar(&c.demoScenario, "demo-scenario", seed.DefaultScenario, "the demo account to build: "+strings.Join(seed.ScenarioNames(), ", ")+" (listed below)")
	fs.IntVar(&c.demoVPCs, "demo-vpcs", 0, fmt.Sprintf("generated VPCs added to the demo account, for scale demos; with -demo-scenario large, how many it has (default %d)", seed.LargeVPCs))
	fs.IntVar(&c.demoAccounts, "demo-accounts", 0, "make the demo an AWS Organization of this many accounts (2 to 100), each reached through a role, as -org-role-name reaches a real one")
	fs.StringVar(&c.allowedHosts, "allowed-hosts", "", "comma-separated names the console answers to besides localhost, IP addresses and the -addr host, e.g. console.example.com (.example.com for every name under it)")
	fs.StringVar(&c.auth, "auth", "none", "none, or proxy: people sign in at an authenticating proxy (oauth2-proxy, Pomerium, an ALB with OIDC) that names them in headers")
	fs.StringVar(&c.trustedProxies, "trusted-proxies", "", "with -auth proxy: comma-separated CIDRs of the proxies whose identity headers are believed, e.g. 10.0.0.5/32")
	fs.StringVar(&c.userHeader, "auth-user-header", "X-Forwarded-User", "with -auth proxy: the header naming the user")
	fs.StringVar(&c.emailHeader, "auth-email-header", "X-Forwarded-Email", "with -auth proxy: the header carrying the email")
	fs.StringVar(&c.groupsHeader, "auth-groups-header", "X-Forwarded-Groups", "with -auth proxy: the header listing the groups, comma-separated")
	fs.StringVar(&c.editors, "editors", "", "with -auth proxy: comma-separated groups, emails or user names that may change endpoints; everyone else only looks")
	fs.BoolVar(&c.insecureNoAuth, "insecure-no-auth", false, "let a console on a network address change the account without -auth: anyone who reaches it is an editor")
	fs.StringVar(&c.createdByTag, "created-by-tag", "created-by", "key of the tag naming who created each endpoint the console creates (empty: no tag)")
	fs.DurationVar(&c.cacheTTL, "cache-ttl", vpc.DefaultCacheTTL, "how long EC2 reads are kept and shared between pages; 0 keeps none")
	fs.IntVar(&c.auditConcurrency, "audit-concurrency", 4, "how many accounts × Regions an audit of all Regions or all accounts reads at once")
	fs.StringVar(&c.logFormat, "log-format", "text", "text or json")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 60*time.Second, "how long a stop waits for requests in flight; the default outlasts EC2 retries (6 attempts, up to 20s of backoff)")

	// Environment variables first, so that flags on the command line win.
	var envErr error
	fs.VisitAll(func(f *flag.Flag) {
		if v := getenv(envName(f.Name)); v != "" && envErr == nil {
			if err := f.Value.Set(v); err != nil {
				envErr = fmt.Errorf("%s=%q: %v", envName(f.Name), v, err)
			}
		}
	})
	if envErr != nil {
		return c, envErr
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			printUsage(os.Stdout, fs)
			return c, err
		}
		return c, fmt.Errorf("%v (run with -h to list the flags)", err)
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q (run with -h to list the flags)", fs.Arg(0))
	}
	return c, c.validate()
}

// demoRegion is the Region the demo console shows: -region, or the tutorial's.
func (c config) demoRegion() string {
	if c.region == "" {
		return vpc.DemoRegion
	}
	return c.region
}

func (c config) validate() error {
	switch {
	case c.backend != "demo" && c.backend != "aws":
		return fmt.Errorf("-backend %q: use demo or aws", c.backend)
	case c.backend == "demo" && c.endpointURL != "":
		return fmt.Errorf("-endpoint-url needs -backend aws (the demo backend serves its own endpoint)")
	case c.backend == "demo" && c.assumeRole != "":
		return fmt.Errorf("-assume-role-arn needs -backend aws (the demo account has no roles to assume)")
	case c.demoFaults < 0 || c.demoFaults >= 1:
		return fmt.Errorf("-demo-faults %v: give a fraction from 0 up to (not including) 1", c.demoFaults)
	case c.demoLatency < 0:
		return fmt.Errorf("-demo-latency %v: give a positive duration such as 100ms", c.demoLatency)
	case c.backend == "demo" && !slices.Contains(demoRegions, c.demoRegion()):
		return fmt.Errorf("-region %s: the demo serves %s; choose one of them, or -backend aws for another Region", c.region, strings.Join(demoRegions, " and "))
	case c.backend == "demo" && !seed.ValidScenario(c.demoScenario):
		return fmt.Errorf("-demo-scenario %q: choose one of %s", c.demoScenario, strings.Join(seed.ScenarioNames(), ", "))
	case c.demoVPCs < 0 || c.demoVPCs > 1000:
		return fmt.Errorf("-demo-vpcs %d: give a number from 0 to 1000", c.demoVPCs)
	case c.backend == "demo" && (c.accounts != "" || c.orgRoleName != ""):
		return fmt.Errorf("-accounts and -org-role-name need -backend aws (for a demo organization, use -demo-accounts)")
	case c.accounts != "" && c.orgRoleName != "":
		return fmt.Errorf("-accounts and -org-role-name both name the other accounts: choose one")
	case c.demoAccounts != 0 && (c.backend != "demo" || c.demoAccounts < 2 || c.demoAccounts > maxDemoAccounts):
		return fmt.Errorf("-demo-accounts %d: give a number from 2 to %d, with the demo backend", c.demoAccounts, maxDemoAccounts)
	case c.auditConcurrency < 1 || c.auditConcurrency > 64:
		return fmt.Errorf("-audit-concurrency %d: give a number from 1 to 64", c.auditConcurrency)
	case c.auth != "none" && c.auth != "proxy":
		return fmt.Errorf("-auth %q: use none or proxy", c.auth)
	case c.auth == "proxy" && c.trustedProxies == "":
		return fmt.Errorf("-auth proxy needs -trusted-proxies: the CIDRs of the proxy whose identity headers the console may believe")
	case c.auth != "proxy" && (c.trustedProxies != "" || c.editors != ""):
		return fmt.Errorf("-trusted-proxies and -editors need -auth proxy")
	case c.auth == "proxy" && c.insecureNoAuth:
		return fmt.Errorf("-insecure-no-auth contradicts -auth proxy: choose one")
	case c.cacheTTL < 0:
		return fmt.Errorf("-cache-ttl %v: give 0 or a positive duration such as 5s", c.cacheTTL)
	case c.logFormat != "text" && c.logFormat != "json":
		return fmt.Errorf("-log-format %q: use text or json", c.logFormat)
	case c.shutdownTimeout <= 0:
		return fmt.Errorf("-shutdown-timeout %v: give a positive duration such as 60s", c.shutdownTimeout)
	}
	if _, err := c.trustedProxyPrefixes(); err != nil {
		return err
	}
	if !isLoopbackAddr(c.addr) && !c.readOnly && c.auth == "none" && !c.insecureNoAuth {
		return fmt.Errorf("-addr %s is reachable from the network and the console may change the account with no sign-in: "+
			"add -read-only, or -auth proxy behind a sign-in proxy, or -insecure-no-auth to run it open", c.addr)
	}
	if c.orgRoleName != "" && !roleNamePattern.MatchString(c.orgRoleName) {
		return fmt.Errorf("-org-role-name %q: give the name of a role, such as EndpointConsoleAudit (letters, digits and +=,.@_-, up to 64), not its ARN", c.orgRoleName)
	}
	if _, err := vpc.AccountsFromRoles(splitList(c.accounts)); err != nil {
		return fmt.Errorf("-accounts: %s", vpc.ErrorMessage(err))
	}
	if c.assumeRole != "" {
		if err := (vpc.Config{AssumeRoleARN: c.assumeRole}).Validate(); err != nil {
			return fmt.Errorf("-assume-role-arn: %s", vpc.ErrorMessage(err))
		}
	}
	return nil
}

// roleNamePattern is IAM's rule for a role name.
var roleNamePattern = regexp.MustCompile(`^[\w+=,.@-]{1,64}$`)

// maxDemoAccounts bounds -demo-accounts: each account is seeded at start.
const maxDemoAccounts = 100

// isLoopbackAddr reports whether a listen address is reachable from this machine only: a
// loopback IP, or localhost. An empty host (":8080") listens on every interface.
func isLoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

// splitList splits a comma-separated flag value, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// trustedProxyPrefixes parses -trusted-proxies; a bare address means that address alone.
func (c config) trustedProxyPrefixes() ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range splitList(c.trustedProxies) {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil {
				return nil, fmt.Errorf("-trusted-proxies %q: give CIDRs such as 10.0.0.5/32 or 10.0.0.0/24", s)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

func printUsage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintln(w, "Usage: endpoint-console [flags]")
	fmt.Fprintln(w, "\nA web console for AWS VPC endpoints. Without flags it serves a simulated demo account on http://127.0.0.1:8080.")
	fmt.Fprintln(w, "Every flag can also be set by an environment variable, shown in brackets.")
	fmt.Fprintln(w)
	fs.VisitAll(func(f *flag.Flag) {
		def := ""
		if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" && f.DefValue != "0s" {
			def = " (default " + f.DefValue + ")"
		}
		fmt.Fprintf(w, "  -%s\n    \t%s%s [%s]\n", f.Name, f.Usage, def, envName(f.Name))
	})
	fmt.Fprintln(w, "\nDemo scenarios (-demo-scenario); all but empty also have Oregon-VPC in us-west-2:")
	for _, sc := range seed.Scenarios {
		fmt.Fprintf(w, "  %-10s %s\n", sc.Name, sc.Description)
	}
}
