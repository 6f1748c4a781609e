package fakeec2

import (
	"fmt"
	"hash/fnv"
	"net/http"
	"regexp"
	"slices"
	"strings"
)

// An AWS Organization: the simulated account (Options.AccountID) is its management account, and
// Options.Members are the accounts it manages. Each account has its own EC2 state in every served
// Region. A caller reaches a member as a console with -org-role-name does against real AWS: it
// lists the accounts with Organizations ListAccounts, calls STS AssumeRole on
// arn:aws:iam::<member>:role/<name>, and signs its EC2 calls with the temporary key it gets back.
// The fake knows which account an EC2 call is for by that key, as AWS does.

// Member is a member account of the organization the simulated account manages.
type Member struct {
	// ID is the account id: 12 digits, unlike every other account's.
	ID string
	// Name is the account's name in Organizations.
	Name string
	// Email is the account's email address (default: its name, lower-cased, at example.com).
	Email string
	// Roles are the IAM role names that exist in the account and trust the management account.
	// AssumeRole into any other role of the account is refused with AccessDenied, as it is for a
	// member that lacks the audit role in real life.
	Roles []string
}

// managementName is the management account's name in Organizations.
const managementName = "Management"

// accountIDPattern is the shape of an AWS account id.
var accountIDPattern = regexp.MustCompile(`^\d{12}$`)

// completeMembers checks the members and fills in their emails. A member that does not make
// sense (a malformed or repeated id) is a mistake in the program that builds the server, so New
// panics on it rather than serving an organization AWS could not hold.
func completeMembers(opts Options) Options {
	seen := map[string]bool{opts.AccountID: true}
	members := make([]Member, 0, len(opts.Members))
	for _, m := range opts.Members {
		if !accountIDPattern.MatchString(m.ID) {
			panic(fmt.Sprintf("fakeec2: member account id %q is not 12 digits", m.ID))
		}
		if seen[m.ID] {
			panic(fmt.Sprintf("fakeec2: account id %s appears twice in the organization", m.ID))
		}
		seen[m.ID] = true
		if m.Email == "" {
			m.Email = emailFor(m.Name, m.ID)
		}
		m.Roles = slices.Clone(m.Roles)
		members = append(members, m)
	}
	opts.Members = members
	return opts
}

// emailFor makes a member's default email address from its name: "Team A" → team-a@example.com.
// Every AWS account has a unique email, so a name without letters or digits falls back to the id.
func emailFor(name, id string) string {
	local := strings.Trim(nonAlphanumerics.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if local == "" {
		local = id
	}
	return local + "@example.com"
}

var nonAlphanumerics = regexp.MustCompile(`[^a-z0-9]+`)

// accountIDs lists the organization's accounts, the management account first. Without members
// it is the simulated account alone.
func (s *Server) accountIDs() []string {
	ids := []string{s.opts.AccountID}
	for _, m := range s.opts.Members {
		ids = append(ids, m.ID)
	}
	return ids
}

// member returns the member account with the id.
func (s *Server) member(id string) (Member, bool) {
	i := slices.IndexFunc(s.opts.Members, func(m Member) bool { return m.ID == id })
	if i < 0 {
		return Member{}, false
	}
	return s.opts.Members[i], true
}

// roleExists reports whether the account has an IAM role of that name that AssumeRole may use.
func (s *Server) roleExists(accountID, role string) bool {
	if accountID == s.opts.AccountID {
		return slices.Contains(s.opts.Roles, role)
	}
	m, ok := s.member(accountID)
	return ok && slices.Contains(m.Roles, role)
}

// organizationID is the organization's id, o- and ten characters derived from the management
// account's id, so it stays the same run after run.
func (s *Server) organizationID() string {
	h := fnv.New64a()
	h.Write([]byte("organization/" + s.opts.AccountID))
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	x := mix64(h.Sum64())
	id := make([]byte, 10)
	for i := range id {
		id[i] = alphabet[x%uint64(len(alphabet))]
		x /= uint64(len(alphabet))
	}
	return "o-" + string(id)
}

// caller is who signed a request: an account, and the session when the key is a temporary one
// AssumeRole minted.
type caller struct {
	account string
	session *session
}

// callerOf tells who signed the request by its access key id. A key AssumeRole minted is its
// session's account, provided it comes with that session's token. Any other key — the static
// keys the console and the tests use, moto-style keys, an unsigned request — is the simulated
// (management) account, as it always was. A temporary key (ASIA…) the fake never minted, or
// whose minting it has forgotten, is refused: AWS would not recognise it either.
func (s *Server) callerOf(r *http.Request) (caller, bool) {
	c, signed := credentialOf(r)
	if !signed {
		return caller{account: s.opts.AccountID}, true
	}
	if sess, ok := s.sessions.lookup(c.accessKeyID); ok {
		if sess.token != c.sessionToken {
			return caller{}, false
		}
		return caller{account: sess.account, session: sess}, true
	}
	if strings.HasPrefix(c.accessKeyID, temporaryKeyPrefix) {
		return caller{}, false
	}
	return caller{account: s.opts.AccountID}, true
}
