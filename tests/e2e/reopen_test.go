package e2e

import (
	"strconv"
	"testing"
	"time"
)

// Opening SSH must work on any day, however the last window closed: by a
// deployment after expiry, removed early, or by the cloud. The OFFLINE
// STAND-IN plugins model what the real providers and clouds do that could
// get in the way: GCP keeps a deleted custom role's id reserved for up to 37
// days (undeletable within 7), and an update of a resource the cloud deleted
// fails on AWS and GCP (Azure's PUT creates it again).

// reopenGaps are the days between one window closing and the next opening.
var reopenGaps = []struct {
	days  int
	close string // how the window before the gap closes
}{
	{1, "deployment after expiry"},
	{8, "removed early"},
	{40, "the cloud, then refresh and up"},
}

func TestSSHReopensOnAnyDay(t *testing.T) {
	for _, c := range clouds {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s, in := sshStack(t, c)
			for _, gap := range reopenGaps {
				openSSH(s, in)
				s.up()
				switch gap.close {
				case "deployment after expiry":
					s.advanceClock(3 * time.Hour)
					s.up()
					in.SshAccess = nil
				case "removed early":
					in.SshAccess = nil
					s.program(in)
					s.up()
				case "the cloud, then refresh and up":
					s.cloudFires(fireSchedulers(t, children(t, s.export())))
					s.advanceClock(3 * time.Hour)
					s.pulumi("refresh", "--yes", "--skip-preview", "--suppress-progress")
					s.up()
					s.cloudForgets()
					in.SshAccess = nil
				}
				s.program(in)
				settledQuietly(t, s, "closed by "+gap.close)
				if n := countSSH(t, s); n != 0 {
					t.Fatalf("%d SSH rules left after the window closed by %s", n, gap.close)
				}

				s.advanceClock(time.Duration(gap.days) * 24 * time.Hour)
				openSSH(s, in)
				if out, err := s.try("up", "--yes", "--skip-preview", "--suppress-progress"); err != nil {
					t.Fatalf("opening SSH %d days after a window closed by %s: %v\n%s", gap.days, gap.close, err, out)
				}
				if n := countSSH(t, s); n != sshRuleCount[c.name] {
					t.Fatalf("%d SSH rules after reopening at +%d days", n, gap.days)
				}
				settledQuietly(t, s, "reopened at +"+strconv.Itoa(gap.days)+" days")
				// Close again for the next gap.
				in.SshAccess = nil
				s.program(in)
				s.up()
			}
		})
	}
}

// The whole story without a refresh: SSH open, the cloud closes it at
// expiry, and a new window is opened with a plain `pulumi up`, the state
// still holding the rules the cloud removed. The up must succeed, SSH must
// be open again, and a second preview must be quiet.
func TestReopenAfterTheCloudClosedWithoutRefresh(t *testing.T) {
	for _, c := range clouds {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s, in := sshStack(t, c)
			openSSH(s, in)
			s.up()
			s.cloudFires(fireSchedulers(t, children(t, s.export())))
			s.advanceClock(3 * time.Hour)

			openSSH(s, in)
			if out, err := s.try("up", "--yes", "--skip-preview", "--suppress-progress"); err != nil {
				t.Fatalf("pulumi up of a new window after the cloud closed the last one: %v\n%s", err, out)
			}
			// What the cloud did is history now: the rules of the new window
			// are new ones.
			s.cloudForgets()
			settledQuietly(t, s, "second preview")
			if n := countSSH(t, s); n != sshRuleCount[c.name] {
				t.Fatalf("%d SSH rules after reopening", n)
			}
			// And the refresh a user may run later finds them all.
			s.pulumi("refresh", "--yes", "--skip-preview", "--suppress-progress")
			if n := countSSH(t, s); n != sshRuleCount[c.name] {
				t.Fatalf("%d SSH rules after a refresh of the new window", n)
			}
		})
	}
}

// sshStack deploys the matrix's baseline for one cloud.
func sshStack(t *testing.T, c cloud) (*stack, *Input) {
	s := newStack(t, "tm-reopen-"+c.name, c.config)
	in := &Input{Datacenter: "us", AgentCidrs: []string{"10.0.0.0/16"}}
	c.block(in)
	s.program(in)
	s.up()
	return s, in
}

// openSSH opens a window two hours ahead of the provider's clock.
func openSSH(s *stack, in *Input) {
	in.SshAccess = &SshAccess{ExpiresAt: s.now().UTC().Add(2 * time.Hour).Format(time.RFC3339)}
	s.program(in)
}

// settledQuietly fails unless a preview reports no changes.
func settledQuietly(t *testing.T, s *stack, when string) {
	t.Helper()
	p := s.preview()
	if err := want(p.Ops(), Ops{}); err != nil {
		t.Fatalf("%s: preview: %v\nsteps: %s", when, err, describeSteps(p))
	}
}

// countSSH counts the SSH rules in the stack's state.
func countSSH(t *testing.T, s *stack) int {
	n := 0
	for _, r := range children(t, s.export()) {
		if isSSHRule(r) {
			n++
		}
	}
	return n
}

// sshRuleCount is how many SSH rules an open window has: AWS one per
// datacenter range, Azure and GCP one rule holding them all.
var sshRuleCount = map[string]int{"aws": 3, "azure": 1, "gcp": 1}
