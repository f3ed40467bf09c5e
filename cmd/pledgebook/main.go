// Command pledgebook keeps the ledger of multinational support pledges:
// requirements, pledges and deliveries, with evidence for every record and
// a tamper-evident audit trail.
//
// Run `pledgebook --help` for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}
