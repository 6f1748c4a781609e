package vpc

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// Tag limits, from the EC2 API reference. AWS's general tag docs allow 128
// characters in a key, but EC2's own model says 127; we enforce the smaller.
const (
	MaxTags           = 50
	MaxTagKeyLength   = 127
	MaxTagValueLength = 256
	reservedTagPrefix = "aws:"
)

// Tag is one key/value tag on an EC2 resource.
type Tag struct {
	Key   string
	Value string
}

// Tags is a resource's tag set, sorted by key when read from EC2.
type Tags []Tag

// Name returns the value of the Name tag, the name the console shows.
func (t Tags) Name() string {
	v, _ := t.Get("Name")
	return v
}

// Get returns the value for key and whether the key is present.
func (t Tags) Get(key string) (string, bool) {
	for _, tag := range t {
		if tag.Key == key {
			return tag.Value, true
		}
	}
	return "", false
}

// Validate checks the tags against EC2's rules: at most 50, keys non-empty,
// unique, at most 127 characters and not starting with aws:, values at most
// 256 characters. It reports the first problem under FieldTags.
func (t Tags) Validate() FieldErrors {
	if msg := t.problem(); msg != "" {
		return FieldErrors{FieldTags: msg}
	}
	return nil
}

func (t Tags) problem() string {
	if len(t) > MaxTags {
		return fmt.Sprintf("There are %d tags; a resource can have at most %d. Remove %d.", len(t), MaxTags, len(t)-MaxTags)
	}
	seen := make(map[string]bool, len(t))
	for i, tag := range t {
		if msg := tagKeyProblem(tag.Key, i+1); msg != "" {
			return msg
		}
		if seen[tag.Key] {
			return fmt.Sprintf("The tag key %q is used twice; each key can appear only once.", tag.Key)
		}
		seen[tag.Key] = true
		if n := utf8.RuneCountInString(tag.Value); n > MaxTagValueLength {
			return fmt.Sprintf("The value of tag %q is %d characters long; values can be at most %d.", tag.Key, n, MaxTagValueLength)
		}
	}
	return ""
}

// tagKeyProblem checks one key; row is its 1-based position, used to point at
// an empty key, which has nothing else to name it by.
func tagKeyProblem(key string, row int) string {
	switch {
	case strings.TrimSpace(key) == "":
		return fmt.Sprintf("Tag %d has no key. Enter a key, or remove the row.", row)
	case utf8.RuneCountInString(key) > MaxTagKeyLength:
		return fmt.Sprintf("The tag key %q is %d characters long; keys can be at most %d.", truncate(key, 20), utf8.RuneCountInString(key), MaxTagKeyLength)
	case hasReservedPrefix(key):
		return "Tag keys can't start with aws: — that prefix is reserved for AWS."
	}
	return ""
}

func hasReservedPrefix(key string) bool {
	return len(key) >= len(reservedTagPrefix) && strings.EqualFold(key[:len(reservedTagPrefix)], reservedTagPrefix)
}

// truncate shortens s to n characters for quoting in a message.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

func tagsFromEC2(in []types.Tag) Tags {
	if len(in) == 0 {
		return nil
	}
	out := make(Tags, 0, len(in))
	for _, t := range in {
		out = append(out, Tag{Key: aws.ToString(t.Key), Value: aws.ToString(t.Value)})
	}
	slices.SortFunc(out, func(a, b Tag) int { return strings.Compare(a.Key, b.Key) })
	return out
}

func (t Tags) toEC2() []types.Tag {
	if len(t) == 0 {
		return nil
	}
	out := make([]types.Tag, 0, len(t))
	for _, tag := range t {
		out = append(out, types.Tag{Key: aws.String(tag.Key), Value: aws.String(tag.Value)})
	}
	return out
}

// tagSpecifications tags a resource at creation, which saves a CreateTags
// call and means the resource never exists without its name.
func (t Tags) tagSpecifications(resource types.ResourceType) []types.TagSpecification {
	if len(t) == 0 {
		return nil
	}
	return []types.TagSpecification{{ResourceType: resource, Tags: t.toEC2()}}
}
