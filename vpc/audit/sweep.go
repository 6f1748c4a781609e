package audit

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"time"
)

// A sweep audits many accounts × Regions at once — every Region of an account, or every account
// of an organization — as Steampipe and prowler sweep them, with at most a fixed number of
// account × Region audits (or account openings) under way at a time, so that a large
// organization costs EC2 a steady, bounded rate of calls. An account or a Region that fails
// (no role, a Region not enabled, throttled to the end of the retries) is a failed part of the
// sweep, never the end of it.

// SweepAccount is one account a sweep audits.
type SweepAccount struct {
	ID, Name string
	// Open lists the account's Regions to audit, each with its audit: the first calls through the
	// account's role, so an error here is the account refusing.
	Open func(ctx context.Context) ([]SweepRegion, error)
}

// SweepRegion is one Region of an opened account.
type SweepRegion struct {
	Name  string
	Audit func(ctx context.Context) ([]VPCAudit, error)
}

// Part is one account × Region of a sweep, or an account that could not be opened (Region "").
type Part struct {
	AccountID, AccountName, Region string
	VPCs                           []VPCAudit
	// Err is why the part failed: the account refused, or the Region's audit did.
	Err  error
	Took time.Duration
}

// Progress is how far a sweep has gone. Left counts the Regions still to audit in the accounts
// opened so far, and each account not yet opened as one part.
type Progress struct {
	Done, Failed, Left int
	Started            time.Time
	Finished           time.Time // zero while running
}

// Total is every part known so far.
func (p Progress) Total() int { return p.Done + p.Failed + p.Left }

// Running reports whether the sweep has not finished.
func (p Progress) Running() bool { return p.Finished.IsZero() }

// Sweep is a sweep under way or finished. Start one with StartSweep.
type Sweep struct {
	done chan struct{}

	mu       sync.Mutex
	parts    []Part
	progress Progress
}

// StartSweep audits accounts in the background, at most concurrency account openings or Region
// audits at a time, until every part is done or ctx ends. now tells the time (time.Now).
func StartSweep(ctx context.Context, accounts []SweepAccount, concurrency int, now func() time.Time) *Sweep {
	s := &Sweep{done: make(chan struct{}), progress: Progress{Left: len(accounts), Started: now()}}
	slots := make(chan struct{}, max(concurrency, 1))
	acquire := func() bool {
		select {
		case slots <- struct{}{}:
			return true
		case <-ctx.Done():
			return false
		}
	}
	release := func() { <-slots }
	var wg sync.WaitGroup
	for _, a := range accounts {
		wg.Go(func() {
			if !acquire() {
				s.finish(Part{AccountID: a.ID, AccountName: a.Name, Err: ctx.Err()}, 0)
				return
			}
			start := now()
			regions, err := a.Open(ctx)
			release()
			if err != nil {
				s.finish(Part{AccountID: a.ID, AccountName: a.Name, Err: err, Took: now().Sub(start)}, 0)
				return
			}
			s.opened(len(regions))
			for _, r := range regions {
				wg.Go(func() {
					part := Part{AccountID: a.ID, AccountName: a.Name, Region: r.Name}
					if !acquire() {
						part.Err = ctx.Err()
						s.finish(part, 1)
						return
					}
					defer release()
					start := now()
					part.VPCs, part.Err = r.Audit(ctx)
					part.Took = now().Sub(start)
					s.finish(part, 1)
				})
			}
		})
	}
	go func() {
		wg.Wait()
		s.mu.Lock()
		s.progress.Finished = now()
		sortParts(s.parts, accounts)
		s.mu.Unlock()
		close(s.done)
	}()
	return s
}

// opened replaces an account's one part left with its Regions.
func (s *Sweep) opened(regions int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.progress.Left += regions - 1
}

// finish records a part; counted is how many parts Left held for it (0 for an account that was
// never opened, which Left counted as one part already).
func (s *Sweep) finish(p Part, counted int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.parts = append(s.parts, p)
	if counted == 0 {
		counted = 1
	}
	s.progress.Left -= counted
	if p.Err != nil {
		s.progress.Failed++
	} else {
		s.progress.Done++
	}
}

// Progress is how far the sweep has gone.
func (s *Sweep) Progress() Progress {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.progress
}

// Done is closed when the sweep has finished.
func (s *Sweep) Done() <-chan struct{} { return s.done }

// Parts are the parts finished so far; once the sweep has finished, every part, by account
// (the order the accounts were given in) then Region. Callers only read them.
func (s *Sweep) Parts() []Part {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.parts)
}

// sortParts orders parts as the accounts were given, then by Region.
func sortParts(parts []Part, accounts []SweepAccount) {
	rank := make(map[string]int, len(accounts))
	for i, a := range accounts {
		rank[a.ID] = i
	}
	slices.SortStableFunc(parts, func(a, b Part) int {
		return cmp.Or(cmp.Compare(rank[a.AccountID], rank[b.AccountID]), cmp.Compare(a.Region, b.Region))
	})
}
