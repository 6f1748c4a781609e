package fakeec2

import "sort"

// tag is one Key/Value pair on a resource.
type tag struct {
	Key   string `xml:"key"`
	Value string `xml:"value"`
}

// tagList holds a resource's tags in the order they were first set.
type tagList []tag

func (t tagList) get(key string) (string, bool) {
	for _, tg := range t {
		if tg.Key == key {
			return tg.Value, true
		}
	}
	return "", false
}

func (t tagList) keys() []string {
	out := make([]string, len(t))
	for i, tg := range t {
		out[i] = tg.Key
	}
	return out
}

func (t tagList) values() []string {
	out := make([]string, len(t))
	for i, tg := range t {
		out[i] = tg.Value
	}
	return out
}

// with returns t with each of add set, overwriting the value of a key that exists.
func (t tagList) with(add []tag) tagList {
	out := append(tagList(nil), t...)
	for _, a := range add {
		replaced := false
		for i := range out {
			if out[i].Key == a.Key {
				out[i].Value = a.Value
				replaced = true
			}
		}
		if !replaced {
			out = append(out, a)
		}
	}
	return out
}

// without returns t less the given tags. A tag given with a value is removed only when the
// value matches; given without one (hasValue false) it is removed whatever its value.
func (t tagList) without(remove []tag, hasValue []bool) tagList {
	var out tagList
	for _, tg := range t {
		drop := false
		for i, r := range remove {
			if r.Key == tg.Key && (!hasValue[i] || r.Value == tg.Value) {
				drop = true
			}
		}
		if !drop {
			out = append(out, tg)
		}
	}
	return out
}

// sorted is the tag set as rendered in responses.
func (t tagList) sorted() []tag {
	out := append([]tag(nil), t...)
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

const (
	maxTagsPerResource = 50
	maxTagKeyLength    = 127
	maxTagValueLength  = 256
)

// validateTags applies EC2's tag rules to tags about to be set on a resource that has existing.
func validateTags(existing tagList, add []tag) error {
	seen := map[string]bool{}
	for _, tg := range add {
		if seen[tg.Key] {
			return errInvalidParameterValue("Duplicate tag key '%s' specified.", tg.Key)
		}
		seen[tg.Key] = true
		switch {
		case tg.Key == "":
			return &apiError{Status: 400, Code: "InvalidTagKey.Malformed", Message: "Tag keys cannot be empty or null, and cannot start with aws:."}
		case hasPrefixFold(tg.Key, "aws:"):
			return &apiError{Status: 400, Code: "InvalidTagKey.Malformed", Message: "Tag keys cannot be empty or null, and cannot start with aws:."}
		case len([]rune(tg.Key)) > maxTagKeyLength:
			return errInvalidParameterValue("Tag key exceeds the maximum length of %d characters", maxTagKeyLength)
		case len([]rune(tg.Value)) > maxTagValueLength:
			return errInvalidParameterValue("Tag value exceeds the maximum length of %d characters", maxTagValueLength)
		}
	}
	if len(existing.with(add)) > maxTagsPerResource {
		return &apiError{Status: 400, Code: "TagLimitExceeded", Message: "The maximum number of Tags for a resource has been reached."}
	}
	return nil
}
