package fakeec2

import (
	"maps"
	"time"
)

// An endpoint's life by the clock: an interface endpoint is pending while EC2 places its network
// interfaces, then available; DeleteVpcEndpoints makes any endpoint deleting, then deleted, and
// some minutes later it is gone (NotFound). EC2 keeps deleted endpoints describable so that
// waiters (Terraform's, the SDK's) and consoles can watch the deletion finish; the
// vpc-endpoint-state filter matches deleting and deleted like any other state.
//
// The routes of a gateway endpoint go at once, when DeleteVpcEndpoints answers (the model: "deleting
// a gateway endpoint deletes its routes"), so a deleting endpoint routes nothing and does not stand
// in the way of a new endpoint for the same service on the same tables.

const (
	// defaultDeletingDelay: a gateway endpoint holds no network interfaces to release, and an
	// interface endpoint's take seconds; a few seconds is long enough for a console refresh to
	// see "deleting" and short enough that a demo does not wait on it.
	defaultDeletingDelay = 5 * time.Second
	// defaultDeletedRetention: EC2 does not publish how long it describes a deleted endpoint.
	// Ten minutes covers Terraform's default delete timeout (10m), whose waiter polls for the
	// deleted state, and the console's list showing what was just deleted; an endpoint still
	// listed an hour later would only clutter a demo.
	defaultDeletedRetention = 10 * time.Minute
)

type deleteVpcEndpointsResult struct {
	responseMeta
	Unsuccessful []xmlUnsuccessful `xml:"unsuccessful>item"`
}

type xmlUnsuccessful struct {
	Code       string `xml:"error>code"`
	Message    string `xml:"error>message"`
	ResourceID string `xml:"resourceId"`
}

// endpointState is derived from the clock: gateway endpoints are available at once, interface
// endpoints are pending while EC2 places their network interfaces; a deleted endpoint is
// deleting, then deleted.
func (a *account) endpointState(e *vpcEndpoint) string {
	now := a.clock()
	switch {
	case !e.deletedAt.IsZero() && now.Before(e.deletedAt.Add(a.deletingDelay)):
		return "deleting"
	case !e.deletedAt.IsZero():
		return "deleted"
	case e.endpointType == "Interface" && now.Before(e.created.Add(a.interfaceDelay)):
		return "pending"
	}
	return "available"
}

// endpointLive reports whether DeleteVpcEndpoints has not taken the endpoint.
func endpointLive(e *vpcEndpoint) bool { return e.deletedAt.IsZero() }

// endpointGone reports whether a deleted endpoint is past its retention: EC2 no longer knows it.
func (a *account) endpointGone(e *vpcEndpoint) bool {
	return !endpointLive(e) && !a.clock().Before(e.deletedAt.Add(a.deletingDelay+a.deletedRetention))
}

// visibleEndpoints is what DescribeVpcEndpoints can answer: every endpoint but the gone ones.
// Reads hold only the read lock, so they skip what is gone; the next write drops it
// (dropGoneEndpoints). Until then, and only then, the map is copied without it.
func (a *account) visibleEndpoints() map[string]*vpcEndpoint {
	for _, e := range a.endpoints {
		if a.endpointGone(e) {
			visible := maps.Clone(a.endpoints)
			maps.DeleteFunc(visible, func(_ string, e *vpcEndpoint) bool { return a.endpointGone(e) })
			return visible
		}
	}
	return a.endpoints
}

// dropGoneEndpoints forgets the endpoints past their retention, as EC2 does; a write calls it
// under the write lock, so a long demo's deletes do not pile up.
func (a *account) dropGoneEndpoints() {
	maps.DeleteFunc(a.endpoints, func(_ string, e *vpcEndpoint) bool { return a.endpointGone(e) })
}

// liveEndpoint finds an endpoint that a write may change. EC2's answer for a deleting or deleted
// endpoint is not documented (reference/ec2-endpoint-api.md lists no state error for endpoints);
// the fake answers as for an endpoint it does not hold, InvalidVpcEndpointId.NotFound, which is
// what a client sees moments later anyway.
func (a *account) liveEndpoint(id string) (*vpcEndpoint, error) {
	e, err := a.endpoint(id)
	if err != nil {
		return nil, err
	}
	if !endpointLive(e) {
		return nil, endpointNotFound.of(id)
	}
	return e, nil
}

func (a *account) deleteVpcEndpoints(p params) (result, error) {
	return a.write(p, opening{requiredList: "VpcEndpointId"}, func(opened) (change, error) {
		return func() result {
			res := &deleteVpcEndpointsResult{}
			now := a.clock()
			// EC2 deletes what it can and lists the rest: one unknown id does not stop the others.
			// An endpoint already deleting or deleted is listed as not found (see liveEndpoint).
			for _, id := range dedupe(p.list("VpcEndpointId")) {
				e, err := a.liveEndpoint(id)
				if err != nil {
					res.Unsuccessful = append(res.Unsuccessful, xmlUnsuccessful{
						Code: "InvalidVpcEndpoint.NotFound", Message: "The Vpc Endpoint Id '" + id + "' does not exist", ResourceID: id,
					})
					continue
				}
				a.removeEndpointRoutes(e, e.routeTableIDs)
				e.deletedAt = now
			}
			return res
		}, nil
	})
}
