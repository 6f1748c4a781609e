package web

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"endpointconsole/handlers"
)

// scrape reads /metrics with the Prometheus text parser.
func (c *console) scrape(t *testing.T) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := c.client.Get(c.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /metrics: %d", resp.StatusCode)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("/metrics does not parse as the Prometheus text format: %v", err)
	}
	return families
}

// sample sums the counters (or histogram counts) of family whose labels include labels.
func sample(families map[string]*dto.MetricFamily, family string, labels map[string]string) float64 {
	f, ok := families[family]
	if !ok {
		return 0
	}
	var sum float64
	for _, m := range f.GetMetric() {
		have := map[string]string{}
		for _, l := range m.GetLabel() {
			have[l.GetName()] = l.GetValue()
		}
		match := true
		for k, v := range labels {
			if have[k] != v {
				match = false
			}
		}
		if !match {
			continue
		}
		switch {
		case m.Counter != nil:
			sum += m.GetCounter().GetValue()
		case m.Histogram != nil:
			sum += float64(m.GetHistogram().GetSampleCount())
		}
	}
	return sum
}

// TestMetricsMoveWithTheWork: pages served, EC2 calls made (with their throttles and retries)
// and cache lookups all show in /metrics, labelled by route pattern and EC2 action.
func TestMetricsMoveWithTheWork(t *testing.T) {
	c := newConsole(t, withCacheTTL(time.Hour), withMetrics(), withLogBuffer())
	before := c.scrape(t)
	for range 3 {
		c.getOK(t, "/route-tables/"+c.demo.Account.PrivateRouteTableID)
	}
	c.get(t, "/no-such-page")
	c.ec2.throttleFirstAttempts(true)
	c.getOK(t, "/nat-gateways")
	c.ec2.throttleFirstAttempts(false)
	after := c.scrape(t)

	for _, tt := range []struct {
		family string
		labels map[string]string
		min    float64
	}{
		{"endpoint_console_http_requests_total", map[string]string{"route": "/route-tables/{id}", "method": "GET", "status": "200"}, 3},
		{"endpoint_console_http_requests_total", map[string]string{"route": "unmatched", "status": "404"}, 1},
		{"endpoint_console_http_request_duration_seconds", map[string]string{"route": "/route-tables/{id}"}, 3},
		{"endpoint_console_ec2_calls_total", map[string]string{"action": "DescribeRouteTables", "outcome": "ok"}, 1},
		{"endpoint_console_ec2_call_duration_seconds", map[string]string{"action": "DescribeRouteTables"}, 1},
		{"endpoint_console_ec2_cache_lookups_total", map[string]string{"action": "DescribeRouteTables", "result": "hit"}, 2},
		{"endpoint_console_ec2_cache_lookups_total", map[string]string{"action": "DescribeRouteTables", "result": "miss"}, 1},
	} {
		if got := sample(after, tt.family, tt.labels) - sample(before, tt.family, tt.labels); got < tt.min {
			t.Errorf("%s%v moved by %v, want at least %v", tt.family, tt.labels, got, tt.min)
		}
	}
	// The NAT gateways page asked DescribeNatGateways once; its first attempt was throttled.
	nats := map[string]string{"action": "DescribeNatGateways"}
	throttles := sample(after, "endpoint_console_ec2_throttles_total", nats) - sample(before, "endpoint_console_ec2_throttles_total", nats)
	retries := sample(after, "endpoint_console_ec2_retries_total", nats) - sample(before, "endpoint_console_ec2_retries_total", nats)
	if throttles != 1 || retries != 1 {
		t.Errorf("DescribeNatGateways throttled once: throttles moved by %v and retries by %v, want 1 and 1", throttles, retries)
	}
	for name := range after {
		if strings.Contains(name, "vpce-") || strings.Contains(name, "rtb-") {
			t.Errorf("a metric name carries an id: %s", name)
		}
	}
}

// TestReadyzFollowsEC2: ready while EC2 answers, 503 with a sentence once it stops, and probes
// within the check interval reuse the last answer rather than calling EC2.
func TestReadyzFollowsEC2(t *testing.T) {
	c := newConsole(t, withCacheTTL(time.Hour), withMetrics(), withLogBuffer(),
		withHandlers(handlers.Config{ReadyCheckEvery: 200 * time.Millisecond}))
	var p page
	counts := c.ec2.during(func() {
		for range 5 {
			p = c.get(t, "/readyz")
		}
	})
	if p.status != http.StatusOK || p.body != "ok\n" {
		t.Fatalf("GET /readyz with EC2 up: %d %q", p.status, p.body)
	}
	if n := counts["DescribeAvailabilityZones"]; n != 1 {
		t.Errorf("5 probes within the interval made %d EC2 calls, want 1 (%v)", n, counts)
	}
	c.ec2Server.Close()
	time.Sleep(250 * time.Millisecond)
	p = c.get(t, "/readyz")
	if p.status != http.StatusServiceUnavailable || !strings.HasPrefix(p.body, "EC2 is not answering: ") {
		t.Errorf("GET /readyz with EC2 stopped: %d %q, want 503 saying EC2 is not answering", p.status, p.body)
	}
	if p := c.get(t, "/healthz"); p.status != http.StatusOK {
		t.Errorf("GET /healthz with EC2 stopped: %d, want 200 (alive, not ready)", p.status)
	}
}

// TestAbandonedRequestIsNotAServerError: a person who closes the tab while the page waits on EC2
// is logged as 499 (the client left), never as a 500 or an ERROR line that would page someone.
func TestAbandonedRequestIsNotAServerError(t *testing.T) {
	t.Parallel() // independent: its own servers
	c := newConsole(t, withMetrics(), withLogBuffer())
	c.demo.Fake.SetConditions(2*time.Second, 0)
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.URL+"/vpcs", nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := c.client.Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("the request was answered within 300ms; the injected latency is 2s")
	}
	var lines []map[string]any
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		lines = append(lines, c.logs.Take(t, "")...)
		if slices.ContainsFunc(lines, func(l map[string]any) bool { return l["msg"] == "request" }) {
			break
		}
	}
	var access []map[string]any
	for _, l := range lines {
		if l["level"] == "ERROR" {
			t.Errorf("an abandoned request logged an error: %v", l)
		}
		if l["msg"] == "request" {
			access = append(access, l)
		}
	}
	if len(access) != 1 || access[0]["status"] != float64(499) {
		t.Fatalf("access log of the abandoned request: %v, want one line with status 499", access)
	}
	if got := sample(c.scrape(t), "endpoint_console_http_requests_total", map[string]string{"route": "/vpcs", "status": "499"}); got != 1 {
		t.Errorf("requests counted with status 499: %v, want 1", got)
	}
}
