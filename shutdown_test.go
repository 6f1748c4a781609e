package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSIGTERMLetsAPageFinish runs the console as a process with every demo EC2 call taking 12 s,
// longer than the old shutdown window: a page in flight when SIGTERM arrives is answered in full,
// the console logs that it stopped, and it exits 0.
func TestSIGTERMLetsAPageFinish(t *testing.T) {
	t.Parallel() // independent: its own servers
	addr := freeAddr(t)
	// The console in a process of its own: this test binary running main (TestMainProcess).
	cmd := exec.Command(os.Args[0], "-test.run=^TestMainProcess$")
	cmd.Env = append(os.Environ(), mainArgsEnv+"="+strings.Join([]string{"-addr", addr, "-demo-latency", "4s", "-log-format", "json"}, "|"))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })

	lines := make(chan map[string]any, 100)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			var line map[string]any
			if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
				t.Errorf("a log line is not JSON (-log-format json): %q", sc.Text())
				continue
			}
			lines <- line
		}
	}()
	waitForLog(t, lines, "Endpoint Console is serving", 60*time.Second)

	type answer struct {
		status int
		body   string
		err    error
	}
	answered := make(chan answer, 1)
	start := time.Now()
	go func() {
		resp, err := http.Get("http://" + addr + "/vpcs")
		if err != nil {
			answered <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		answered <- answer{resp.StatusCode, string(b), err}
	}()
	time.Sleep(500 * time.Millisecond) // the page is now waiting on EC2
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}

	a := <-answered
	if a.err != nil {
		t.Fatalf("the page in flight at SIGTERM: %v", a.err)
	}
	if a.status != http.StatusOK || !strings.Contains(a.body, "First-VPC") {
		t.Errorf("the page in flight at SIGTERM: got %d, want 200 with the VPCs", a.status)
	}
	if took := time.Since(start); took < 4*time.Second {
		t.Errorf("the page took %v; the injected latency is 4s, so it was not in flight at SIGTERM", took)
	}
	waitForLog(t, lines, "Endpoint Console stopped", 30*time.Second)
	if err := cmd.Wait(); err != nil {
		t.Errorf("exit after SIGTERM: %v, want exit code 0", err)
	}
}

// freeAddr is a loopback address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// waitForLog reads log lines until one has message msg.
func waitForLog(t *testing.T, lines <-chan map[string]any, msg string, within time.Duration) map[string]any {
	t.Helper()
	deadline := time.After(within)
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatalf("the console exited before logging %q", msg)
			}
			if line["msg"] == msg {
				return line
			}
		case <-deadline:
			t.Fatalf("no %q log line within %v", msg, within)
		}
	}
}
