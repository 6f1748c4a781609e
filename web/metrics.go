package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the console's Prometheus metrics: requests by route pattern, EC2 calls by action
// and outcome, and the read cache. Each console has its own registry, so several can run in one
// process (the tests do). Metrics also implements the vpc package's Observer.
type Metrics struct {
	registry        *prometheus.Registry
	requests        *prometheus.CounterVec
	requestDuration *prometheus.HistogramVec
	ec2Calls        *prometheus.CounterVec
	ec2Duration     *prometheus.HistogramVec
	ec2Retries      *prometheus.CounterVec
	ec2Throttles    *prometheus.CounterVec
	cacheLookups    *prometheus.CounterVec
}

// NewMetrics registers the console's metrics, and the Go runtime's and the process's.
func NewMetrics() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "endpoint_console_http_requests_total",
			Help: "HTTP requests answered, by route pattern, method and status (499: the client left first).",
		}, []string{"route", "method", "status"}),
		requestDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "endpoint_console_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route"}),
		ec2Calls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "endpoint_console_ec2_calls_total",
			Help: "EC2 operations made, by action and outcome (ok, or the EC2 error code).",
		}, []string{"action", "outcome"}),
		ec2Duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "endpoint_console_ec2_call_duration_seconds",
			Help:    "Time an EC2 operation took, retries included, by action.",
			Buckets: prometheus.DefBuckets,
		}, []string{"action"}),
		ec2Retries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "endpoint_console_ec2_retries_total",
			Help: "EC2 attempts beyond the first, by action.",
		}, []string{"action"}),
		ec2Throttles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "endpoint_console_ec2_throttles_total",
			Help: "EC2 attempts answered with a throttling error, by action.",
		}, []string{"action"}),
		cacheLookups: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "endpoint_console_ec2_cache_lookups_total",
			Help: "EC2 reads looked up in the console's cache, by action and result (hit: answered without a call of its own).",
		}, []string{"action", "result"}),
	}
	m.registry.MustRegister(m.requests, m.requestDuration, m.ec2Calls, m.ec2Duration, m.ec2Retries, m.ec2Throttles, m.cacheLookups,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// EC2Call counts one EC2 operation (vpc.Observer).
func (m *Metrics) EC2Call(action, outcome string, attempts, throttles int, took time.Duration) {
	m.ec2Calls.WithLabelValues(action, outcome).Inc()
	m.ec2Duration.WithLabelValues(action).Observe(took.Seconds())
	if attempts > 1 {
		m.ec2Retries.WithLabelValues(action).Add(float64(attempts - 1))
	}
	if throttles > 0 {
		m.ec2Throttles.WithLabelValues(action).Add(float64(throttles))
	}
}

// CacheLookup counts one read looked up in the cache (vpc.Observer).
func (m *Metrics) CacheLookup(action string, hit bool) {
	result := "miss"
	if hit {
		result = "hit"
	}
	m.cacheLookups.WithLabelValues(action, result).Inc()
}

// observeRequest counts a request once it is answered, under its route pattern (never the
// path, whose ids would make a series per endpoint).
func (m *Metrics) observeRequest(r *http.Request, status int, took time.Duration) {
	route := "unmatched"
	if rc := chi.RouteContext(r.Context()); rc != nil && rc.RoutePattern() != "" {
		route = rc.RoutePattern()
	}
	m.requests.WithLabelValues(route, r.Method, strconv.Itoa(status)).Inc()
	m.requestDuration.WithLabelValues(route).Observe(took.Seconds())
}
