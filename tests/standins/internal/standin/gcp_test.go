package standin

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// The gcp table (gcp.go).

const (
	gcpFirewall    = "gcp:compute/firewall:Firewall"
	customRoleType = "gcp:projects/iAMCustomRole:IAMCustomRole"
)

func TestGCPReplacements(t *testing.T) {
	testReplaces(t, []replaceCase{
		{"gcp firewall ranges update", gcpFirewall,
			pm("name", "fw", "network", "n", "sourceRanges", []any{"10.0.0.0/8"}), pm("name", "fw", "network", "n", "sourceRanges", []any{"10.0.0.0/16"}),
			[]string{"sourceRanges"}, nil},
		{"gcp firewall network updates", gcpFirewall, pm("name", "fw", "network", "n"), pm("name", "fw", "network", "m"), []string{"network"}, nil},
		{"gcp firewall direction replaces", gcpFirewall, pm("name", "fw", "direction", "INGRESS"),
			pm("name", "fw", "direction", "EGRESS"), []string{"direction"}, []string{"direction"}},
		{"gcp subnetwork expand updates", "gcp:compute/subnetwork:Subnetwork", pm("name", "s", "network", "n", "ipCidrRange", "10.0.1.0/24"),
			pm("name", "s", "network", "n", "ipCidrRange", "10.0.0.0/16"), []string{"ipCidrRange"}, nil},
		{"gcp subnetwork shrink replaces", "gcp:compute/subnetwork:Subnetwork", pm("name", "s", "network", "n", "ipCidrRange", "10.0.0.0/16"),
			pm("name", "s", "network", "n", "ipCidrRange", "10.0.1.0/24"), []string{"ipCidrRange"}, []string{"ipCidrRange"}},
		{"gcp subnetwork move replaces", "gcp:compute/subnetwork:Subnetwork", pm("name", "s", "network", "n", "ipCidrRange", "10.0.0.0/24"),
			pm("name", "s", "network", "n", "ipCidrRange", "10.0.1.0/24"), []string{"ipCidrRange"}, []string{"ipCidrRange"}},

		// The SSH expiry's service account, role, binding and scheduler job.
		{"account display name updates", "gcp:serviceaccount/account:Account", pm("accountId", "a", "displayName", "x"),
			pm("accountId", "a", "displayName", "y"), []string{"displayName"}, nil},
		{"account id replaces", "gcp:serviceaccount/account:Account", pm("accountId", "a"), pm("accountId", "b"), []string{"accountId"}, []string{"accountId"}},
		{"custom role permissions update", customRoleType, pm("roleId", "r", "permissions", []any{"a"}),
			pm("roleId", "r", "permissions", []any{"a", "b"}), []string{"permissions"}, nil},
		{"custom role id replaces", customRoleType, pm("roleId", "r"), pm("roleId", "s"), []string{"roleId"}, []string{"roleId"}},
		{"iam member condition replaces", "gcp:projects/iAMMember:IAMMember", pm("project", "p", "role", "r", "member", "m"),
			pm("project", "p", "role", "r", "member", "m", "condition", map[string]any{"title": "t", "expression": "e"}),
			[]string{"condition"}, []string{"condition"}},
		{"iam member role replaces", "gcp:projects/iAMMember:IAMMember", pm("project", "p", "role", "r", "member", "m"),
			pm("project", "p", "role", "s", "member", "m"), []string{"role"}, []string{"role"}},
		{"job schedule updates", "gcp:cloudscheduler/job:Job", pm("name", "j", "schedule", "0 1 * * *"), pm("name", "j", "schedule", "0 2 * * *"),
			[]string{"schedule"}, nil},
		{"job paused updates", "gcp:cloudscheduler/job:Job", pm("name", "j", "paused", false), pm("name", "j", "paused", true), []string{"paused"}, nil},
		{"job region replaces", "gcp:cloudscheduler/job:Job", pm("name", "j", "region", "us-central1"), pm("name", "j", "region", "europe-west1"),
			[]string{"region"}, []string{"region"}},
		{"firewall disabled updates", gcpFirewall, pm("name", "f", "disabled", false), pm("name", "f", "disabled", true), []string{"disabled"}, nil},

		// An appliance instance (examples/appliances-yaml).
		{"instance machine type updates in place", gcpInstanceType, applianceGCE(), with(applianceGCE(), "machineType", "n2-standard-4"),
			[]string{"machineType"}, nil},
		{"instance tags update in place", gcpInstanceType, applianceGCE(), with(applianceGCE(), "tags", []any{"tm-appliance", "other"}),
			[]string{"tags"}, nil},
		{"instance image replaces", gcpInstanceType, applianceGCE(),
			with(applianceGCE(), "bootDisk", map[string]any{"initializeParams": map[string]any{"image": "projects/p/global/images/v2"}}),
			[]string{"bootDisk"}, []string{"bootDisk"}},
		{"instance zone replaces", gcpInstanceType, applianceGCE(), with(applianceGCE(), "zone", "us-central1-b"), []string{"zone"}, []string{"zone"}},
		{"instance subnetwork updates in place", gcpInstanceType, applianceGCE(),
			with(applianceGCE(), "networkInterfaces", []any{map[string]any{"subnetwork": "projects/p/regions/r/subnetworks/other"}}),
			[]string{"networkInterfaces"}, nil},
		{"instance second interface replaces", gcpInstanceType, applianceGCE(),
			with(applianceGCE(), "networkInterfaces", []any{map[string]any{"subnetwork": "projects/p/regions/r/subnetworks/s"},
				map[string]any{"subnetwork": "projects/p/regions/r/subnetworks/t"}}),
			[]string{"networkInterfaces"}, []string{"networkInterfaces"}},
		{"instance address alone replaces", gcpInstanceType, applianceGCE(),
			with(applianceGCE(), "networkInterfaces", []any{map[string]any{"subnetwork": "projects/p/regions/r/subnetworks/s", "networkIp": "10.2.240.9"}}),
			[]string{"networkInterfaces"}, []string{"networkInterfaces"}},
		{"instance address with a new subnetwork updates in place", gcpInstanceType, applianceGCE(),
			with(applianceGCE(), "networkInterfaces", []any{map[string]any{"subnetwork": "projects/p/regions/r/subnetworks/t", "networkIp": "10.3.0.9"}}),
			[]string{"networkInterfaces"}, nil},
		{"instance nic type replaces", gcpInstanceType, applianceGCE(),
			with(applianceGCE(), "networkInterfaces", []any{map[string]any{"subnetwork": "projects/p/regions/r/subnetworks/s", "nicType": "GVNIC"}}),
			[]string{"networkInterfaces"}, []string{"networkInterfaces"}},
		{"instance spot replaces", gcpInstanceType, applianceGCE(), with(applianceGCE(), "scheduling", map[string]any{"provisioningModel": "SPOT"}),
			[]string{"scheduling"}, []string{"scheduling"}},
		{"instance restart policy updates in place", gcpInstanceType, applianceGCE(),
			with(applianceGCE(), "scheduling", map[string]any{"automaticRestart": false}), []string{"scheduling"}, nil},
	})
}

const gcpInstanceType = "gcp:compute/instance:Instance"

// An appliance instance as examples/appliances-yaml declares it.
func applianceGCE() resource.PropertyMap {
	return pm("name", "tm-appliance", "zone", "us-central1-a", "machineType", "n2-standard-2",
		"bootDisk", map[string]any{"initializeParams": map[string]any{"image": "projects/p/global/images/v1"}},
		"networkInterfaces", []any{map[string]any{"subnetwork": "projects/p/regions/r/subnetworks/s"}},
		"tags", []any{"tm-appliance"})
}

func TestGCPCheckAutoNamesAndDefaults(t *testing.T) {
	got, _ := check(lookupSpec("gcp:cloudscheduler/job:Job"), urnOf("gcp:cloudscheduler/job:Job", "Close-SSH"), nil, pm("schedule", "0 1 * * *"))
	if !strings.HasPrefix(got["name"].StringValue(), "close-ssh-") || got["timeZone"].StringValue() != "Etc/UTC" ||
		got["attemptDeadline"].StringValue() != "180s" {
		t.Fatalf("job %v", got)
	}
	_, failures := check(lookupSpec("gcp:serviceaccount/account:Account"), urnOf("gcp:serviceaccount/account:Account", "sa"), nil, pm())
	if len(failures) != 1 || failures[0].Property != "accountId" {
		t.Fatalf("account failures %v", failures)
	}
}

func TestGCPOutputsAreCloudShaped(t *testing.T) {
	testOutputShapes(t, nil, []shapeCase{
		{"gcp:compute/subnetwork:Subnetwork", pm("name", "sub1", "ipCidrRange", "10.0.0.0/24"), map[string]string{
			"id": `^projects/offline-standin-project/regions/us-central1/subnetworks/sub1$`, "gatewayAddress": `^10\.0\.0\.1$`}},
	})
	testOutputShapes(t, configs{"gcp": {"project": "acme-prod"}}, []shapeCase{
		{"gcp:serviceaccount/account:Account", pm("accountId", "tm-ssh-expiry"), map[string]string{
			"email":  `^tm-ssh-expiry@acme-prod\.iam\.gserviceaccount\.com$`,
			"member": `^serviceAccount:tm-ssh-expiry@acme-prod\.iam\.gserviceaccount\.com$`,
			"id":     `^projects/acme-prod/serviceAccounts/tm-ssh-expiry@acme-prod\.iam\.gserviceaccount\.com$`}},
		{gcpFirewall, pm("name", "tm-ssh"), map[string]string{
			"id": `^projects/acme-prod/global/firewalls/tm-ssh$`, "selfLink": `^https://www\.googleapis\.com/compute/v1/projects/acme-prod/global/firewalls/tm-ssh$`}},
		{customRoleType, pm("roleId", "tmSsh"), map[string]string{"id": `^projects/acme-prod/roles/tmSsh$`}},
		{"gcp:cloudscheduler/job:Job", pm("name", "close"), map[string]string{"id": `^projects/acme-prod/locations/us-central1/jobs/close$`}},
		{gcpInstanceType, applianceGCE(), map[string]string{
			"id":         `^projects/acme-prod/zones/us-central1-a/instances/tm-appliance$`,
			"selfLink":   `^https://www\.googleapis\.com/compute/v1/projects/acme-prod/zones/us-central1-a/instances/tm-appliance$`,
			"instanceId": `^[0-9]{19}$`, "currentStatus": `^RUNNING$`}},
		// Without a zone of its own: the provider's, else its region's first.
		{gcpInstanceType, without(applianceGCE(), "zone"), map[string]string{"zone": `^us-central1-a$`}},
	})
	testOutputShapes(t, configs{"gcp": {"project": "acme-prod", "zone": "europe-west1-c"}}, []shapeCase{
		{gcpInstanceType, without(applianceGCE(), "zone"), map[string]string{
			"id": `^projects/acme-prod/zones/europe-west1-c/instances/tm-appliance$`}},
	})
	// Each network interface gets the name and internal address GCP gives it.
	_, out := createTwice(t, nil, gcpInstanceType, "x", applianceGCE())
	nic := out["networkInterfaces"].ArrayValue()[0].ObjectValue()
	if !regexp.MustCompile(`^10\.128\.[0-9]+\.[0-9]+$`).MatchString(str(nic, "networkIp")) || str(nic, "name") != "nic0" ||
		str(nic, "subnetwork") != "projects/p/regions/r/subnetworks/s" {
		t.Errorf("instance network interface %v", nic)
	}
}

// The instance's name is auto-named like the other GCP resources.
func TestGCPInstanceAutoName(t *testing.T) {
	got, failures := check(lookupSpec(gcpInstanceType), urnOf(gcpInstanceType, "Appliance"), nil, without(applianceGCE(), "name"))
	if len(failures) != 0 || !regexp.MustCompile(`^appliance-[0-9a-f]{7}$`).MatchString(str(got, "name")) ||
		got["canIpForward"].BoolValue() || !got["deletionProtection"].IsBool() {
		t.Errorf("instance: %v, failures %v", got, failures)
	}
}

func TestGCPExpiryTypesCreateOutputs(t *testing.T) {
	cfg := configs{"gcp": {"project": "p1", "region": "europe-west1"}}
	id, out := createTwice(t, cfg, "gcp:serviceaccount/account:Account", "sa", pm("accountId", "ssh-expiry"))
	wantString(t, "sa email", out["email"].StringValue(), "ssh-expiry@p1.iam.gserviceaccount.com")
	wantString(t, "sa name", out["name"].StringValue(), "projects/p1/serviceAccounts/ssh-expiry@p1.iam.gserviceaccount.com")
	wantString(t, "sa id", id, out["name"].StringValue())
	wantString(t, "sa member", out["member"].StringValue(), "serviceAccount:ssh-expiry@p1.iam.gserviceaccount.com")
	if len(out["uniqueId"].StringValue()) != 21 {
		t.Errorf("uniqueId %v", out["uniqueId"])
	}
	id, out = createTwice(t, cfg, customRoleType, "cr", pm("roleId", "sshExpiry", "project", "p2"))
	wantString(t, "custom role name", out["name"].StringValue(), "projects/p2/roles/sshExpiry")
	wantString(t, "custom role id", id, "projects/p2/roles/sshExpiry")
	if out["deleted"].BoolValue() {
		t.Error("deleted")
	}
	id, out = createTwice(t, cfg, "gcp:projects/iAMMember:IAMMember", "m", pm("project", "p1", "role", "projects/p1/roles/sshExpiry", "member", "serviceAccount:a@b"))
	wantString(t, "iam member id", id, "p1/projects/p1/roles/sshExpiry/serviceAccount:a@b")
	if out["etag"].StringValue() == "" {
		t.Error("etag")
	}
	id, out = createTwice(t, cfg, "gcp:cloudscheduler/job:Job", "j", pm("name", "close-ssh"))
	wantString(t, "job id", id, "projects/p1/locations/europe-west1/jobs/close-ssh")
	wantString(t, "job state", out["state"].StringValue(), "ENABLED")
	upd := updateOutputs("gcp:cloudscheduler/job:Job", out, pm("name", "close-ssh"), pm("name", "close-ssh", "paused", true))
	wantString(t, "paused job state", upd["state"].StringValue(), "PAUSED")
	_, out = createTwice(t, cfg, gcpFirewall, "fw", pm("name", "ssh"))
	wantString(t, "firewall project", out["project"].StringValue(), "p1")
	wantString(t, "firewall selfLink", out["selfLink"].StringValue(), "https://www.googleapis.com/compute/v1/projects/p1/global/firewalls/ssh")
}

// The cloud deleted the SSH firewall (the expiry fired), then a new window updates its description
// without a refresh: pulumi-gcp PATCHes the firewall and gets a 404.
func TestGCPUpdateOfResourceDeletedOutOfBand(t *testing.T) {
	fw := pm("project", "p", "name", "tm-ssh", "network", "n", "direction", "INGRESS", "description", "ssh until A")
	s, _, _, err := updateAfterDeletion(t, gcpFirewall, fw)
	wantFailedAndGone(t, s, err, gcpFirewall, fw, `Error updating Firewall "projects/p/global/firewalls/tm-ssh": googleapi: Error 404`)
}

// GCP's soft delete of custom roles, on the e2e clock: open SSH (create the role), close it
// (delete), reopen some days later.
func TestCustomRoleSoftDelete(t *testing.T) {
	role := pm("project", "p", "roleId", "threatmanagerSshExpiry", "title", "t", "permissions", []any{"compute.firewalls.delete"})
	for _, c := range []struct {
		name  string
		after time.Duration
		want  string // "" for success, else a part of the error
	}{
		{"undeleted within 7 days", 24 * time.Hour, ""},
		{"just under 7 days", 7*24*time.Hour - time.Minute, ""},
		{"id reserved from 7 days", 8 * 24 * time.Hour, "You can't create a role_id (threatmanagerSshExpiry) which has been marked for deletion., failedPrecondition"},
		{"id reserved until 37 days", 37*24*time.Hour - time.Minute, "marked for deletion"},
		{"created fresh after 37 days", 40 * 24 * time.Hour, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(CloudStateEnv, filepath.Join(t.TempDir(), "state.json"))
			clock := setClock(t)
			s := New(Clouds["gcp"], nil)
			id, err := createVia(t, s, customRoleType, "ssh-role", role)
			if err != nil || id != "projects/p/roles/threatmanagerSshExpiry" {
				t.Fatalf("first create: %q %v", id, err)
			}
			deleteVia(t, s, customRoleType, "ssh-role", id)
			clock(c.after)
			_, err = createVia(t, s, customRoleType, "ssh-role", role)
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("create after %s: %v", c.after, err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "OFFLINE STAND-IN")):
				t.Fatalf("create after %s: %v, want an error with %q", c.after, err, c.want)
			}
			if c.want != "" {
				return
			}
			// Undeleted or created anew, the role exists: deleting and creating it again at once
			// undeletes it.
			deleteVia(t, s, customRoleType, "ssh-role", id)
			if _, err := createVia(t, s, customRoleType, "ssh-role", role); err != nil {
				t.Fatalf("create right after a second delete: %v", err)
			}
		})
	}
}

// A preview does not reach the cloud: the reserved id shows only in the update, as with the real
// provider, whose preview makes no API call.
func TestCustomRoleReservedIDPassesPreview(t *testing.T) {
	t.Setenv(CloudStateEnv, filepath.Join(t.TempDir(), "state.json"))
	clock := setClock(t)
	s := New(Clouds["gcp"], nil)
	role := pm("project", "p", "roleId", "r", "title", "t", "permissions", []any{"x"})
	id, err := createVia(t, s, customRoleType, "role", role)
	if err != nil {
		t.Fatal(err)
	}
	deleteVia(t, s, customRoleType, "role", id)
	clock(10 * 24 * time.Hour)
	props, _ := marshal(role)
	if _, err := s.Create(context.Background(), &pulumirpc.CreateRequest{Urn: string(urnOf(customRoleType, "role")), Properties: props, Preview: true}); err != nil {
		t.Fatalf("preview: %v", err)
	}
}

// Without a state file nothing is remembered between runs: a fresh project every time.
func TestCustomRoleWithoutStateFile(t *testing.T) {
	t.Setenv(CloudStateEnv, "")
	t.Setenv(CloudChangesEnv, "")
	s := New(Clouds["gcp"], nil)
	role := pm("project", "p", "roleId", "r", "title", "t", "permissions", []any{"x"})
	id, err := createVia(t, s, customRoleType, "role", role)
	if err != nil {
		t.Fatal(err)
	}
	deleteVia(t, s, customRoleType, "role", id)
	if _, err := createVia(t, s, customRoleType, "role", role); err != nil {
		t.Fatal(err)
	}
}
