// Command ruledelta turns `pulumi preview --json` into the Markdown table a
// pull-request reviewer wants: the firewall rules added, removed and
// changed, per cloud, one line per rule.
//
//	pulumi preview --json | go run ./provider/cmd/ruledelta
//
// It reads the rule resources the ThreatManager component creates
// (aws:vpc/securityGroupIngressRule / EgressRule,
// azure-native:network:SecurityRule, gcp:compute/firewall:Firewall) from the
// preview's steps and their inputs, and the schedulers that close
// troubleshooting SSH in each cloud at its expiry
// (aws:scheduler/schedule:Schedule, azure-native:logic:Workflow,
// gcp:cloudscheduler/job:Job); everything else in the preview is ignored,
// apart from a line for the AWS prefix list that holds the agent CIDRs,
// which every agent rule follows. It imports the standard library only, so
// it builds in a second.
package main

import (
	"fmt"
	"io"
	"os"
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
