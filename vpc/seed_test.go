package vpc_test

import (
	"context"
	"reflect"
	"testing"

	"endpointconsole/vpc"
	"endpointconsole/vpc/vpctest"
)

// TestSeedIsDeterministic: on the demo backend, whose IDs are deterministic,
// seeding two fresh accounts gives the same IDs, because the seed's calls
// run one after the other. (moto's IDs are random.)
func TestSeedIsDeterministic(t *testing.T) {
	newClient := vpctest.FakeBackend()
	var accounts [2]vpc.DemoAccount
	for i := range accounts {
		acct, err := vpc.SeedDemoAccount(context.Background(), newClient(t), vpc.SeedOptions{ExtraVPCs: 3})
		if err != nil {
			t.Fatalf("SeedDemoAccount: %v", err)
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
	client := vpctest.FakeBackend()(t)
	for _, n := range []int{-1, vpc.MaxExtraVPCs + 1} {
		_, err := vpc.SeedDemoAccount(context.Background(), client, vpc.SeedOptions{ExtraVPCs: n})
		if got := vpc.ErrorCode(err); got != vpc.Invalid {
			t.Errorf("ExtraVPCs %d: error %v, want code %s", n, err, vpc.Invalid)
		}
	}
}
