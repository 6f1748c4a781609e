package ascode

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// A policy is written as a YAML mapping and an HCL object, in the order its author wrote it
// (Version before Statement, Effect before Action), so it is decoded into ordered values:
// object, []any, string, json.Number, bool or nil.

// object is a JSON object, members in document order.
type object []member

type member struct {
	Key   string
	Value any
}

// decodePolicy reads a JSON document into ordered values.
func decodePolicy(doc string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("text after the policy's JSON")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		out := object{}
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return nil, err
			}
			v, err := decodeValue(dec)
			if err != nil {
				return nil, err
			}
			out = append(out, member{Key: key.(string), Value: v})
		}
		_, err := dec.Token()
		return out, err
	case json.Delim('['):
		out := []any{}
		for dec.More() {
			v, err := decodeValue(dec)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		_, err := dec.Token()
		return out, err
	}
	return tok, nil
}
