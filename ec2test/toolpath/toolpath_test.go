package toolpath

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// TestFindGoesPastShims: the path found runs the tool itself, not a shim; a tool that is not on
// PATH is LookPath's error.
func TestFindGoesPastShims(t *testing.T) {
	if _, err := Find("no-such-tool-anywhere"); err == nil {
		t.Errorf("a missing tool was found")
	}
	for _, name := range []string{"aws", "moto_server"} {
		if _, err := exec.LookPath(name); err != nil {
			continue // the tests that run it say so
		}
		path, err := Find(name)
		if err != nil {
			t.Fatalf("Find(%s): %v", name, err)
		}
		if filepath.Base(filepath.Dir(path)) == "shims" {
			t.Errorf("Find(%s) = %s, a shim", name, path)
		}
		if out, err := exec.Command(path, "--help").CombinedOutput(); err != nil && len(out) == 0 {
			t.Errorf("%s does not run: %v", path, err)
		}
	}
}
