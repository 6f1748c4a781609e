package fakeec2

import (
	"fmt"
	"strings"
)

// Route table associations: a subnet's (explicit), the VPC's main one, and edge associations,
// where a table is associated with an internet gateway and routes the traffic that comes in
// through it (VPC ingress routing). An edge association changes no subnet's path: a subnet
// still uses its explicit table or the main one.
//
// Error codes are from EC2's API error-code list: InvalidParameterCombination ("an incorrect
// combination of parameters, or a missing parameter"), Resource.AlreadyAssociated ("the specified
// resource is already associated"), InvalidAssociationID.NotFound; the messages follow the
// route-target ones EC2 gives ("… belong to different networks").

type associateRouteTableResult struct {
	responseMeta
	AssociationID string `xml:"associationId"`
	State         string `xml:"associationState>state"`
}

type replaceRouteTableAssociationResult struct {
	responseMeta
	NewAssociationID string `xml:"newAssociationId"`
	State            string `xml:"associationState>state"`
}

var associationNotFound = notFoundError{"InvalidAssociationID.NotFound", "association ID"}

func (a *account) associateRouteTable(p params) (result, error) {
	rtID, subnetID, gatewayID := p.str("RouteTableId"), p.str("SubnetId"), p.str("GatewayId")
	checkParams := func() error {
		if (subnetID == "") == (gatewayID == "") {
			return &apiError{Status: 400, Code: "InvalidParameterCombination", Message: "The request must contain exactly one of subnetId, gatewayId"}
		}
		return nil
	}
	return a.write(p, opening{required: []string{"RouteTableId"}, checkParams: checkParams}, func(opened) (change, error) {
		rt, err := a.routeTable(rtID)
		if err != nil {
			return nil, err
		}
		as := routeTableAssociation{subnetID: subnetID, gatewayID: gatewayID}
		if gatewayID != "" {
			err = a.checkEdgeGateway(rt, gatewayID)
		} else {
			err = a.checkSubnetAssociation(rt, subnetID)
		}
		if err != nil {
			return nil, err
		}
		return func() result {
			as.id = a.newID("rtbassoc")
			rt.assocs = append(rt.assocs, as)
			return &associateRouteTableResult{AssociationID: as.id, State: "associated"}
		}, nil
	})
}

func (a *account) checkSubnetAssociation(rt *routeTable, subnetID string) error {
	s, err := a.subnet(subnetID)
	if err != nil {
		return err
	}
	if s.vpcID != rt.vpcID {
		return errInvalidParameterValue("route table %s and subnet %s belong to different networks", rt.id, subnetID)
	}
	if current := a.explicitRouteTable(subnetID); current != nil {
		return &apiError{Status: 400, Code: "Resource.AlreadyAssociated", Message: fmt.Sprintf("the specified association for route table %s conflicts with an existing association", current.id)}
	}
	return nil
}

// checkEdgeGateway refuses an edge association EC2 refuses: a gateway the account does not hold,
// one not attached to the table's VPC, or one already edge-associated with a table.
func (a *account) checkEdgeGateway(rt *routeTable, gatewayID string) error {
	if !strings.HasPrefix(gatewayID, "igw-") {
		// The account holds no virtual private gateways, the other kind EC2 edge-associates.
		return &apiError{Status: 400, Code: "InvalidGatewayID.NotFound", Message: fmt.Sprintf("The gateway ID '%s' does not exist", gatewayID)}
	}
	igw, err := a.internetGateway(gatewayID)
	if err != nil {
		return err
	}
	if igw.vpcID != rt.vpcID {
		return errInvalidParameterValue("route table %s and network gateway %s belong to different networks", rt.id, gatewayID)
	}
	if current, _ := a.associationOfGateway(gatewayID); current != nil {
		return &apiError{Status: 400, Code: "Resource.AlreadyAssociated", Message: fmt.Sprintf("the specified association for route table %s conflicts with an existing association", current.id)}
	}
	return nil
}

// associationOfGateway finds a gateway's edge association and its table.
func (a *account) associationOfGateway(gatewayID string) (*routeTable, int) {
	for _, rt := range a.routeTables {
		for i, as := range rt.assocs {
			if as.gatewayID == gatewayID {
				return rt, i
			}
		}
	}
	return nil, -1
}

// association finds an association by id and its table.
func (a *account) association(id string) (*routeTable, int, error) {
	for _, rt := range a.routeTables {
		for i, as := range rt.assocs {
			if as.id == id {
				return rt, i, nil
			}
		}
	}
	return nil, -1, associationNotFound.of(id)
}

func (a *account) disassociateRouteTable(p params) (result, error) {
	id := p.str("AssociationId")
	return a.write(p, opening{required: []string{"AssociationId"}}, func(opened) (change, error) {
		rt, i, err := a.association(id)
		if err != nil {
			return nil, err
		}
		if rt.assocs[i].main {
			// EC2's words, as quoted in ansible/ansible#25521.
			return nil, errInvalidParameterValue("cannot disassociate the main route table association %s", id)
		}
		return func() result {
			rt.assocs = append(rt.assocs[:i:i], rt.assocs[i+1:]...)
			return &returnResult{Return: true}
		}, nil
	})
}

// replaceRouteTableAssociation moves an association — a subnet's, an edge one, or the main one —
// to another table of the same VPC, under a new association id, as EC2 does.
func (a *account) replaceRouteTableAssociation(p params) (result, error) {
	id, rtID := p.str("AssociationId"), p.str("RouteTableId")
	return a.write(p, opening{required: []string{"AssociationId", "RouteTableId"}}, func(opened) (change, error) {
		from, i, err := a.association(id)
		if err != nil {
			return nil, err
		}
		to, err := a.routeTable(rtID)
		if err != nil {
			return nil, err
		}
		if to.vpcID != from.vpcID {
			return nil, errInvalidParameterValue("route table %s and association %s belong to different networks", rtID, id)
		}
		return func() result {
			as := from.assocs[i]
			from.assocs = append(from.assocs[:i:i], from.assocs[i+1:]...)
			as.id = a.newID("rtbassoc")
			to.assocs = append(to.assocs, as)
			if v, ok := a.vpcs[to.vpcID]; ok && as.main {
				v.mainRouteTable = to.id
			}
			return &replaceRouteTableAssociationResult{NewAssociationID: as.id, State: "associated"}
		}, nil
	})
}
