package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

const (
	awsSSHRule = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
)

// What opening SSH creates on each cloud: the SSH rules, and the scheduler
// and identity that close them in the cloud at expiry.
var sshTypes = map[string][]string{
	"aws": {
		awsSSHRule, awsSSHRule, awsSSHRule,
		awsSchedule, awsSchedule, awsSchedule, "aws:scheduler/scheduleGroup:ScheduleGroup",
		"aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy",
	},
	"azure": {
		"azure-native:network:SecurityRule",
		"azure-native:logic:Workflow", "azure-native:authorization:RoleDefinition", "azure-native:authorization:RoleAssignment",
	},
	"gcp": {
		"gcp:compute/firewall:Firewall",
		"gcp:serviceaccount/account:Account", "gcp:projects/iAMCustomRole:IAMCustomRole", "gcp:projects/iAMMember:IAMMember",
		"gcp:cloudscheduler/job:Job",
	},
}

// newWindowReplaces is what a new SSH window replaces: the SSH rules on AWS
// and GCP (they belong to their window, since the cloud may have removed
// them), GCP's custom role (one id per window) with its binding, and
// Azure's role assignment (one per window).
var newWindowReplaces = map[string][]string{
	"aws":   {awsSSHRule, awsSSHRule, awsSSHRule},
	"azure": {"azure-native:authorization:RoleAssignment"},
	"gcp":   {"gcp:compute/firewall:Firewall", "gcp:projects/iAMCustomRole:IAMCustomRole", "gcp:projects/iAMMember:IAMMember"},
}

// newWindowUpdates is what a new SSH window updates in place: the
// schedulers' times, and Azure's rule, whose description carries the expiry
// (a PUT, which creates it again if the cloud deleted it).
var newWindowUpdates = map[string][]string{
	"aws":   {awsSchedule, awsSchedule, awsSchedule},
	"azure": {"azure-native:network:SecurityRule", "azure-native:logic:Workflow"},
	"gcp":   {"gcp:cloudscheduler/job:Job"},
}

// newWindow checks a preview that moves the SSH window: the replacements
// and updates above, nothing created or deleted.
func newWindow(cloud string, p *Preview, o Ops) error {
	if err := only(o, "replace", "update"); err != nil {
		return err
	}
	if err := sameTypes(p.typesOf("replace"), newWindowReplaces[cloud]); err != nil {
		return fmt.Errorf("replaced: %w", err)
	}
	if err := sameTypes(p.typesOf("update"), newWindowUpdates[cloud]); err != nil {
		return fmt.Errorf("updated: %w", err)
	}
	return nil
}

// leftAfterCloudClosed is what a deployment after expiry deletes once the
// cloud has closed SSH and a refresh has seen it: every cloud deleted its
// SSH rules, so the expiry's resources are left.
var leftAfterCloudClosed = map[string][]string{
	"aws":   sshTypes["aws"][3:],
	"azure": sshTypes["azure"][1:],
	"gcp":   sshTypes["gcp"][1:],
}

// typesOf lists the resource types of the preview's steps of one kind.
func (p *Preview) typesOf(op string) []string {
	var types []string
	for urn, o := range p.opsByURN() {
		if o == op {
			types = append(types, typeOf(urn))
		}
	}
	return types
}

// warned fails unless the preview carries a warning containing text.
func (p *Preview) warned(text string) error {
	for _, d := range p.Diagnostics {
		if d.Severity == "warning" && strings.Contains(d.Message, text) {
			return nil
		}
	}
	return fmt.Errorf("no warning containing %q", text)
}

// onlyOf checks a preview does only op, to resources of exactly the cloud's
// types.
func onlyOf(op string, types map[string][]string) func(string, *Preview, Ops) error {
	return func(cloud string, p *Preview, o Ops) error {
		if err := only(o, op); err != nil {
			return err
		}
		return sameTypes(p.typesOf(op), types[cloud])
	}
}

// sameTypes compares two lists of types as multisets.
func sameTypes(got, want []string) error {
	got, want = slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))
	if !slices.Equal(got, want) {
		return fmt.Errorf("resources %v, want %v", got, want)
	}
	return nil
}

// closedByCloud checks the rule delta's "SSH closed by the cloud" section
// has a line of the given change.
func closedByCloud(md, change string) error {
	_, section, ok := strings.Cut(md, "SSH closed by the cloud")
	if !ok {
		return fmt.Errorf("the delta does not say when the cloud closes SSH")
	}
	if !strings.Contains(section, "| "+change+" |") {
		return fmt.Errorf("the delta's expiry section has no %q line:\n%s", change, section)
	}
	return nil
}

// cloudChanges is the STANDIN_CLOUD_CHANGES file: what the cloud did by
// itself, for the OFFLINE STAND-IN plugins.
type cloudChanges struct {
	Deleted []string                  `json:"deleted"`
	Changed map[string]map[string]any `json:"changed"`
}

// cloudClosesSSH opens SSH and deploys it, then plays each cloud's scheduler
// firing: it reads the schedulers' payloads from the stack export, checks
// they name exactly the SSH rules, and has the stand-ins act on them as the
// cloud would. Then the clock passes the expiry and `pulumi refresh` sees
// what the cloud did; the row's preview is the deployment after that.
func cloudClosesSSH(t *testing.T, s *stack, in *Input) {
	in.SshAccess = &SshAccess{ExpiresAt: s.now().UTC().Add(2 * time.Hour).Format(time.RFC3339)}
	s.program(in)
	s.up()
	s.cloudFires(fireSchedulers(t, children(t, s.export())))
	s.advanceClock(3 * time.Hour)
	s.pulumi("refresh", "--yes", "--skip-preview", "--suppress-progress")

	for _, r := range children(t, s.export()) {
		if isSSHRule(r) {
			t.Errorf("%s survived the refresh after the cloud deleted it", nameOf(r.URN))
		}
	}
}

// cloudFires has the OFFLINE STAND-IN plugins act as the cloud did.
func (s *stack) cloudFires(changes cloudChanges) {
	s.t.Helper()
	data, err := json.Marshal(changes)
	if err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(s.cloudFile, data, 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// cloudForgets clears what the cloud did, once the deployment has caught up.
func (s *stack) cloudForgets() {
	if err := os.Remove(s.cloudFile); err != nil && !os.IsNotExist(err) {
		s.t.Fatal(err)
	}
}

// fireSchedulers does what each scheduler in the stack would do at expiry,
// after checking that together they name exactly the SSH rules, each one
// rule: every cloud deletes its SSH rules.
func fireSchedulers(t *testing.T, kids []State) cloudChanges {
	t.Helper()
	var changes cloudChanges
	var sshIDs, sshNames, closed []string
	for _, r := range kids {
		if isSSHRule(r) {
			sshIDs = append(sshIDs, r.ID)
			name, _ := r.Outputs["name"].(string)
			sshNames = append(sshNames, name)
		}
	}
	for _, r := range kids {
		switch r.Type {
		case awsSchedule:
			target, _ := r.Outputs["target"].(map[string]any)
			raw, _ := target["input"].(string)
			var input struct {
				GroupId              string
				SecurityGroupRuleIds []string
			}
			if err := json.Unmarshal([]byte(raw), &input); err != nil {
				t.Fatalf("schedule input %q: %v", raw, err)
			}
			if len(input.SecurityGroupRuleIds) != 1 {
				t.Errorf("a schedule revokes %v, want one rule each", input.SecurityGroupRuleIds)
			}
			closed = append(closed, input.SecurityGroupRuleIds...)
			changes.Deleted = append(changes.Deleted, input.SecurityGroupRuleIds...)
		case "azure-native:logic:Workflow":
			def, _ := r.Outputs["definition"].(map[string]any)
			actions, _ := def["actions"].(map[string]any)
			for _, a := range actions {
				inputs, _ := a.(map[string]any)["inputs"].(map[string]any)
				uri, _ := inputs["uri"].(string)
				id, _, _ := strings.Cut(strings.TrimPrefix(uri, "https://management.azure.com"), "?")
				if inputs["method"] != "DELETE" {
					t.Errorf("the workflow calls %v %s, want DELETE", inputs["method"], uri)
				}
				closed = append(closed, id)
				changes.Deleted = append(changes.Deleted, id)
			}
		case "gcp:cloudscheduler/job:Job":
			target, _ := r.Outputs["httpTarget"].(map[string]any)
			uri, _ := target["uri"].(string)
			name := uri[strings.LastIndex(uri, "/")+1:]
			if target["httpMethod"] != "DELETE" || target["body"] != nil {
				t.Errorf("the job calls %v %s with %v, want DELETE with no body", target["httpMethod"], uri, target["body"])
			}
			for i, n := range sshNames {
				if n == name {
					closed = append(closed, sshIDs[i])
					changes.Deleted = append(changes.Deleted, sshIDs[i])
				}
			}
		}
	}
	if !sameSet(closed, sshIDs) || len(closed) != len(sshIDs) {
		t.Fatalf("the schedulers close %v, want each SSH rule once: %v", closed, sshIDs)
	}
	return changes
}

// isSSHRule reports whether a child is one of the SSH rules.
func isSSHRule(r State) bool {
	switch r.Type {
	case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
		return r.Inputs["fromPort"] == float64(22)
	case "azure-native:network:SecurityRule":
		return r.Inputs["destinationPortRange"] == "22"
	case "gcp:compute/firewall:Firewall":
		allows, _ := r.Inputs["allows"].([]any)
		for _, a := range allows {
			if ports, _ := a.(map[string]any)["ports"].([]any); slices.Contains(ports, any("22")) {
				return true
			}
		}
	}
	return false
}

func sameSet(a, b []string) bool {
	return len(a) > 0 && slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}
