package vpc_test

import (
	"context"
	"maps"
	"testing"
	"time"

	"endpointconsole/ec2test"
	"endpointconsole/vpc"
)

// TestForgetReadsDropsEveryRead: with a long TTL, a read after ForgetReads goes to EC2 again,
// and the one after it is answered from memory.
func TestForgetReadsDropsEveryRead(t *testing.T) {
	d := startWiredDemo(t)
	svc := vpc.NewWithOptions(d.client, ec2test.Region, vpc.Options{CacheTTL: time.Hour})
	ctx := context.Background()
	for _, tt := range []struct {
		name   string
		forget bool
		want   map[string]int
	}{
		{"first read goes to EC2", false, routeTableCalls},
		{"then from memory", false, nil},
		{"after ForgetReads, to EC2", true, routeTableCalls},
		{"then from memory again", false, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.forget {
				svc.ForgetReads()
			}
			if _, err := svc.RouteTables(ctx, ""); err != nil {
				t.Fatalf("RouteTables: %v", err)
			}
			if got := d.wire.take(); !maps.Equal(got, tt.want) {
				t.Errorf("the read made calls %v, want %v", got, tt.want)
			}
		})
	}
}
