// Package toolpath finds the command-line tools the tests run (aws, moto_server) past a version
// manager's shim. A pyenv shim resolves the Python version again on every run — about 2 s of the
// 3 s an `aws` call takes on these machines, and the tests make dozens of calls. It uses the
// standard library only, so that fakeec2's own tests may use it too.
package toolpath

import (
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

var found sync.Map // name → result

type result struct {
	path string
	err  error
}

// Find returns the path of the executable name: the one on PATH or, when that is a pyenv shim,
// the program the shim runs. It is exec.LookPath's error when name is not on PATH.
func Find(name string) (string, error) {
	if r, ok := found.Load(name); ok {
		return r.(result).path, r.(result).err
	}
	path, err := exec.LookPath(name)
	if err == nil && filepath.Base(filepath.Dir(path)) == "shims" {
		if out, werr := exec.Command("pyenv", "which", name).Output(); werr == nil {
			if real := strings.TrimSpace(string(out)); real != "" {
				path = real
			}
		}
	}
	found.Store(name, result{path, err})
	return path, err
}
