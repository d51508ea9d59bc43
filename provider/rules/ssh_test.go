package rules_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

func TestSSHWindow(t *testing.T) {
	expires := "2026-11-27T12:00:00Z"
	at, _ := time.Parse(time.RFC3339, expires)
	tests := []struct {
		name     string
		now      time.Time
		open     bool
		warnings int
	}{
		{"a day before expiry", at.Add(-24 * time.Hour), true, 0},
		// Only without the in-cloud expiry: a scheduler needs lead time.
		{"a second before expiry", at.Add(-time.Second), true, 0},
		{"at expiry", at, false, 1},
		{"after expiry", at.Add(time.Hour), false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := awsInput()
			in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: expires, EnforceInCloud: new(false)}
			plan := mustBuild(t, in, tt.now)
			if plan.SSH.Open != tt.open || !plan.SSH.Requested || !plan.SSH.ExpiresAt.Equal(at) {
				t.Errorf("window = %+v, want open=%v", plan.SSH, tt.open)
			}
			want := slices.Clone(usRows)
			if tt.open {
				want = append(want, rulestest.SeedSSHRows("us")...)
			}
			assertLines(t, plan.Rules, want...)
			if len(plan.Warnings) != tt.warnings {
				t.Errorf("warnings = %q, want %d", plan.Warnings, tt.warnings)
			}
			if tt.warnings > 0 && !strings.Contains(plan.Warnings[0], "sshAccess.expiresAt") {
				t.Errorf("warning %q does not name the field", plan.Warnings[0])
			}
			for _, r := range plan.Rules {
				if r.Purpose == "ssh" && (r.ExpiresAt == nil || !strings.Contains(r.Description, expires)) {
					t.Errorf("SSH rule %s lacks its expiry: %q", line(r), r.Description)
				}
			}
		})
	}
}

func TestSSHExpiryIsTheOnlyDifference(t *testing.T) {
	in := awsInput()
	in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T12:00:00Z"}
	open := mustBuild(t, in, now)
	closed := mustBuild(t, in, now.Add(48*time.Hour))
	keys := map[string]rules.Rule{}
	for _, r := range closed.Rules {
		keys[r.Key()] = r
	}
	for _, r := range open.Rules {
		c, ok := keys[r.Key()]
		switch {
		case r.Purpose == "ssh" && ok:
			t.Errorf("%s survived expiry", r.Key())
		case r.Purpose != "ssh" && (!ok || c.Description != r.Description):
			t.Errorf("%s changed at expiry", r.Key())
		}
	}
}

func TestSSHWindowLimit(t *testing.T) {
	tests := []struct {
		name      string
		expiresIn time.Duration
		maxHours  int
		wantErr   bool
	}{
		{"inside the default week", 7*24*time.Hour - time.Minute, 0, false},
		{"exactly the default week", 7 * 24 * time.Hour, 0, false},
		{"beyond the default week", 7*24*time.Hour + time.Minute, 0, true},
		{"beyond a raised window is refused", 31 * 24 * time.Hour, 30 * 24, true},
		{"inside a raised window", 29 * 24 * time.Hour, 30 * 24, false},
		{"beyond a lowered window", 3 * time.Hour, 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := awsInput()
			in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: now.Add(tt.expiresIn).Format(time.RFC3339), MaxWindowHours: optionalHours(tt.maxHours)}
			_, err := rules.Build("tm", in, now)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), "sshAccess.expiresAt") {
				t.Errorf("error %q does not name sshAccess.expiresAt", err)
			}
		})
	}
}

func TestSSHSources(t *testing.T) {
	in := awsInput()
	in.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T12:00:00Z", Sources: []string{"208.71.209.32/28"}}
	plan := mustBuild(t, in, now)
	assertLines(t, plan.Rules, append(slices.Clone(usRows), "ingress tcp 22 208.71.209.32/28")...)

	in.SSHAccess.Sources = []string{"203.0.113.0/24"}
	in.SSHAccess.AllowSourcesOutsideDatacenter = true
	plan = mustBuild(t, in, now)
	assertLines(t, plan.Rules, append(slices.Clone(usRows), "ingress tcp 22 203.0.113.0/24")...)

	// Without sources, SSH comes from the datacenter's ranges: the seed's
	// SSH rows.
	eu := awsInput()
	eu.Datacenter = new("eu")
	eu.SSHAccess = &rules.SSHAccessInput{ExpiresAt: "2026-11-27T12:00:00Z"}
	assertLines(t, mustBuild(t, eu, now).Rules, append(slices.Clone(euRows), rulestest.SeedSSHRows("eu")...)...)
}

// optionalHours is maxWindowHours as the tables give it: 0 for unset.
func optionalHours(h int) *int {
	if h == 0 {
		return nil
	}
	return &h
}
