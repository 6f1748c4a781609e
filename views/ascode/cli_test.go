package ascode

import (
	"encoding/json"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"endpointconsole/vpc"
)

// shellWords runs command in a POSIX shell with aws defined as a function that prints its
// arguments, and returns them: what the real aws would be given.
func shellWords(t *testing.T, shell, command string) []string {
	t.Helper()
	path, err := exec.LookPath(shell)
	if err != nil {
		t.Skipf("%s is not on PATH: %v", shell, err)
	}
	out, err := exec.Command(path, "-c", `aws() { printf '%s\0' "$@"; }`+"\n"+command).Output()
	if err != nil {
		t.Fatalf("%s -c %q: %v", shell, command, err)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
}

func TestShellQuote(t *testing.T) {
	for _, s := range []string{
		"plain", "vpc-0a1b2c3d", "", "two words", "it's", `"double"`, `back\slash`, "$(touch /tmp/x)", "`id`", "${HOME}",
		"line\nbreak", "tab\there", "glob*?[a]", "semi;colon&amp|pipe", "#comment", "~", "!bang", "'", "''", `'\''`, "café",
	} {
		t.Run(s, func(t *testing.T) {
			for _, shell := range []string{"sh", "bash"} {
				got := shellWords(t, shell, "aws "+shellQuote(s))
				if len(got) != 1 || got[0] != s {
					t.Errorf("%s read %s as %q, want the one word %q", shell, shellQuote(s), got, s)
				}
			}
		})
	}
}

// The command's words are those EC2 is asked for: every option once, the policy meaning the
// same, the tags as typed, whatever they hold.
func TestCLI(t *testing.T) {
	for _, tt := range []struct {
		name    string
		req     vpc.CreateEndpointRequest
		options map[string][]string
		policy  string
	}{{
		name: "gateway with a hostile policy and tags",
		req:  gatewayRequest(),
		options: map[string][]string{
			"--region": {"us-east-1"}, "--vpc-id": {"vpc-0a1b2c3d4e5f60718"}, "--vpc-endpoint-type": {"Gateway"},
			"--service-name":    {"com.amazonaws.us-east-1.s3"},
			"--route-table-ids": {"rtb-0a1b2c3d4e5f60718", "rtb-0f1e2d3c4b5a69788"},
		},
		policy: hostilePolicy,
	}, {
		name: "interface without private DNS",
		req:  interfaceRequest(),
		options: map[string][]string{
			"--region": {"us-east-1"}, "--vpc-id": {"vpc-0a1b2c3d4e5f60718"}, "--vpc-endpoint-type": {"Interface"},
			"--service-name": {"com.amazonaws.us-east-1.ssm"}, "--subnet-ids": {"subnet-01", "subnet-02"},
			"--security-group-ids": {"sg-01"}, "--ip-address-type": {"dualstack"}, "--no-private-dns-enabled": {},
		},
	}} {
		t.Run(tt.name, func(t *testing.T) {
			cmd := CLI(tt.req, "us-east-1")
			if strings.Contains(cmd, tt.req.ClientToken) && tt.req.ClientToken != "" {
				t.Errorf("the command carries the wizard's client token:\n%s", cmd)
			}
			words := shellWords(t, "sh", cmd)
			if want := []string{"ec2", "create-vpc-endpoint"}; !reflect.DeepEqual(words[:2], want) {
				t.Fatalf("command starts %q, want aws %q", words[:2], want)
			}
			options := map[string][]string{}
			flag := ""
			for _, w := range words[2:] {
				if strings.HasPrefix(w, "--") {
					if _, dup := options[w]; dup {
						t.Errorf("option %s given twice", w)
					}
					flag, options[w] = w, []string{}
					continue
				}
				options[flag] = append(options[flag], w)
			}
			if tt.policy != "" {
				if got := options["--policy-document"]; len(got) != 1 || !reflect.DeepEqual(jsonValue(t, got[0]), jsonValue(t, tt.policy)) {
					t.Errorf("--policy-document = %q, want the policy %q", got, tt.policy)
				}
			} else if _, ok := options["--policy-document"]; ok {
				t.Errorf("--policy-document given for a request without a policy")
			}
			delete(options, "--policy-document")
			specs := options["--tag-specifications"]
			delete(options, "--tag-specifications")
			if !reflect.DeepEqual(options, tt.options) {
				t.Errorf("options:\n got %q\nwant %q", options, tt.options)
			}
			if len(specs) != 1 {
				t.Fatalf("--tag-specifications = %q, want one JSON argument", specs)
			}
			var spec []struct {
				ResourceType string
				Tags         vpc.Tags
			}
			if err := json.Unmarshal([]byte(specs[0]), &spec); err != nil {
				t.Fatalf("--tag-specifications %q is not JSON: %v", specs[0], err)
			}
			if len(spec) != 1 || spec[0].ResourceType != "vpc-endpoint" || !reflect.DeepEqual(spec[0].Tags, tt.req.Tags) {
				t.Errorf("--tag-specifications = %+v, want vpc-endpoint tags %+v", spec, tt.req.Tags)
			}
		})
	}
}

func TestModifyRouteTablesCLI(t *testing.T) {
	for _, tt := range []struct {
		name        string
		add, remove []string
		want        []string
	}{
		{"add and remove", []string{"rtb-1", "rtb-2"}, []string{"rtb-3"},
			[]string{"ec2", "modify-vpc-endpoint", "--region", "us-east-1", "--vpc-endpoint-id", "vpce-1", "--add-route-table-ids", "rtb-1", "rtb-2", "--remove-route-table-ids", "rtb-3"}},
		{"remove only", nil, []string{"rtb-3"},
			[]string{"ec2", "modify-vpc-endpoint", "--region", "us-east-1", "--vpc-endpoint-id", "vpce-1", "--remove-route-table-ids", "rtb-3"}},
		{"add only", []string{"rtb-1"}, nil,
			[]string{"ec2", "modify-vpc-endpoint", "--region", "us-east-1", "--vpc-endpoint-id", "vpce-1", "--add-route-table-ids", "rtb-1"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := shellWords(t, "sh", ModifyRouteTablesCLI("vpce-1", tt.add, tt.remove, "us-east-1")); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("aws got\n %q\nwant\n %q", got, tt.want)
			}
		})
	}
}
