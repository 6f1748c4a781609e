package fakeec2

import (
	"fmt"
	"hash/fnv"
	"sort"
	"sync"
	"time"
)

// account is the simulated account's state. Every action takes mu: reads share it, writes hold
// it alone, so a request sees and leaves a consistent account.
type account struct {
	mu     sync.RWMutex
	region string
	owner  string
	// idScope seeds the ids: the owner in the default Region (the ids the fake has always
	// minted), the owner and the Region elsewhere, so that no two Regions or accounts share an id.
	idScope string
	clock   func() time.Time
	// interfaceDelay is how long an interface endpoint stays pending.
	interfaceDelay time.Duration
	// deletingDelay and deletedRetention time a deleted endpoint's last states.
	deletingDelay, deletedRetention time.Duration
	// seq counts the ids minted per prefix, so ids come out the same for the same calls.
	seq      map[string]uint64
	tokenKey tokenKey

	vpcs           map[string]*vpc
	subnets        map[string]*subnet
	routeTables    map[string]*routeTable
	igws           map[string]*internetGateway
	nats           map[string]*natGateway
	addresses      map[string]*address
	securityGroups map[string]*securityGroup
	endpoints      map[string]*vpcEndpoint
	// clientTokens remembers CreateVpcEndpoint calls by ClientToken for idempotency.
	clientTokens map[string]clientTokenRecord

	zones       []zone
	prefixLists []prefixList
	services    []endpointService
}

// newAccount makes the state of the account owner in a Region, as a new EC2 account has it there.
func newAccount(opts Options, owner, region string) *account {
	idScope := owner
	if region != opts.Region {
		idScope += "/" + region
	}
	a := &account{
		region:           region,
		owner:            owner,
		idScope:          idScope,
		clock:            opts.Clock,
		interfaceDelay:   opts.InterfaceEndpointDelay,
		deletingDelay:    opts.EndpointDeletingDelay,
		deletedRetention: opts.DeletedEndpointRetention,
		seq:              map[string]uint64{},
		vpcs:             map[string]*vpc{},
		subnets:          map[string]*subnet{},
		routeTables:      map[string]*routeTable{},
		igws:             map[string]*internetGateway{},
		nats:             map[string]*natGateway{},
		addresses:        map[string]*address{},
		securityGroups:   map[string]*securityGroup{},
		endpoints:        map[string]*vpcEndpoint{},
		clientTokens:     map[string]clientTokenRecord{},
	}
	a.tokenKey = newTokenKey()
	a.zones = regionZones(a.region)
	a.prefixLists = awsManagedPrefixLists(a.region)
	a.services = serviceCatalog(a.region, a.zones)
	a.createDefaultVPC()
	return a
}

// newID mints a deterministic EC2-style id: the prefix and 17 hex digits. The digits are a
// hash of the prefix and its sequence number, so they look random but repeat run after run.
func (a *account) newID(prefix string) string {
	a.seq[prefix]++
	h := fnv.New64a()
	fmt.Fprintf(h, "%s/%s/%d", a.idScope, prefix, a.seq[prefix])
	return fmt.Sprintf("%s-0%016x", prefix, mix64(h.Sum64()))
}

// mix64 is splitmix64's finaliser: it spreads FNV's output so that ids minted one after the
// other do not share most of their digits.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// sortedKeys returns a map's keys in order: Describe answers are sorted by id, which also
// makes pagination tokens stable.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// selectByID filters a resource map by an id list (unknown ids are notFound) and by filters,
// and returns the matches sorted by id.
func selectByID[V any](m map[string]V, ids []string, fs []filter, notFound func(id string) error, tags func(V) tagList, values func(V) filterValues) ([]V, error) {
	var keys []string
	if len(ids) > 0 {
		seen := map[string]bool{}
		for _, id := range ids {
			if _, ok := m[id]; !ok {
				return nil, notFound(id)
			}
			if !seen[id] {
				seen[id] = true
				keys = append(keys, id)
			}
		}
		sort.Strings(keys)
	} else {
		keys = sortedKeys(m)
	}
	var out []V
	for _, k := range keys {
		v := m[k]
		ok, err := matchFilters(fs, tags(v), values(v))
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, v)
		}
	}
	return out, nil
}
