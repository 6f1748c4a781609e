package fakeec2

import "strings"

// filterValues answers, for one resource, the values a filter name matches against; known is
// false for a filter name the Describe call does not support.
type filterValues func(name string) (values []string, known bool)

// matchFilters applies EC2's filter semantics: the values of one filter are OR'd, the filters
// AND'd; values may hold the wildcards * and ?; tag:<key>, tag-key and tag-value work on every
// taggable resource. An unknown filter name is refused with EC2's InvalidParameterValue.
func matchFilters(fs []filter, tags tagList, values filterValues) (bool, error) {
	for _, f := range fs {
		var have []string
		switch {
		case strings.HasPrefix(f.Name, "tag:"):
			if v, ok := tags.get(strings.TrimPrefix(f.Name, "tag:")); ok {
				have = []string{v}
			}
		case f.Name == "tag-key":
			have = tags.keys()
		case f.Name == "tag-value":
			have = tags.values()
		default:
			v, known := values(f.Name)
			if !known {
				return false, errInvalidParameterValue("The filter '%s' is invalid", f.Name)
			}
			have = v
		}
		if !anyMatches(f.Values, have) {
			return false, nil
		}
	}
	return true, nil
}

func anyMatches(patterns, have []string) bool {
	for _, p := range patterns {
		for _, h := range have {
			if globMatch(p, h) {
				return true
			}
		}
	}
	return false
}

// globMatch matches EC2 filter wildcards: * is any run of characters, ? exactly one. Unlike
// path.Match, '/' is an ordinary character (CIDR blocks contain it).
func globMatch(pattern, s string) bool {
	if !strings.ContainsAny(pattern, "*?") {
		return pattern == s
	}
	px, sx := 0, 0
	starPx, starSx := -1, 0
	for sx < len(s) {
		switch {
		case px < len(pattern) && (pattern[px] == '?' || pattern[px] == s[sx]):
			px++
			sx++
		case px < len(pattern) && pattern[px] == '*':
			starPx, starSx = px, sx
			px++
		case starPx >= 0:
			px = starPx + 1
			starSx++
			sx = starSx
		default:
			return false
		}
	}
	for px < len(pattern) && pattern[px] == '*' {
		px++
	}
	return px == len(pattern)
}

// boolString renders a boolean as EC2 filters compare it ("true"/"false").
func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
