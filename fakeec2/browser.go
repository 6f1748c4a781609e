package fakeec2

import (
	"net/http"
	"strings"
)

// browserHeader names the first header that only a web browser sends (Origin, Sec-Fetch-*), or
// "". The AWS SDKs and the CLI never send them; a browser adds them to every cross-site request,
// including the "simple" form POSTs that need no CORS preflight. Refusing such requests keeps a
// page of another site from changing the demo account through its loopback endpoint, which
// would be a way round every protection of the console itself.
func browserHeader(h http.Header) string {
	if h.Get("Origin") != "" {
		return "Origin"
	}
	for name := range h {
		if strings.HasPrefix(http.CanonicalHeaderKey(name), "Sec-Fetch-") {
			return http.CanonicalHeaderKey(name)
		}
	}
	return ""
}

func errBrowserRequest(header string) *apiError {
	return &apiError{Status: http.StatusForbidden, Code: "AuthFailure",
		Message: "This EC2 endpoint refuses requests sent by web browsers (the request carried " + header + "); call it with an AWS SDK or the AWS CLI."}
}
