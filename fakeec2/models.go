package fakeec2

import "time"

// The account's resources as the fake stores them. Output documents (the xml* types next to each
// action) are built from these; derived facts — an endpoint's state by the clock, a subnet's free
// addresses — are computed when answering, never stored twice.

type vpc struct {
	id          string
	cidr        string
	isDefault   bool
	dhcpOptions string
	// instanceTenancy is default or dedicated, as CreateVpc set it.
	instanceTenancy string
	// mainRouteTable and defaultGroup are created with the VPC, as EC2 does.
	mainRouteTable string
	defaultGroup   string
	tags           tagList
}

type subnet struct {
	id           string
	vpcID        string
	cidr         string
	zone         zone
	defaultForAz bool
	mapPublicIP  bool
	tags         tagList
}

type routeTable struct {
	id     string
	vpcID  string
	routes []route
	assocs []routeTableAssociation
	tags   tagList
}

// route is one row of a route table. Exactly one destination and one target are set.
type route struct {
	destinationCIDR       string
	destinationIPv6CIDR   string
	destinationPrefixList string
	gatewayID             string // igw-…, vpce-… (gateway endpoint routes) or "local"
	natGatewayID          string
	origin                string // CreateRouteTable, CreateRoute
	state                 string // active, blackhole
}

// destination is the key EC2 uses for RouteAlreadyExists: one route per destination per table.
func (r route) destination() string {
	switch {
	case r.destinationPrefixList != "":
		return r.destinationPrefixList
	case r.destinationIPv6CIDR != "":
		return r.destinationIPv6CIDR
	}
	return r.destinationCIDR
}

type routeTableAssociation struct {
	id       string
	subnetID string // empty for the main association and edge associations
	// gatewayID is the internet gateway of an edge association: the table routes the traffic
	// coming in through that gateway, not any subnet's traffic.
	gatewayID string
	main      bool
}

type internetGateway struct {
	id    string
	vpcID string // empty while detached
	tags  tagList
}

type address struct {
	allocationID string
	publicIP     string
	// associatedWith is the NAT gateway using the address, if any.
	associatedWith string
	tags           tagList
}

type natGateway struct {
	id               string
	vpcID            string
	subnetID         string
	allocationID     string
	publicIP         string
	privateIP        string
	networkInterface string
	connectivityType string
	created          time.Time
	tags             tagList
}

type securityGroup struct {
	id          string
	name        string
	description string
	vpcID       string
	tags        tagList
}

type vpcEndpoint struct {
	id                string
	endpointType      string // Gateway or Interface
	vpcID             string
	serviceName       string
	policy            string
	routeTableIDs     []string
	subnetIDs         []string
	groupIDs          []string
	networkInterfaces []string
	privateDNS        bool
	ipAddressType     string
	dnsRecordIPType   string
	dnsSuffix         string // the random part of the endpoint's DNS names
	created           time.Time
	// deletedAt is when DeleteVpcEndpoints took the endpoint; zero while it lives. The
	// endpoint's state and how long it stays visible follow from it (endpoint_lifecycle.go).
	deletedAt time.Time
	tags      tagList
}

// clientTokenRecord is what an idempotent CreateVpcEndpoint remembers: the request's parameters
// (to detect a reuse with different ones) and the endpoint it created, as first answered, for
// a retry that comes after the endpoint was deleted.
type clientTokenRecord struct {
	fingerprint string
	endpointID  string
	snapshot    xmlVpcEndpoint
}

type zone struct {
	name string
	id   string
}

type prefixList struct {
	id    string
	name  string
	cidrs []string
}

type endpointService struct {
	name               string
	serviceType        string // Gateway or Interface; S3 and DynamoDB are listed once per type
	owner              string
	serviceID          string
	policySupported    bool
	acceptanceRequired bool
	privateDNSName     string
	baseDNSNames       []string
	zones              []string
}
