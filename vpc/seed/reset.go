package seed

import (
	"context"
	"fmt"
	"sync"

	"endpointconsole/vpc"
)

// Resetter rebuilds a demo scenario in place: it empties the backend, which keeps its URL, and
// builds the scenario again with ScenarioAt, so that a terminal pointed at the same endpoint
// keeps working and sees the fresh account. The console's demo reset is one.
type Resetter struct {
	// Empty makes the backend a fresh account: fakeec2.Server.Reset, with the demo's latency
	// and faults switched off so the rebuild is quick.
	Empty func()
	// Rebuilt runs after the rebuild, whether it worked or not: it drops what the console
	// remembers of the old account (vpc.Service.ForgetReads) and restores latency and faults.
	Rebuilt func()
	// Config names the EC2 endpoint and the Region the scenario is built in, as for ScenarioAt.
	Config vpc.Config
	// Name is the scenario, and Options its options.
	Name    string
	Options Options
	// Others rebuilds the organization's other accounts after the scenario (OrganizationAt);
	// nil for a demo of one account.
	Others func(ctx context.Context) error

	// mu makes resets one at a time: two at once would build the scenario twice.
	mu sync.Mutex
}

// Scenario names the scenario Reset rebuilds.
func (r *Resetter) Scenario() string { return r.Name }

// Reset empties the backend and builds the scenario again. Pages read while it runs may see a
// part of the account; the reset takes as long as the first seeding did.
func (r *Resetter) Reset(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.Empty != nil {
		r.Empty()
	}
	if r.Rebuilt != nil {
		defer r.Rebuilt()
	}
	if _, err := ScenarioAt(ctx, r.Config, r.Name, r.Options); err != nil {
		return fmt.Errorf("rebuild the demo scenario %s: %w", r.Name, err)
	}
	if r.Others != nil {
		return r.Others(ctx)
	}
	return nil
}
