package gcp

import (
	"encoding/base64"
	"slices"
	"strings"
	"testing"
)

const (
	jobType        = "gcp:cloudscheduler/job:Job"
	accountType    = "gcp:serviceaccount/account:Account"
	customRoleType = "gcp:projects/iAMCustomRole:IAMCustomRole"
	memberType     = "gcp:projects/iAMMember:IAMMember"
)

func sshScenario() scenario {
	s := defaultScenario
	s.ssh = "2026-11-27T12:00:00Z"
	return s
}

// The job fires at expiresAt's minute in UTC and disables exactly the SSH
// firewall rule, as the expiry's own service account.
func TestJobDisablesExactlyTheSSHFirewallAtExpiry(t *testing.T) {
	rec := sshScenario().render(t)
	job := rec.Only(t, jobType)
	if job.Str("schedule") != "0 12 27 11 *" || job.Str("timeZone") != "Etc/UTC" {
		t.Errorf("fires on %q in %q, want 12:00 on 27 November, Etc/UTC", job.Str("schedule"), job.Str("timeZone"))
	}
	if job.Str("name") != "tm-ssh-expiry" || job.Str("region") != "us-central1" || job.Str("project") != "proj-1" {
		t.Errorf("job = %v", job.Inputs)
	}
	target := job.Inputs["httpTarget"].ObjectValue().Mappable()
	if target["httpMethod"] != "PATCH" || target["uri"] != "https://compute.googleapis.com/compute/v1/projects/proj-1/global/firewalls/tm-ingress-ssh" {
		t.Errorf("job calls %v %v, want PATCH of the SSH firewall alone", target["httpMethod"], target["uri"])
	}
	body, err := base64.StdEncoding.DecodeString(target["body"].(string))
	if err != nil || string(body) != `{"disabled":true}` {
		t.Errorf("body = %q (%v)", body, err)
	}
	token := target["oauthToken"].(map[string]any)
	if token["serviceAccountEmail"] != "tm-ssh-expiry@proj-1.iam.gserviceaccount.com" {
		t.Errorf("token = %v, want the expiry's own account", token)
	}
}

// The account holds one custom role with only what firewalls.patch needs,
// limited by a condition to the SSH rule (and networks).
func TestJobAccountIsLeastPrivilege(t *testing.T) {
	rec := sshScenario().render(t)
	account := rec.Only(t, accountType)
	if account.Str("accountId") != "tm-ssh-expiry" {
		t.Errorf("account = %v", account.Inputs)
	}
	role := rec.Only(t, customRoleType)
	var perms []string
	for _, p := range role.Inputs["permissions"].ArrayValue() {
		perms = append(perms, p.StringValue())
	}
	slices.Sort(perms)
	if strings.Join(perms, ",") != "compute.firewalls.update,compute.networks.updatePolicy" {
		t.Errorf("permissions = %v", perms)
	}
	member := rec.Only(t, memberType)
	if member.Str("member") != "serviceAccount:tm-ssh-expiry@proj-1.iam.gserviceaccount.com" || member.Str("role") != "tm-ssh-expiry" || member.Str("project") != "proj-1" {
		t.Errorf("member = %v", member.Inputs)
	}
	cond := member.Inputs["condition"].ObjectValue()
	if got := cond["expression"].StringValue(); got != `resource.name.endsWith("/global/firewalls/tm-ingress-ssh") || resource.type == "compute.googleapis.com/Network"` {
		t.Errorf("condition = %s", got)
	}
}

func TestNoJobUnlessTheCloudClosesSSH(t *testing.T) {
	off := sshScenario()
	off.sshInCloud = new(bool)
	for name, s := range map[string]scenario{"in-cloud expiry off": off, "SSH closed": defaultScenario} {
		rec := s.render(t)
		for _, typ := range []string{jobType, accountType, customRoleType, memberType} {
			if n := len(rec.OfType(typ)); n != 0 {
				t.Errorf("%s: %d %s", name, n, typ)
			}
		}
	}
}
