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
package main

import (
	"fmt"
	"io"
	"os"

	// A schedule's time zone is an IANA name; the delta must not depend on
	// the tz database of the machine that renders it.
	_ "time/tzdata"
)

func main() {
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ruledelta:", err)
		os.Exit(1)
	}
	delta, err := Parse(in)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ruledelta:", err)
		os.Exit(1)
	}
	fmt.Print(delta.Markdown())
}
