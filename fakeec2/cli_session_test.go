package fakeec2

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The CLI tests run a few dozen aws commands. Each as a process of its own costs about a second
// of CPU (Python, then botocore loading its models); run in one Python process per environment
// by the aws script's own awscli.clidriver (testdata/aws_cli_session.py), each costs tens of
// milliseconds. The commands, their arguments and what they print are the same.

// cliSessionScript runs the commands it reads on stdin with the CLI's driver.
const cliSessionScript = "testdata/aws_cli_session.py"

// cliTimeout bounds one aws command.
const cliTimeout = 2 * time.Minute

// cliSession is one Python process running the CLI's driver in one environment.
type cliSession struct {
	mu      sync.Mutex
	stdin   io.Closer
	exited  chan struct{}
	kill    func() error
	in      *json.Encoder
	pipe    *os.File // the replies' end, for its read deadline
	replies *bufio.Scanner
}

// cliSessions are the running sessions by aws script and environment. Each ends with the test
// whose environment it runs in (cliEnv), at the latest with the test binary (its stdin closes).
var cliSessions sync.Map

// endCLISessions ends the sessions whose environment names dir.
func endCLISessions(dir string) {
	cliSessions.Range(func(key, s any) bool {
		if strings.Contains(key.(string), dir) {
			cliSessions.Delete(key)
			s.(*cliSession).end()
		}
		return true
	})
}

// end closes the session's stdin, on which Python exits, and waits for it (killing it after
// cliTimeout).
func (s *cliSession) end() {
	s.stdin.Close()
	select {
	case <-s.exited:
	case <-time.After(cliTimeout):
		s.kill()
		<-s.exited
	}
}

// runAWS runs `aws args…` with env and returns what it printed, and an error when it exits
// non-zero — in a CLI session when the aws command is a Python script (the CLI v1, pip's and
// Debian's), else as a process of its own (the CLI v2's installer builds a binary).
func runAWS(t *testing.T, bin string, env []string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	python := pythonOf(bin)
	if python == "" {
		ctx, cancel := context.WithTimeout(context.Background(), cliTimeout)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Env = env
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err = cmd.Run()
		return out.String(), errOut.String(), err
	}
	key := bin + "\x00" + strings.Join(env, "\x00")
	s, ok := cliSessions.Load(key)
	if !ok {
		started, err := startCLISession(python, env)
		if err != nil {
			t.Fatalf("start the AWS CLI in %s: %v", python, err)
		}
		s, _ = cliSessions.LoadOrStore(key, started)
	}
	return s.(*cliSession).run(t, args)
}

// pythonOf is the interpreter on the aws script's #! line, or "" when bin is not a Python script.
func pythonOf(bin string) string {
	f, err := os.Open(bin)
	if err != nil {
		return ""
	}
	defer f.Close()
	first, _ := bufio.NewReader(f).ReadString('\n')
	interpreter, ok := strings.CutPrefix(strings.TrimSpace(first), "#!")
	fields := strings.Fields(interpreter)
	if !ok || len(fields) != 1 || !strings.HasPrefix(filepath.Base(fields[0]), "python") {
		return ""
	}
	return fields[0]
}

func startCLISession(python string, env []string) (*cliSession, error) {
	script, err := filepath.Abs(cliSessionScript)
	if err != nil {
		return nil, err
	}
	replies, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	s := &cliSession{}
	cmd := exec.Command(python, script)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr // a traceback of Python's own shows in the test's output
	cmd.ExtraFiles = []*os.File{w}                // fd 3
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	w.Close()
	s.stdin, s.exited, s.kill = stdin, make(chan struct{}), cmd.Process.Kill
	go func() {
		cmd.Wait() //nolint:errcheck // a failure shows as no reply
		close(s.exited)
	}()
	s.in = json.NewEncoder(stdin)
	s.pipe = replies
	s.replies = bufio.NewScanner(replies)
	s.replies.Buffer(nil, 64<<20)
	return s, nil
}

// run sends one command and waits for its reply.
func (s *cliSession) run(t *testing.T, args []string) (stdout, stderr string, err error) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.in.Encode(args); err != nil {
		t.Fatalf("send aws %s to the CLI session: %v", strings.Join(args, " "), err)
	}
	if err := s.pipe.SetReadDeadline(time.Now().Add(cliTimeout)); err != nil {
		t.Fatalf("the CLI session's pipe: %v", err)
	}
	if !s.replies.Scan() {
		t.Fatalf("the CLI session did not answer aws %s: %v", strings.Join(args, " "), s.replies.Err())
	}
	var reply struct {
		Stdout, Stderr string
		RC             int
	}
	if err := json.Unmarshal(s.replies.Bytes(), &reply); err != nil {
		t.Fatalf("the CLI session's reply to aws %s: %v", strings.Join(args, " "), err)
	}
	if reply.RC != 0 {
		err = fmt.Errorf("exit status %d", reply.RC)
	}
	return reply.Stdout, reply.Stderr, err
}
