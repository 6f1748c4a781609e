package seed_test

import (
	"context"
	"reflect"
	"testing"

	"endpointconsole/ec2test"
	"endpointconsole/vpc"
	"endpointconsole/vpc/seed"
)

// TestSeedIsDeterministic: on the demo backend, whose IDs are deterministic,
// seeding two fresh accounts gives the same IDs, because the seed's calls
// run one after the other. (moto's IDs are random.)
func TestSeedIsDeterministic(t *testing.T) {
	t.Parallel() // independent: a fake, or a moto account, of its own
	newClient := ec2test.FakeBackend()
	var accounts [2]seed.Account
	for i := range accounts {
		acct, err := seed.Tutorial(context.Background(), newClient(t), seed.Options{ExtraVPCs: 3})
		if err != nil {
			t.Fatalf("seed.Tutorial: %v", err)
		}
		accounts[i] = acct
	}
	if !reflect.DeepEqual(accounts[0], accounts[1]) {
		t.Errorf("two seeds differ:\n%+v\n%+v", accounts[0], accounts[1])
	}
	if got := len(accounts[0].ExtraVPCs); got != 3 {
		t.Errorf("got %d extra VPCs, want 3", got)
	}
}

func TestSeedOptionsValidate(t *testing.T) {
	t.Parallel() // independent: a fake, or a moto account, of its own
	client := ec2test.FakeBackend()(t)
	for _, n := range []int{-1, seed.MaxExtraVPCs + 1} {
		_, err := seed.Tutorial(context.Background(), client, seed.Options{ExtraVPCs: n})
		if got := vpc.ErrorCode(err); got != vpc.Invalid {
			t.Errorf("ExtraVPCs %d: error %v, want code %s", n, err, vpc.Invalid)
		}
	}
}
