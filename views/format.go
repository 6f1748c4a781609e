package views

import (
	"strconv"
	"strings"
	"time"
)

// VPCOption is one VPC of a drop-down, labelled the way the console labels it.
type VPCOption struct {
	ID    string
	Label string
}

// VPCLabel writes a VPC the way the console's pickers do: "vpc-… | First-VPC".
func VPCLabel(id, name string) string {
	if name == "" {
		return id
	}
	return id + " | " + name
}

// stateLabel capitalises an EC2 state for display: available → Available.
func stateLabel(state string) string {
	if state == "" {
		return "Unknown"
	}
	return strings.ToUpper(state[:1]) + state[1:]
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

func itoa(n int) string { return strconv.Itoa(n) }

// timestamp writes a creation time as the console does, in UTC.
func timestamp(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return t.UTC().Format("Monday, January 2, 2006 at 15:04:05 UTC")
}

// countLabel writes "(3)" after a table's title.
func countLabel(n int) string { return "(" + strconv.Itoa(n) + ")" }

// resourceHref is the console page of a resource named by its id, or "" when the console has no
// page for that kind.
func resourceHref(id string) string {
	switch {
	case strings.HasPrefix(id, "rtb-"):
		return "/route-tables/" + id
	case strings.HasPrefix(id, "vpce-"):
		return "/endpoints/" + id
	case strings.HasPrefix(id, "vpc-"):
		return "/subnets?vpc=" + id
	case strings.HasPrefix(id, "igw-"):
		return "/internet-gateways?q=" + id
	case strings.HasPrefix(id, "nat-"):
		return "/nat-gateways?q=" + id
	}
	return ""
}

// at returns list[i], or "–" when the list is shorter.
func at(list []string, i int) string {
	if i < len(list) {
		return list[i]
	}
	return "–"
}
