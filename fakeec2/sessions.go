package fakeec2

import (
	"crypto/rand"
	"encoding/base64"
	"sync"
	"time"
)

// session is one set of temporary credentials AssumeRole minted: a role's session in an account.
type session struct {
	accessKeyID, secret, token string
	account, role, name        string
	sourceIdentity             string
	expires                    time.Time
}

// temporaryKeyPrefix opens every temporary access key id AWS mints (long-term keys open AKIA).
const temporaryKeyPrefix = "ASIA"

// maxSessions bounds the sessions the fake remembers. A console re-assumes a role into every
// member each hour for as long as it runs, and a script may call assume-role in a loop: without
// a bound the map would only grow. Past it the oldest session is forgotten, and its key is then
// refused as a key AWS never minted; 10,000 is hours of a large organization's refreshes.
const maxSessions = 10_000

// sessionStore remembers the minted sessions by access key id. It lives on the Server, not in the
// accounts: Reset gives every account a fresh state but keeps the sessions, so a running console
// keeps its cached credentials and sees the fresh accounts through them.
type sessionStore struct {
	mu    sync.Mutex
	byKey map[string]*session
	// order holds the keys oldest first, to know which to forget past maxSessions.
	order []string
}

// add remembers a session, forgetting the oldest past maxSessions.
func (st *sessionStore) add(sess *session) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.byKey == nil {
		st.byKey = map[string]*session{}
	}
	st.byKey[sess.accessKeyID] = sess
	st.order = append(st.order, sess.accessKeyID)
	for len(st.order) > maxSessions {
		delete(st.byKey, st.order[0])
		st.order = st.order[1:]
	}
}

// lookup finds the session of a minted access key id.
func (st *sessionStore) lookup(accessKeyID string) (*session, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	sess, ok := st.byKey[accessKeyID]
	return sess, ok
}

// newSessionCredentials mints a key id, secret and token shaped like AWS's: ASIA and 16
// characters of base32 (20 in all), 40 characters of secret, and an opaque token.
func newSessionCredentials() (accessKeyID, secret, token string) {
	const base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	var b [16 + 30 + 96]byte
	rand.Read(b[:])
	key := []byte(temporaryKeyPrefix)
	for _, c := range b[:16] {
		key = append(key, base32[c%32])
	}
	return string(key), base64.StdEncoding.EncodeToString(b[16:46]), "FwoGZXIvYXdzE" + base64.StdEncoding.EncodeToString(b[46:])
}
