package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"endpointconsole/vpc"
)

// config is everything the flags and their ENDPOINT_CONSOLE_* variables set.
type config struct {
	addr        string
	backend     string
	endpointURL string
	region      string
	profile     string
	assumeRole  string
	readOnly    bool
	demoEC2Addr string
	demoLatency time.Duration
	demoFaults  float64
	demoVPCs    int
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
	fs.StringVar(&c.region, "region", "", "AWS Region (default: AWS_REGION or the profile's; the demo is us-east-1)")
	fs.StringVar(&c.profile, "profile", "", "AWS shared-config profile (default: AWS_PROFILE)")
	fs.StringVar(&c.assumeRole, "assume-role-arn", "", "with -backend aws: call EC2 through this IAM role, assumed for each person with their name as STS SourceIdentity")
	fs.BoolVar(&c.readOnly, "read-only", false, "show the account and change nothing: every mutating route is removed")
	fs.StringVar(&c.demoEC2Addr, "demo-ec2-addr", "127.0.0.1:0", "address of the demo account's EC2 endpoint")
	fs.DurationVar(&c.demoLatency, "demo-latency", 0, "latency added to every demo EC2 call, e.g. 100ms")
	fs.Float64Var(&c.demoFaults, "demo-faults", 0, "fraction of demo EC2 calls answered RequestLimitExceeded, e.g. 0.3")
	fs.IntVar(&c.demoVPCs, "demo-vpcs", 0, "extra generated VPCs in the demo account, for scale demos")

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
	case c.demoVPCs < 0 || c.demoVPCs > 1000:
		return fmt.Errorf("-demo-vpcs %d: give a number from 0 to 1000", c.demoVPCs)
	}
	if c.assumeRole != "" {
		if err := (vpc.Config{AssumeRoleARN: c.assumeRole}).Validate(); err != nil {
			return fmt.Errorf("-assume-role-arn: %s", vpc.ErrorMessage(err))
		}
	}
	return nil
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
}
