package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// defaults is the configuration with no flag and no environment variable.
var defaults = config{addr: "127.0.0.1:8080", backend: "demo", demoEC2Addr: "127.0.0.1:0", demoScenario: "tutorial",
	auth: "none", userHeader: "X-Forwarded-User", emailHeader: "X-Forwarded-Email", groupsHeader: "X-Forwarded-Groups",
	createdByTag: "created-by", cacheTTL: 5 * time.Second, auditConcurrency: 4, logFormat: "text", shutdownTimeout: 60 * time.Second}

// with returns defaults changed by edit.
func with(edit func(*config)) config {
	c := defaults
	edit(&c)
	return c
}

func envOf(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

func TestParseConfig(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
		env  map[string]string
		want config
	}{
		{"defaults", nil, nil, defaults},
		{"-addr", []string{"-addr", "127.0.0.2:9000"}, nil, with(func(c *config) { c.addr = "127.0.0.2:9000" })},
		{"-addr on the network, -insecure-no-auth", []string{"-addr", "0.0.0.0:9000", "-insecure-no-auth"}, nil,
			with(func(c *config) { c.addr, c.insecureNoAuth = "0.0.0.0:9000", true })},
		{"-allowed-hosts", []string{"-allowed-hosts", "console.example.com,.corp.example"}, nil,
			with(func(c *config) { c.allowedHosts = "console.example.com,.corp.example" })},
		{"-auth proxy", []string{"-addr", ":8080", "-auth", "proxy", "-trusted-proxies", "10.0.0.5/32, 10.1.0.0/16", "-editors", "platform,ed@example.com"}, nil,
			with(func(c *config) {
				c.addr, c.auth, c.trustedProxies, c.editors = ":8080", "proxy", "10.0.0.5/32, 10.1.0.0/16", "platform,ed@example.com"
			})},
		{"-auth proxy with other headers", []string{"-auth", "proxy", "-trusted-proxies", "10.0.0.5", "-auth-email-header", "X-Auth-Request-Email",
			"-auth-user-header", "X-Auth-Request-User", "-auth-groups-header", "X-Auth-Request-Groups"}, nil,
			with(func(c *config) {
				c.auth, c.trustedProxies = "proxy", "10.0.0.5"
				c.emailHeader, c.userHeader, c.groupsHeader = "X-Auth-Request-Email", "X-Auth-Request-User", "X-Auth-Request-Groups"
			})},
		{"-created-by-tag", []string{"-created-by-tag", "owner"}, nil, with(func(c *config) { c.createdByTag = "owner" })},
		{"-cache-ttl 0", []string{"-cache-ttl", "0"}, nil, with(func(c *config) { c.cacheTTL = 0 })},
		{"-log-format json", []string{"-log-format", "json"}, nil, with(func(c *config) { c.logFormat = "json" })},
		{"-shutdown-timeout", []string{"-shutdown-timeout", "2m"}, nil, with(func(c *config) { c.shutdownTimeout = 2 * time.Minute })},
		{"ENDPOINT_CONSOLE_ALLOWED_HOSTS", nil, map[string]string{"ENDPOINT_CONSOLE_ALLOWED_HOSTS": "console.example.com"},
			with(func(c *config) { c.allowedHosts = "console.example.com" })},
		{"-backend aws", []string{"-backend", "aws"}, nil, with(func(c *config) { c.backend = "aws" })},
		{"-endpoint-url", []string{"-backend", "aws", "-endpoint-url", "http://127.0.0.1:5000"}, nil,
			with(func(c *config) { c.backend, c.endpointURL = "aws", "http://127.0.0.1:5000" })},
		{"-region", []string{"-backend", "aws", "-region", "eu-west-1"}, nil, with(func(c *config) { c.backend, c.region = "aws", "eu-west-1" })},
		{"-region of the demo", []string{"-region", "us-west-2"}, nil, with(func(c *config) { c.region = "us-west-2" })},
		{"-profile", []string{"-profile", "audit"}, nil, with(func(c *config) { c.profile = "audit" })},
		{"-assume-role-arn", []string{"-backend", "aws", "-assume-role-arn", "arn:aws:iam::123456789012:role/EndpointConsole"}, nil,
			with(func(c *config) { c.backend, c.assumeRole = "aws", "arn:aws:iam::123456789012:role/EndpointConsole" })},
		{"ENDPOINT_CONSOLE_ASSUME_ROLE_ARN", []string{"-backend", "aws"},
			map[string]string{"ENDPOINT_CONSOLE_ASSUME_ROLE_ARN": "arn:aws-us-gov:iam::123456789012:role/ops/EndpointConsole"},
			with(func(c *config) {
				c.backend, c.assumeRole = "aws", "arn:aws-us-gov:iam::123456789012:role/ops/EndpointConsole"
			})},
		{"-read-only", []string{"-read-only"}, nil, with(func(c *config) { c.readOnly = true })},
		{"-demo-ec2-addr", []string{"-demo-ec2-addr", "127.0.0.1:4566"}, nil, with(func(c *config) { c.demoEC2Addr = "127.0.0.1:4566" })},
		{"-demo-latency", []string{"-demo-latency", "250ms"}, nil, with(func(c *config) { c.demoLatency = 250 * time.Millisecond })},
		{"-demo-faults", []string{"-demo-faults", "0.3"}, nil, with(func(c *config) { c.demoFaults = 0.3 })},
		{"-demo-accounts", []string{"-demo-accounts", "20"}, nil, with(func(c *config) { c.demoAccounts = 20 })},
		{"-audit-concurrency", []string{"-audit-concurrency", "8"}, nil, with(func(c *config) { c.auditConcurrency = 8 })},
		{"-accounts", []string{"-backend", "aws", "-accounts", "arn:aws:iam::210000000001:role/Audit,arn:aws:iam::210000000002:role/Audit"}, nil,
			with(func(c *config) {
				c.backend, c.accounts = "aws", "arn:aws:iam::210000000001:role/Audit,arn:aws:iam::210000000002:role/Audit"
			})},
		{"-org-role-name", []string{"-backend", "aws", "-org-role-name", "EndpointConsoleAudit"}, nil,
			with(func(c *config) { c.backend, c.orgRoleName = "aws", "EndpointConsoleAudit" })},
		{"-demo-vpcs", []string{"-demo-vpcs", "50"}, nil, with(func(c *config) { c.demoVPCs = 50 })},
		{"-demo-scenario", []string{"-demo-scenario", "findings"}, nil, with(func(c *config) { c.demoScenario = "findings" })},
		{"-demo-scenario large -demo-vpcs", []string{"-demo-scenario", "large", "-demo-vpcs", "20"}, nil,
			with(func(c *config) { c.demoScenario, c.demoVPCs = "large", 20 })},
		{"ENDPOINT_CONSOLE_DEMO_SCENARIO", nil, map[string]string{"ENDPOINT_CONSOLE_DEMO_SCENARIO": "empty"},
			with(func(c *config) { c.demoScenario = "empty" })},
		{"-backend aws ignores the demo's scenario", []string{"-backend", "aws", "-demo-scenario", "bogus"}, nil,
			with(func(c *config) { c.backend, c.demoScenario = "aws", "bogus" })},
		{"two dashes", []string{"--read-only", "--addr=:8081"}, nil, with(func(c *config) { c.readOnly, c.addr = true, ":8081" })},
		{"ENDPOINT_CONSOLE_READ_ONLY", nil, map[string]string{"ENDPOINT_CONSOLE_READ_ONLY": "true"}, with(func(c *config) { c.readOnly = true })},
		{"ENDPOINT_CONSOLE_DEMO_LATENCY", nil, map[string]string{"ENDPOINT_CONSOLE_DEMO_LATENCY": "100ms"},
			with(func(c *config) { c.demoLatency = 100 * time.Millisecond })},
		{"ENDPOINT_CONSOLE_BACKEND and _ENDPOINT_URL", nil,
			map[string]string{"ENDPOINT_CONSOLE_BACKEND": "aws", "ENDPOINT_CONSOLE_ENDPOINT_URL": "http://127.0.0.1:5000"},
			with(func(c *config) { c.backend, c.endpointURL = "aws", "http://127.0.0.1:5000" })},
		{"flag wins over env: -read-only=false", []string{"-read-only=false"}, map[string]string{"ENDPOINT_CONSOLE_READ_ONLY": "true"}, defaults},
		{"flag wins over env: -demo-latency", []string{"-demo-latency", "2s"}, map[string]string{"ENDPOINT_CONSOLE_DEMO_LATENCY": "100ms"},
			with(func(c *config) { c.demoLatency = 2 * time.Second })},
		{"flag wins over env: -addr", []string{"-addr", "127.0.0.1:2"}, map[string]string{"ENDPOINT_CONSOLE_ADDR": "127.0.0.1:1"}, with(func(c *config) { c.addr = "127.0.0.1:2" })},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseConfig(tt.args, envOf(tt.env))
			if err != nil {
				t.Fatalf("parseConfig(%q): %v", tt.args, err)
			}
			if got != tt.want {
				t.Errorf("parseConfig(%q):\n got %+v\nwant %+v", tt.args, got, tt.want)
			}
		})
	}
}

func TestParseConfigErrorsNameTheFix(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
		env  map[string]string
		// want are parts of the message: what is wrong and how to fix it.
		want []string
	}{
		{"unknown backend", []string{"-backend", "nope"}, nil, []string{`-backend "nope"`, "use demo or aws"}},
		{"faults of 1.5", []string{"-demo-faults", "1.5"}, nil, []string{"-demo-faults 1.5", "fraction from 0"}},
		{"negative faults", []string{"-demo-faults", "-0.1"}, nil, []string{"-demo-faults", "fraction"}},
		{"endpoint URL with the demo", []string{"-endpoint-url", "http://127.0.0.1:5000"}, nil, []string{"-endpoint-url", "-backend aws"}},
		{"role with the demo", []string{"-assume-role-arn", "arn:aws:iam::123456789012:role/EndpointConsole"}, nil,
			[]string{"-assume-role-arn", "needs -backend aws"}},
		{"role from env with the demo", nil, map[string]string{"ENDPOINT_CONSOLE_ASSUME_ROLE_ARN": "arn:aws:iam::123456789012:role/EndpointConsole"},
			[]string{"-assume-role-arn", "needs -backend aws"}},
		{"not a role ARN", []string{"-backend", "aws", "-assume-role-arn", "arn:aws:iam::123456789012:user/console"}, nil,
			[]string{"-assume-role-arn", `"arn:aws:iam::123456789012:user/console" is not an IAM role ARN`, "arn:aws:iam::123456789012:role/"}},
		{"role name instead of ARN", []string{"-backend", "aws", "-assume-role-arn", "EndpointConsole"}, nil,
			[]string{"-assume-role-arn", "is not an IAM role ARN"}},
		{"negative latency", []string{"-demo-latency", "-1s"}, nil, []string{"-demo-latency", "positive duration"}},
		{"too many VPCs", []string{"-demo-vpcs", "5000"}, nil, []string{"-demo-vpcs 5000", "from 0 to 1000"}},
		{"unknown scenario", []string{"-demo-scenario", "bogus"}, nil, []string{`-demo-scenario "bogus"`, "tutorial, findings, empty, large"}},
		{"unknown scenario from env", nil, map[string]string{"ENDPOINT_CONSOLE_DEMO_SCENARIO": "Tutorial"}, []string{`-demo-scenario "Tutorial"`, "tutorial, findings, empty, large"}},
		{"unknown flag", []string{"-nope"}, nil, []string{"-nope", "run with -h"}},
		{"bad duration", []string{"-demo-latency", "soon"}, nil, []string{"-demo-latency", "run with -h"}},
		{"stray argument", []string{"serve"}, nil, []string{`"serve"`, "run with -h"}},
		{"bad env value", nil, map[string]string{"ENDPOINT_CONSOLE_DEMO_LATENCY": "soon"}, []string{"ENDPOINT_CONSOLE_DEMO_LATENCY", `"soon"`}},
		{"bad env backend", nil, map[string]string{"ENDPOINT_CONSOLE_BACKEND": "nope"}, []string{`-backend "nope"`, "use demo or aws"}},
		{"unknown auth", []string{"-auth", "basic"}, nil, []string{`-auth "basic"`, "none or proxy"}},
		{"proxy without trusted proxies", []string{"-auth", "proxy"}, nil, []string{"-auth proxy needs -trusted-proxies"}},
		{"bad trusted proxy", []string{"-auth", "proxy", "-trusted-proxies", "10.0.0.0/33"}, nil, []string{`-trusted-proxies "10.0.0.0/33"`, "CIDRs such as"}},
		{"editors without auth", []string{"-editors", "platform"}, nil, []string{"-editors need -auth proxy"}},
		{"proxy and insecure", []string{"-auth", "proxy", "-trusted-proxies", "10.0.0.5/32", "-insecure-no-auth"}, nil, []string{"-insecure-no-auth contradicts -auth proxy"}},
		{"negative cache TTL", []string{"-cache-ttl", "-1s"}, nil, []string{"-cache-ttl -1s", "0 or a positive duration"}},
		{"unknown log format", []string{"-log-format", "xml"}, nil, []string{`-log-format "xml"`, "text or json"}},
		{"no shutdown time", []string{"-shutdown-timeout", "0s"}, nil, []string{"-shutdown-timeout 0s", "positive duration"}},
		{"accounts with the demo", []string{"-accounts", "arn:aws:iam::210000000001:role/Audit"}, nil, []string{"-accounts and -org-role-name need -backend aws", "-demo-accounts"}},
		{"accounts and org role", []string{"-backend", "aws", "-accounts", "arn:aws:iam::210000000001:role/Audit", "-org-role-name", "Audit"}, nil, []string{"choose one"}},
		{"accounts not role ARNs", []string{"-backend", "aws", "-accounts", "210000000001"}, nil, []string{"-accounts", "is not an IAM role ARN"}},
		{"org role ARN instead of name", []string{"-backend", "aws", "-org-role-name", "arn:aws:iam::210000000001:role/Audit"}, nil, []string{"-org-role-name", "not its ARN"}},
		{"one demo account", []string{"-demo-accounts", "1"}, nil, []string{"-demo-accounts 1", "from 2 to 100"}},
		{"demo accounts on aws", []string{"-backend", "aws", "-demo-accounts", "3"}, nil, []string{"-demo-accounts 3", "with the demo backend"}},
		{"no audit concurrency", []string{"-audit-concurrency", "0"}, nil, []string{"-audit-concurrency 0", "from 1 to 64"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseConfig(tt.args, envOf(tt.env))
			if err == nil {
				t.Fatalf("parseConfig(%q): got no error, want one", tt.args)
			}
			if errors.Is(err, flag.ErrHelp) {
				t.Fatalf("parseConfig(%q): got flag.ErrHelp, want an error", tt.args)
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("parseConfig(%q): got %q, want it to contain %q", tt.args, err, want)
				}
			}
		})
	}
}

// TestStartupSafetyRule: a console that listens where others can reach it, and may change the
// account, needs -auth proxy, or -read-only, or to say plainly that it runs open.
func TestStartupSafetyRule(t *testing.T) {
	fix := []string{"-read-only", "-auth proxy", "-insecure-no-auth"}
	for _, tt := range []struct {
		addr   string
		extra  []string
		starts bool
	}{
		{"127.0.0.1:8080", nil, true},
		{"[::1]:8080", nil, true},
		{"localhost:8080", nil, true},
		{"0.0.0.0:8080", nil, false},
		{":8080", nil, false},
		{"[::]:8080", nil, false},
		{"192.168.1.20:8080", nil, false},
		{"console.lan:8080", nil, false},
		{"0.0.0.0:8080", []string{"-read-only"}, true},
		{"0.0.0.0:8080", []string{"-auth", "proxy", "-trusted-proxies", "10.0.0.5/32"}, true},
		{"0.0.0.0:8080", []string{"-auth", "proxy", "-trusted-proxies", "10.0.0.5/32", "-read-only"}, true},
		{"0.0.0.0:8080", []string{"-insecure-no-auth"}, true},
		{"0.0.0.0:8080", []string{"-read-only", "-insecure-no-auth"}, true},
	} {
		args := append([]string{"-addr", tt.addr}, tt.extra...)
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			_, err := parseConfig(args, envOf(nil))
			if tt.starts {
				if err != nil {
					t.Errorf("refused to start: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("starts; want it refused")
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("the refusal is more than one line: %q", err)
			}
			for _, want := range append([]string{tt.addr}, fix...) {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("got %q, want it to name %q", err, want)
				}
			}
		})
	}
}

func TestParseConfigHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"-help"}, {"--help"}} {
		t.Run(args[0], func(t *testing.T) {
			var err error
			usage := captureStdout(t, func() { _, err = parseConfig(args, envOf(nil)) })
			if !errors.Is(err, flag.ErrHelp) {
				t.Fatalf("parseConfig(%q): got %v, want flag.ErrHelp", args, err)
			}
			for _, want := range []string{"Usage: endpoint-console", "-addr", "[ENDPOINT_CONSOLE_ADDR]", "-read-only",
				"[ENDPOINT_CONSOLE_READ_ONLY]", "-assume-role-arn", "[ENDPOINT_CONSOLE_ASSUME_ROLE_ARN]", "-demo-latency", "[ENDPOINT_CONSOLE_DEMO_LATENCY]", "-endpoint-url", "(default 127.0.0.1:8080)",
				"-demo-scenario", "[ENDPOINT_CONSOLE_DEMO_SCENARIO]", "Demo scenarios", "\n  tutorial ", "\n  findings ", "\n  empty ", "\n  large "} {
				if !strings.Contains(usage, want) {
					t.Errorf("usage: want %q in\n%s", want, usage)
				}
			}
		})
	}
}

// captureStdout returns what f writes to os.Stdout. Tests that use it must not run in parallel.
func captureStdout(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	out := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		out <- string(b)
	}()
	f()
	os.Stdout = stdout
	w.Close()
	return <-out
}

func discardLog() *slog.Logger { return slog.New(slog.DiscardHandler) }

// TestRunAddressInUse checks that run stops at start, with the flag to change, when a port it
// needs is taken.
func TestRunAddressInUse(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	for _, tt := range []struct {
		name string
		cfg  config
		want string
	}{
		{"console address", with(func(c *config) { c.addr = taken.Addr().String() }), "(choose another address with -addr)"},
		{"demo EC2 address", with(func(c *config) { c.addr = "127.0.0.1:0"; c.demoEC2Addr = taken.Addr().String() }),
			"(choose another address with -demo-ec2-addr)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			errc := make(chan error, 1)
			go func() { errc <- run(ctx, tt.cfg, discardLog()) }()
			select {
			case err := <-errc:
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("run: got %v, want an error ending %q", err, tt.want)
				}
				if err != nil && !strings.Contains(err.Error(), taken.Addr().String()) {
					t.Errorf("run: got %q, want it to name the address %s", err, taken.Addr())
				}
			case <-time.After(30 * time.Second):
				t.Fatal("run did not return; it serves although the address is taken")
			}
		})
	}
}

// TestConnectAWSUnreachable points the AWS backend at a port where nothing listens: the console
// stops at start with a sentence and a hint, within its own check timeout.
func TestConnectAWSUnreachable(t *testing.T) {
	testAWSEnv(t)
	cfg := with(func(c *config) { c.backend, c.endpointURL, c.region = "aws", "http://127.0.0.1:1", "us-east-1" })
	type result struct {
		site views.Site
		err  error
	}
	done := make(chan result, 1)
	go func() {
		_, site, err := connectAWS(t.Context(), cfg, views.Site{}, vpc.Options{}, discardLog())
		done <- result{site, err}
	}()
	select {
	case r := <-done:
		t.Logf("connectAWS: %v", r.err)
		if r.err == nil {
			t.Fatalf("connectAWS: got no error, want EC2 is unreachable")
		}
		if !strings.HasPrefix(r.err.Error(), "EC2 is unreachable") {
			t.Errorf("connectAWS: got %q, want it to start %q", r.err, "EC2 is unreachable")
		}
		if want := "check that http://127.0.0.1:1 is up and speaks EC2"; !strings.Contains(r.err.Error(), want) {
			t.Errorf("connectAWS: got %q, want the hint %q", r.err, want)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("connectAWS did not return within 30s; its first call is bounded at 15s")
	}
}

// testAWSEnv keeps the machine's AWS settings out of a test and gives it the test credentials
// moto accepts.
func testAWSEnv(t *testing.T) {
	t.Helper()
	empty := t.TempDir() + "/none"
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "",
		"AWS_PROFILE": "", "AWS_REGION": "", "AWS_CONFIG_FILE": empty, "AWS_SHARED_CREDENTIALS_FILE": empty,
		"AWS_EC2_METADATA_DISABLED": "true",
	} {
		t.Setenv(k, v)
	}
}
