package standin

// The gcp stand-in: pulumi-gcp v7.38.0, which bridges hashicorp/terraform-provider-google. Each
// resource's replace list was read from the upstream file cited above it (Terraform "ForceNew"
// attributes); property names are the Pulumi (camelCase) names of the pinned SDK.

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

const (
	fakeGCPProject = "offline-standin-project" // obviously fake
	gcpTimestamp   = "2000-01-01T00:00:00.000-00:00"
)

var gcpSDK = &GoSDK{Module: "github.com/pulumi/pulumi-gcp/sdk/v7", Version: "v7.38.0", Dir: "go/gcp", Label: "gcp"}

var gcpCloud = &Cloud{
	Name: "gcp", Package: "gcp", Version: "7.38.0",
	Config: []string{"project", "region", "zone"},
	Resources: map[string]*Resource{
		// google/services/compute/resource_compute_subnetwork.go (hashicorp/terraform-provider-google
		// @0110d02a): name, network, description, purpose, region, project are ForceNew, and
		// CustomizeDiff ForceNewIfChange("ip_cidr_range", IsShrinkageIpCidr) replaces when the new
		// primary range does not contain the old one (expanding updates in place).
		"gcp:compute/subnetwork:Subnetwork": {SDK: gcpSDK.File("compute/subnetwork.go"),
			Replace:  []string{"name", "network", "description", "purpose", "region", "project"},
			AutoName: "name", AutoNameOf: gcpName,
			ReplaceRule: gcpSubnetworkShrink,
			Create: func(cfg Config, urn resource.URN, inputs, out resource.PropertyMap) string {
				s := resource.NewStringProperty
				project, region := gcpProject(cfg, inputs), gcpRegion(cfg, inputs)
				id := fmt.Sprintf("projects/%s/regions/%s/subnetworks/%s", project, region, str(inputs, "name"))
				out["project"], out["region"] = s(project), s(region)
				out["selfLink"] = s("https://www.googleapis.com/compute/v1/" + id)
				out["creationTimestamp"], out["fingerprint"] = s(gcpTimestamp), s(hexOf(16, string(urn), "fp"))
				out["gatewayAddress"] = s(firstHost(str(inputs, "ipCidrRange")))
				setIfAbsent(out, "purpose", s("PRIVATE"))
				setIfAbsent(out, "stackType", s("IPV4_ONLY"))
				return id
			}},
		// google/services/compute/resource_compute_firewall.go (@07fc8657, same in
		// modular-magician/terraform-provider-google@152cfa63): name, direction, project are ForceNew
		// (params too, which v7.38.0 does not expose); network is not, and the rule lists, ranges,
		// tags, priority, description and logging update in place. Priority defaults to 1000.
		"gcp:compute/firewall:Firewall": {SDK: gcpSDK.File("compute/firewall.go"),
			Replace:  []string{"name", "direction", "project"},
			AutoName: "name", AutoNameOf: gcpName,
			Defaults: resource.PropertyMap{"priority": resource.NewNumberProperty(1000)},
			Create: func(cfg Config, _ resource.URN, inputs, out resource.PropertyMap) string {
				s := resource.NewStringProperty
				project := gcpProject(cfg, inputs)
				id := fmt.Sprintf("projects/%s/global/firewalls/%s", project, str(inputs, "name"))
				out["project"] = s(project)
				out["selfLink"] = s("https://www.googleapis.com/compute/v1/" + id)
				out["creationTimestamp"] = s(gcpTimestamp)
				setIfAbsent(out, "direction", s("INGRESS"))
				setIfAbsent(out, "disabled", resource.NewBoolProperty(false))
				return id
			}},
		// An appliance VM (examples/appliances-yaml). google/services/compute/resource_compute_instance.go
		// (hashicorp/terraform-provider-google@b592f180): ForceNew on boot_disk (and every attribute in
		// it), name, zone, project, description, hostname, metadata_startup_script, guest_accelerator,
		// scratch_disk, params, network_performance_config, confidential_instance_config and
		// reservation_affinity. network_interface is ForceNew as a block (a change in the number of
		// interfaces), and inside it nic_type and queue_count; CustomizeDiff
		// forceNewIfNetworkIPNotUpdatable replaces when network_ip changes without the network,
		// subnetwork or subnetwork_project (gcpInstanceReplaces). In scheduling, preemptible,
		// provisioning_model and local_ssd_recovery_timeout are ForceNew. machine_type, tags, labels,
		// metadata, service_account, shielded_instance_config and the rest update in place (some only
		// with allow_stopping_for_update, which the provider checks at apply). can_ip_forward and
		// deletion_protection default to false. pulumi-gcp auto-names `name`; the id is
		// projects/<project>/zones/<zone>/instances/<name>.
		"gcp:compute/instance:Instance": {SDK: gcpSDK.File("compute/instance.go"),
			Replace: []string{"bootDisk", "confidentialInstanceConfig", "description", "guestAccelerators", "hostname",
				"metadataStartupScript", "name", "networkPerformanceConfig", "params", "project", "reservationAffinity",
				"scratchDisks", "zone"},
			ReplaceRule: gcpInstanceReplaces,
			AutoName:    "name", AutoNameOf: gcpName,
			Defaults: resource.PropertyMap{
				"canIpForward":       resource.NewBoolProperty(false),
				"deletionProtection": resource.NewBoolProperty(false),
			},
			Create: gcpInstance},
		// google/services/resourcemanager/resource_google_service_account.go
		// (hashicorp/terraform-provider-google@0540ffed): account_id and project are ForceNew;
		// display_name, description and disabled update in place (disabled defaults to false).
		"gcp:serviceaccount/account:Account": {SDK: gcpSDK.File("serviceaccount/account.go"),
			Replace:  []string{"accountId", "project"},
			Defaults: resource.PropertyMap{"disabled": resource.NewBoolProperty(false)},
			Create: func(cfg Config, urn resource.URN, inputs, out resource.PropertyMap) string {
				s := resource.NewStringProperty
				project := gcpProject(cfg, inputs)
				email := str(inputs, "accountId") + "@" + project + ".iam.gserviceaccount.com"
				id := "projects/" + project + "/serviceAccounts/" + email
				out["project"], out["email"], out["name"] = s(project), s(email), s(id)
				out["member"] = s("serviceAccount:" + email)
				out["uniqueId"] = s("1" + decimalOf(20, string(urn), "uniqueId"))
				return id
			}},
		// google/services/resourcemanager/resource_google_project_iam_custom_role.go (@2f152ea2):
		// role_id and project are ForceNew; title, description, permissions and stage are Patch
		// updates (stage defaults to "GA"). GCP soft-deletes a custom role (gcpCustomRoleSoftDelete).
		"gcp:projects/iAMCustomRole:IAMCustomRole": {SDK: gcpSDK.File("projects/iamcustomRole.go"),
			Replace:  []string{"roleId", "project"},
			Defaults: resource.PropertyMap{"stage": resource.NewStringProperty("GA")},
			Create: func(cfg Config, _ resource.URN, inputs, out resource.PropertyMap) string {
				project := gcpProject(cfg, inputs)
				id := "projects/" + project + "/roles/" + str(inputs, "roleId")
				out["project"], out["name"] = resource.NewStringProperty(project), resource.NewStringProperty(id)
				out["deleted"] = resource.NewBoolProperty(false)
				return id
			},
			SoftDelete: gcpCustomRoleSoftDelete},
		// google/tpgiamresource/resource_iam_member.go (@0262be69) IamMemberBaseSchema: role, member
		// and condition (and its title, description, expression) are ForceNew, and the resource has no
		// Update at all; google/services/resourcemanager/iam_project.go (@1babe97f) IamProjectSchema:
		// project is Required and ForceNew. So every input replaces.
		"gcp:projects/iAMMember:IAMMember": {SDK: gcpSDK.File("projects/iammember.go"),
			Replace: []string{"condition", "member", "project", "role"},
			Create: func(_ Config, urn resource.URN, inputs, out resource.PropertyMap) string {
				// TF id: "<project>/<role>/<member>", plus "/<title>/<description>/<expression>" with
				// a condition.
				id := str(inputs, "project") + "/" + str(inputs, "role") + "/" + str(inputs, "member")
				if c, ok := inputs["condition"]; ok && c.IsObject() {
					cm := c.ObjectValue()
					id += "/" + str(cm, "title") + "/" + str(cm, "description") + "/" + str(cm, "expression")
				}
				out["etag"] = resource.NewStringProperty("BwY" + hexOf(9, string(urn), "etag"))
				return id
			}},
		// google/services/cloudscheduler/resource_cloud_scheduler_job.go (@12c5f877): name, region and
		// project are ForceNew; schedule, time zone, targets, retry config, attempt deadline,
		// description and paused are PATCH (and pause/resume) updates. time_zone defaults to "Etc/UTC"
		// and attempt_deadline to "180s". pulumi-gcp auto-names `name` (optional in the SDK). The
		// state is PAUSED when paused, else ENABLED.
		"gcp:cloudscheduler/job:Job": {SDK: gcpSDK.File("cloudscheduler/job.go"),
			Replace:  []string{"name", "project", "region"},
			AutoName: "name", AutoNameOf: gcpName,
			Defaults: resource.PropertyMap{
				"timeZone":        resource.NewStringProperty("Etc/UTC"),
				"attemptDeadline": resource.NewStringProperty("180s"),
			},
			Create: func(cfg Config, _ resource.URN, inputs, out resource.PropertyMap) string {
				project, region := gcpProject(cfg, inputs), gcpRegion(cfg, inputs)
				out["project"], out["region"] = resource.NewStringProperty(project), resource.NewStringProperty(region)
				setIfAbsent(out, "paused", resource.NewBoolProperty(false))
				out["state"] = resource.NewStringProperty(gcpJobState(out))
				return fmt.Sprintf("projects/%s/locations/%s/jobs/%s", project, region, str(inputs, "name"))
			},
			Update: func(_, _, news, out resource.PropertyMap) {
				if _, ok := news["paused"]; !ok {
					out["paused"] = resource.NewBoolProperty(false)
				}
				out["state"] = resource.NewStringProperty(gcpJobState(out))
			}},
	},
	Invokes: map[string]func(Config, resource.PropertyMap) resource.PropertyMap{
		"gcp:organizations/getClientConfig:getClientConfig": func(cfg Config, _ resource.PropertyMap) resource.PropertyMap {
			s := resource.NewStringProperty
			project, region := cfg.get("project", fakeGCPProject), cfg.get("region", "us-central1")
			return resource.PropertyMap{"id": s(project), "project": s(project),
				"region": s(region), "zone": s(region + "-a"), "accessToken": s("offline-standin")}
		},
	},
	// pulumi-gcp PATCHes the resource's URL and gets a 404: "Error updating Firewall %q: %s"
	// (google/services/compute/resource_compute_firewall.go Update, @07fc8657; the other generated
	// resources share the shape).
	UpdateOfDeleted: func(token, id string) (bool, error) {
		kind := token[strings.LastIndex(token, ":")+1:]
		//nolint:staticcheck // ST1005: the real provider's message, capital and all
		return false, fmt.Errorf("Error updating %s %q: googleapi: Error 404: The resource '%s' was not found, notFound",
			kind, id, id)
	},
}

func gcpProject(cfg Config, inputs resource.PropertyMap) string {
	return orDefault(str(inputs, "project"), cfg.get("project", fakeGCPProject))
}

// gcpZone is a zonal resource's zone: its own, else the provider's (terraform-provider-google
// tpgresource.GetZone), else the first zone of the provider's region.
func gcpZone(cfg Config, inputs resource.PropertyMap) string {
	return orDefault(str(inputs, "zone"), cfg.get("zone", cfg.get("region", "us-central1")+"-a"))
}

// gcpInstanceReplaces are a compute instance's value-dependent replacements (see its table entry).
var gcpInstanceReplaces = replaceRules(
	nestedReplace("networkInterfaces", true, "nicType", "queueCount"),
	nestedReplace("scheduling", false, "preemptible", "provisioningModel", "localSsdRecoveryTimeout"),
	gcpNetworkIPNotUpdatable,
)

// gcpNetworkIPNotUpdatable mirrors forceNewIfNetworkIPNotUpdatable: with as many interfaces as
// before, an interface whose networkIp changes while its network, subnetwork and subnetworkProject
// do not replaces the instance.
func gcpNetworkIPNotUpdatable(oldInputs, news resource.PropertyMap) []string {
	o, n := oldInputs["networkInterfaces"], news["networkInterfaces"]
	if !o.IsArray() || !n.IsArray() || len(o.ArrayValue()) != len(n.ArrayValue()) {
		return nil
	}
	for i, ne := range n.ArrayValue() {
		oe := o.ArrayValue()[i]
		if !oe.IsObject() || !ne.IsObject() {
			continue
		}
		om, nm := oe.ObjectValue(), ne.ObjectValue()
		same := func(k resource.PropertyKey) bool { return om[k].DeepEquals(nm[k]) && !nm[k].ContainsUnknowns() }
		if !same("networkIp") && same("network") && same("subnetwork") && same("subnetworkProject") {
			return []string{"networkInterfaces"}
		}
	}
	return nil
}

// gcpInstance creates a compute instance, RUNNING, with the server-assigned id and fingerprints and,
// in each network interface, the name and internal address GCP gives it.
func gcpInstance(cfg Config, urn resource.URN, inputs, out resource.PropertyMap) string {
	s := resource.NewStringProperty
	project, zone := gcpProject(cfg, inputs), gcpZone(cfg, inputs)
	id := fmt.Sprintf("projects/%s/zones/%s/instances/%s", project, zone, str(inputs, "name"))
	out["project"], out["zone"] = s(project), s(zone)
	out["selfLink"] = s("https://www.googleapis.com/compute/v1/" + id)
	out["instanceId"] = s("1" + decimalOf(18, string(urn), "instanceId"))
	out["currentStatus"], out["cpuPlatform"] = s("RUNNING"), s("Intel Cascade Lake")
	for _, k := range []string{"labelFingerprint", "metadataFingerprint", "tagsFingerprint"} {
		out[resource.PropertyKey(k)] = s(hexOf(16, string(urn), k))
	}
	labels := resource.NewObjectProperty(resource.PropertyMap{})
	if l, ok := inputs["labels"]; ok && l.IsObject() {
		labels = l
	}
	out["effectiveLabels"], out["pulumiLabels"] = labels, labels
	if nics, ok := inputs["networkInterfaces"]; ok && nics.IsArray() {
		var withAddr []resource.PropertyValue
		for i, nic := range nics.ArrayValue() {
			if nic.IsObject() {
				m := nic.ObjectValue().Copy()
				setIfAbsent(m, "name", s(fmt.Sprintf("nic%d", i)))
				// The stand-in does not read the subnetwork's range: an address of GCP's default ranges.
				n, _ := strconv.ParseUint(hexOf(4, string(urn), "ip", strconv.Itoa(i)), 16, 32)
				setIfAbsent(m, "networkIp", s(fmt.Sprintf("10.128.%d.%d", (n>>8)%256, 2+n%250)))
				nic = resource.NewObjectProperty(m)
			}
			withAddr = append(withAddr, nic)
		}
		out["networkInterfaces"] = resource.NewArrayProperty(withAddr)
	}
	return id
}

func gcpRegion(cfg Config, inputs resource.PropertyMap) string {
	return orDefault(str(inputs, "region"), cfg.get("region", "us-central1"))
}

// gcpName is pulumi-gcp's auto-name: lower-case "<name>-<7 hex>".
func gcpName(urn resource.URN) string {
	return strings.ToLower(urn.Name()) + "-" + hexOf(7, string(urn))
}

// gcpJobState is a Cloud Scheduler job's state: PAUSED when paused, else ENABLED.
func gcpJobState(m resource.PropertyMap) string {
	if v, ok := m["paused"]; ok && v.IsBool() && v.BoolValue() {
		return "PAUSED"
	}
	return "ENABLED"
}

// firstHost returns the first usable address of an IPv4 CIDR (the subnetwork's gateway address).
func firstHost(cidr string) string {
	p, err := netip.ParsePrefix(cidr)
	if err != nil || !p.Addr().Is4() {
		return ""
	}
	return p.Masked().Addr().Next().String()
}

// gcpSubnetworkShrink mirrors IsShrinkageIpCidr: a new ipCidrRange that does not contain the whole
// old range replaces the subnetwork, as does a malformed one. Unknown values are left to the plain
// diff.
func gcpSubnetworkShrink(oldInputs, news resource.PropertyMap) []string {
	o, n := oldInputs["ipCidrRange"], news["ipCidrRange"]
	if !o.IsString() || !n.IsString() || o.StringValue() == n.StringValue() {
		return nil
	}
	outer, err1 := netip.ParsePrefix(n.StringValue())
	inner, err2 := netip.ParsePrefix(o.StringValue())
	if err1 == nil && err2 == nil {
		outer, inner = outer.Masked(), inner.Masked()
		if outer.Bits() <= inner.Bits() && outer.Contains(inner.Addr()) {
			return nil // the new range contains the old one
		}
	}
	return []string{"ipCidrRange"}
}

// gcpCustomRoleSoftDelete: GCP soft-deletes a custom role. pulumi-gcp's projects.IAMCustomRole docs
// (v7.38.0, sdk/go/gcp/projects/iamcustomRole.go): "creating a role may involve undeleting and then
// updating a role with the same name ... A deleted role is permanently deleted after 7 days, but it
// can take up to 30 more days (i.e. between 7 and 37 days after deletion) before the role name is
// made available again". The stand-in refuses the id for the whole 37 days, the worst case.
// terraform-provider-google resource_google_project_iam_custom_role.go Create (@2f152ea2) first
// GETs the role: a deleted one is undeleted (its Update calls Roles.Undelete, then Patch); only a
// role that is not found is created, and within the reserved window GCP refuses that.
var gcpCustomRoleSoftDelete = &SoftDelete{
	Undeletable: 7 * 24 * time.Hour,
	Reserved:    37 * 24 * time.Hour,
	Refused: func(name string, age time.Duration, deletedAt time.Time) error {
		// The error GCP returns, as terraform-provider-google reports it (seen in
		// terraform-google-modules/terraform-google-bastion-host#14, DataBiosphere/azul#4390).
		//nolint:staticcheck // ST1005: the real provider's message, capital and all
		return fmt.Errorf("Error creating the custom project role %s: googleapi: Error 400: "+
			"You can't create a role_id (%s) which has been marked for deletion., failedPrecondition "+
			"(deleted %s ago, at %s: GCP keeps a deleted custom role's id for up to 37 days)",
			name, name[strings.LastIndex(name, "/")+1:], age.Round(time.Hour), deletedAt.Format(time.RFC3339))
	},
}
