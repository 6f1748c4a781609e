package seed_test

import (
	"testing"

	"endpointconsole/ec2test"
)

// TestMain stops the moto_server the package's moto tests share (ec2test.MotoBackend) once
// every test has run.
func TestMain(m *testing.M) { ec2test.Main(m) }
