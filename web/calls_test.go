package web

import (
	"net/http"
	"testing"
)

// TestNoPageDescribesAnythingTwice: every page reads each kind of resource once. Pages that need
// subnets and route tables read them together (vpc.Network), because Subnets alone also
// describes the route tables.
func TestNoPageDescribesAnythingTwice(t *testing.T) {
	t.Parallel()
	c := newConsole(t)
	calls := c.ec2
	// A route table's page first reads the table by id, then its VPC's tables: which subnets
	// use a main table implicitly depends on the other tables' associations.
	allowed := map[string]map[string]int{"RT-Private": {"DescribeRouteTables": 2}}
	for _, lp := range layoutPages {
		t.Run(lp.name, func(t *testing.T) {
			path := lp.path(t, c) // may create endpoints; only the page's own calls count
			var status int
			counts := calls.during(func() { status = c.get(t, path).status })
			if status != http.StatusOK {
				t.Fatalf("GET %s: status %d", path, status)
			}
			for action, n := range counts {
				if limit := max(1, allowed[lp.name][action]); n > limit {
					t.Errorf("GET %s made %d %s calls, want at most %d", path, n, action, limit)
				}
			}
		})
	}

	t.Run("wizard route tables step", func(t *testing.T) {
		a := c.demo.Account
		s := startWizard(t, c)
		s.advance(t, gatewayAnswers(a), "vpc")
		counts := calls.during(func() { s.post(t, "next", gatewayAnswers(a)["vpc"]) })
		if s.step() != "route-tables" {
			t.Fatalf("Next from the VPC step went to %q", s.step())
		}
		for action, n := range counts {
			if n > 1 {
				t.Errorf("the route tables step made %d %s calls, want 1", n, action)
			}
		}
	})
}
