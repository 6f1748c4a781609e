package vpc

import (
	"context"
	"strings"
)

// Person is who a call to EC2 is made for: the person an authenticating proxy named. The console
// records them on every change (the change log line, the created-by tag) and, when it assumes a
// role, passes them to STS as the session's SourceIdentity so that CloudTrail names the person.
type Person struct {
	// User is the proxy's user name (X-Forwarded-User); Email its email (X-Forwarded-Email).
	User  string
	Email string
	// Groups are the groups the proxy says the person belongs to.
	Groups []string
}

// Name is how the person is written in logs, tags and page headers: the email when there is
// one, else the user name; "" for nobody.
func (p Person) Name() string {
	if p.Email != "" {
		return p.Email
	}
	return p.User
}

// Anonymous is the name written for changes made with no identified person (a console started
// without -auth).
const Anonymous = "anonymous"

// NameOrAnonymous is Name, or Anonymous when nobody is identified.
func (p Person) NameOrAnonymous() string {
	if n := p.Name(); n != "" {
		return n
	}
	return Anonymous
}

type personKey struct{}

// WithPerson returns ctx carrying p: the calls made with it are made for p.
func WithPerson(ctx context.Context, p Person) context.Context {
	return context.WithValue(ctx, personKey{}, p)
}

// PersonFrom returns the person ctx carries, and whether there is one.
func PersonFrom(ctx context.Context) (Person, bool) {
	p, ok := ctx.Value(personKey{}).(Person)
	return p, ok && p.Name() != ""
}

// sourceIdentity turns a name into what STS accepts as SourceIdentity and RoleSessionName:
// 2 to 64 characters of letters, digits and _+=,.@- (anything else becomes "-").
func sourceIdentity(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune("_+=,.@-", r):
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	s := b.String()
	if len(s) > 64 {
		s = s[:64]
	}
	for len(s) < 2 {
		s += "-"
	}
	return s
}
