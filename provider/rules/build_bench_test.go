package rules

import (
	"fmt"
	"testing"
)

// BenchmarkBuild plans a large input: many agent CIDRs, every zone, SSH.
func BenchmarkBuild(b *testing.B) {
	in := awsInput()
	var agents []string
	for i := 0; i < 20; i++ {
		agents = append(agents, fmt.Sprintf("10.%d.0.0/16", i))
	}
	in.AgentCIDRs = KnownAgents(agents...)
	in.SSHAccess = &SSHAccessInput{ExpiresAt: "2026-11-27T12:00:00Z"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build("tm", in, now); err != nil {
			b.Fatal(err)
		}
	}
}
