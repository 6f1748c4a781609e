package fakeec2

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
)

// Organizations, the JSON 1.1 protocol of API version 2016-11-28: ListAccounts and
// DescribeOrganization, what a console needs to find the accounts it may reach. The operation is
// the X-Amz-Target header; parameters and answers are JSON.
// https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccounts.html

const organizationsTarget = "AWSOrganizationsV20161128."

// orgError is an Organizations error: HTTP 400 and {"__type": code, "Message": …}.
type orgError struct {
	Type    string `json:"__type"`
	Message string `json:"Message,omitempty"`
	// Reason says which rule an InvalidInputException broke.
	Reason string `json:"Reason,omitempty"`
}

func (e *orgError) Error() string { return e.Type + ": " + e.Message }

// orgAction answers one Organizations operation for the caller, from its JSON body.
type orgAction func(who caller, body []byte) (any, error)

// serveOrganizations answers one Organizations request.
func (s *Server) serveOrganizations(w http.ResponseWriter, r *http.Request) {
	who, ok := s.callerOf(r)
	if !ok {
		writeOrgError(w, &orgError{Type: "UnrecognizedClientException", Message: "The security token included in the request is invalid."})
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		writeOrgError(w, &orgError{Type: "SerializationException", Message: "Could not read the request body: " + err.Error()})
		return
	}
	if !s.delay(r) {
		return
	}
	act, ok := map[string]orgAction{
		"ListAccounts":         s.listAccounts,
		"DescribeOrganization": s.describeOrganization,
	}[strings.TrimPrefix(r.Header.Get("X-Amz-Target"), organizationsTarget)]
	if !ok {
		writeOrgError(w, &orgError{Type: "UnknownOperationException"})
		return
	}
	if s.fault() {
		writeOrgError(w, &orgError{Type: "TooManyRequestsException", Message: "You have sent too many requests in too short a period of time. The quota helps protect against denial-of-service attacks. Try again later."})
		return
	}
	res, err := act(who, body)
	if err != nil {
		var oe *orgError
		if !errors.As(err, &oe) {
			oe = &orgError{Type: "ServiceException", Message: "Organizations can't complete your request because of an internal service error. Try again later."}
		}
		writeOrgError(w, oe)
		return
	}
	out, err := json.Marshal(res)
	if err != nil {
		writeOrgError(w, &orgError{Type: "ServiceException", Message: "Organizations can't complete your request because of an internal service error. Try again later."})
		return
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.WriteHeader(http.StatusOK)
	w.Write(out)
}

func writeOrgError(w http.ResponseWriter, e *orgError) {
	status := http.StatusBadRequest
	if e.Type == "ServiceException" {
		status = http.StatusInternalServerError
	}
	out, _ := json.Marshal(e)
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("X-Amzn-ErrorType", e.Type)
	w.WriteHeader(status)
	w.Write(out)
}

// errNotInOrganization answers a call from an account that belongs to no organization.
var errNotInOrganization = &orgError{Type: "AWSOrganizationsNotInUseException", Message: "Your account is not a member of an organization."}

// errOrgAccessDenied answers a member account calling what only the management account may.
var errOrgAccessDenied = &orgError{Type: "AccessDeniedException", Message: "You don't have permissions to access this resource."}

// orgAccount is an account as Organizations describes it.
type orgAccount struct {
	ID              string `json:"Id"`
	Arn             string `json:"Arn"`
	Email           string `json:"Email"`
	Name            string `json:"Name"`
	Status          string `json:"Status"`
	JoinedMethod    string `json:"JoinedMethod"`
	JoinedTimestamp int64  `json:"JoinedTimestamp"`
}

type listAccountsInput struct {
	MaxResults *int    `json:"MaxResults"`
	NextToken  *string `json:"NextToken"`
}

type listAccountsOutput struct {
	Accounts  []orgAccount `json:"Accounts"`
	NextToken string       `json:"NextToken,omitempty"`
}

// maxListAccounts is ListAccounts' largest and default page.
const maxListAccounts = 20

func (s *Server) listAccounts(who caller, body []byte) (any, error) {
	var in listAccountsInput
	if err := decodeOrgInput(body, &in); err != nil {
		return nil, err
	}
	if len(s.opts.Members) == 0 {
		return nil, errNotInOrganization
	}
	if who.account != s.opts.AccountID {
		return nil, errOrgAccessDenied
	}
	size := maxListAccounts
	if in.MaxResults != nil {
		size = *in.MaxResults
		switch {
		case size < 1:
			return nil, &orgError{Type: "InvalidInputException", Reason: "MIN_VALUE_EXCEEDED", Message: "You provided a value that is less than the minimum allowed value: MaxResults must be at least 1."}
		case size > maxListAccounts:
			return nil, &orgError{Type: "InvalidInputException", Reason: "MAX_VALUE_EXCEEDED", Message: fmt.Sprintf("You provided a value that exceeds the maximum allowed value: MaxResults must be at most %d.", maxListAccounts)}
		}
	}
	accounts := s.orgAccounts()
	if in.NextToken != nil {
		after, ok := s.tokenKey.open("ListAccounts", *in.NextToken)
		if !ok {
			return nil, &orgError{Type: "InvalidInputException", Reason: "INVALID_PAGINATION_TOKEN", Message: "You specified an invalid value for the NextToken parameter."}
		}
		for len(accounts) > 0 && accounts[0].ID <= after {
			accounts = accounts[1:]
		}
	}
	out := listAccountsOutput{Accounts: accounts}
	if size < len(accounts) {
		out.Accounts = accounts[:size]
		out.NextToken = s.tokenKey.seal("ListAccounts", out.Accounts[size-1].ID)
	}
	return out, nil
}

// orgAccounts are the organization's accounts, sorted by id.
func (s *Server) orgAccounts() []orgAccount {
	orgID := s.organizationID()
	joined := s.created.Unix()
	account := func(id, name, email, method string) orgAccount {
		return orgAccount{ID: id, Arn: "arn:aws:organizations::" + s.opts.AccountID + ":account/" + orgID + "/" + id,
			Email: email, Name: name, Status: "ACTIVE", JoinedMethod: method, JoinedTimestamp: joined}
	}
	out := []orgAccount{account(s.opts.AccountID, managementName, managementEmail, "INVITED")}
	for _, m := range s.opts.Members {
		out = append(out, account(m.ID, m.Name, m.Email, "CREATED"))
	}
	slices.SortFunc(out, func(a, b orgAccount) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// managementEmail is the management account's email address.
const managementEmail = "management@example.com"

// describeOrganization answers any account of the organization, members included.
func (s *Server) describeOrganization(who caller, body []byte) (any, error) {
	if err := decodeOrgInput(body, &struct{}{}); err != nil {
		return nil, err
	}
	if len(s.opts.Members) == 0 {
		return nil, errNotInOrganization
	}
	orgID, mgmt := s.organizationID(), s.opts.AccountID
	type policyType struct{ Type, Status string }
	return map[string]any{"Organization": map[string]any{
		"Id":                   orgID,
		"Arn":                  "arn:aws:organizations::" + mgmt + ":organization/" + orgID,
		"FeatureSet":           "ALL",
		"MasterAccountArn":     "arn:aws:organizations::" + mgmt + ":account/" + orgID + "/" + mgmt,
		"MasterAccountId":      mgmt,
		"MasterAccountEmail":   managementEmail,
		"AvailablePolicyTypes": []policyType{},
	}}, nil
}

// decodeOrgInput reads an operation's JSON parameters; an empty body is no parameters.
func decodeOrgInput(body []byte, v any) error {
	if len(strings.TrimSpace(string(body))) == 0 {
		return nil
	}
	if err := json.Unmarshal(body, v); err != nil {
		return &orgError{Type: "SerializationException", Message: "The request body could not be read as the operation's input: " + err.Error()}
	}
	return nil
}
