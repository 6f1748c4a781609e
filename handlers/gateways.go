package handlers

import (
	"net/http"

	"golang.org/x/sync/errgroup"

	"endpointconsole/views"
	"endpointconsole/vpc"
)

// InternetGateways lists the internet gateways and the VPCs they are attached to.
func (h *Handlers) InternetGateways(w http.ResponseWriter, r *http.Request) error {
	query := r.FormValue("q")
	var vpcs []vpc.VPC
	var igws []vpc.InternetGateway
	g, ctx := errgroup.WithContext(r.Context())
	g.Go(func() (err error) { vpcs, err = h.account(ctx).VPCs(ctx); return err })
	g.Go(func() (err error) { igws, err = h.account(ctx).InternetGateways(ctx); return err })
	if err := g.Wait(); err != nil {
		return err
	}
	p := views.InternetGatewaysPage{
		Page:     h.page(r, "Internet gateways", "internet-gateways", views.Crumb{Label: "VPC", Href: "/"}, views.Crumb{Label: "Internet gateways"}),
		VPCNames: vpcNames(vpcs), Query: query,
	}
	for _, igw := range igws {
		fields := append([]string{igw.Name, igw.ID, igw.State}, igw.VPCIDs...)
		if matchesQuery(query, fields...) {
			p.Gateways = append(p.Gateways, igw)
		}
	}
	return render(w, r, http.StatusOK, views.InternetGateways(p))
}

// NATGateways lists NAT gateways, filtered by ?vpc= and ?q=.
func (h *Handlers) NATGateways(w http.ResponseWriter, r *http.Request) error {
	vpcID, query := r.FormValue("vpc"), r.FormValue("q")
	var vpcs []vpc.VPC
	var nats []vpc.NATGateway
	g, ctx := errgroup.WithContext(r.Context())
	g.Go(func() (err error) { vpcs, err = h.account(ctx).VPCs(ctx); return err })
	g.Go(func() (err error) { nats, err = h.account(ctx).NATGateways(ctx, vpcID); return err })
	if err := g.Wait(); err != nil {
		return err
	}
	p := views.NATGatewaysPage{
		Page:     h.page(r, "NAT gateways", "nat-gateways", views.Crumb{Label: "VPC", Href: "/"}, views.Crumb{Label: "NAT gateways"}),
		VPCNames: vpcNames(vpcs), VPCs: vpcOptions(vpcs), VPCID: vpcID, Query: query,
	}
	for _, n := range nats {
		if matchesQuery(query, n.Name, n.ID, n.VPCID, n.SubnetID, n.PublicIP, n.PrivateIP, n.State) {
			p.Gateways = append(p.Gateways, n)
		}
	}
	return render(w, r, http.StatusOK, views.NATGateways(p))
}
