package vpc

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/smithy-go"
)

// roleARNPattern accepts IAM role ARNs in every partition, with or without a path:
// arn:aws:iam::123456789012:role/EndpointConsole, arn:aws-us-gov:iam::123456789012:role/ops/Console.
var roleARNPattern = regexp.MustCompile(`^arn:aws[-a-z]*:iam::[0-9]{12}:role/[\w+=,.@/-]*[\w+=,.@-]$`)

// Role session names: the console's own session, and the prefix of a person's.
const (
	consoleSessionName  = "endpoint-console"
	personSessionPrefix = consoleSessionName + "-"
	maxRoleSessionName  = 64
)

const (
	// maxCachedRoleSession bounds the sessions kept at once (see session).
	maxCachedRoleSession = 1024
	// roleSessionRefresh is how long before its expiry a session (15 minutes, stscreds'
	// default) is renewed, so that no request leaves signed with credentials that expire on
	// the way, given some clock skew between this host and AWS.
	roleSessionRefresh = time.Minute
)

// roleCredentials is the EC2 client's credentials provider when the console works through a
// role. The SDK hands Retrieve the operation's context, so the role is assumed for the person
// that context carries: SourceIdentity and the session name name them, and CloudTrail shows the
// change as theirs. Without a person it is the console's own session.
//
// Each session's credentials are kept, and renewed a minute before they expire, by its own
// aws.CredentialsCache, so a page costs one AssumeRole per person, not one per EC2 call.
type roleCredentials struct {
	roleARN string
	sts     stscreds.AssumeRoleAPIClient

	mu sync.Mutex
	// sessions are keyed by source identity; "" is the console's own session.
	sessions map[string]*aws.CredentialsCache
}

func newRoleCredentials(roleARN string, client stscreds.AssumeRoleAPIClient) *roleCredentials {
	return &roleCredentials{roleARN: roleARN, sts: client, sessions: map[string]*aws.CredentialsCache{}}
}

// Retrieve returns credentials of the role for the person ctx carries, assuming the role when
// this person has no valid session yet. Errors are *Error naming the role.
func (r *roleCredentials) Retrieve(ctx context.Context) (aws.Credentials, error) {
	identity := ""
	if p, ok := PersonFrom(ctx); ok {
		identity = sourceIdentity(p.Name())
	}
	creds, err := r.session(identity).Retrieve(ctx)
	if err != nil {
		return creds, r.refused(err)
	}
	return creds, nil
}

// session returns the cached session for identity, making it on first use.
func (r *roleCredentials) session(identity string) *aws.CredentialsCache {
	r.mu.Lock()
	defer r.mu.Unlock()
	if s, ok := r.sessions[identity]; ok {
		return s
	}
	// The people behind one console are few; the bound only keeps a misbehaving proxy from
	// growing the map without end. Starting over costs each person one more AssumeRole.
	if len(r.sessions) >= maxCachedRoleSession {
		clear(r.sessions)
	}
	s := aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(r.sts, r.roleARN, func(o *stscreds.AssumeRoleOptions) {
		o.RoleSessionName = roleSessionName(identity)
		if identity != "" {
			o.SourceIdentity = aws.String(identity)
		}
	}), func(o *aws.CredentialsCacheOptions) {
		o.ExpiryWindow = roleSessionRefresh
	})
	r.sessions[identity] = s
	return s
}

// roleSessionName is the RoleSessionName for a source identity ("" for the console itself).
func roleSessionName(identity string) string {
	if identity == "" {
		return consoleSessionName
	}
	name := personSessionPrefix + identity
	if len(name) > maxRoleSessionName {
		name = name[:maxRoleSessionName]
	}
	return name
}

// refused turns a failed AssumeRole into a sentence naming the role. Cancellations pass through
// unchanged, for translate to word like any other.
func (r *roleCredentials) refused(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	cause := fmt.Errorf("assume role %s: %w", r.roleARN, err)
	apiErr, ok := errors.AsType[smithy.APIError](err)
	if !ok {
		return &Error{Code: Internal, Message: fmt.Sprintf("Could not reach STS to assume the role %s. Check the network and the endpoint URL.", r.roleARN), Err: cause}
	}
	switch apiErr.ErrorCode() {
	case "AccessDenied", "AccessDeniedException":
		return &Error{Code: Unauthorized, Err: cause, Message: fmt.Sprintf(
			"STS refused to let the console assume the role %s. The role's trust policy must allow the console's credentials sts:AssumeRole and sts:SetSourceIdentity.", r.roleARN)}
	case "InvalidClientTokenId", "SignatureDoesNotMatch", "AuthFailure", "ExpiredToken", "ExpiredTokenException":
		return &Error{Code: Unauthorized, Err: cause, Message: fmt.Sprintf(
			"AWS did not accept the console's own credentials when it asked to assume the role %s. Check the profile or the access keys the console was started with.", r.roleARN)}
	case "Throttling", "ThrottlingException", "RequestLimitExceeded":
		return &Error{Code: Throttled, Err: cause, Message: "STS is throttling requests; try again in a moment."}
	}
	return &Error{Code: Internal, Err: cause, Message: fmt.Sprintf("STS could not give the console credentials for the role %s (error %s).", r.roleARN, apiErr.ErrorCode())}
}
