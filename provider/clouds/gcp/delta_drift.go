package gcp

// The drift check (ruledelta -drift) on GCP. A firewall belongs to the
// network, not to any resource of the stack, so a refresh cannot list the
// firewalls added by hand that target the appliances' tag: the check says
// so rather than guess (cloud.Delta.Groups is empty). What it does read is
// a firewall's disabled flag: GCP has no expiry on a firewall, and a
// disabled one admits nothing, so an SSH firewall disabled after its expiry
// (by hand, or by a job that PATCHes {"disabled": true}) is not open.

const firewallType = "gcp:compute/firewall:Firewall"

// disabledFirewall: the firewall exists but is not enforced. The refreshed
// outputs say so whether or not the inputs ever set it.
func disabledFirewall(in, out map[string]any) bool {
	return in["disabled"] == true || out["disabled"] == true //nolint:revive // JSON values: only the boolean true counts, not "true"
}
