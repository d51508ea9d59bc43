package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// policyFixture is the clean state with one thing wrong; mutate makes the change and returns the
// violations it must cause, as "[level] policy: resource name".
type policyFixture struct {
	name   string
	mutate func(t *testing.T, st *exportedState) []string
}

const (
	awsGroup    = "aws:ec2/securityGroup:SecurityGroup"
	awsSchedule = "aws:scheduler/schedule:Schedule"
	azureNSG    = "azure-native:network:NetworkSecurityGroup"
	azureFlow   = "azure-native:logic:Workflow"
	gcpJob      = "gcp:cloudscheduler/job:Job"
	ingressPol  = "[mandatory] appliance-ingress-documented: "
	egressPol   = "[mandatory] appliance-egress-documented: "
	internetPol = "[mandatory] no-internet-open-rules: "
	sshPol      = "[mandatory] ssh-time-boxed: "
	denyAllPol  = "[mandatory] deny-all-below-allows: "
	describePol = "[advisory] rule-descriptions: "
	inCloudPol  = "[advisory] ssh-closed-in-cloud: "
)

func port(n float64) func(map[string]any) bool {
	return func(out map[string]any) bool { return out["fromPort"] == n }
}

func azure(direction, port string) func(map[string]any) bool {
	return func(out map[string]any) bool {
		return out["direction"] == direction && out["destinationPortRange"] == port && out["access"] == "Allow"
	}
}

func azureDeny(direction string) func(map[string]any) bool {
	return func(out map[string]any) bool { return out["direction"] == direction && out["access"] == "Deny" }
}

func gcpNamed(suffix string) func(map[string]any) bool {
	return func(out map[string]any) bool {
		name, _ := out["name"].(string)
		return strings.HasSuffix(name, suffix)
	}
}

func each(prefix string, rs []map[string]any) []string {
	var out []string
	for _, r := range rs {
		out = append(out, prefix+nameOfState(r))
	}
	return out
}

// policyFixtures are the fixtures of a state taken at now, with an SSH window open until expires.
func policyFixtures(now, expires time.Time) []policyFixture {
	// A time after the window, for schedulers that close it too late.
	late := expires.Add(24 * time.Hour).UTC()
	return []policyFixture{
		// AWS
		{"aws: a hand-written ingress rule added to the appliance group", func(t *testing.T, st *exportedState) []string {
			st.handWritten(t, st.one(t, awsIngressRule, port(443)), "admin-console", map[string]any{
				"fromPort": 8443, "toPort": 8443, "cidrIpv4": "10.0.0.0/8", "prefixListId": nil, "description": "admin console"})
			return []string{ingressPol + "admin-console"}
		}},
		{"aws: egress outside the documented set", func(t *testing.T, st *exportedState) []string {
			st.handWritten(t, st.find(awsEgressRule, port(4138))[0], "smtp-relay", map[string]any{
				"fromPort": 25, "toPort": 25, "cidrIpv4": "203.0.113.0/24", "description": "mail relay"})
			return []string{egressPol + "smtp-relay"}
		}},
		{"aws: two rules that add up to the internet", func(t *testing.T, st *exportedState) []string {
			agents := st.one(t, awsIngressRule, port(443))
			for _, half := range []string{"0.0.0.0/1", "128.0.0.0/1"} {
				name := "half-" + half[:1]
				st.handWritten(t, agents, name, map[string]any{"cidrIpv4": half, "prefixListId": nil, "description": "web"})
			}
			return []string{ingressPol + "half-0", ingressPol + "half-1", internetPol + "half-0", internetPol + "half-1"}
		}},
		{"aws: an SSH rule that states no expiry", func(t *testing.T, st *exportedState) []string {
			ssh := st.find(awsIngressRule, port(22))[0]
			set(ssh, map[string]any{"description": "Troubleshooting"})
			return []string{sshPol + nameOfState(ssh)}
		}},
		{"aws: an expired SSH window", func(t *testing.T, st *exportedState) []string {
			ssh := st.find(awsIngressRule, port(22))
			for _, r := range ssh {
				set(r, map[string]any{"description": sshDescription(r, now.Add(-time.Hour))})
			}
			return each(sshPol, ssh)
		}},
		{"aws: a hand-written group marked as the appliances'", func(t *testing.T, st *exportedState) []string {
			appliances := st.one(t, awsGroup, func(out map[string]any) bool {
				tags, _ := out["tags"].(map[string]any)
				return tags["threatmanager:role"] == "appliances"
			})
			st.handWritten(t, appliances, "legacy-appliances", map[string]any{
				"arn":     "arn:aws:ec2:us-east-1:123456789012:security-group/sg-legacy",
				"ingress": []any{map[string]any{"protocol": "tcp", "fromPort": 3389, "toPort": 3389, "cidrBlocks": []any{"0.0.0.0/0"}, "description": "RDP"}}})
			return []string{ingressPol + "legacy-appliances", internetPol + "legacy-appliances"}
		}},
		{"aws: a rule without a description", func(t *testing.T, st *exportedState) []string {
			r := st.find(awsEgressRule, port(4138))[0]
			set(r, map[string]any{"description": ""})
			return []string{describePol + nameOfState(r)}
		}},
		{"aws: nothing in the cloud closes SSH", func(t *testing.T, st *exportedState) []string {
			for _, s := range st.find(awsSchedule, nil) {
				st.remove(t, s)
			}
			return each(inCloudPol, st.find(awsIngressRule, port(22)))
		}},
		{"aws: one SSH rule's schedule is gone", func(t *testing.T, st *exportedState) []string {
			schedule := st.find(awsSchedule, nil)[0]
			target, _ := schedule["outputs"].(map[string]any)["target"].(map[string]any)
			var input struct{ SecurityGroupRuleIds []string }
			if err := json.Unmarshal([]byte(target["input"].(string)), &input); err != nil || len(input.SecurityGroupRuleIds) != 1 {
				t.Fatalf("schedule input %v: %v", target["input"], err)
			}
			st.remove(t, schedule)
			return each(inCloudPol, st.find(awsIngressRule, func(out map[string]any) bool {
				return out["securityGroupRuleId"] == input.SecurityGroupRuleIds[0]
			}))
		}},
		{"aws: the cloud closes SSH a day late", func(t *testing.T, st *exportedState) []string {
			for _, s := range st.find(awsSchedule, nil) {
				set(s, map[string]any{"scheduleExpression": "at(" + late.Format("2006-01-02T15:04:05") + ")"})
			}
			return each(inCloudPol, st.find(awsIngressRule, port(22)))
		}},

		// Azure
		{"azure: a hand-written inbound rule in the appliance NSG", func(t *testing.T, st *exportedState) []string {
			st.handWritten(t, st.one(t, azureRule, azure("Inbound", "443")), "rdp", map[string]any{
				"securityRuleName": "rdp", "name": "rdp", "priority": 300, "destinationPortRange": "3389", "sourceAddressPrefixes": []any{"10.9.0.0/16"}, "description": "RDP"})
			return []string{ingressPol + "rdp"}
		}},
		{"azure: outbound outside the documented set", func(t *testing.T, st *exportedState) []string {
			st.handWritten(t, st.one(t, azureRule, azure("Outbound", "4138")), "smtp", map[string]any{
				"securityRuleName": "smtp", "name": "smtp", "priority": 310, "destinationPortRange": "25", "destinationAddressPrefixes": []any{"203.0.113.0/24"}, "description": "mail"})
			return []string{egressPol + "smtp"}
		}},
		{"azure: outbound to the Internet service tag", func(t *testing.T, st *exportedState) []string {
			st.handWritten(t, st.one(t, azureRule, azure("Outbound", "4138")), "web-out", map[string]any{
				"securityRuleName": "web-out", "name": "web-out", "priority": 320, "destinationPortRange": "443",
				"destinationAddressPrefixes": nil, "destinationAddressPrefix": "Internet", "description": "web"})
			return []string{egressPol + "web-out", internetPol + "web-out"}
		}},
		{"azure: an over-long SSH window", func(t *testing.T, st *exportedState) []string {
			ssh := st.one(t, azureRule, azure("Inbound", "22"))
			set(ssh, map[string]any{"description": sshDescription(ssh, now.Add(30*24*time.Hour))})
			// The workflow still fires at the window the rule was deployed with: early for the one it states.
			return []string{sshPol + nameOfState(ssh), inCloudPol + nameOfState(ssh)}
		}},
		{"azure: no deny-all outbound", func(t *testing.T, st *exportedState) []string {
			st.remove(t, st.one(t, azureRule, azureDeny("Outbound")))
			return []string{denyAllPol + nameOfState(st.one(t, azureNSG, nil))}
		}},
		{"azure: a rule without a description", func(t *testing.T, st *exportedState) []string {
			r := st.one(t, azureRule, azure("Outbound", "4138"))
			set(r, map[string]any{"description": nil})
			return []string{describePol + nameOfState(r)}
		}},
		{"azure: nothing in the cloud closes SSH", func(t *testing.T, st *exportedState) []string {
			st.remove(t, st.one(t, azureFlow, nil))
			return []string{inCloudPol + nameOfState(st.one(t, azureRule, azure("Inbound", "22")))}
		}},
		{"azure: the cloud closes SSH a day late", func(t *testing.T, st *exportedState) []string {
			flow := st.one(t, azureFlow, nil)
			for _, part := range []string{"inputs", "outputs"} {
				for _, trigger := range flow[part].(map[string]any)["definition"].(map[string]any)["triggers"].(map[string]any) {
					trigger.(map[string]any)["recurrence"].(map[string]any)["startTime"] = late.Format(time.RFC3339)
				}
			}
			return []string{inCloudPol + nameOfState(st.one(t, azureRule, azure("Inbound", "22")))}
		}},

		// GCP
		{"gcp: a hand-written firewall on the appliance tag", func(t *testing.T, st *exportedState) []string {
			st.handWritten(t, st.one(t, gcpFirewall, gcpNamed("-ingress-agent-updates")), "app-8080", map[string]any{
				"name": "app-8080", "priority": 800, "allows": []any{map[string]any{"protocol": "tcp", "ports": []any{"8080"}}}, "sourceRanges": []any{"10.9.0.0/16"}, "description": "app"})
			return []string{ingressPol + "app-8080"}
		}},
		{"gcp: an untargeted firewall on the network, above the deny-all", func(t *testing.T, st *exportedState) []string {
			st.handWritten(t, st.one(t, gcpFirewall, gcpNamed("-egress-event-transport")), "smtp-everywhere", map[string]any{
				"name": "smtp-everywhere", "priority": 500, "targetTags": nil, "allows": []any{map[string]any{"protocol": "tcp", "ports": []any{"25"}}},
				"destinationRanges": []any{"203.0.113.0/24"}, "description": "mail"})
			return []string{egressPol + "smtp-everywhere"}
		}},
		{"gcp: ingress from the internet", func(t *testing.T, st *exportedState) []string {
			st.handWritten(t, st.one(t, gcpFirewall, gcpNamed("-ingress-agent-updates")), "https-world", map[string]any{
				"name": "https-world", "sourceRanges": []any{"0.0.0.0/0"}, "description": "web"})
			return []string{ingressPol + "https-world", internetPol + "https-world"}
		}},
		{"gcp: an expired SSH window", func(t *testing.T, st *exportedState) []string {
			ssh := st.one(t, gcpFirewall, gcpNamed("-ingress-ssh"))
			set(ssh, map[string]any{"description": sshDescription(ssh, now.Add(-2*time.Hour))})
			return []string{sshPol + nameOfState(ssh)}
		}},
		{"gcp: an allow below the deny-all", func(t *testing.T, st *exportedState) []string {
			st.handWritten(t, st.one(t, gcpFirewall, gcpNamed("-egress-updates")), "late-updates", map[string]any{
				"name": "late-updates", "priority": 1100, "description": "updates, late"})
			return []string{denyAllPol + "late-updates"}
		}},
		{"gcp: no deny-all ingress", func(t *testing.T, st *exportedState) []string {
			st.remove(t, st.one(t, gcpFirewall, gcpNamed("-ingress-deny-all")))
			return []string{denyAllPol + "(stack)"}
		}},
		{"gcp: a rule without a description", func(t *testing.T, st *exportedState) []string {
			r := st.one(t, gcpFirewall, gcpNamed("-egress-ntp"))
			set(r, map[string]any{"description": ""})
			return []string{describePol + nameOfState(r)}
		}},
		{"gcp: nothing in the cloud closes SSH", func(t *testing.T, st *exportedState) []string {
			st.remove(t, st.one(t, gcpJob, nil))
			return []string{inCloudPol + nameOfState(st.one(t, gcpFirewall, gcpNamed("-ingress-ssh")))}
		}},
		{"gcp: the cloud closes SSH a day late", func(t *testing.T, st *exportedState) []string {
			cron := fmt.Sprintf("%d %d %d %d *", late.Minute(), late.Hour(), late.Day(), int(late.Month()))
			set(st.one(t, gcpJob, nil), map[string]any{"schedule": cron})
			return []string{inCloudPol + nameOfState(st.one(t, gcpFirewall, gcpNamed("-ingress-ssh")))}
		}},
	}
}
