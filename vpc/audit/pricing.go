package audit

import "fmt"

// Prices for the "endpoint vs NAT" panel, in USD, on demand. They are the
// us-east-1 figures published in 2026 (reference/peers-and-pitfalls.md §4:
// aws.amazon.com/vpc/pricing and aws.amazon.com/privatelink/pricing, with the
// us-east-1 NAT rates confirmed by sst.dev and basavytix.com). Other Regions
// differ (ap-southeast-1 NAT is $0.059/h and $0.059/GB), so pages show
// PricingNote next to any amount.
const (
	// PricingRegion is the Region the prices below are for.
	PricingRegion = "us-east-1"
	// NATGatewayHourlyUSD is the charge per NAT gateway-hour (us-east-1, 2026).
	NATGatewayHourlyUSD = 0.045
	// NATDataProcessingPerGBUSD is the charge per GB a NAT gateway processes,
	// in either direction, on top of data transfer (us-east-1, 2026).
	NATDataProcessingPerGBUSD = 0.045
	// GatewayEndpointUSD is what a gateway endpoint (S3, DynamoDB) costs per
	// hour and per GB: "There is no additional charge for using gateway
	// endpoints" (us-east-1 and every Region, 2026).
	GatewayEndpointUSD = 0.0
	// HoursPerMonth is the month AWS pricing examples use.
	HoursPerMonth = 730
)

// PricingNote qualifies every amount the console shows.
const PricingNote = "us-east-1 on-demand prices, as published in 2026; other Regions differ."

// NATProcessingCost returns the NAT data processing charge, in USD, for
// gbPerMonth GB a month through a NAT gateway (us-east-1 rate); the hourly
// charge is separate and remains while anything else needs the NAT.
func NATProcessingCost(gbPerMonth float64) float64 {
	if gbPerMonth <= 0 {
		return 0
	}
	return gbPerMonth * NATDataProcessingPerGBUSD
}

// natProcessingPrice is the rate in words, for findings.
func natProcessingPrice() string {
	return fmt.Sprintf("$%.3f/GB in %s, 2026 prices", NATDataProcessingPerGBUSD, PricingRegion)
}

func formatUSD(v float64) string { return fmt.Sprintf("$%.2f", v) }
