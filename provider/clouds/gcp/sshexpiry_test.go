package gcp_test

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// expiryPlan is the GCP layout for the input with SSH open until
// expiresAt.
func expiryPlan(t *testing.T, in rules.Input, expiresAt string) *gcp.Plan {
	t.Helper()
	in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: expiresAt}
	return mustPlan(t, in)
}

// What the job is aimed at: exactly the SSH firewall, with names for the
// job, its service account and its custom role.
func TestExpiryPlansAimAtTheSSHRules(t *testing.T) {
	in, _ := input()
	g := expiryPlan(t, in, "2026-12-01T18:07:00Z").SSHExpiry
	if g.JobName != "tm-ssh-expiry" || g.AccountID != "tm-ssh-expiry" || g.RoleID != "tm_ssh_expiry_20261201t1807" {
		t.Errorf("GCP expiry names = %+v", g)
	}
	if g.Firewall.Name != "tm-ingress-ssh" || g.Firewall.Purpose != "ssh" || g.Firewall.Direction != "ingress" {
		t.Errorf("GCP expiry deletes %+v", g.Firewall)
	}
}

// Extending the window moves only the time and the custom role id (one
// per window, since GCP reserves a deleted role's id for up to 37 days):
// every other name stays, so the job updates in place.
func TestExtendingTheWindowKeepsEveryName(t *testing.T) {
	in, _ := input()
	b := *expiryPlan(t, in, "2026-11-27T12:00:00Z").SSHExpiry
	a := *expiryPlan(t, in, "2026-11-28T09:30:00Z").SSHExpiry
	if b.JobName != a.JobName || b.AccountID != a.AccountID || b.Firewall.Name != a.Firewall.Name {
		t.Errorf("GCP names moved: %+v → %+v", b, a)
	}
	if b.RoleID == a.RoleID || a.RoleID != "tm_ssh_expiry_20261128t0930" {
		t.Errorf("GCP role id %q → %q, want one per window", b.RoleID, a.RoleID)
	}
}

// The expiry resources' names meet GCP's rules for every valid name
// prefix, not only the short ones the other tests use, and distinct
// prefixes keep distinct names, even when shortened.
func TestExpiryNamesAreValidForAnyPrefix(t *testing.T) {
	var (
		gcpAccountID = regexp.MustCompile(`^[a-z]([-a-z0-9]{4,28}[a-z0-9])$`)
		gcpRoleID    = regexp.MustCompile(`^[a-zA-Z0-9_.]{3,64}$`)
		gcpJob       = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,500}$`)
	)
	rng := rand.New(rand.NewPCG(8, 8))
	gcpChars := "abcxyz0189-"
	seen := map[string]string{}
	for i := range 300 {
		in, block := input()
		block.NamePrefix = new("g" + strings.TrimRight(rulestest.RandomString(rng, gcpChars, rng.IntN(gcp.MaxName-1)), "-"))
		in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T12:00:00Z"}
		plan, err := rules.Build("tm", in, now)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		layout, _ := rules.CloudPlanOf[*gcp.Plan](plan)
		expiry := layout.SSHExpiry
		names := map[string]struct {
			name    string
			pattern *regexp.Regexp
		}{
			"gcp service account": {expiry.AccountID, gcpAccountID},
			"gcp custom role":     {expiry.RoleID, gcpRoleID},
			"gcp job":             {expiry.JobName, gcpJob},
		}
		for what, n := range names {
			if !n.pattern.MatchString(n.name) {
				t.Errorf("%s name %q is invalid (prefix %q)", what, n.name, *block.NamePrefix)
			}
		}
		key := expiry.AccountID
		if prev, dup := seen[key]; dup && prev != *block.NamePrefix {
			t.Errorf("service account id %q for both %q and %q", key, prev, *block.NamePrefix)
		}
		seen[key] = *block.NamePrefix
	}
}
