// Endpoint Console is a self-service web console for AWS VPC endpoints. By default it runs on a
// simulated account built into the binary; -backend aws points it at a real account, and
// -endpoint-url at any EC2-compatible endpoint (LocalStack, moto).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// newLogger writes structured lines to w, as text (key=value) or as JSON objects.
func newLogger(w io.Writer, format string) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "endpoint-console:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := newLogger(os.Stderr, cfg.logFormat)
	if err := run(ctx, cfg, log); err != nil {
		fmt.Fprintln(os.Stderr, "endpoint-console:", err)
		os.Exit(2)
	}
}
