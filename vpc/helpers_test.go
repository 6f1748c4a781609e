package vpc_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/smithy-go/middleware"

	"endpointconsole/ec2test"
	"endpointconsole/vpc"
	"endpointconsole/vpc/seed"
)

// seeded returns a service on a fresh account of b holding the demo account.
func seeded(t *testing.T, b backend, opts seed.Options) (*vpc.Service, seed.Account) {
	t.Helper()
	client := b.newClient(t)
	acct, err := seed.Tutorial(context.Background(), client, opts)
	if err != nil {
		t.Fatalf("seed.Tutorial: %v", err)
	}
	return vpc.New(client, ec2test.Region), acct
}

// callCounter counts EC2 operations by name (once per call, not per retry).
type callCounter struct {
	mu    sync.Mutex
	calls map[string]int
}

func (c *callCounter) count(op string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls[op]
}

func (c *callCounter) total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, v := range c.calls {
		n += v
	}
	return n
}

// countingClient returns a copy of client that counts its calls.
func countingClient(client *ec2.Client) (*ec2.Client, *callCounter) {
	c := &callCounter{calls: map[string]int{}}
	counted := ec2.New(client.Options(), func(o *ec2.Options) {
		o.APIOptions = append(o.APIOptions, func(stack *middleware.Stack) error {
			return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("countCalls",
				func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
					c.mu.Lock()
					c.calls[awsmiddleware.GetOperationName(ctx)]++
					c.mu.Unlock()
					return next.HandleInitialize(ctx, in)
				}), middleware.After)
		})
	})
	return counted, c
}

// wantError checks that err is a *vpc.Error with the given code and field.
func wantError(t *testing.T, err error, code vpc.Code, field string) {
	t.Helper()
	var e *vpc.Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %v (%T), want a *vpc.Error with code %s", err, err, code)
	}
	if e.Code != code || e.Field != field {
		t.Fatalf("error code, field = %s, %q, want %s, %q (message %q)", e.Code, e.Field, code, field, e.Message)
	}
	if e.Message == "" {
		t.Errorf("error %v has no message for people", err)
	}
}

func byName[T any](t *testing.T, items []T, name string, nameOf func(T) string) T {
	t.Helper()
	i := slices.IndexFunc(items, func(it T) bool { return nameOf(it) == name })
	if i < 0 {
		var names []string
		for _, it := range items {
			names = append(names, nameOf(it))
		}
		t.Fatalf("no %q among %q", name, names)
	}
	return items[i]
}

func routeTableNamed(t *testing.T, tables []vpc.RouteTable, name string) vpc.RouteTable {
	t.Helper()
	return byName(t, tables, name, func(rt vpc.RouteTable) string { return rt.Name })
}

// endpointRoutes returns the gateway-endpoint routes of a table.
func endpointRoutes(rt vpc.RouteTable) []vpc.Route {
	var out []vpc.Route
	for _, r := range rt.Routes {
		if r.IsGatewayEndpointRoute() {
			out = append(out, r)
		}
	}
	return out
}
