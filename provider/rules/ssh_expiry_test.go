package rules

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"
)

// allClouds is a valid input with every cloud block.
func allClouds() Input {
	in := awsInput()
	in.Azure = azureInput().Azure
	in.GCP = gcpInput().GCP
	return in
}

func TestCloudClosesSSHByDefault(t *testing.T) {
	tests := []struct {
		name      string
		expiresAt string
		enforce   *bool
		closed    bool
		closesAt  string
	}{
		{"default on", "2026-11-27T12:00:00Z", nil, true, "2026-11-27T12:00:00Z"},
		{"explicitly on", "2026-11-27T12:00:00Z", ptr(true), true, "2026-11-27T12:00:00Z"},
		{"off", "2026-11-27T12:00:00Z", ptr(false), false, ""},
		// Cron fires on minutes: a second past the minute closes at the next.
		{"seconds round up", "2026-11-27T12:00:01Z", nil, true, "2026-11-27T12:01:00Z"},
		{"offsets become UTC", "2026-11-27T13:30:00+01:00", nil, true, "2026-11-27T12:30:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := allClouds()
			in.SSHAccess = &SSHAccessInput{ExpiresAt: tt.expiresAt, EnforceInCloud: tt.enforce}
			plan := mustBuild(t, in, now)
			if plan.SSH.ClosedByCloud != tt.closed {
				t.Fatalf("ClosedByCloud = %v, want %v", plan.SSH.ClosedByCloud, tt.closed)
			}
			perCloud := []bool{plan.AWS.SSHExpiryNamePrefix != "", plan.Azure.SSHExpiry != nil, plan.GCP.SSHExpiry != nil}
			for i, has := range perCloud {
				if has != tt.closed {
					t.Errorf("cloud %d has an expiry plan: %v, want %v", i, has, tt.closed)
				}
			}
			if !tt.closed {
				return
			}
			if got := plan.SSH.ClosesAt.Format(time.RFC3339); got != tt.closesAt {
				t.Errorf("ClosesAt = %s, want %s", got, tt.closesAt)
			}
		})
	}
}

// A window that is not open (never asked for, or expired) has nothing for
// the cloud to close.
func TestNoExpiryPlanWithoutAnOpenWindow(t *testing.T) {
	for name, ssh := range map[string]*SSHAccessInput{
		"no sshAccess": nil,
		"expired":      {ExpiresAt: "2026-11-26T11:00:00Z"},
	} {
		in := allClouds()
		in.SSHAccess = ssh
		plan := mustBuild(t, in, now)
		if plan.SSH.ClosedByCloud || plan.AWS.SSHExpiryNamePrefix != "" || plan.Azure.SSHExpiry != nil || plan.GCP.SSHExpiry != nil {
			t.Errorf("%s: expiry planned: %+v", name, plan.SSH)
		}
	}
}

func TestInCloudExpiryNeedsLeadTime(t *testing.T) {
	tests := []struct {
		name    string
		in      time.Duration
		enforce *bool
		problem string
	}{
		{"exactly the lead", MinInCloudLead, nil, ""},
		// The lead counts to the minute the scheduler fires: 4m59s ahead
		// fires at 5m.
		{"a second short, rounded up to the lead", MinInCloudLead - time.Second, nil, ""},
		{"a minute short", MinInCloudLead - time.Minute, nil, "4m0s from now, too close for the cloud to schedule closing SSH (at least 5m0s)"},
		{"a minute ahead", time.Minute, nil, "set sshAccess.enforceInCloud to false"},
		{"a minute ahead, in-cloud expiry off", time.Minute, ptr(false), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := allClouds()
			in.SSHAccess = &SSHAccessInput{ExpiresAt: now.Add(tt.in).Format(time.RFC3339), EnforceInCloud: tt.enforce}
			_, err := Build("tm", in, now)
			if tt.problem == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			assertFieldError(t, err, "sshAccess.expiresAt", tt.problem)
		})
	}
}

// What each cloud's scheduler is aimed at: exactly the SSH rule, at ClosesAt.
func TestExpiryPlansAimAtTheSSHRules(t *testing.T) {
	in := allClouds()
	in.SSHAccess = &SSHAccessInput{ExpiresAt: "2026-12-01T18:07:00Z"}
	plan := mustBuild(t, in, now)

	if got := plan.AWS.SSHExpiryNamePrefix; got != "tm-ssh-expiry-" {
		t.Errorf("AWS expiry name prefix = %q", got)
	}
	az := plan.Azure.SSHExpiry
	if az.WorkflowName != "tm-ssh-expiry" || az.RuleName != "ingress-ssh-tcp-22" {
		t.Errorf("Azure expiry = %+v", az)
	}
	g := plan.GCP.SSHExpiry
	if g.JobName != "tm-ssh-expiry" || g.AccountID != "tm-ssh-expiry" || g.RoleID != "tm_ssh_expiry_20261201t1807" {
		t.Errorf("GCP expiry names = %+v", g)
	}
	if g.Firewall.Name != "tm-ingress-ssh" || g.Firewall.Purpose != "ssh" || g.Firewall.Direction != "ingress" {
		t.Errorf("GCP expiry deletes %+v", g.Firewall)
	}
}

// Extending the window moves only the time and GCP's custom role id (one
// per window, since GCP reserves a deleted role's id for up to 37 days):
// every other name stays, so the schedulers update in place.
func TestExtendingTheWindowKeepsEveryName(t *testing.T) {
	in := allClouds()
	in.SSHAccess = &SSHAccessInput{ExpiresAt: "2026-11-27T12:00:00Z"}
	before := mustBuild(t, in, now)
	in.SSHAccess.ExpiresAt = "2026-11-28T09:30:00Z"
	after := mustBuild(t, in, now)
	if before.AWS.SSHExpiryNamePrefix != after.AWS.SSHExpiryNamePrefix || *before.Azure.SSHExpiry != *after.Azure.SSHExpiry {
		t.Errorf("AWS or Azure names moved: %q → %q, %+v → %+v", before.AWS.SSHExpiryNamePrefix, after.AWS.SSHExpiryNamePrefix, before.Azure.SSHExpiry, after.Azure.SSHExpiry)
	}
	b, a := *before.GCP.SSHExpiry, *after.GCP.SSHExpiry
	if b.JobName != a.JobName || b.AccountID != a.AccountID || b.Firewall.Name != a.Firewall.Name {
		t.Errorf("GCP names moved: %+v → %+v", b, a)
	}
	if b.RoleID == a.RoleID || a.RoleID != "tm_ssh_expiry_20261128t0930" {
		t.Errorf("GCP role id %q → %q, want one per window", b.RoleID, a.RoleID)
	}
}

// The expiry resources' names meet each cloud's rules for every valid name
// prefix, not only the short ones the other tests use.
func TestExpiryNamesAreValidForAnyPrefix(t *testing.T) {
	var (
		// A name prefix AWS completes with 26 characters to 64.
		awsScheduleOrRole = regexp.MustCompile(`^[0-9a-zA-Z._-]{1,38}$`)
		gcpAccountID      = regexp.MustCompile(`^[a-z]([-a-z0-9]{4,28}[a-z0-9])$`)
		gcpRoleID         = regexp.MustCompile(`^[a-zA-Z0-9_.]{3,64}$`)
		gcpJob            = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,500}$`)
		azureWorkflow     = regexp.MustCompile(`^[A-Za-z0-9_.()-]{1,80}$`)
	)
	rng := rand.New(rand.NewPCG(8, 8))
	awsChars := "abcXYZ019 ._-:/()#,@[]+=&;{}!$*"
	gcpChars := "abcxyz0189-"
	azureChars := "abcXYZ019._-"
	seen := map[string]string{}
	for i := range 300 {
		in := allClouds()
		in.SSHAccess = &SSHAccessInput{ExpiresAt: "2026-11-27T12:00:00Z"}
		in.AWS.NamePrefix = ptr("a" + randomString(rng, awsChars, rng.IntN(200)))
		in.GCP.NamePrefix = ptr("g" + strings.TrimRight(randomString(rng, gcpChars, rng.IntN(gcpMaxName-1)), "-"))
		in.Azure.NamePrefix = ptr("z" + strings.TrimRight(randomString(rng, azureChars, rng.IntN(azureMaxName-len(azureNSGSuffix)-1)), ".-"))
		plan, err := Build("tm", in, now)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		names := map[string]struct {
			name    string
			pattern *regexp.Regexp
		}{
			"aws schedule/role":   {plan.AWS.SSHExpiryNamePrefix, awsScheduleOrRole},
			"gcp service account": {plan.GCP.SSHExpiry.AccountID, gcpAccountID},
			"gcp custom role":     {plan.GCP.SSHExpiry.RoleID, gcpRoleID},
			"gcp job":             {plan.GCP.SSHExpiry.JobName, gcpJob},
			"azure workflow":      {plan.Azure.SSHExpiry.WorkflowName, azureWorkflow},
		}
		for what, n := range names {
			if !n.pattern.MatchString(n.name) {
				t.Errorf("%s name %q is invalid (prefixes %q, %q, %q)", what, n.name, *in.AWS.NamePrefix, *in.GCP.NamePrefix, *in.Azure.NamePrefix)
			}
		}
		// Distinct prefixes keep distinct names, even when shortened.
		key := plan.GCP.SSHExpiry.AccountID
		if prev, dup := seen[key]; dup && prev != *in.GCP.NamePrefix {
			t.Errorf("service account id %q for both %q and %q", key, prev, *in.GCP.NamePrefix)
		}
		seen[key] = *in.GCP.NamePrefix
	}
}

func randomString(rng *rand.Rand, chars string, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(chars[rng.IntN(len(chars))])
	}
	return b.String()
}

// denyOtherInbound off leaves only the egress deny on Azure and GCP.
func TestDenyOtherInboundSwitch(t *testing.T) {
	for _, deny := range []*bool{nil, ptr(true), ptr(false)} {
		in := allClouds()
		in.DenyOtherInbound = deny
		plan := mustBuild(t, in, now)
		want := deny == nil || *deny
		var azureHas, gcpHas bool
		for _, r := range plan.Azure.SecurityRules {
			azureHas = azureHas || (r.Access == Deny && r.Direction == "ingress")
		}
		for _, fw := range plan.GCP.Firewalls {
			gcpHas = gcpHas || (fw.Access == Deny && fw.Direction == "ingress")
		}
		if azureHas != want || gcpHas != want {
			t.Errorf("denyOtherInbound=%v: azure %v, gcp %v, want %v", fmt.Sprint(deny), azureHas, gcpHas, want)
		}
	}
}
