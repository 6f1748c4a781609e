package web

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"
)

// benchEC2Latency is what -demo-latency 200ms adds to every EC2 call.
const benchEC2Latency = 200 * time.Millisecond

// BenchmarkWizardRoundTrips measures how long each step of Create endpoint takes when every EC2
// call takes 200 ms, as with -demo-latency 200ms, and reports it divided by 200 ms: the number
// of EC2 round trips the step waits for one after the other (calls made concurrently count
// once). Run it with
//
//	go test ./web/ -run '^$' -bench BenchmarkWizardRoundTrips -benchtime 3x
func BenchmarkWizardRoundTrips(b *testing.B) {
	for _, path := range []struct {
		name    string
		answers func(c *console) map[string]url.Values
		steps   []string
	}{
		{"gateway", func(c *console) map[string]url.Values { return gatewayAnswers(c.demo.Account) },
			[]string{"category", "service", "vpc", "route-tables", "policy", "tags"}},
		{"interface", func(c *console) map[string]url.Values { return interfaceAnswers(c.demo.Account) },
			[]string{"category", "service", "vpc", "network", "policy", "tags"}},
	} {
		b.Run(path.name, func(b *testing.B) {
			total := map[string]time.Duration{}
			var order []string
			measure := func(name string, f func()) {
				start := time.Now()
				f()
				if _, ok := total[name]; !ok {
					order = append(order, name)
				}
				total[name] += time.Since(start)
			}
			for range b.N {
				b.StopTimer()
				// A fresh account each time: the endpoint the last round made would conflict.
				c := newConsole(b).noRedirects()
				c.demo.Fake.SetConditions(benchEC2Latency, 0)
				answers := path.answers(c)
				b.StartTimer()

				var s *wizardSession
				measure("0-open", func() { s = startWizard(b, c) })
				for i, step := range path.steps {
					measure(fmt.Sprintf("%d-next-from-%s", i+1, step), func() {
						if p := s.post(b, "next", answers[step]); p.status != http.StatusOK || s.step() == step {
							b.Fatalf("Next on %s: status %d, still on %s: %s", step, p.status, s.step(), wizardMessages(p.doc))
						}
					})
				}
				var created page
				measure(fmt.Sprintf("%d-create", len(path.steps)+1), func() { created = s.post(b, "create", nil) })
				id := wizardCreatedID(b, created)
				measure(fmt.Sprintf("%d-endpoint-page", len(path.steps)+2), func() {
					if p := c.get(b, created.header.Get("Location")); p.status != http.StatusOK {
						b.Fatalf("GET the page of %s: status %d", id, p.status)
					}
				})
			}
			for _, name := range order {
				b.ReportMetric(float64(total[name])/float64(b.N)/float64(benchEC2Latency), "rt/"+name)
			}
		})
	}
}
