package handlers

import (
	"net/http"
	"slices"

	"golang.org/x/sync/errgroup"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// ManageNetwork shows an interface endpoint's subnets, security groups and private DNS setting.
func (h *Handlers) ManageNetwork(w http.ResponseWriter, r *http.Request) error {
	e, subnets, groups, err := h.loadEndpointNetwork(r)
	if err != nil {
		return err
	}
	return h.renderManageNetwork(w, r, e, subnets, groups, e.SubnetIDs, e.SecurityGroupIDs, e.PrivateDNSEnabled, nil, http.StatusOK)
}

// SaveNetwork applies the difference between the form and the endpoint as EC2 describes it now.
func (h *Handlers) SaveNetwork(w http.ResponseWriter, r *http.Request) error {
	if err := readForm(r); err != nil {
		return err
	}
	e, subnets, groups, err := h.loadEndpointNetwork(r)
	if err != nil {
		return err
	}
	chosenSubnets, chosenGroups := nonEmpty(r.PostForm["subnets"]), nonEmpty(r.PostForm["security_groups"])
	privateDNS := slices.Contains(r.PostForm["private_dns"], "true")
	errs := fieldMessages{}
	errs.add(vpc.FieldSubnets, checkSubnetChoice(chosenSubnets, subnets, e.VPCID))
	errs.add(vpc.FieldSecurityGroups, checkSecurityGroupChoice(chosenGroups, groups, e.VPCID))
	if len(errs) > 0 {
		return h.renderManageNetwork(w, r, e, subnets, groups, chosenSubnets, chosenGroups, privateDNS, errs, http.StatusUnprocessableEntity)
	}
	req := vpc.ModifyEndpointRequest{ID: e.ID}
	req.AddSubnetIDs, req.RemoveSubnetIDs = diffIDs(e.SubnetIDs, chosenSubnets)
	req.AddSecurityGroupIDs, req.RemoveSecurityGroupIDs = diffIDs(e.SecurityGroupIDs, chosenGroups)
	if privateDNS != e.PrivateDNSEnabled {
		req.PrivateDNSEnabled = &privateDNS
	}
	if len(req.AddSubnetIDs)+len(req.RemoveSubnetIDs)+len(req.AddSecurityGroupIDs)+len(req.RemoveSecurityGroupIDs) == 0 && req.PrivateDNSEnabled == nil {
		h.seeOther(w, r, "/endpoints/"+e.ID+"?tab=subnets&done=unchanged")
		return nil
	}
	if err := h.writer(r.Context()).ModifyEndpoint(r.Context(), req); err != nil {
		if vpc.ErrorCode(err) == vpc.NotFound && vpc.ErrorField(err) == vpc.FieldEndpoint {
			return err
		}
		errs = map[string]string{vpc.ErrorField(err): vpc.ErrorMessage(err)}
		return h.renderManageNetwork(w, r, e, subnets, groups, chosenSubnets, chosenGroups, privateDNS, errs, ErrorStatus(err))
	}
	h.redirectAfterChange(w, r, "/endpoints/"+e.ID+"?tab=subnets&done=network")
	return nil
}

func (h *Handlers) loadEndpointNetwork(r *http.Request) (vpc.Endpoint, []vpc.Subnet, []vpc.SecurityGroup, error) {
	e, err := h.changeableEndpoint(r.Context(), r.PathValue("id"))
	if err != nil {
		return e, nil, nil, err
	}
	if e.Type != vpc.TypeInterface {
		return e, nil, nil, &vpc.Error{Code: vpc.Invalid, Message: "Only interface endpoints have subnets and security groups; manage this endpoint's route tables instead."}
	}
	var subnets []vpc.Subnet
	var groups []vpc.SecurityGroup
	g, ctx := errgroup.WithContext(r.Context())
	g.Go(func() (err error) { subnets, err = h.account(ctx).Subnets(ctx, e.VPCID); return err })
	g.Go(func() (err error) { groups, err = h.account(ctx).SecurityGroups(ctx, e.VPCID); return err })
	return e, subnets, groups, g.Wait()
}

func (h *Handlers) renderManageNetwork(w http.ResponseWriter, r *http.Request, e vpc.Endpoint, subnets []vpc.Subnet, groups []vpc.SecurityGroup,
	chosenSubnets, chosenGroups []string, privateDNS bool, errs map[string]string, status int) error {
	p := views.ManageNetworkPage{
		Page: h.page(r, "Manage subnets, security groups and DNS", "endpoints", views.Crumb{Label: "Endpoints", Href: "/endpoints"},
			views.Crumb{Label: e.ID, Href: "/endpoints/" + e.ID}, views.Crumb{Label: "Manage network"}),
		Endpoint: e, Zones: subnetsByZone(subnets), SecurityGroups: groups,
		SubnetIDs: chosenSubnets, GroupIDs: chosenGroups, PrivateDNS: privateDNS, Errors: errs,
	}
	return render(w, r, status, views.ManageNetwork(p))
}
