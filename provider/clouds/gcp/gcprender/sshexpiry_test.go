package gcprender

import (
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

// The job fires at expiresAt's minute in UTC and deletes exactly the SSH
// firewall rule, as the expiry's own service account.
func TestJobDeletesExactlyTheSSHFirewallAtExpiry(t *testing.T) {
	rec := sshScenario().render(t)
	job := rec.Only(t, jobType)
	if job.Str("schedule") != "0 12 27 11 *" || job.Str("timeZone") != "Etc/UTC" {
		t.Errorf("fires on %q in %q, want 12:00 on 27 November, Etc/UTC", job.Str("schedule"), job.Str("timeZone"))
	}
	if job.Str("name") != "tm-ssh-expiry" || job.Str("region") != "us-central1" || job.Str("project") != "proj-1" {
		t.Errorf("job = %v", job.Inputs)
	}
	target := job.Inputs["httpTarget"].ObjectValue().Mappable()
	if target["httpMethod"] != "DELETE" || target["uri"] != "https://compute.googleapis.com/compute/v1/projects/proj-1/global/firewalls/tm-ingress-ssh" {
		t.Errorf("job calls %v %v, want DELETE of the SSH firewall alone", target["httpMethod"], target["uri"])
	}
	if _, ok := target["body"]; ok {
		t.Errorf("body = %v, want none: firewalls.delete takes no body", target["body"])
	}
	token := target["oauthToken"].(map[string]any)
	if token["serviceAccountEmail"] != "tm-ssh-expiry@proj-1.iam.gserviceaccount.com" {
		t.Errorf("token = %v, want the expiry's own account", token)
	}
}

// The account holds one custom role with only what firewalls.delete needs,
// bound with a condition to the SSH rule and its network by name. This is
// the whole of what the README's identity table says the GCP identity can
// do.
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
	if !slices.Equal(perms, []string{"compute.firewalls.delete", "compute.networks.updatePolicy"}) {
		t.Errorf("permissions = %v, want exactly compute.firewalls.delete and compute.networks.updatePolicy", perms)
	}
	if role.Str("roleId") != "tm_ssh_expiry_20261127t1200" {
		t.Errorf("role id %q, want one per window", role.Str("roleId"))
	}
	member := rec.Only(t, memberType)
	if member.Str("member") != "serviceAccount:tm-ssh-expiry@proj-1.iam.gserviceaccount.com" || member.Str("role") != "tm-ssh-expiry" || member.Str("project") != "proj-1" {
		t.Errorf("member = %v", member.Inputs)
	}
	cond := member.Inputs["condition"].ObjectValue()
	want := `(resource.type == "compute.googleapis.com/Firewall" && resource.name.endsWith("/global/firewalls/tm-ingress-ssh")) || (resource.type == "compute.googleapis.com/Network" && resource.name.endsWith("/global/networks/vpc-1"))`
	if got := cond["expression"].StringValue(); got != want {
		t.Errorf("condition = %s\nwant        %s", got, want)
	}
}

// A new window gets a new role id: GCP reserves a deleted custom role's id
// for up to 37 days, so reusing one would fail to open SSH again.
func TestRoleIDNamesTheWindow(t *testing.T) {
	later := sshScenario()
	later.ssh = "2026-11-28T09:30:10Z"
	a := sshScenario().render(t).Only(t, customRoleType).Str("roleId")
	b := later.render(t).Only(t, customRoleType).Str("roleId")
	if a == b || b != "tm_ssh_expiry_20261128t0931" {
		t.Errorf("role ids %q and %q, want one per closing minute", a, b)
	}
}

// The condition names the network by its last path segment, however the
// input spells it.
func TestConditionNamesTheNetwork(t *testing.T) {
	for _, network := range []string{"vpc-1", "projects/p/global/networks/vpc-1", "https://www.googleapis.com/compute/v1/projects/p/global/networks/vpc-1"} {
		if got := ExpandCondition("fw", network); !strings.HasSuffix(got, `endsWith("/global/networks/vpc-1"))`) {
			t.Errorf("ExpandCondition(fw, %q) = %s", network, got)
		}
	}
}

// Only the SSH firewall belongs to its window: a new expiry replaces it,
// deleting first, since the cloud may have deleted it already.
func TestSSHFirewallBelongsToItsWindow(t *testing.T) {
	for _, fw := range sshScenario().render(t).OfType(firewallType) {
		perWindow := slices.Contains(fw.ReplaceOnChanges, "description") && fw.DeleteBeforeReplace
		if isSSH := fw.Str("name") == "tm-ingress-ssh"; isSSH != perWindow {
			t.Errorf("%s: SSH %v, replaced per window %v", fw.Name, isSSH, perWindow)
		}
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
