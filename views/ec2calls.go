package views

import (
	"fmt"
	"time"

	"endpointconsole/vpc"
)

// callsSummary is the EC2 calls panel's title line: "2 calls, 184 ms".
func callsSummary(calls []vpc.Call) string {
	var took time.Duration
	for _, c := range calls {
		took += c.Took
	}
	noun := "calls"
	if len(calls) == 1 {
		noun = "call"
	}
	return fmt.Sprintf("%d %s, %s", len(calls), noun, callDuration(took))
}

// callDuration writes how long a call took, to the millisecond people compare.
func callDuration(d time.Duration) string {
	if d < time.Millisecond {
		return "< 1 ms"
	}
	return fmt.Sprintf("%d ms", d.Milliseconds())
}

// callOutcome says how a call ended in words: "Succeeded", or EC2's error code.
func callOutcome(c vpc.Call) string {
	switch c.Outcome {
	case "ok":
		if c.DryRun {
			return "Permitted (dry run)"
		}
		return "Succeeded"
	case "DryRunOperation":
		return "Permitted (dry run)"
	case "canceled":
		return "Canceled"
	case "error":
		return "No answer from EC2"
	}
	return c.Outcome
}

// callFailed reports whether the call ended in an error (a dry run's DryRunOperation is EC2's
// way of saying yes).
func callFailed(c vpc.Call) bool {
	return c.Outcome != "ok" && c.Outcome != "DryRunOperation"
}

// callAttempts notes the retries a call took, "" when it took one attempt.
func callAttempts(c vpc.Call) string {
	if c.Attempts <= 1 {
		return ""
	}
	return fmt.Sprintf("%d attempts", c.Attempts)
}

// callNote says what EC2 did on its own because of a call a person might otherwise look for a
// second call behind: the routes of a gateway endpoint.
func callNote(c vpc.Call) string {
	if c.Outcome != "ok" || c.DryRun {
		return ""
	}
	added, removed := false, false
	for _, p := range c.Params {
		switch p.Name {
		case "RouteTableId.N", "AddRouteTableId.N":
			added = true
		case "RemoveRouteTableId.N":
			removed = true
		}
	}
	switch {
	case added && removed:
		return "EC2 itself added the route to the service's prefix list in each table added, and removed it from each table removed: there is no CreateRoute or DeleteRoute call."
	case added:
		return "EC2 itself added the route to the service's prefix list in each of these route tables: there is no CreateRoute call."
	case removed:
		return "EC2 itself removed the route to the service's prefix list from each of these route tables: there is no DeleteRoute call."
	}
	return ""
}
