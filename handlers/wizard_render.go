package handlers

import (
	"cmp"
	"errors"
	"net/http"
	"slices"
	"strings"

	"endpointconsole/views"
	"endpointconsole/vpc"
	"endpointconsole/vpc/audit"
)

// renderWizard shows step with the person's answers, the data the step offers and the messages
// of errs next to their fields.
func (h *Handlers) renderWizard(w http.ResponseWriter, r *http.Request, f wizardForm, d wizardData, step string, errs map[string]string, status int) error {
	f.Step = step
	if step == stepTags {
		f.Tags = nameTagFirst(f.Tags)
	}
	svc, found := d.service(f)
	p := views.WizardPage{
		Page: h.page(r, "Create endpoint", "endpoints",
			views.Crumb{Label: "VPC", Href: "/"}, views.Crumb{Label: "Endpoints", Href: "/endpoints"}, views.Crumb{Label: "Create endpoint"}),
		WizardAnswers: f.WizardAnswers,
		Hidden:        f.hiddenFields(step),
		Errors:        map[string]string{},
	}
	// Only this step's messages, each next to a field of the page: the later steps' come back
	// when they are reached, since every answer is checked again on the way.
	for field, msg := range errs {
		if stepOf(field) == step {
			p.Errors[field] = msg
		}
	}
	steps := f.steps(svc.PolicySupported || !found)
	current := slices.IndexFunc(steps, func(s wizardStep) bool { return s.id == step })
	for i, s := range steps {
		p.Steps = append(p.Steps, views.WizardStep{ID: s.id, Label: s.label, Current: i == current, Done: i < current})
	}
	switch step {
	case stepCategory:
		for _, s := range d.services {
			if f.ServiceName != "" && s.Name == f.ServiceName {
				p.VerifiedServices = append(p.VerifiedServices, s)
			}
		}
	case stepService:
		p.Services = servicesToList(d.services, f)
	case stepVPC:
		p.VPCs = wizardVPCOptions(d.vpcs)
	case stepRouteTables:
		p.RouteTables = routeTableRows(d.routeTables, d.subnets, d.prefixLists, f.Service, "")
	case stepNetwork:
		p.Zones = subnetsByZone(d.subnets)
		p.SecurityGroups = d.groups
	case stepPolicy:
		for _, t := range policyTemplates {
			if strings.HasSuffix(f.Service, t.Suffix) {
				p.Templates = append(p.Templates, views.PolicyTemplate{ID: t.ID, Label: t.Label})
			}
		}
	case stepReview:
		p.Review = h.review(d, f, h.createdBy(r.Context()), h.region(r.Context()).name)
	}
	return render(w, r, status, views.Wizard(p))
}

// renderWizardUnavailable answers a step whose EC2 reads failed (throttling, an outage): the
// sentence, a Try again button, and every answer carried in hidden fields, so that nothing
// typed is lost while EC2 recovers.
func (h *Handlers) renderWizardUnavailable(w http.ResponseWriter, r *http.Request, f wizardForm, err error) error {
	if vpc.ErrorCode(err) == vpc.Internal {
		h.log.Error("wizard: read the account", "request_id", w.Header().Get("X-Request-Id"), "err", err)
	}
	p := views.WizardPage{
		Page: h.page(r, "Create endpoint", "endpoints",
			views.Crumb{Label: "VPC", Href: "/"}, views.Crumb{Label: "Endpoints", Href: "/endpoints"}, views.Crumb{Label: "Create endpoint"}),
		WizardAnswers: f.WizardAnswers,
		Hidden:        f.hiddenFields(""),
		Unavailable:   vpc.ErrorMessage(err),
	}
	for _, s := range f.steps(true) {
		p.Steps = append(p.Steps, views.WizardStep{ID: s.id, Label: s.label, Current: s.id == f.Step, Done: stepRank(s.id) < stepRank(f.Step)})
	}
	return render(w, r, ErrorStatus(err), views.Wizard(p))
}

// servicesToList is the service table: the chosen category, narrowed by the name filter and the
// Type filter. The gateway services (S3, DynamoDB: the ones this console is about, and free)
// come first, so that the tutorial's S3 gateway is in the first screen rather than among a
// hundred and more interface services; the rest keep the catalog's order.
func servicesToList(services []vpc.EndpointService, f wizardForm) []vpc.EndpointService {
	var out []vpc.EndpointService
	for _, s := range services {
		if inCategory(s, f) && matchesQuery(f.ServiceQuery, s.Name) && (f.TypeFilter == "" || s.Type == f.TypeFilter) {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b vpc.EndpointService) int {
		return cmp.Compare(gatewayLast(a), gatewayLast(b))
	})
	return out
}

// gatewayLast is 0 for a gateway service and 1 for any other, to order gateways first.
func gatewayLast(s vpc.EndpointService) int {
	if s.Type == vpc.TypeGateway {
		return 0
	}
	return 1
}

// routeTableRows are a VPC's route tables as "Configure route tables" and "Manage route tables"
// list them: each with the subnets it serves and how they reach the service today, marked when
// it routes service through an endpoint other than self.
func routeTableRows(tables []vpc.RouteTable, subnets []vpc.Subnet, prefixLists map[string]vpc.PrefixList, service, self string) []views.WizardRouteTable {
	pl, havePL := vpc.PrefixListByName(prefixLists, service)
	var out []views.WizardRouteTable
	for _, rt := range tables {
		row := views.WizardRouteTable{ID: rt.ID, Name: rt.Name, Main: rt.Main, Subnets: tableSubnets(rt, subnets)}
		if havePL {
			row.Today = todaysPath(audit.AnalyzePath(rt, pl))
		}
		if other := rt.EndpointFor(service); other != "" && other != self {
			row.Conflict = "Already routes this service through " + other + "."
		}
		out = append(out, row)
	}
	return out
}

// tableSubnets are the subnets whose traffic a table routes, public or private by its routes.
func tableSubnets(rt vpc.RouteTable, subnets []vpc.Subnet) []views.TableSubnet {
	public := audit.RoutesToInternetGateway(rt)
	var out []views.TableSubnet
	for _, s := range subnets {
		if s.RouteTableID == rt.ID {
			out = append(out, views.TableSubnet{ID: s.ID, Name: s.Name, Public: public, Implicit: s.UsesMainRouteTable})
		}
	}
	return out
}

// todaysPath says how a table's subnets reach the service now, in the audit's words.
func todaysPath(path audit.ServicePath) string {
	var parts []string
	for _, seg := range path.Segments {
		parts = append(parts, seg.Through(false))
	}
	if len(parts) > 1 {
		return "partly " + strings.Join(parts, ", partly ")
	}
	return strings.Join(parts, "")
}

// subnetsByZone groups a VPC's subnets by Availability Zone, zones in order.
func subnetsByZone(subnets []vpc.Subnet) []views.ZoneSubnets {
	var out []views.ZoneSubnets
	for _, s := range subnets {
		i := slices.IndexFunc(out, func(z views.ZoneSubnets) bool { return z.Zone == s.AvailabilityZone })
		if i < 0 {
			out = append(out, views.ZoneSubnets{Zone: s.AvailabilityZone})
			i = len(out) - 1
		}
		out[i].Subnets = append(out[i].Subnets, s)
	}
	slices.SortFunc(out, func(a, b views.ZoneSubnets) int { return strings.Compare(a.Zone, b.Zone) })
	return out
}

// review describes what Create endpoint will do: the route each chosen table gains and the
// subnets whose traffic it moves, the conflicts found before calling EC2, and the dry run's
// verdict on permissions.
func (h *Handlers) review(d wizardData, f wizardForm, createdBy vpc.Tag, region string) views.WizardReview {
	rv := views.WizardReview{Tags: f.tagsToCreate(createdBy), Policy: prettyPolicy(f.Policy), VPCLabel: f.VPCID,
		Code: views.CreateCode(f.request(createdBy), region)}
	for _, v := range d.vpcs {
		if v.ID == f.VPCID {
			rv.VPCLabel = views.VPCLabel(v.ID, v.Name)
		}
	}
	if f.Type == vpc.TypeInterface {
		rv.Subnets = f.SubnetIDs
		rv.SecurityGroups = f.SecurityGroupIDs
	} else if pl, ok := vpc.PrefixListByName(d.prefixLists, f.Service); ok {
		conflicts := d.routeConflicts(f)
		for _, rt := range d.routeTables {
			if !slices.Contains(f.RouteTableIDs, rt.ID) {
				continue
			}
			if msg, ok := conflicts[rt.ID]; ok {
				// Only in the conflict box: a preview of a route EC2 would refuse would contradict it.
				rv.Conflicts = append(rv.Conflicts, msg)
				continue
			}
			rv.Tables = append(rv.Tables, views.ReviewTable{
				ID: rt.ID, Name: rt.Name, Subnets: subnetsUsing(rt, d.subnets),
				Route: vpc.Route{DestinationPrefixList: &pl, Target: "new endpoint", TargetKind: vpc.TargetGatewayEndpoint, State: "active"},
			})
		}
	}
	rv.PermissionChecked = d.permissionChecked
	rv.PermissionOK = d.permissionChecked && d.permission == nil
	rv.PermissionNotCheckable = errors.Is(d.permission, vpc.ErrDryRunIgnored)
	if d.permission != nil {
		rv.PermissionMessage = vpc.ErrorMessage(d.permission)
	}
	return rv
}

// subnetsUsing lists the subnets whose traffic a table routes: its explicit subnets and, for a
// main table, every subnet of the VPC without an explicit association.
func subnetsUsing(rt vpc.RouteTable, subnets []vpc.Subnet) []string {
	var out []string
	for _, s := range subnets {
		if s.RouteTableID == rt.ID {
			label := s.ID
			if s.Name != "" {
				label += " (" + s.Name + ")"
			}
			if s.UsesMainRouteTable {
				label += " via the main table"
			}
			out = append(out, label)
		}
	}
	return out
}
