package vpc

import (
	"bytes"
	"encoding/json"
)

// policyStatement is the part of an IAM policy statement IsFullAccess reads.
// Principal, Action and Condition keep their raw JSON: each comes in several
// shapes ("*", a list, an object).
type policyStatement struct {
	Effect    string
	Principal json.RawMessage
	Action    json.RawMessage
	Condition json.RawMessage
}

// IsFullAccess reports whether an endpoint policy has a statement that allows
// every action to every principal with no condition: Effect Allow, Principal
// "*" (or {"AWS": "*"}), Action "*", no Condition. It is the check of
// Steampipe's vpc_gateway_endpoint_restrict_public_access. An empty or
// unreadable policy is not flagged: there is nothing to show.
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
	for _, st := range statements {
		if st.Effect == "Allow" && isWildcard(st.Principal, true) && isWildcard(st.Action, false) && noCondition(st.Condition) {
			return true
		}
	}
	return false
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

func noCondition(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return true
	}
	var m map[string]json.RawMessage
	return json.Unmarshal(raw, &m) == nil && len(m) == 0
}
