package fakeec2

import (
	"encoding/xml"
	"fmt"
	"net/http"
)

// apiError is an EC2 error answer: the HTTP status and the code and message EC2 sends.
type apiError struct {
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

// errorDocument is EC2's error shape: <Response><Errors><Error>…</Error></Errors><RequestID>.
type errorDocument struct {
	XMLName   xml.Name `xml:"Response"`
	Code      string   `xml:"Errors>Error>Code"`
	Message   string   `xml:"Errors>Error>Message"`
	RequestID string   `xml:"RequestID"`
}

// WriteError answers an EC2 Query request with EC2's error document, as EC2 refuses a call. It
// is for tests that stand between the SDK and a Server to refuse or throttle some calls, so that
// their refusals read as the Server's own.
func WriteError(w http.ResponseWriter, status int, code, message string) {
	requestID := newRequestID()
	w.Header().Set("x-amzn-RequestId", requestID)
	writeError(w, requestID, &apiError{Status: status, Code: code, Message: message})
}

func writeError(w http.ResponseWriter, requestID string, e *apiError) {
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	w.WriteHeader(e.Status)
	w.Write([]byte(xml.Header))
	xml.NewEncoder(w).Encode(errorDocument{Code: e.Code, Message: e.Message, RequestID: requestID})
}

func errInvalidParameterValue(format string, args ...any) *apiError {
	return &apiError{Status: 400, Code: "InvalidParameterValue", Message: fmt.Sprintf(format, args...)}
}

func errInvalidParameter(format string, args ...any) *apiError {
	return &apiError{Status: 400, Code: "InvalidParameter", Message: fmt.Sprintf(format, args...)}
}

func errMissingParameter(name string) *apiError {
	return &apiError{Status: 400, Code: "MissingParameter", Message: fmt.Sprintf("The request must contain the parameter %s", name)}
}

func errMalformedQuery(err error) *apiError {
	return &apiError{Status: 400, Code: "MalformedQueryString", Message: "The query string is malformed: " + err.Error()}
}

// errNotFound builds the "<Kind>.NotFound" family, e.g. InvalidVpcID.NotFound.
func errNotFound(code, noun, id string) *apiError {
	return &apiError{Status: 400, Code: code, Message: fmt.Sprintf("The %s '%s' does not exist", noun, id)}
}

// errDryRun is what a request with DryRun=true answers when it would have succeeded.
var errDryRun = &apiError{Status: http.StatusPreconditionFailed, Code: "DryRunOperation", Message: "Request would have succeeded, but DryRun flag is set."}
