package fakeec2

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
)

// servicesTSV is the catalog of AWS endpoint services, one row per service name; its header
// says where each row comes from.
//
//go:embed services.tsv
var servicesTSV string

// awsServices are the rows of services.tsv, read once: a malformed file stops the program at
// start, and TestServiceCatalogFile says which row is wrong.
var awsServices = mustParseServiceCatalog(servicesTSV)

// regionToken stands for the Region in the names of services.tsv.
const regionToken = "{region}"

// awsServiceRow is one row of services.tsv, names still holding {region}.
type awsServiceRow struct {
	name       string
	types      []string // Gateway and/or Interface, in that order
	policy     bool
	privateDNS string // the Interface entry's private DNS name, "" for none
	nameFrom   string
	policyFrom string
}

var (
	catalogColumns    = []string{"name", "types", "policy", "private_dns", "name_from", "policy_from"}
	catalogTypes      = map[string][]string{"Interface": {"Interface"}, "Gateway": {"Gateway"}, "Gateway+Interface": {"Gateway", "Interface"}}
	catalogNameFrom   = []string{"pl-page", "pl-xregion", "cli-ex", "mem"}
	catalogPolicyFrom = []string{"ug-2021", "cli-ex", "mem"}
)

// parseServiceCatalog reads services.tsv: comment lines (#) and blank lines are skipped, the
// first other line is the header, and every row must be complete, of a known type and source,
// with a name no other row has.
func parseServiceCatalog(data string) ([]awsServiceRow, error) {
	var rows []awsServiceRow
	seen := map[string]int{}
	header := false
	for i, line := range strings.Split(data, "\n") {
		n := i + 1
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if !header {
			if !slices.Equal(cols, catalogColumns) {
				return nil, fmt.Errorf("line %d: header %q, want %q", n, cols, catalogColumns)
			}
			header = true
			continue
		}
		if len(cols) != len(catalogColumns) {
			return nil, fmt.Errorf("line %d: %d columns, want %d (tab-separated)", n, len(cols), len(catalogColumns))
		}
		r, err := serviceRow(cols)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if first, dup := seen[r.name]; dup {
			return nil, fmt.Errorf("line %d: %s is already on line %d", n, r.name, first)
		}
		seen[r.name] = n
		rows = append(rows, r)
	}
	if !header {
		return nil, fmt.Errorf("no header line %q", catalogColumns)
	}
	return rows, nil
}

func serviceRow(cols []string) (awsServiceRow, error) {
	r := awsServiceRow{name: cols[0], nameFrom: cols[4], policyFrom: cols[5]}
	if err := checkServiceName(r.name); err != nil {
		return r, err
	}
	types, ok := catalogTypes[cols[1]]
	if !ok {
		return r, fmt.Errorf("%s: type %q, want Interface, Gateway or Gateway+Interface", r.name, cols[1])
	}
	r.types = types
	switch cols[2] {
	case "yes":
		r.policy = true
	case "no":
	default:
		return r, fmt.Errorf("%s: policy %q, want yes or no", r.name, cols[2])
	}
	if cols[3] != "-" {
		if !slices.Contains(types, "Interface") {
			return r, fmt.Errorf("%s: a private DNS name on a service with no Interface type", r.name)
		}
		if cols[3] == "" || strings.ContainsAny(cols[3], " /:") {
			return r, fmt.Errorf("%s: private DNS name %q, want a host name or -", r.name, cols[3])
		}
		r.privateDNS = cols[3]
	}
	if !slices.Contains(catalogNameFrom, r.nameFrom) {
		return r, fmt.Errorf("%s: name_from %q, want one of %v", r.name, r.nameFrom, catalogNameFrom)
	}
	if !slices.Contains(catalogPolicyFrom, r.policyFrom) {
		return r, fmt.Errorf("%s: policy_from %q, want one of %v", r.name, r.policyFrom, catalogPolicyFrom)
	}
	return r, nil
}

// checkServiceName accepts dotted lowercase names with {region} at most once, as a whole label.
func checkServiceName(name string) error {
	labels := strings.Split(name, ".")
	if len(labels) < 3 || strings.Count(name, regionToken) > 1 {
		return fmt.Errorf("service name %q, want a dotted name such as com.amazonaws.{region}.sqs", name)
	}
	for _, l := range labels {
		if l == regionToken {
			continue
		}
		if l == "" || strings.Trim(l, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
			return fmt.Errorf("service name %q: label %q is not lowercase letters, digits and -", name, l)
		}
	}
	return nil
}

func mustParseServiceCatalog(data string) []awsServiceRow {
	rows, err := parseServiceCatalog(data)
	if err != nil {
		panic("fakeec2: services.tsv: " + err.Error())
	}
	return rows
}

// serviceCatalog is the Region's endpoint services: one entry per row and type of services.tsv,
// then a partner's service and a Marketplace one.
func serviceCatalog(region string, zones []zone) []endpointService {
	zoneNames := make([]string, len(zones))
	for i, z := range zones {
		zoneNames[i] = z.name
	}
	inRegion := func(s string) string { return strings.ReplaceAll(s, regionToken, region) }
	var out []endpointService
	for _, row := range awsServices {
		for _, typ := range row.types {
			s := endpointService{name: inRegion(row.name), serviceType: typ, owner: "amazon", policySupported: row.policy}
			if typ == "Gateway" {
				s.baseDNSNames = []string{serviceShortName(row.name) + "." + region + ".amazonaws.com"}
			} else {
				s.baseDNSNames = []string{inRegion(vpceBaseDNSName(row.name))}
				s.privateDNSName = inRegion(row.privateDNS)
			}
			out = append(out, s)
		}
	}
	out = append(out,
		endpointService{name: "com.amazonaws.vpce." + region + ".vpce-svc-0c1f2e3d4a5b69788", serviceType: "Interface",
			owner: partnerOwner, baseDNSNames: []string{"vpce-svc-0c1f2e3d4a5b69788." + region + ".vpce.amazonaws.com"}},
		endpointService{name: "com.amazonaws.vpce." + region + ".vpce-svc-07a8b9c0d1e2f3a45", serviceType: "Interface",
			owner: marketplaceOwner, baseDNSNames: []string{"vpce-svc-07a8b9c0d1e2f3a45." + region + ".vpce.amazonaws.com"}},
	)
	for i := range out {
		out[i].zones = zoneNames
		out[i].serviceID = "vpce-svc-0" + shortHash(out[i].name+out[i].serviceType) + shortHash(out[i].serviceType+out[i].name) + "ab"
	}
	return out
}

// serviceShortName is what follows the Region in a service name (com.amazonaws.{region}.ecr.api
// → ecr.api), or what follows com.amazonaws. in a name without one (com.amazonaws.iam → iam).
func serviceShortName(name string) string {
	if _, after, ok := strings.Cut(name, "."+regionToken+"."); ok {
		return after
	}
	return strings.TrimPrefix(name, "com.amazonaws.")
}

// vpceBaseDNSName is the name EC2 lists in BaseEndpointDnsNames for an interface service:
// com.amazonaws.{region}.sqs → sqs.{region}.vpce.amazonaws.com, and for the other prefixes the
// same with the prefix reversed (aws.sagemaker.{region}.notebook →
// notebook.{region}.vpce.sagemaker.aws, as AWS writes it). Names without a Region get one, since
// the endpoint is in the Region.
func vpceBaseDNSName(name string) string {
	prefix, short, ok := strings.Cut(name, "."+regionToken+".")
	if !ok {
		prefix, short = "com.amazonaws", strings.TrimPrefix(name, "com.amazonaws.")
	}
	labels := strings.Split(prefix, ".")
	slices.Reverse(labels)
	return short + "." + regionToken + ".vpce." + strings.Join(labels, ".")
}
