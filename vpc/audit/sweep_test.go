package audit

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"endpointconsole/vpc"
)

// fakeSweepAccounts are n accounts of regions Regions each, whose openings and audits take a
// moment and count how many run at once; refuse names an account that cannot be opened.
func fakeSweepAccounts(n int, regions []string, refuse string, inFlight, peak *atomic.Int32) []SweepAccount {
	busy := func() func() {
		now := inFlight.Add(1)
		for {
			p := peak.Load()
			if now <= p || peak.CompareAndSwap(p, now) {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
		return func() { inFlight.Add(-1) }
	}
	var out []SweepAccount
	for i := range n {
		id := fmt.Sprintf("2100000000%02d", i)
		out = append(out, SweepAccount{ID: id, Name: "acct-" + id, Open: func(ctx context.Context) ([]SweepRegion, error) {
			defer busy()()
			if id == refuse {
				return nil, errors.New("STS refused to let the console assume the role")
			}
			var rs []SweepRegion
			for _, r := range regions {
				rs = append(rs, SweepRegion{Name: r, Audit: func(ctx context.Context) ([]VPCAudit, error) {
					defer busy()()
					return []VPCAudit{{VPC: vpc.VPC{ID: "vpc-" + id + "-" + r}}}, nil
				}})
			}
			return rs, nil
		}})
	}
	return out
}

// TestSweepBoundsConcurrencyAndKeepsGoingPastARefusal: never more than concurrency openings and
// audits at once; a refused account is one failed part and every other account × Region is done,
// in the accounts' order then by Region.
func TestSweepBoundsConcurrencyAndKeepsGoingPastARefusal(t *testing.T) {
	var inFlight, peak atomic.Int32
	regions := []string{"us-east-1", "us-west-2"}
	accounts := fakeSweepAccounts(10, regions, "210000000003", &inFlight, &peak)
	s := StartSweep(t.Context(), accounts, 3, time.Now)
	select {
	case <-s.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("the sweep did not finish")
	}
	if got := peak.Load(); got > 3 || got < 2 {
		t.Errorf("peak openings and audits at once: %d, want at most 3 (and more than 1: they run side by side)", got)
	}
	p := s.Progress()
	if p.Done != 18 || p.Failed != 1 || p.Left != 0 || p.Running() {
		t.Errorf("progress %+v, want 18 done, 1 failed, 0 left, finished", p)
	}
	parts := s.Parts()
	if len(parts) != 19 {
		t.Fatalf("%d parts, want 19", len(parts))
	}
	for i, part := range parts {
		if i > 0 && part.AccountID < parts[i-1].AccountID {
			t.Errorf("part %d (%s) after %s: not in the accounts' order", i, part.AccountID, parts[i-1].AccountID)
		}
		if part.AccountID == "210000000003" {
			if part.Err == nil || part.Region != "" {
				t.Errorf("the refusing account's part: %+v, want one failed part with no Region", part)
			}
			continue
		}
		if part.Err != nil || len(part.VPCs) != 1 || part.VPCs[0].VPC.ID != "vpc-"+part.AccountID+"-"+part.Region {
			t.Errorf("part %s %s: %+v, want its own VPC", part.AccountID, part.Region, part)
		}
	}
}

// TestSweepProgressWhileRunning: while the sweep waits on a slow Region, its progress says how
// much is done and left, and the total grows as accounts are opened.
func TestSweepProgressWhileRunning(t *testing.T) {
	release := make(chan struct{})
	accounts := []SweepAccount{{ID: "a", Open: func(ctx context.Context) ([]SweepRegion, error) {
		return []SweepRegion{
			{Name: "r1", Audit: func(ctx context.Context) ([]VPCAudit, error) { return nil, nil }},
			{Name: "r2", Audit: func(ctx context.Context) ([]VPCAudit, error) { <-release; return nil, nil }},
		}, nil
	}}}
	s := StartSweep(t.Context(), accounts, 2, time.Now)
	deadline := time.Now().Add(5 * time.Second)
	for s.Progress().Done < 1 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if p := s.Progress(); p.Done != 1 || p.Left != 1 || p.Total() != 2 || !p.Running() {
		t.Errorf("progress while r2 runs: %+v, want 1 done, 1 left of 2, running", p)
	}
	close(release)
	<-s.Done()
	if p := s.Progress(); p.Done != 2 || p.Left != 0 || p.Running() {
		t.Errorf("progress at the end: %+v", p)
	}
}

// TestSweepStopsWithItsContext: a cancelled sweep finishes, its parts not yet started failed with
// the cancellation.
func TestSweepStopsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	var inFlight, peak atomic.Int32
	accounts := fakeSweepAccounts(20, []string{"r1"}, "", &inFlight, &peak)
	s := StartSweep(ctx, accounts, 1, time.Now)
	cancel()
	select {
	case <-s.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("a cancelled sweep did not finish")
	}
	p := s.Progress()
	if p.Failed == 0 || p.Left != 0 {
		t.Errorf("progress after cancel: %+v, want some failed and none left", p)
	}
}
