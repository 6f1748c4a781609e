package main

import (
	"context"
	"strings"
	"testing"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// TestDemoRegion: the demo serves the tutorial's account in us-east-1 and Oregon-VPC in
// us-west-2, and the console offers both; -region picks the one it shows first (us-east-1
// without it).
func TestDemoRegion(t *testing.T) {
	for _, tt := range []struct {
		region, wantRegion, wantVPC, notVPC string
	}{
		{"", "us-east-1", "First-VPC", "Oregon-VPC"},
		{"us-east-1", "us-east-1", "First-VPC", "Oregon-VPC"},
		{"us-west-2", "us-west-2", "Oregon-VPC", "First-VPC"},
	} {
		t.Run("-region "+tt.region, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			cfg := with(func(c *config) { c.region = tt.region })
			if err := cfg.validate(); err != nil {
				t.Fatalf("validate: %v", err)
			}
			accounts, _, site, err := startDemo(ctx, cfg, discardLog(), views.Site{}, vpc.Options{})
			if err != nil {
				t.Fatalf("startDemo: %v", err)
			}
			regions, err := accounts.Regions(ctx, accounts.Home().ID)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := strings.Join(regions.Enabled(), " "), "us-east-1 us-west-2"; got != want {
				t.Errorf("the switcher's Regions: got %q, want %q", got, want)
			}
			account := regions.Default()
			if site.Region != tt.wantRegion || account.Region() != tt.wantRegion {
				t.Errorf("site Region %q, service Region %q, want %q", site.Region, account.Region(), tt.wantRegion)
			}
			vpcs, err := account.VPCs(ctx)
			if err != nil {
				t.Fatalf("VPCs: %v", err)
			}
			var names []string
			for _, v := range vpcs {
				names = append(names, v.Name)
			}
			joined := "," + strings.Join(names, ",") + ","
			if !strings.Contains(joined, ","+tt.wantVPC+",") || strings.Contains(joined, ","+tt.notVPC+",") {
				t.Errorf("the console's VPCs %v, want %s and not %s", names, tt.wantVPC, tt.notVPC)
			}
		})
	}
}

// TestDemoRegionNotServed: a -region the demo does not serve stops the console at start with a
// sentence naming the Regions it serves, from the flag, the environment, or run itself.
func TestDemoRegionNotServed(t *testing.T) {
	want := []string{"-region eu-west-1", "the demo serves us-east-1 and us-west-2", "-backend aws"}
	check := func(t *testing.T, err error) {
		t.Helper()
		if err == nil {
			t.Fatal("no error, want the demo's Regions")
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("error %q does not say %q", err, w)
			}
		}
	}
	t.Run("flag", func(t *testing.T) {
		_, err := parseConfig([]string{"-region", "eu-west-1"}, envOf(nil))
		check(t, err)
	})
	t.Run("environment", func(t *testing.T) {
		_, err := parseConfig(nil, envOf(map[string]string{"ENDPOINT_CONSOLE_REGION": "eu-west-1"}))
		check(t, err)
	})
	t.Run("-backend aws takes any Region", func(t *testing.T) {
		if _, err := parseConfig([]string{"-backend", "aws", "-region", "eu-west-1"}, envOf(nil)); err != nil {
			t.Errorf("parseConfig: %v", err)
		}
	})
}
