// Command ruledelta turns `pulumi preview --json` into the Markdown table a
// pull-request reviewer wants: the firewall rules added, removed and
// changed, per cloud, one line per rule.
//
//	pulumi preview --json | go run ./provider/cmd/ruledelta
//
// It reads the resources each cloud registered in package clouds says it
// knows (provider/clouds/<cloud>/delta.go): its rules, the schedulers that
// close troubleshooting SSH at its expiry, and the lists of agent CIDRs
// every agent rule follows. Everything else in the preview is ignored. It
// imports no cloud SDK, so it builds in seconds.
//
// With -drift it is a drift check instead (drift.go): it reads
//
//	pulumi preview --refresh --expect-no-changes --show-sames --json
//
// and prints what the cloud did that the stack did not: rules removed,
// changed or added out of band, and SSH still open after its expiry. It
// exits 0 when the cloud matches the stack, 2 when it drifted, and 1 when
// the preview failed and showed no drift.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	// A schedule's time zone is an IANA name; the delta must not depend on
	// the tz database of the machine that renders it.
	_ "time/tzdata"
)

// Exit codes of the drift check.
const (
	exitFailed  = 1
	exitDrifted = 2
)

func main() {
	drift := flag.Bool("drift", false, "read `pulumi preview --refresh --json` and report what the cloud changed out of band; exit 2 on drift")
	now := flag.String("now", "", "with -drift: the time to judge SSH expiries at, RFC 3339 (default: the clock)")
	grace := flag.Duration("grace", DefaultGrace, "with -drift: how long after an SSH expiry the cloud has to close it")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: pulumi preview --json | ruledelta\n       pulumi preview --refresh --expect-no-changes --show-sames --json | ruledelta -drift")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(exitFailed)
	}
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fail(err)
	}
	if !*drift {
		delta, err := Parse(in)
		if err != nil {
			fail(err)
		}
		fmt.Print(delta.Markdown())
		return
	}
	at := time.Now()
	if *now != "" {
		if at, err = time.Parse(time.RFC3339, *now); err != nil {
			fail(fmt.Errorf("-now: %w", err))
		}
	}
	d, err := ParseDrift(in, at, *grace)
	if err != nil {
		fail(err)
	}
	fmt.Print(d.Markdown())
	switch {
	case d.Found():
		os.Exit(exitDrifted)
	case len(d.Errors) > 0:
		os.Exit(exitFailed)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "ruledelta:", err)
	os.Exit(exitFailed)
}
