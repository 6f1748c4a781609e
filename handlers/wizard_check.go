package handlers

import (
	"context"
	"fmt"
	"slices"
	"strings"

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
	reached := func(s string) bool { return stepIndex(step) >= stepIndex(s) }
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) { d.services, err = h.account.EndpointServices(ctx); return err })
	if reached(stepVPC) {
		g.Go(func() (err error) { d.vpcs, err = h.account.VPCs(ctx); return err })
	}
	if reached(stepRouteTables) && f.VPCID != "" {
		if f.Type == vpc.TypeInterface {
			g.Go(func() (err error) { d.subnets, err = h.account.Subnets(ctx, f.VPCID); return err })
			g.Go(func() (err error) { d.groups, err = h.account.SecurityGroups(ctx, f.VPCID); return err })
		} else {
			// Route tables, subnets (whose traffic a table moves) and the prefix list of the
			// review's route preview, read together.
			g.Go(func() error {
				n, err := h.account.Network(ctx, f.VPCID)
				d.subnets, d.routeTables, d.prefixLists = n.Subnets, n.RouteTables, n.PrefixLists
				return err
			})
		}
	}
	if checkPermission {
		// A refused dry run is an answer to show, not a failure of the page.
		d.permissionChecked = true
		g.Go(func() error {
			d.permission = h.writer.CheckCreatePermission(ctx, f.request(h.createdBy(ctx)))
			return nil
		})
	}
	return d, g.Wait()
}

// stepIndex orders steps; the two alternative fourth steps share a rank.
func stepIndex(step string) int {
	switch step {
	case stepCategory:
		return 0
	case stepService:
		return 1
	case stepVPC:
		return 2
	case stepRouteTables, stepNetwork:
		return 3
	case stepPolicy:
		return 4
	case stepTags:
		return 5
	case stepReview:
		return 6
	}
	return -1
}

// fieldStep is the step where each field is answered, so a message lands next to its input.
var fieldStep = map[string]string{
	"category":              stepCategory,
	"service_name":          stepCategory,
	vpc.FieldService:        stepService,
	vpc.FieldType:           stepService,
	vpc.FieldVPC:            stepVPC,
	vpc.FieldRouteTables:    stepRouteTables,
	vpc.FieldSubnets:        stepNetwork,
	vpc.FieldSecurityGroups: stepNetwork,
	vpc.FieldIPAddressType:  stepNetwork,
	"private_dns":           stepNetwork,
	vpc.FieldPolicy:         stepPolicy,
	vpc.FieldTags:           stepTags,
}

// stepOf is the step a field belongs to; anything else is shown on the review step.
func stepOf(field string) string {
	if s, ok := fieldStep[field]; ok {
		return s
	}
	return stepReview
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
// EC2 describes it now, and returns a message per field.
func (d wizardData) check(f wizardForm, upTo string) map[string]string {
	errs := map[string]string{}
	add := func(field, msg string) {
		if _, ok := errs[field]; !ok && msg != "" && stepIndex(stepOf(field)) <= stepIndex(upTo) {
			errs[field] = msg
		}
	}
	switch f.Category {
	case categoryAWS, categoryMarketplace:
	case categoryByName:
		if f.ServiceName == "" {
			add("service_name", "Enter the service name its owner gave you, such as com.amazonaws.vpce.us-east-1.vpce-svc-….")
		} else if !slices.ContainsFunc(d.services, func(s vpc.EndpointService) bool { return s.Name == f.ServiceName }) {
			add("service_name", fmt.Sprintf("No service named %s is available to this account. Check the name with the service's owner, and that they allow this account.", f.ServiceName))
		}
	default:
		add("category", "Choose a service category.")
	}
	svc, found := d.service(f)
	switch {
	case f.Service == "":
		add(vpc.FieldService, "Choose a service from the table.")
	case !found || !inCategory(svc, f):
		add(vpc.FieldService, fmt.Sprintf("%s (%s) is not one of the services listed; choose one from the table.", f.Service, f.Type))
	}
	if stepIndex(upTo) >= stepIndex(stepVPC) {
		if f.VPCID == "" {
			add(vpc.FieldVPC, "Choose the VPC the endpoint serves.")
		} else if !slices.ContainsFunc(d.vpcs, func(v vpc.VPC) bool { return v.ID == f.VPCID }) {
			add(vpc.FieldVPC, fmt.Sprintf("The VPC %s does not exist in this Region (it may have been deleted).", f.VPCID))
		}
	}
	if stepIndex(upTo) >= stepIndex(stepRouteTables) && f.VPCID != "" && errs[vpc.FieldVPC] == "" {
		if f.Type == vpc.TypeInterface {
			add(vpc.FieldSubnets, checkSubnetChoice(f.SubnetIDs, d.subnets, f.VPCID))
			add(vpc.FieldSecurityGroups, checkSecurityGroupChoice(f.SecurityGroupIDs, d.groups, f.VPCID))
			if f.PrivateDNS && svc.PrivateDNSName == "" {
				add("private_dns", "This service has no private DNS name; untick Enable DNS name.")
			}
		} else {
			d.checkRouteTables(f, add)
			if stepIndex(upTo) >= stepIndex(stepReview) {
				for _, msg := range d.routeConflicts(f) {
					add(vpc.FieldRouteTables, msg)
				}
			}
		}
	}
	for field, msg := range f.request(vpc.Tag{}).Validate() {
		add(field, msg)
	}
	if f.PolicyMode != "full" && f.PolicyMode != "custom" {
		add(vpc.FieldPolicy, "Choose Full access or Custom.")
	} else if f.PolicyMode == "custom" && strings.TrimSpace(f.Policy) == "" {
		add(vpc.FieldPolicy, "Paste a policy, start from a template, or choose Full access.")
	}
	return errs
}

func (d wizardData) checkRouteTables(f wizardForm, add func(field, msg string)) {
	if len(f.RouteTableIDs) == 0 {
		add(vpc.FieldRouteTables, "Choose at least one route table: the endpoint works only for the subnets whose tables route to it.")
	}
	add(vpc.FieldRouteTables, checkRouteTablesInVPC(f.RouteTableIDs, d.routeTables, f.VPCID, "this VPC"))
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
// lists; the audit's sentences write "Name (rtb-…)" instead (vpc's tableLabel).
func tableIDAndName(rt vpc.RouteTable) string {
	if rt.Name == "" {
		return rt.ID
	}
	return rt.ID + " (" + rt.Name + ")"
}
