package handlers

import (
	"net/http"

	"endpointconsole/vpc"
)

// readForm parses a posted form. A body over the server's cap or a malformed one is the
// person's problem to hear about, not a server error.
func readForm(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return &vpc.Error{Code: vpc.Invalid, Message: "The form could not be read; it may be too large. Go back and try again.", Err: err}
	}
	return nil
}
