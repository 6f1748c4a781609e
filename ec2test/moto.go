package ec2test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"endpointconsole/ec2test/toolpath"
)

const (
	motoBinary       = "moto_server"
	motoStartTimeout = 30 * time.Second
	motoStopTimeout  = 5 * time.Second
)

// StartMoto starts moto_server on a free loopback port and returns its URL;
// the server is stopped when t's test ends. Without moto_server on PATH the
// test is skipped, except under CI=true, where a missing backend must fail
// rather than pass silently.
func StartMoto(t testing.TB) string {
	t.Helper()
	m := startMoto(t)
	t.Cleanup(func() {
		m.stop()
		if t.Failed() {
			t.Logf("moto_server output, without its access log:\n%s", withoutAccessLog(m.logs.String()))
		}
	})
	return m.url
}

// sharedMoto is the one moto_server of a test binary's SharedMoto callers.
var sharedMoto struct {
	mu sync.Mutex
	m  *motoProcess
}

// SharedMoto returns the URL through which t acts in a moto account of its own (MotoAccount) on
// the test binary's one moto_server, started on first use: each moto_server costs seconds of
// Python start-up, and accounts keep the callers apart, so they may run side by side. A package
// that calls it stops the server from TestMain (Main, or StopSharedMoto). Tests that need moto's
// own account handling (STS credentials choosing the account) start a server of their own.
func SharedMoto(t testing.TB) string {
	t.Helper()
	m := startSharedMoto(t)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the shared moto_server's output (every test's), without its access log:\n%s", withoutAccessLog(m.logs.String()))
		}
	})
	return MotoAccount(t, m.url)
}

// startSharedMoto returns the test binary's one moto_server, starting it on first use.
func startSharedMoto(t testing.TB) *motoProcess {
	t.Helper()
	sharedMoto.mu.Lock()
	defer sharedMoto.mu.Unlock()
	if sharedMoto.m == nil {
		sharedMoto.m = startMoto(t)
	}
	return sharedMoto.m
}

// Main is a TestMain for a package whose tests share a moto_server: it runs them, then stops
// the server.
func Main(m *testing.M) {
	code := m.Run()
	StopSharedMoto()
	os.Exit(code)
}

// StopSharedMoto stops the server SharedMoto started, if it did.
func StopSharedMoto() {
	sharedMoto.mu.Lock()
	defer sharedMoto.mu.Unlock()
	if sharedMoto.m != nil {
		sharedMoto.m.stop()
		sharedMoto.m = nil
	}
}

// motoProcess is a running moto_server.
type motoProcess struct {
	url  string
	logs *LogBuffer
	stop func()
}

// startMoto starts moto_server, or skips or fails t when it cannot (see StartMoto).
func startMoto(t testing.TB) *motoProcess {
	t.Helper()
	bin, err := toolpath.Find(motoBinary)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not on PATH, and CI=true requires the moto tests to run: %v", motoBinary, err)
		}
		t.Skipf("%s is not on PATH; skipping the moto tests (install moto[server] to run them)", motoBinary)
	}
	// Port 0: the kernel picks a free port as moto binds it, and moto says which. A port picked
	// beforehand could be taken by another test's server (or another moto) before moto binds it.
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", "0")
	logs := &LogBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	// Its own process group, so that stopping it also stops the Python
	// process behind the pyenv shim.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	m := &motoProcess{logs: logs, stop: func() { stopProcessGroup(cmd.Process.Pid, exited) }}
	url, err := motoURL(logs, exited)
	if err == nil {
		err = waitForMoto(url, exited)
	}
	if err != nil {
		m.stop()
		t.Fatalf("moto_server did not start: %v\n%s", err, withoutAccessLog(logs.String()))
	}
	m.url = url
	return m
}

// motoAccounts numbers the accounts MotoAccount hands out, away from moto's default
// 123456789012.
var motoAccounts atomic.Int64

// MotoAccount returns the URL of a loopback proxy to the moto_server at motoURL through which
// every request acts in an account of its own (moto's x-moto-account-id header), with its own
// default VPC in each Region. Tests that share one moto_server this way need no reset and may
// run side by side.
func MotoAccount(t testing.TB, motoURL string) string {
	t.Helper()
	target, err := url.Parse(motoURL)
	if err != nil {
		t.Fatalf("moto's URL %q: %v", motoURL, err)
	}
	account := fmt.Sprintf("%012d", 100000000000+motoAccounts.Add(1))
	proxy := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(target)
		r.Out.Header.Set("x-moto-account-id", account)
	}}
	server := httptest.NewServer(proxy)
	t.Cleanup(server.Close)
	return server.URL
}

// MotoBackend returns a Backend that gives each caller a moto account of its own on the test
// binary's shared moto_server (SharedMoto), started now: callers share the server but not its
// state, so they need no reset and may run side by side. The package's TestMain is Main.
func MotoBackend(t testing.TB) Backend {
	t.Helper()
	startSharedMoto(t)
	return func(t *testing.T) *ec2.Client {
		t.Helper()
		return Client(t, SharedMoto(t))
	}
}

func resetMoto(endpointURL string) error {
	resp, err := http.Post(endpointURL+"/moto-api/reset", "application/json", nil)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("POST /moto-api/reset: %s", resp.Status)
	}
	return nil
}

// waitForMoto polls until moto answers, it exits, or the timeout passes.
func waitForMoto(url string, exited <-chan struct{}) error {
	deadline := time.Now().Add(motoStartTimeout)
	for {
		err := resetMoto(url)
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no answer after %s: %w", motoStartTimeout, err)
		}
		select {
		case <-exited:
			return fmt.Errorf("the process exited")
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func stopProcessGroup(pid int, exited <-chan struct{}) {
	_ = syscall.Kill(-pid, syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(motoStopTimeout):
		_ = syscall.Kill(-pid, syscall.SIGKILL)
		<-exited
	}
}

// motoRunning is the line in which moto (werkzeug) says where it listens.
var motoRunning = regexp.MustCompile(`Running on (http://127\.0\.0\.1:[0-9]+)`)

// motoURL waits for moto to say where it listens, until it exits or the start timeout passes.
func motoURL(logs *LogBuffer, exited <-chan struct{}) (string, error) {
	deadline := time.Now().Add(motoStartTimeout)
	for {
		if m := motoRunning.FindStringSubmatch(logs.String()); m != nil {
			return m[1], nil
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("it did not say where it listens after %s", motoStartTimeout)
		}
		select {
		case <-exited:
			return "", fmt.Errorf("the process exited")
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// withoutAccessLog drops moto's one-line-per-request access log, which
// buries the traceback that explains a failure.
func withoutAccessLog(output string) string {
	var kept []string
	for line := range strings.Lines(output) {
		if !strings.Contains(line, "HTTP/1.1\" ") {
			kept = append(kept, line)
		}
	}
	return strings.Join(kept, "")
}
