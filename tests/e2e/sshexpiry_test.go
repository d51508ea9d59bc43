package e2e

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// What opening SSH creates on each cloud: the SSH rules, and the scheduler
// and identity that close them in the cloud at expiry.
var sshTypes = map[string][]string{
	"aws": {
		"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
		"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
		"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
		"aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy", "aws:scheduler/schedule:Schedule",
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

// extendedTypes is what moving the expiry updates in place: the SSH rules,
// whose descriptions carry it, and the scheduler.
var extendedTypes = map[string][]string{
	"aws":   append(slices.Clone(sshTypes["aws"][:3]), "aws:scheduler/schedule:Schedule"),
	"azure": {"azure-native:network:SecurityRule", "azure-native:logic:Workflow"},
	"gcp":   {"gcp:compute/firewall:Firewall", "gcp:cloudscheduler/job:Job"},
}

// leftAfterCloudClosed is what a deployment after expiry deletes once the
// cloud has closed SSH and a refresh has seen it: AWS and Azure deleted
// their rules, GCP disabled its rule, which stays until the deployment.
var leftAfterCloudClosed = map[string][]string{
	"aws":   sshTypes["aws"][3:],
	"azure": sshTypes["azure"][1:],
	"gcp":   sshTypes["gcp"],
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
// firing: it reads the scheduler's payload from the stack export, checks it
// names exactly the SSH rules, and has the stand-ins act on it as the cloud
// would. Then the clock passes the expiry and `pulumi refresh` sees what the
// cloud did; the row's preview is the deployment after that.
func cloudClosesSSH(t *testing.T, s *stack, in *Input) {
	in.SshAccess = &SshAccess{ExpiresAt: s.now().UTC().Add(2 * time.Hour).Format(time.RFC3339)}
	s.program(in)
	s.up()

	changes := fireSchedulers(t, children(t, s.export()))
	data, err := json.Marshal(changes)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.cloudFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	s.advanceClock(3 * time.Hour)
	s.pulumi("refresh", "--yes", "--skip-preview", "--suppress-progress")

	for _, r := range children(t, s.export()) {
		if isSSHRule(r) && r.Type != "gcp:compute/firewall:Firewall" {
			t.Errorf("%s survived the refresh after the cloud deleted it", nameOf(r.URN))
		}
		if isSSHRule(r) && r.Type == "gcp:compute/firewall:Firewall" && r.Outputs["disabled"] != true {
			t.Errorf("%s is not disabled after the refresh", nameOf(r.URN))
		}
	}
}

// cloudForgets clears what the cloud did, once the deployment has caught up.
func (s *stack) cloudForgets() {
	if err := os.Remove(s.cloudFile); err != nil && !os.IsNotExist(err) {
		s.t.Fatal(err)
	}
}

// fireSchedulers does what each scheduler in the stack would do at expiry,
// after checking that its payload names exactly the SSH rules.
func fireSchedulers(t *testing.T, kids []State) cloudChanges {
	t.Helper()
	changes := cloudChanges{Changed: map[string]map[string]any{}}
	var sshIDs, sshNames []string
	for _, r := range kids {
		if isSSHRule(r) {
			sshIDs = append(sshIDs, r.ID)
			name, _ := r.Outputs["name"].(string)
			sshNames = append(sshNames, name)
		}
	}
	fired := 0
	for _, r := range kids {
		switch r.Type {
		case "aws:scheduler/schedule:Schedule":
			fired++
			target, _ := r.Outputs["target"].(map[string]any)
			raw, _ := target["input"].(string)
			var input struct {
				GroupId              string
				SecurityGroupRuleIds []string
			}
			if err := json.Unmarshal([]byte(raw), &input); err != nil {
				t.Fatalf("schedule input %q: %v", raw, err)
			}
			if !sameSet(input.SecurityGroupRuleIds, sshIDs) {
				t.Errorf("the schedule revokes %v, want exactly the SSH rules %v", input.SecurityGroupRuleIds, sshIDs)
			}
			changes.Deleted = append(changes.Deleted, input.SecurityGroupRuleIds...)
		case "azure-native:logic:Workflow":
			fired++
			def, _ := r.Outputs["definition"].(map[string]any)
			actions, _ := def["actions"].(map[string]any)
			for _, a := range actions {
				inputs, _ := a.(map[string]any)["inputs"].(map[string]any)
				uri, _ := inputs["uri"].(string)
				id, _, _ := strings.Cut(strings.TrimPrefix(uri, "https://management.azure.com"), "?")
				if inputs["method"] != "DELETE" || !sameSet([]string{id}, sshIDs) {
					t.Errorf("the workflow calls %v %s, want DELETE of exactly the SSH rule %v", inputs["method"], uri, sshIDs)
				}
				changes.Deleted = append(changes.Deleted, id)
			}
		case "gcp:cloudscheduler/job:Job":
			fired++
			target, _ := r.Outputs["httpTarget"].(map[string]any)
			uri, _ := target["uri"].(string)
			body, _ := base64.StdEncoding.DecodeString(fmt.Sprint(target["body"]))
			name := uri[strings.LastIndex(uri, "/")+1:]
			if target["httpMethod"] != "PATCH" || string(body) != `{"disabled":true}` || !sameSet([]string{name}, sshNames) {
				t.Errorf("the job calls %v %s with %s, want to disable exactly the SSH rule %v", target["httpMethod"], uri, body, sshNames)
			}
			for i, n := range sshNames {
				if n == name {
					changes.Changed[sshIDs[i]] = map[string]any{"disabled": true}
				}
			}
		}
	}
	if fired != 1 {
		t.Fatalf("%d schedulers in the stack, want one", fired)
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
