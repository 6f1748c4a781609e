package fakeec2

import (
	"net/url"
	"strconv"
	"strings"
)

// params reads an EC2 Query request: flat keys, lists flattened and 1-based (RouteTableId.1,
// RouteTableId.2, …), structures nested with dots (Filter.1.Value.2). Empty lists are absent.
type params struct {
	values url.Values
}

func (p params) str(name string) string { return p.values.Get(name) }

func (p params) has(name string) bool { _, ok := p.values[name]; return ok }

// list returns prefix.1, prefix.2, … up to the first gap.
func (p params) list(prefix string) []string {
	var out []string
	for i := 1; ; i++ {
		key := prefix + "." + strconv.Itoa(i)
		if !p.has(key) {
			return out
		}
		out = append(out, p.values.Get(key))
	}
}

// bool reads a boolean parameter; absent is def. A malformed value is InvalidParameterValue.
func (p params) bool(name string, def bool) (bool, error) {
	v := p.str(name)
	if v == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, errInvalidParameterValue("Value (%s) for parameter %s is invalid. Expected a boolean.", v, name)
	}
	return b, nil
}

// dryRun reports whether the caller asked for a permission check only.
func (p params) dryRun() (bool, error) { return p.bool("DryRun", false) }

// tags reads prefix.N.Key / prefix.N.Value pairs (Tag.N for CreateTags).
func (p params) tags(prefix string) ([]tag, error) {
	var out []tag
	for i := 1; ; i++ {
		base := prefix + "." + strconv.Itoa(i)
		if !p.has(base+".Key") && !p.has(base+".Value") {
			return out, nil
		}
		if !p.has(base + ".Key") {
			return nil, errMissingParameter(base + ".Key")
		}
		out = append(out, tag{Key: p.str(base + ".Key"), Value: p.str(base + ".Value")})
	}
}

// tagSpecifications reads TagSpecification.N for a new resource of the given type and checks
// the tags by EC2's rules. A specification for another resource type is refused, as EC2 does.
func (p params) tagSpecifications(resourceType string) ([]tag, error) {
	var out []tag
	for i := 1; ; i++ {
		base := "TagSpecification." + strconv.Itoa(i)
		if !p.has(base + ".ResourceType") {
			if p.has(base + ".Tag.1.Key") {
				return nil, errMissingParameter(base + ".ResourceType")
			}
			return out, validateTags(nil, out)
		}
		if rt := p.str(base + ".ResourceType"); rt != resourceType {
			return nil, errInvalidParameterValue("'%s' is not a valid taggable resource type for this operation.", rt)
		}
		tags, err := p.tags(base + ".Tag")
		if err != nil {
			return nil, err
		}
		if len(tags) == 0 {
			return nil, errInvalidParameterValue("Tag specification must have at least one tag")
		}
		out = append(out, tags...)
	}
}

// filters reads Filter.N.Name with Filter.N.Value.M. Values of one filter are OR'd; filters are AND'd.
func (p params) filters() ([]filter, error) {
	var out []filter
	for i := 1; ; i++ {
		base := "Filter." + strconv.Itoa(i)
		if !p.has(base + ".Name") {
			return out, nil
		}
		name := p.str(base + ".Name")
		values := p.list(base + ".Value")
		if len(values) == 0 {
			return nil, errInvalidParameterValue("The filter '%s' must have at least one value.", name)
		}
		out = append(out, filter{Name: name, Values: values})
	}
}

// filter is one Filter.N of a Describe call.
type filter struct {
	Name   string
	Values []string
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case (EC2 reserves "aws:" in any case).
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
