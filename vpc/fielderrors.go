package vpc

import (
	"slices"
	"strings"
)

// Form fields that validation messages and translated EC2 errors refer to.
// The web forms use the same names for their inputs, so a message can be
// shown next to the input it is about.
const (
	FieldEndpoint       = "endpoint"
	FieldService        = "service"
	FieldType           = "type"
	FieldVPC            = "vpc"
	FieldRouteTables    = "route_tables"
	FieldSubnets        = "subnets"
	FieldSecurityGroups = "security_groups"
	FieldIPAddressType  = "ip_address_type"
	FieldPolicy         = "policy"
	FieldTags           = "tags"
	FieldClientToken    = "client_token"
)

// fieldOrder is the wizard's order; the first invalid field in it is the one
// an *Error names, so the person is sent back to the earliest step to fix.
var fieldOrder = []string{
	FieldEndpoint, FieldService, FieldType, FieldVPC, FieldRouteTables, FieldSubnets,
	FieldSecurityGroups, FieldIPAddressType, FieldPolicy, FieldTags, FieldClientToken,
}

// FieldErrors maps a form field (a Field* constant) to a sentence saying what
// is wrong with it. A nil or empty FieldErrors means the input is valid.
type FieldErrors map[string]string

// Error implements error, listing every message in wizard order.
func (fe FieldErrors) Error() string {
	var msgs []string
	for _, f := range fe.fields() {
		msgs = append(msgs, f+": "+fe[f])
	}
	return strings.Join(msgs, "; ")
}

// Err returns nil when fe is empty, else an *Error with code Invalid naming
// the earliest invalid field. The *Error wraps fe, so a handler that wants
// every message can get them back with errors.As.
func (fe FieldErrors) Err() error {
	if len(fe) == 0 {
		return nil
	}
	first := fe.fields()[0]
	return &Error{Code: Invalid, Field: first, Message: fe[first], Err: fe}
}

// fields lists the fields of fe in wizard order, unknown ones last by name.
func (fe FieldErrors) fields() []string {
	fields := make([]string, 0, len(fe))
	for f := range fe {
		fields = append(fields, f)
	}
	rank := func(f string) int {
		if i := slices.Index(fieldOrder, f); i >= 0 {
			return i
		}
		return len(fieldOrder)
	}
	slices.SortFunc(fields, func(a, b string) int {
		if d := rank(a) - rank(b); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	return fields
}

// add records msg for field unless the field already has a message: the
// first problem found is the one worth fixing first.
func (fe FieldErrors) add(field, msg string) {
	if msg == "" {
		return
	}
	if _, ok := fe[field]; !ok {
		fe[field] = msg
	}
}

// orNil returns nil for an empty map so callers can test `errs == nil`.
func (fe FieldErrors) orNil() FieldErrors {
	if len(fe) == 0 {
		return nil
	}
	return fe
}
