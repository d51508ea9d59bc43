package rulestest

import (
	"errors"
	"fmt"
	"maps"
	"net/netip"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp"
	"github.com/threatmanager/pulumi-threatmanager/provider/requirements"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

var (
	azureName = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9_])?$`)
	ruleKey   = regexp.MustCompile(`^[a-z0-9-]+$`)
)

// Cloud limits on descriptions.
const (
	awsMaxDescription   = 255
	azureMaxDescription = 140
	gcpMaxDescription   = 2048
)

// CheckRefusal checks a refusal: an *InputError whose every problem names a
// field and gives a reason.
func CheckRefusal(err error) []string {
	var ie *rules.InputError
	if !errors.As(err, &ie) {
		return []string{fmt.Sprintf("refused with %T, not an *rules.InputError: %v", err, err)}
	}
	var out []string
	for _, fe := range ie.Errors {
		if fe.Field == "" || fe.Reason == "" {
			out = append(out, fmt.Sprintf("a problem without a field or reason: %+v", fe))
		}
	}
	return out
}

// CheckPlan returns the invariants an accepted plan for in at now breaks.
// The plan must hold exactly the rules Expected derives for in: none
// missing, none extra.
func CheckPlan(in rules.Input, plan rules.Plan, now time.Time) []string {
	var v violations
	want := Expected(in, now)
	sshRules := 0
	keys := map[string]bool{}
	for _, r := range plan.Rules {
		key := r.Key()
		v.check(!keys[key], "two rules share the key %s", key)
		v.check(ruleKey.MatchString(key), "rule key %q is not [a-z0-9-]", key)
		keys[key] = true
		v.check(r.Description != "" && len(r.Description) <= awsMaxDescription, "%s: description %q is empty or over AWS's %d", key, r.Description, awsMaxDescription)
		if r.Direction == requirements.Ingress && !r.Peer.IsSymbolic() {
			v.check(r.Peer.Prefix.Bits() >= rules.MinPrefixBits, "%s: ingress from %s, wider than /%d", key, r.Peer, rules.MinPrefixBits)
		}
		if r.Peer.Prefix == internet {
			v.check(r.Purpose == requirements.ApplianceUpdates, "%s: 0.0.0.0/0 outside the TCP 80 rule", key)
		}
		if r.Purpose == requirements.SSH {
			sshRules++
			v.check(r.ExpiresAt != nil && want.SSH.Open && r.ExpiresAt.Equal(want.SSH.ExpiresAt), "%s: SSH rule expires at %v, want %s", key, r.ExpiresAt, want.SSH.ExpiresAt)
		}
	}
	checkEqualRows(&v, "appliance rule", want.Rules, planRows(plan.Rules))
	checkEqualRows(&v, "agent-side rule", want.AgentSide, planRows(plan.AgentSideRules))
	if in.AgentCIDRs.Known {
		checkEqualRows(&v, "agent CIDR", want.AgentCIDRs, plan.AgentCIDRs)
		v.check(slices.IsSortedFunc(plan.AgentCIDRs, func(a, b string) int {
			return netip.MustParsePrefix(a).Compare(netip.MustParsePrefix(b))
		}), "agent CIDRs %v are not in address order", plan.AgentCIDRs)
	} else {
		v.check(len(plan.AgentCIDRs) == 0, "agent CIDRs %v planned while they were unknown", plan.AgentCIDRs)
	}
	checkWindow(&v, want.SSH, plan)
	for _, set := range slices.Sorted(maps.Keys(want.Lists)) {
		n := Covered(want.Lists[set])
		v.check(n <= rules.MaxCoveredAddresses, "accepted %s ranges %v that cover %d addresses together, more than the bound of %d: the internet by meaning", set, want.Lists[set], n, rules.MaxCoveredAddresses)
	}
	checkSSH(&v, in, plan, now, sshRules)
	checkTags(&v, plan)
	checkQuotas(&v, in, plan)
	if az, ok := rules.CloudPlanOf[*azure.Plan](plan); ok {
		checkAzure(&v, in, az)
		var groups []rules.RuleGroup
		for _, r := range az.SecurityRules {
			groups = append(groups, r.RuleGroup)
		}
		checkGrouping(&v, "Azure", plan, groups)
	}
	if g, ok := rules.CloudPlanOf[*gcp.Plan](plan); ok {
		checkGCP(&v, in, g)
		var groups []rules.RuleGroup
		for _, fw := range g.Firewalls {
			groups = append(groups, fw.RuleGroup)
		}
		checkGrouping(&v, "GCP", plan, groups)
	}
	return v.list
}

// checkGrouping: Azure's and GCP's rules, which hold many peers and (on GCP)
// several protocols each, expand to exactly the plan's rules: grouping
// widens nothing and loses nothing.
func checkGrouping(v *violations, cloud string, plan rules.Plan, groups []rules.RuleGroup) {
	want := map[string]int{}
	for _, r := range plan.Rules {
		want[fmt.Sprintf("%s %s %s %s", r.Direction, r.Protocol, r.Ports, r.Peer)]++
	}
	got := map[string]int{}
	for _, g := range groups {
		if g.Access != rules.Allow {
			continue
		}
		peers := g.AddressPrefixes(nil)
		if g.Agents {
			peers = append(peers, "agents")
		}
		for _, m := range g.Matches {
			for _, peer := range peers {
				got[fmt.Sprintf("%s %s %s %s", g.Direction, m.Protocol, m.Ports, peer)]++
			}
		}
	}
	for row, n := range got {
		v.check(want[row] == n, "%s allows %q %d times; the plan has it %d times", cloud, row, n, want[row])
	}
	for row, n := range want {
		v.check(got[row] == n, "%s lacks %q, which the plan has %d times", cloud, row, n)
	}
}

func checkSSH(v *violations, in rules.Input, plan rules.Plan, now time.Time, sshRules int) {
	if !plan.SSH.Open {
		v.check(sshRules == 0, "%d SSH rules while the window is closed", sshRules)
		return
	}
	if !v.check(in.SSHAccess != nil, "SSH open without sshAccess") {
		return
	}
	window := 168 * time.Hour
	if h := in.SSHAccess.MaxWindowHours; h != nil {
		window = time.Duration(*h) * time.Hour
	}
	expires := plan.SSH.ExpiresAt
	v.check(expires.After(now) && !expires.After(now.Add(window)), "SSH open until %s: not after now (%s) or past the window of %s", expires, now, window)
	v.check(sshRules > 0, "SSH open with no rules")
	if plan.SSH.ClosedByCloud {
		v.check(plan.SSH.ClosesAt.Sub(now) >= rules.MinInCloudLead, "the cloud closes SSH %s from now, under the lead of %s", plan.SSH.ClosesAt.Sub(now), rules.MinInCloudLead)
		a, hasAWS := rules.CloudPlanOf[*aws.Plan](plan)
		v.check(!hasAWS || a.SSHExpiryNamePrefix != "", "AWS has no expiry while the cloud closes SSH")
		az, hasAzure := rules.CloudPlanOf[*azure.Plan](plan)
		v.check(!hasAzure || az.SSHExpiry != nil, "Azure has no expiry while the cloud closes SSH")
		g, hasGCP := rules.CloudPlanOf[*gcp.Plan](plan)
		v.check(!hasGCP || g.SSHExpiry != nil, "GCP has no expiry while the cloud closes SSH")
	}
}

// The marker the policy pack finds the groups by, and each cloud's tag
// limit per resource.
const (
	roleTag      = "threatmanager:role"
	cloudMaxTags = 50
)

// checkTags: the marker is the component's alone (Azure compares tag names
// without case), and every child's tags, the component's included, fit the
// clouds' limit.
func checkTags(v *violations, plan rules.Plan) {
	_, hasAWS := rules.CloudPlanOf[*aws.Plan](plan)
	_, hasAzure := rules.CloudPlanOf[*azure.Plan](plan)
	for k := range plan.Tags {
		v.check(!strings.EqualFold(k, roleTag), "the user's tags set %s: %q", k, plan.Tags[k])
	}
	for _, role := range []string{"appliances", "agents", "ssh-expiry"} {
		tags := plan.TagsFor(role)
		v.check(tags[roleTag] == role, "TagsFor(%q) sets %s to %q", role, roleTag, tags[roleTag])
		n := len(tags)
		if hasAWS {
			n++ // Name
		}
		v.check(!hasAWS && !hasAzure || n <= cloudMaxTags, "a child carries %d tags, over %d", n, cloudMaxTags)
	}
}

func checkAzure(v *violations, in rules.Input, az *azure.Plan) {
	names := map[string]bool{}
	deny := map[requirements.Direction]int{}
	for _, r := range az.SecurityRules {
		v.check(!names[r.Name] && azureName.MatchString(r.Name) && len(r.Name) <= 80, "Azure rule name %q repeated or invalid", r.Name)
		names[r.Name] = true
		v.check(r.Description != "" && len(r.Description) <= azureMaxDescription, "Azure %s: description over %d", r.Name, azureMaxDescription)
		v.check(r.Priority >= 100 && r.Priority <= 4096, "Azure %s: priority %d outside 100-4096", r.Name, r.Priority)
		if r.Access == rules.Deny {
			deny[r.Direction] = r.Priority
		}
	}
	checkDenies(v, "Azure", in, deny, func(dir requirements.Direction) []int {
		var ps []int
		for _, r := range az.SecurityRules {
			if r.Access == rules.Allow && r.Direction == dir {
				ps = append(ps, r.Priority)
			}
		}
		return ps
	})
}

func checkGCP(v *violations, in rules.Input, g *gcp.Plan) {
	names := map[string]bool{}
	deny := map[requirements.Direction]int{}
	for _, fw := range g.Firewalls {
		v.check(!names[fw.Name] && gcp.ValidName(fw.Name), "GCP firewall name %q repeated or invalid", fw.Name)
		names[fw.Name] = true
		v.check(fw.Description != "" && len(fw.Description) <= gcpMaxDescription, "GCP %s: description over %d", fw.Name, gcpMaxDescription)
		if fw.Access == rules.Deny {
			deny[fw.Direction] = fw.Priority
		}
	}
	checkDenies(v, "GCP", in, deny, func(dir requirements.Direction) []int {
		var ps []int
		for _, fw := range g.Firewalls {
			if fw.Access == rules.Allow && fw.Direction == dir {
				ps = append(ps, fw.Priority)
			}
		}
		return ps
	})
}

// checkDenies: each direction that should end in a deny-all does, and the
// deny has a lower precedence (a higher number) than every allow.
func checkDenies(v *violations, cloud string, in rules.Input, deny map[requirements.Direction]int, allows func(requirements.Direction) []int) {
	inbound := in.DenyOtherInbound == nil || *in.DenyOtherInbound
	for dir, wanted := range map[requirements.Direction]bool{requirements.Egress: true, requirements.Ingress: inbound} {
		priority, ok := deny[dir]
		if !v.check(ok == wanted, "%s: %s deny-all present %v, want %v", cloud, dir, ok, wanted) || !ok {
			continue
		}
		for _, p := range allows(dir) {
			v.check(p < priority, "%s: an %s allow at %d is not above the deny-all at %d", cloud, dir, p, priority)
		}
	}
}

type violations struct{ list []string }

// check records a violation unless ok, and returns ok.
func (v *violations) check(ok bool, format string, args ...any) bool {
	if !ok {
		v.list = append(v.list, fmt.Sprintf(format, args...))
	}
	return ok
}
