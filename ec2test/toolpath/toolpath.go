// Package toolpath finds the command-line tools the tests run (aws, moto_server) past a version
// manager's shim. A pyenv shim resolves the Python version again on every run — about 2 s of the
// 3 s an `aws` call takes on these machines, and the tests make dozens of calls. It uses the
// standard library only, so that fakeec2's own tests may use it too.
package toolpath

import (
	"os"
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

// AWSEnv is the environment of an isolated `aws` run: this process's, less every AWS_ setting
// that could point it elsewhere, with the given access key, empty config and credentials files
// written in dir, no instance metadata, one attempt and no pager. The directory holding the aws
// that Find found comes first on PATH, so that a command naming `aws` runs it past the shim.
func AWSEnv(dir, accessKey, secretKey string) ([]string, error) {
	config, credentials := filepath.Join(dir, "config"), filepath.Join(dir, "credentials")
	for _, f := range []string{config, credentials} {
		if err := os.WriteFile(f, nil, 0o600); err != nil {
			return nil, err
		}
	}
	path := os.Getenv("PATH")
	if aws, err := Find("aws"); err == nil {
		path = filepath.Dir(aws) + string(os.PathListSeparator) + path
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") && !strings.HasPrefix(kv, "PATH=") {
			env = append(env, kv)
		}
	}
	return append(env, "PATH="+path,
		"AWS_ACCESS_KEY_ID="+accessKey, "AWS_SECRET_ACCESS_KEY="+secretKey,
		"AWS_CONFIG_FILE="+config, "AWS_SHARED_CREDENTIALS_FILE="+credentials,
		"AWS_EC2_METADATA_DISABLED=true", "AWS_MAX_ATTEMPTS=1", "AWS_PAGER=",
	), nil
}
