package fakeec2

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
)

// pageLimits is how a Describe call validates MaxResults: min..max when bounded (out of range is
// refused), else any positive value with at most ceiling items returned (EC2's "If the value is
// greater than 1,000, we return only 1,000 items").
type pageLimits struct {
	min, max int
	ceiling  int
}

var (
	limits5to100  = pageLimits{min: 5, max: 100}
	limits5to1000 = pageLimits{min: 5, max: 1000}
	limits1to100  = pageLimits{min: 1, max: 100}
	limitsCapped  = pageLimits{ceiling: 1000}
)

// paginate returns the page of items (already filtered, sorted by id) the request asks for and the
// token of the next page ("" on the last). NextToken is opaque and signed: it names the action
// and the last id served, so a token from another call or an edited token is refused.
func paginate[T any](a *account, p params, action string, items []T, id func(T) string, limits pageLimits) (page []T, next string, err error) {
	size := len(items)
	if raw := p.str("MaxResults"); raw != "" {
		n, convErr := strconv.Atoi(raw)
		switch {
		case convErr != nil:
			return nil, "", errInvalidParameterValue("Value ( %s ) for parameter maxResults is invalid. Expected an integer.", raw)
		case limits.max > 0 && (n < limits.min || n > limits.max):
			return nil, "", errInvalidParameterValue("Value ( %d ) for parameter maxResults is invalid. Parameter must be between %d and %d.", n, limits.min, limits.max)
		case n < 1:
			return nil, "", errInvalidParameterValue("Value ( %d ) for parameter maxResults is invalid. Parameter must be greater than 0.", n)
		}
		size = min(n, max(limits.ceiling, limits.max))
	} else if limits.ceiling > 0 {
		size = min(size, limits.ceiling)
	}
	if token := p.str("NextToken"); token != "" {
		after, ok := a.tokenKey.open(action, token)
		if !ok {
			return nil, "", &apiError{Status: 400, Code: "InvalidNextToken", Message: "The specified token is invalid or has expired."}
		}
		// Resume after the last id served, even if that resource has gone since.
		for len(items) > 0 && id(items[0]) <= after {
			items = items[1:]
		}
	}
	if size < len(items) {
		items = items[:size]
		if size > 0 {
			next = a.tokenKey.seal(action, id(items[size-1]))
		}
	}
	return items, next, nil
}

// tokenKey signs the NextTokens a server hands out: a token names the action and the last id
// served, so an edited token, one of another action, or one of another server is refused.
type tokenKey [32]byte

func newTokenKey() tokenKey {
	var k tokenKey
	rand.Read(k[:])
	return k
}

func (k *tokenKey) seal(action, lastID string) string {
	payload := action + "\n" + lastID
	return base64.RawURLEncoding.EncodeToString([]byte(payload)) + "." + k.mac(payload)
}

func (k *tokenKey) open(action, token string) (lastID string, ok bool) {
	encoded, mac, found := strings.Cut(token, ".")
	if !found {
		return "", false
	}
	raw, err := base64.RawURLEncoding.DecodeString(encoded)
	if err != nil || !hmac.Equal([]byte(mac), []byte(k.mac(string(raw)))) {
		return "", false
	}
	gotAction, lastID, found := strings.Cut(string(raw), "\n")
	return lastID, found && gotAction == action
}

func (k *tokenKey) mac(payload string) string {
	h := hmac.New(sha256.New, k[:])
	h.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:12])
}
