package handlers

import (
	"context"
	"net/http"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// InternetGateways lists the internet gateways and the VPCs they are attached to, filtered by
// ?q=, a page at a time (?page=).
func (h *Handlers) InternetGateways(w http.ResponseWriter, r *http.Request) error {
	query := r.FormValue("q")
	acct := h.account(r.Context())
	rows, err := readList(r.Context(), acct, r, listSource[vpc.InternetGateway]{
		all:  acct.InternetGateways,
		page: acct.InternetGatewaysPage,
		fields: func(igw vpc.InternetGateway, _ map[string]string) []string {
			return append([]string{igw.Name, igw.ID, igw.State}, igw.VPCIDs...)
		},
		vpcIDs: func(igw vpc.InternetGateway) []string { return igw.VPCIDs },
	})
	if err != nil {
		return err
	}
	p := views.InternetGatewaysPage{
		Page:     h.page(r, "Internet gateways", "internet-gateways", views.Crumb{Label: "VPC", Href: "/"}, views.Crumb{Label: "Internet gateways"}),
		Gateways: rows.page.Items, VPCNames: rows.vpcNames, Query: query,
		Pager: pager("Internet gateways", "/internet-gateways", map[string]string{"q": query}, rows),
	}
	return render(w, r, http.StatusOK, views.InternetGateways(p))
}

// NATGateways lists NAT gateways, filtered by ?vpc= and ?q=, a page at a time (?page=).
func (h *Handlers) NATGateways(w http.ResponseWriter, r *http.Request) error {
	vpcID, query := vpcParam(r), r.FormValue("q")
	acct := h.account(r.Context())
	rows, err := readList(r.Context(), acct, r, listSource[vpc.NATGateway]{
		all: func(ctx context.Context) ([]vpc.NATGateway, error) { return acct.NATGateways(ctx, vpcID) },
		page: func(ctx context.Context, req vpc.PageRequest) (vpc.ListPage[vpc.NATGateway], error) {
			return acct.NATGatewaysPage(ctx, vpcID, req)
		},
		fields: func(n vpc.NATGateway, _ map[string]string) []string {
			return []string{n.Name, n.ID, n.VPCID, n.SubnetID, n.PublicIP, n.PrivateIP, n.State}
		},
		vpcIDs: func(n vpc.NATGateway) []string { return []string{n.VPCID} },
	})
	if err != nil {
		return err
	}
	p := views.NATGatewaysPage{
		Page:     h.page(r, "NAT gateways", "nat-gateways", views.Crumb{Label: "VPC", Href: "/"}, views.Crumb{Label: "NAT gateways"}),
		Gateways: rows.page.Items, VPCNames: rows.vpcNames, VPCs: rows.vpcOptions, VPCID: vpcID, Query: query,
		Pager: pager("NAT gateways", "/nat-gateways", map[string]string{"vpc": vpcID, "q": query}, rows),
	}
	return render(w, r, http.StatusOK, views.NATGateways(p))
}
