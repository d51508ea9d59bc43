package rules_test

import (
	"testing"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// What each cloud's expiry plan holds is tested in the cloud's package;
// here, that every cloud plans one exactly when the window asks the cloud
// to close SSH.

func TestCloudClosesSSHByDefault(t *testing.T) {
	tests := []struct {
		name      string
		expiresAt string
		enforce   *bool
		closed    bool
		closesAt  string
	}{
		{"default on", "2026-11-27T12:00:00Z", nil, true, "2026-11-27T12:00:00Z"},
		{"explicitly on", "2026-11-27T12:00:00Z", new(true), true, "2026-11-27T12:00:00Z"},
		{"off", "2026-11-27T12:00:00Z", new(false), false, ""},
		// Cron fires on minutes: a second past the minute closes at the next.
		{"seconds round up", "2026-11-27T12:00:01Z", nil, true, "2026-11-27T12:01:00Z"},
		{"offsets become UTC", "2026-11-27T13:30:00+01:00", nil, true, "2026-11-27T12:30:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := rulestest.AllClouds()
			in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: tt.expiresAt, EnforceInCloud: tt.enforce}
			plan := mustBuild(t, in, now)
			if plan.SSH.ClosedByCloud != tt.closed {
				t.Fatalf("ClosedByCloud = %v, want %v", plan.SSH.ClosedByCloud, tt.closed)
			}
			a, az, g := layouts(t, plan)
			perCloud := []bool{a.SSHExpiryNamePrefix != "", az.SSHExpiry != nil, g.SSHExpiry != nil}
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
	for name, ssh := range map[string]*rules.SSHAccessInput{
		"no sshAccess": nil,
		"expired":      {ExpiresAt: "2026-11-26T11:00:00Z"},
	} {
		in := rulestest.AllClouds()
		in.SSHAccess = ssh
		plan := mustBuild(t, in, now)
		a, az, g := layouts(t, plan)
		if plan.SSH.ClosedByCloud || a.SSHExpiryNamePrefix != "" || az.SSHExpiry != nil || g.SSHExpiry != nil {
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
		{"exactly the lead", rules.MinInCloudLead, nil, ""},
		// The lead counts to the minute the scheduler fires: 4m59s ahead
		// fires at 5m.
		{"a second short, rounded up to the lead", rules.MinInCloudLead - time.Second, nil, ""},
		{"a minute short", rules.MinInCloudLead - time.Minute, nil, "4m0s from now, too close for the cloud to schedule closing SSH (at least 5m0s)"},
		{"a minute ahead", time.Minute, nil, "set sshAccess.enforceInCloud to false"},
		{"a minute ahead, in-cloud expiry off", time.Minute, new(false), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := rulestest.AllClouds()
			in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: now.Add(tt.in).Format(time.RFC3339), EnforceInCloud: tt.enforce}
			_, err := rules.Build("tm", in, now)
			if tt.problem == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			rulestest.AssertFieldError(t, err, "sshAccess.expiresAt", tt.problem)
		})
	}
}
