package rules_test

import (
	"fmt"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// BenchmarkBuild plans a large input: many agent CIDRs, every zone, SSH.
func BenchmarkBuild(b *testing.B) {
	in := awsInput()
	var agents []string
	for i := range 20 {
		agents = append(agents, fmt.Sprintf("10.%d.0.0/16", i))
	}
	in.AgentCIDRs = rules.KnownAgents(agents...)
	in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T12:00:00Z"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rules.Build("tm", in, now); err != nil {
			b.Fatal(err)
		}
	}
}
