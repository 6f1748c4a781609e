package vpc

import (
	"bytes"
	"encoding/json"
)

// policyStatement is the part of an IAM policy statement IsFullAccess reads.
// Principal, Action, Resource and Condition keep their raw JSON: each comes in
// several shapes ("*", a list, an object).
type policyStatement struct {
	Effect      string
	Principal   json.RawMessage
	Action      json.RawMessage
	Resource    json.RawMessage
	NotResource json.RawMessage
	Condition   json.RawMessage
}

// IsFullAccess reports whether an endpoint policy means what FullAccessPolicy
// means, whatever its text: a statement allows every action to every principal
// on every resource with no condition (Effect Allow, Principal "*" or
// {"AWS": "*"}, Action "*", Resource "*" or none, no Condition), and no
// statement denies anything. The allowing statement is the check of
// Steampipe's vpc_gateway_endpoint_restrict_public_access. The audit flags
// such policies and Manage policy shows them as Full Access. An empty or
// unreadable policy is not full access: there is nothing to show.
func IsFullAccess(doc string) bool {
	var policy struct{ Statement json.RawMessage }
	if doc == "" || json.Unmarshal([]byte(doc), &policy) != nil {
		return false
	}
	var statements []policyStatement
	if json.Unmarshal(policy.Statement, &statements) != nil {
		var one policyStatement
		if json.Unmarshal(policy.Statement, &one) != nil {
			return false
		}
		statements = []policyStatement{one}
	}
	allowsAll := false
	for _, st := range statements {
		if st.Effect == "Deny" {
			return false
		}
		allowsAll = allowsAll || st.Effect == "Allow" && isWildcard(st.Principal, true) && isWildcard(st.Action, false) &&
			(len(st.Resource) == 0 || isWildcard(st.Resource, false)) && len(st.NotResource) == 0 && isEmpty(st.Condition)
	}
	return allowsAll
}

// isWildcard reports whether raw is "*" or ["*", …]; for a principal also
// {"AWS": "*"} or {"AWS": ["*"]}.
func isWildcard(raw json.RawMessage, principal bool) bool {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s == "*"
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		for _, v := range list {
			if v == "*" {
				return true
			}
		}
		return false
	}
	if !principal {
		return false
	}
	var byType map[string]json.RawMessage
	if json.Unmarshal(raw, &byType) != nil {
		return false
	}
	aws, ok := byType["AWS"]
	return ok && isWildcard(aws, false)
}

// isEmpty reports whether raw is absent, null or {}.
func isEmpty(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return true
	}
	var m map[string]json.RawMessage
	return json.Unmarshal(raw, &m) == nil && len(m) == 0
}
