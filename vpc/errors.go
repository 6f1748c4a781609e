package vpc

import (
	"errors"
	"fmt"
)

// Code classifies an Error so that callers can react without knowing EC2's
// error codes (the web layer maps each code to one HTTP status).
type Code string

// The error codes. They are few on purpose: each one asks for a different
// reaction from the person using the console.
const (
	// Invalid: the request itself is wrong; fix the field named in Error.Field.
	Invalid Code = "invalid"
	// NotFound: something the request refers to does not exist (any more).
	NotFound Code = "not_found"
	// Conflict: the request is fine but clashes with the account's state.
	Conflict Code = "conflict"
	// Throttled: EC2 is rate limiting; the same request may work later.
	Throttled Code = "throttled"
	// Unauthorized: the credentials in use may not do this.
	Unauthorized Code = "unauthorized"
	// Internal: anything else; a bug, an outage, an answer we did not expect.
	Internal Code = "internal"
)

// Error is the only error type the package returns to callers.
//
// Message is a sentence meant for a person and never contains credentials;
// Field names the form field concerned (one of the Field* constants) or is
// empty; Err keeps the underlying cause, with context, for logs.
type Error struct {
	Code    Code
	Field   string
	Message string
	Err     error
}

// Error implements the error interface; it includes the cause for logs.
func (e *Error) Error() string {
	if e.Err == nil {
		return e.Message
	}
	return e.Message + ": " + e.Err.Error()
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the code of err: "" for nil, the Error's code when err is
// or wraps an *Error, and Internal for anything else.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Code
	}
	return Internal
}

// ErrorMessage returns the sentence to show a person for err. Errors that are
// not an *Error get a generic sentence, because their text was not written
// for people and may reveal internals.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	if e, ok := errors.AsType[*Error](err); ok && e.Message != "" {
		return e.Message
	}
	return "Something went wrong on our side. Try again; if it keeps happening, check the server log."
}

// ErrorField returns the form field err concerns, or "".
func ErrorField(err error) string {
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Field
	}
	return ""
}

// errorf builds an *Error without an underlying cause.
func errorf(code Code, field, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Message: fmt.Sprintf(format, args...)}
}
