package handlers

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"golang.org/x/sync/errgroup"

	"endpointconsole/vpc"
)

// wizardData is what the wizard reads from EC2 to show the steps and check the answers.
type wizardData struct {
	services    []vpc.EndpointService
	vpcs        []vpc.VPC
	routeTables []vpc.RouteTable // of the chosen VPC
	subnets     []vpc.Subnet     // of the chosen VPC
	groups      []vpc.SecurityGroup
	prefixLists map[string]vpc.PrefixList
	// permissionChecked says the dry run was made; permission is its answer.
	permissionChecked bool
	permission        error
}

// loadWizardData reads, in one round of concurrent calls, what the step to show and every
// step before it need. The dry-run permission check, when asked for, goes in the same round.
func (h *Handlers) loadWizardData(ctx context.Context, f wizardForm, step string, checkPermission bool) (wizardData, error) {
	var d wizardData
	reached := func(s string) bool { return stepRank(step) >= stepRank(s) }
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) { d.services, err = h.account(ctx).EndpointServices(ctx); return err })
	if reached(stepVPC) {
		g.Go(func() (err error) { d.vpcs, err = h.account(ctx).VPCs(ctx); return err })
	}
	if reached(stepRouteTables) && f.VPCID != "" {
		if f.Type == vpc.TypeInterface {
			g.Go(func() (err error) { d.subnets, err = h.account(ctx).Subnets(ctx, f.VPCID); return err })
			g.Go(func() (err error) { d.groups, err = h.account(ctx).SecurityGroups(ctx, f.VPCID); return err })
		} else {
			// Route tables, subnets (whose traffic a table moves) and the prefix list of the
			// review's route preview, read together.
			g.Go(func() error {
				n, err := h.account(ctx).Network(ctx, f.VPCID)
				d.subnets, d.routeTables, d.prefixLists = n.Subnets, n.RouteTables, n.PrefixLists
				return err
			})
		}
	}
	if checkPermission {
		// A refused dry run is an answer to show, not a failure of the page.
		d.permissionChecked = true
		g.Go(func() error {
			d.permission = h.writer(ctx).CheckCreatePermission(ctx, f.request(h.createdBy(ctx)))
			return nil
		})
	}
	return d, g.Wait()
}

// service is the chosen catalog entry, if the answers name one that exists.
func (d wizardData) service(f wizardForm) (vpc.EndpointService, bool) {
	i := slices.IndexFunc(d.services, func(s vpc.EndpointService) bool { return s.Name == f.Service && s.Type == f.Type })
	if i < 0 {
		return vpc.EndpointService{}, false
	}
	return d.services[i], true
}

// inCategory reports whether a service is listed under the chosen category: AWS's own services,
// or services of other accounts offered to this one (Marketplace subscriptions, partners).
func inCategory(s vpc.EndpointService, f wizardForm) bool {
	switch f.Category {
	case categoryAWS:
		return s.Owner == "amazon"
	case categoryMarketplace:
		return s.Owner != "amazon"
	case categoryByName:
		return s.Name == f.ServiceName
	}
	return false
}

// check validates every answer of the steps up to and including upTo, against the account as
// EC2 describes it now, and returns a message per field: the first rule each field breaks.
func (d wizardData) check(f wizardForm, upTo string) map[string]string {
	c := &answersCheck{d: d, f: f, errs: fieldMessages{}}
	last := stepRank(upTo)
	for _, s := range wizardSteps {
		// The policy step's check runs for services that take no policy too: its answer still
		// goes into the request.
		if s.check != nil && s.kinds.include(f.Type) && stepRank(s.id) <= last {
			s.check(c)
		}
	}
	// The request's own rules (EC2's limits on tags and policies, ids chosen twice) cover
	// several steps; each message goes to its field's step like the others.
	for field, msg := range f.request(vpc.Tag{}).Validate() {
		c.errs.add(field, msg)
	}
	// A step's message is kept only once the person has reached the step: later steps are
	// judged when they are shown.
	maps.DeleteFunc(c.errs, func(field, _ string) bool { return stepRank(stepOf(field)) > last })
	return c.errs
}

// answersCheck is one run of the wizard's checks: the answers, the account as read now, and
// the messages found so far.
type answersCheck struct {
	d    wizardData
	f    wizardForm
	errs fieldMessages
}

func (c *answersCheck) add(field, msg string) { c.errs.add(field, msg) }

// vpcFound says the answers name a VPC of the account, so what was chosen inside it can be
// checked against its tables, subnets and groups.
func (c *answersCheck) vpcFound() bool { return c.f.VPCID != "" && c.errs[vpc.FieldVPC] == "" }

func checkCategoryStep(c *answersCheck) {
	switch c.f.Category {
	case categoryAWS, categoryMarketplace:
	case categoryByName:
		if c.f.ServiceName == "" {
			c.add("service_name", "Enter the service name its owner gave you, such as com.amazonaws.vpce.us-east-1.vpce-svc-….")
		} else if !slices.ContainsFunc(c.d.services, func(s vpc.EndpointService) bool { return s.Name == c.f.ServiceName }) {
			c.add("service_name", fmt.Sprintf("No service named %s is available to this account. Check the name with the service's owner, and that they allow this account.", c.f.ServiceName))
		}
	default:
		c.add("category", "Choose a service category.")
	}
}

func checkServiceStep(c *answersCheck) {
	svc, found := c.d.service(c.f)
	switch {
	case c.f.Service == "":
		c.add(vpc.FieldService, "Choose a service from the table.")
	case !found || !inCategory(svc, c.f):
		c.add(vpc.FieldService, fmt.Sprintf("%s (%s) is not one of the services listed; choose one from the table.", c.f.Service, c.f.Type))
	}
}

func checkVPCStep(c *answersCheck) {
	if c.f.VPCID == "" {
		c.add(vpc.FieldVPC, "Choose the VPC the endpoint serves.")
	} else if !slices.ContainsFunc(c.d.vpcs, func(v vpc.VPC) bool { return v.ID == c.f.VPCID }) {
		c.add(vpc.FieldVPC, fmt.Sprintf("The VPC %s does not exist in this Region (it may have been deleted).", c.f.VPCID))
	}
}

func checkRouteTablesStep(c *answersCheck) {
	if !c.vpcFound() {
		return
	}
	if len(c.f.RouteTableIDs) == 0 {
		c.add(vpc.FieldRouteTables, "Choose at least one route table: the endpoint works only for the subnets whose tables route to it.")
	}
	c.add(vpc.FieldRouteTables, checkRouteTablesInVPC(c.f.RouteTableIDs, c.d.routeTables, c.f.VPCID, "this VPC"))
}

func checkNetworkStep(c *answersCheck) {
	if !c.vpcFound() {
		return
	}
	c.add(vpc.FieldSubnets, checkSubnetChoice(c.f.SubnetIDs, c.d.subnets, c.f.VPCID))
	c.add(vpc.FieldSecurityGroups, checkSecurityGroupChoice(c.f.SecurityGroupIDs, c.d.groups, c.f.VPCID))
	if svc, _ := c.d.service(c.f); c.f.PrivateDNS && svc.PrivateDNSName == "" {
		c.add("private_dns", "This service has no private DNS name; untick Enable DNS name.")
	}
}

func checkPolicyStep(c *answersCheck) {
	switch {
	case c.f.PolicyMode != "full" && c.f.PolicyMode != "custom":
		c.add(vpc.FieldPolicy, "Choose Full access or Custom.")
	case c.f.PolicyMode == "custom" && c.f.Policy == "":
		// A policy of white space alone is left to the request's own check: it is not JSON.
		c.add(vpc.FieldPolicy, "Paste a policy, start from a template, or choose Full access.")
	}
}

// checkReviewStep looks for what EC2 would refuse only when called: a chosen table that
// already routes the service through another endpoint. The message goes to the route tables.
func checkReviewStep(c *answersCheck) {
	if c.f.Type == vpc.TypeInterface || !c.vpcFound() {
		return
	}
	for _, msg := range c.d.routeConflicts(c.f) {
		c.add(vpc.FieldRouteTables, msg)
	}
}

// routeConflicts finds chosen tables that already route the service through another endpoint:
// EC2 refuses a second endpoint route for one service in a table (moto does not, so we check).
func (d wizardData) routeConflicts(f wizardForm) map[string]string {
	out := map[string]string{}
	for _, rt := range d.routeTables {
		if !slices.Contains(f.RouteTableIDs, rt.ID) {
			continue
		}
		if other := rt.EndpointFor(f.Service); other != "" {
			out[rt.ID] = fmt.Sprintf("%s already routes %s through %s; a table can route a service through one endpoint only.", tableIDAndName(rt), f.Service, other)
		}
	}
	return out
}

// tableIDAndName writes a route table as "rtb-… (Name)", the ID first as in the route table
// lists; the audit's sentences write "Name (rtb-…)" instead (audit's tableNameAndID).
func tableIDAndName(rt vpc.RouteTable) string {
	if rt.Name == "" {
		return rt.ID
	}
	return rt.ID + " (" + rt.Name + ")"
}
