package views

// DemoResetPage confirms rebuilding the demo account, naming the scenario and what is lost.
type DemoResetPage struct {
	Page
	// Scenario is the demo scenario the reset rebuilds.
	Scenario string
	Confirm  string
	Errors   map[string]string
}
