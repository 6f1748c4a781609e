package fakeec2

import (
	"crypto/sha256"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// STS, the Query protocol of API version 2011-06-15: AssumeRole and GetCallerIdentity, enough
// for a caller in the management account to reach every member account as AWS lets it.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html

// Every STS document is in the namespace https://sts.amazonaws.com/doc/2011-06-15/, written out in
// each XMLName tag below (a struct tag cannot name a constant).

// stsAction answers one STS Action for the caller. It returns the response document (its
// request id still to set) or an *apiError.
type stsAction func(who caller, p params) (stsResult, error)

type stsResult interface{ setRequestID(string) }

// stsMeta closes every STS response: <ResponseMetadata><RequestId>.
type stsMeta struct {
	RequestID string `xml:"ResponseMetadata>RequestId"`
}

func (m *stsMeta) setRequestID(id string) { m.RequestID = id }

// serveSTS answers one STS request. Its errors are STS's, not EC2's: botocore and the SDK read
// the code from STS's own error document.
func (s *Server) serveSTS(w http.ResponseWriter, r *http.Request, requestID string) {
	who, ok := s.callerOf(r)
	if !ok {
		writeSTSError(w, requestID, &apiError{Status: http.StatusForbidden, Code: "InvalidClientTokenId", Message: "The security token included in the request is invalid."})
		return
	}
	if err := r.ParseForm(); err != nil {
		writeSTSError(w, requestID, errMalformedQuery(err))
		return
	}
	if !s.delay(r) {
		return
	}
	name := r.Form.Get("Action")
	act, ok := map[string]stsAction{
		"AssumeRole":        s.assumeRole,
		"GetCallerIdentity": s.getCallerIdentity,
	}[name]
	if !ok {
		writeSTSError(w, requestID, &apiError{Status: 400, Code: "InvalidAction", Message: fmt.Sprintf("Could not find operation %s for version 2011-06-15", name)})
		return
	}
	if s.fault() {
		writeSTSError(w, requestID, &apiError{Status: 400, Code: "Throttling", Message: "Rate exceeded"})
		return
	}
	res, err := act(who, params{values: r.Form})
	if err != nil {
		var apiErr *apiError
		if !errors.As(err, &apiErr) {
			apiErr = &apiError{Status: 500, Code: "InternalFailure", Message: "An internal error has occurred."}
		}
		writeSTSError(w, requestID, apiErr)
		return
	}
	res.setRequestID(requestID)
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(http.StatusOK)
	xml.NewEncoder(w).Encode(res)
}

// stsErrorDocument is STS's error shape, unlike EC2's: <ErrorResponse><Error><Type>….
type stsErrorDocument struct {
	XMLName   xml.Name `xml:"https://sts.amazonaws.com/doc/2011-06-15/ ErrorResponse"`
	Type      string   `xml:"Error>Type"`
	Code      string   `xml:"Error>Code"`
	Message   string   `xml:"Error>Message"`
	RequestID string   `xml:"RequestId"`
}

func writeSTSError(w http.ResponseWriter, requestID string, e *apiError) {
	fault := "Sender"
	if e.Status >= 500 {
		fault = "Receiver"
	}
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(e.Status)
	xml.NewEncoder(w).Encode(stsErrorDocument{Type: fault, Code: e.Code, Message: e.Message, RequestID: requestID})
}

type assumeRoleResponse struct {
	XMLName xml.Name `xml:"https://sts.amazonaws.com/doc/2011-06-15/ AssumeRoleResponse"`
	Result  struct {
		AccessKeyID     string `xml:"Credentials>AccessKeyId"`
		SecretAccessKey string `xml:"Credentials>SecretAccessKey"`
		SessionToken    string `xml:"Credentials>SessionToken"`
		Expiration      string `xml:"Credentials>Expiration"`
		AssumedRoleID   string `xml:"AssumedRoleUser>AssumedRoleId"`
		Arn             string `xml:"AssumedRoleUser>Arn"`
		SourceIdentity  string `xml:"SourceIdentity,omitempty"`
	} `xml:"AssumeRoleResult"`
	stsMeta
}

// roleARN reads arn:aws:iam::<account>:role/<path/><name>: the account and the role's name.
var roleARN = regexp.MustCompile(`^arn:aws:iam::(\d{12}):role/(?:[\w+=,.@-]+/)*([\w+=,.@-]{1,64})$`)

// sessionNamePattern is what RoleSessionName and SourceIdentity may hold.
var sessionNamePattern = regexp.MustCompile(`^[\w+=,.@-]*$`)

const (
	defaultSessionDuration = time.Hour
	// maxChainedDuration is the limit AWS puts on a session assumed with a session's credentials.
	maxChainedDuration = time.Hour
)

// assumeRoleInput is AssumeRole's parameters.
type assumeRoleInput struct {
	roleARN, sessionName, sourceIdentity string
	duration                             time.Duration
}

// readAssumeRole reads AssumeRole's parameters and checks them against STS's model, reporting
// every one out of bounds at once, as STS does.
func readAssumeRole(p params) (assumeRoleInput, error) {
	in := assumeRoleInput{roleARN: p.str("RoleArn"), sessionName: p.str("RoleSessionName"), sourceIdentity: p.str("SourceIdentity"), duration: defaultSessionDuration}
	var invalid []string
	switch {
	case !p.has("RoleArn"):
		invalid = append(invalid, "Value null at 'roleArn' failed to satisfy constraint: Member must not be null")
	case len(in.roleARN) < 20 || len(in.roleARN) > 2048:
		invalid = append(invalid, lengthViolation("roleArn", in.roleARN, 20, 2048))
	}
	if !p.has("RoleSessionName") {
		invalid = append(invalid, "Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null")
	} else {
		invalid = append(invalid, nameViolations("roleSessionName", in.sessionName)...)
	}
	if p.has("SourceIdentity") {
		invalid = append(invalid, nameViolations("sourceIdentity", in.sourceIdentity)...)
	}
	if p.has("DurationSeconds") {
		raw := p.str("DurationSeconds")
		n, err := strconv.Atoi(raw)
		switch {
		case err != nil:
			invalid = append(invalid, fmt.Sprintf("Value '%s' at 'durationSeconds' failed to satisfy constraint: Member must be an integer", raw))
		case n < 900:
			invalid = append(invalid, fmt.Sprintf("Value '%d' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900", n))
		case n > 43200:
			invalid = append(invalid, fmt.Sprintf("Value '%d' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200", n))
		}
		in.duration = time.Duration(n) * time.Second
	}
	if len(invalid) > 0 {
		return in, errValidation(invalid)
	}
	return in, nil
}

func (s *Server) assumeRole(who caller, p params) (stsResult, error) {
	in, err := readAssumeRole(p)
	if err != nil {
		return nil, err
	}
	m := roleARN.FindStringSubmatch(in.roleARN)
	if m == nil {
		return nil, &apiError{Status: 400, Code: "ValidationError", Message: "Request ARN is invalid"}
	}
	account, role := m[1], m[2]
	// Every role the organization holds trusts the management account alone, so a member's
	// principals are refused even a role of their own account, as a role the account lacks is.
	if who.account != s.opts.AccountID || !s.roleExists(account, role) {
		return nil, &apiError{Status: http.StatusForbidden, Code: "AccessDenied",
			Message: fmt.Sprintf("User: %s is not authorized to perform: sts:AssumeRole on resource: %s", s.callerARN(who), in.roleARN)}
	}
	if who.session != nil && in.duration > maxChainedDuration {
		return nil, &apiError{Status: 400, Code: "ValidationError", Message: "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."}
	}
	key, secret, token := newSessionCredentials()
	sess := &session{accessKeyID: key, secret: secret, token: token, account: account, role: role, name: in.sessionName,
		sourceIdentity: in.sourceIdentity, expires: s.opts.Clock().Add(in.duration).UTC().Truncate(time.Second)}
	s.sessions.add(sess)
	res := &assumeRoleResponse{}
	res.Result.AccessKeyID, res.Result.SecretAccessKey, res.Result.SessionToken = key, secret, token
	res.Result.Expiration = sess.expires.Format(time.RFC3339)
	res.Result.AssumedRoleID = roleID(account, role) + ":" + in.sessionName
	res.Result.Arn = sess.arn()
	res.Result.SourceIdentity = in.sourceIdentity
	return res, nil
}

type getCallerIdentityResponse struct {
	XMLName xml.Name `xml:"https://sts.amazonaws.com/doc/2011-06-15/ GetCallerIdentityResponse"`
	Result  struct {
		UserID  string `xml:"UserId"`
		Account string `xml:"Account"`
		Arn     string `xml:"Arn"`
	} `xml:"GetCallerIdentityResult"`
	stsMeta
}

func (s *Server) getCallerIdentity(who caller, _ params) (stsResult, error) {
	res := &getCallerIdentityResponse{}
	res.Result.Account = who.account
	res.Result.Arn = s.callerARN(who)
	res.Result.UserID = uniqueID("AIDA", who.account+"/user/"+staticUser)
	if who.session != nil {
		res.Result.UserID = roleID(who.session.account, who.session.role) + ":" + who.session.name
	}
	return res, nil
}

// staticUser is the IAM user behind every static key: the fake does not tell its callers apart.
const staticUser = "demo"

// callerARN is the principal AWS names in an answer about the caller.
func (s *Server) callerARN(who caller) string {
	if who.session != nil {
		return who.session.arn()
	}
	return "arn:aws:iam::" + who.account + ":user/" + staticUser
}

// arn is the session's assumed-role ARN.
func (sess *session) arn() string {
	return "arn:aws:sts::" + sess.account + ":assumed-role/" + sess.role + "/" + sess.name
}

// roleID is the role's unique id (AROA…), the same for the same role run after run.
func roleID(account, role string) string { return uniqueID("AROA", account+"/role/"+role) }

// uniqueID makes an IAM unique id: the prefix and 17 characters derived from name.
func uniqueID(prefix, name string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	sum := sha256.Sum256([]byte(name))
	id := []byte(prefix)
	for _, b := range sum[:17] {
		id = append(id, alphabet[b%32])
	}
	return string(id)
}

// errValidation is STS's answer to parameters out of their model's bounds, every one listed.
func errValidation(violations []string) *apiError {
	noun := "error"
	if len(violations) > 1 {
		noun = "errors"
	}
	return &apiError{Status: 400, Code: "ValidationError",
		Message: fmt.Sprintf("%d validation %s detected: %s", len(violations), noun, strings.Join(violations, "; "))}
}

func lengthViolation(field, value string, min, max int) string {
	if len(value) < min {
		return fmt.Sprintf("Value '%s' at '%s' failed to satisfy constraint: Member must have length greater than or equal to %d", value, field, min)
	}
	return fmt.Sprintf("Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", value, field, max)
}

// nameViolations checks a session name or source identity: 2 to 64 characters of [\w+=,.@-].
func nameViolations(field, value string) []string {
	var out []string
	if len(value) < 2 || len(value) > 64 {
		out = append(out, lengthViolation(field, value, 2, 64))
	}
	if !sessionNamePattern.MatchString(value) {
		out = append(out, fmt.Sprintf("Value '%s' at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*", value, field))
	}
	return out
}
