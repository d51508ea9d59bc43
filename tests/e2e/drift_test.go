package e2e

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The drift check users copy (examples/github-actions/pulumi-drift-check.yml) runs
//
//	pulumi preview --refresh --expect-no-changes --show-sames --json | ruledelta -drift
//
// TestDriftCheck runs exactly that through the real engine with the OFFLINE STAND-IN plugins on
// a stack per cloud: first clean (exit 0, "No drift"), then after the cloud, played through
// STANDIN_CLOUD_CHANGES, deleted a rule of the stack, held a rule added by hand, and failed to
// close SSH at its expiry (exit 2, one line each, and the SSH alarm). GCP cannot see a firewall
// added by hand (a firewall belongs to the network, which no resource of the stack lists) and
// says so; instead its SSH firewall is then disabled in the cloud, which is not open SSH.
func TestDriftCheck(t *testing.T) {
	for _, c := range clouds {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := newStack(t, "tm-drift-"+c.name, c.config)
			in := &Input{Datacenter: "us", AgentCidrs: []string{"10.0.0.0/16"}}
			c.block(in)
			openSSH(s, in)
			s.up()

			clean := s.drift("clean", true)
			if clean.code != 0 || !strings.Contains(clean.md, "No drift:") || len(clean.rows) > 0 ||
				strings.Contains(clean.md, sshAlarm) {
				t.Fatalf("a clean stack: exit %d, want 0 and no drift:\n%s", clean.code, clean.md)
			}
			checkUnseen(t, c.name, clean.md)

			// The cloud deletes a rule, holds one added by hand, and does not close SSH.
			kids := children(t, s.export())
			gone := firstRule(t, kids, c.name)
			changes := cloudChanges{Deleted: []string{gone.ID}, Changed: handAdded(kids, c.name, gone.ID)}
			s.cloudFires(changes)
			s.advanceClock(3 * time.Hour) // an hour past the expiry, beyond ruledelta's grace

			drifted := s.drift("drifted", false)
			if drifted.code != 2 {
				t.Errorf("drift: exit %d, want 2", drifted.code)
			}
			want := []driftRow{{Change: "removed out of band", Resource: nameOf(gone.URN)}}
			if c.name != "gcp" {
				want = append(want, handRow)
			}
			for _, r := range kids {
				if isSSHRule(r) {
					want = append(want, driftRow{Change: "SSH open past its expiry", Resource: nameOf(r.URN)})
				}
			}
			checkDriftRows(t, drifted, want)
			if !strings.Contains(drifted.md, sshAlarm) {
				t.Errorf("no %q:\n%s", sshAlarm, drifted.md)
			}
			checkUnseen(t, c.name, drifted.md)
			if c.name != "gcp" {
				return
			}

			// A GCP firewall has no expiry: one disabled in the cloud admits nothing, so an
			// expired SSH firewall disabled there is a change out of band, not open SSH.
			for _, r := range kids {
				if isSSHRule(r) {
					changes.Changed = map[string]map[string]any{r.ID: {"disabled": true}}
					want = []driftRow{want[0], {Change: "changed out of band", Resource: nameOf(r.URN)}}
				}
			}
			s.cloudFires(changes)
			disabled := s.drift("ssh-disabled", false)
			checkDriftRows(t, disabled, want)
			if disabled.code != 2 || strings.Contains(disabled.md, sshAlarm) ||
				!strings.Contains(disabled.md, "1 SSH rule past its expiry is disabled in the cloud, so not open.") {
				t.Errorf("an expired SSH firewall disabled in the cloud: exit %d, want 2, no alarm and a note:\n%s",
					disabled.code, disabled.md)
			}
		})
	}
}

// sshAlarm is the drift check's line for SSH the cloud failed to close.
const sshAlarm = "SSH still open after its expiry: the cloud did not close it."

// handRow is the rule handAdded puts on a group, as the drift check reads it.
var handRow = driftRow{Change: "added out of band", Direction: "ingress", Protocol: "tcp", Ports: "3389",
	Peer: "203.0.113.0/24", Description: "added by hand"}

// driftCheck is one run of the drift check.
type driftCheck struct {
	md   string
	code int
	rows []driftRow
}

// driftRow is one line of the drift check's tables.
type driftRow struct {
	Change, Direction, Protocol, Ports, Peer, Description, Resource string
}

// drift runs the workflow's two commands; the preview must succeed (print no change) exactly
// when clean. The preview is kept in E2E_DRIFT_DIR, when set, for ruledelta's fixtures
// (provider/cmd/ruledelta/testdata/drift), with the time the check ran at.
func (s *stack) drift(label string, clean bool) driftCheck {
	s.t.Helper()
	out, err := s.try("preview", "--refresh", "--expect-no-changes", "--show-sames", "--json")
	if clean != (err == nil) {
		s.t.Fatalf("%s: pulumi preview --refresh --expect-no-changes: %v", label, err)
	}
	now := s.now().UTC().Format(time.RFC3339)
	if dir := os.Getenv("E2E_DRIFT_DIR"); dir != "" {
		name := filepath.Join(dir, strings.TrimPrefix(s.project, "tm-drift-")+"-"+label)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			s.t.Fatal(err)
		}
		if err := errors.Join(os.WriteFile(name+".json", out, 0o644), os.WriteFile(name+".now", []byte(now+"\n"), 0o644)); err != nil {
			s.t.Fatal(err)
		}
	}
	cmd := exec.Command(ruledelta, "-drift", "-now", now)
	cmd.Stdin = bytes.NewReader(out)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	d := driftCheck{md: stdout.String()}
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			s.t.Fatalf("ruledelta -drift: %v", err)
		}
		d.code = exit.ExitCode()
	}
	d.md = stdout.String()
	if d.code == 1 {
		s.t.Fatalf("%s: ruledelta -drift failed: %s\n%s", label, stderr.String(), d.md)
	}
	for line := range strings.SplitSeq(d.md, "\n") {
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if !strings.HasPrefix(line, "| ") || len(cells) != 7 || cells[0] == "drift" || strings.HasPrefix(cells[0], "---") {
			continue
		}
		change, _, _ := strings.Cut(cells[0], " (")
		resource := strings.Trim(cells[6], "`")
		if strings.HasPrefix(resource, "not in the stack") {
			resource = ""
		}
		d.rows = append(d.rows, driftRow{change, cells[1], cells[2], cells[3], cells[4], cells[5], resource})
	}
	s.t.Logf("ruledelta -drift (%s), exit %d:\n%s", label, d.code, d.md)
	return d
}

// checkDriftRows: the check's lines are exactly want, compared on the fields want sets.
func checkDriftRows(t *testing.T, d driftCheck, want []driftRow) {
	t.Helper()
	match := func(w, g driftRow) bool {
		return w.Change == g.Change && w.Resource == g.Resource &&
			(w.Direction == "" || w == g)
	}
	left := slices.Clone(d.rows)
	for _, w := range want {
		i := slices.IndexFunc(left, func(g driftRow) bool { return match(w, g) })
		if i < 0 {
			t.Errorf("no line %+v", w)
			continue
		}
		left = slices.Delete(left, i, i+1)
	}
	for _, g := range left {
		t.Errorf("unexpected line %+v", g)
	}
	if t.Failed() {
		t.Logf("the drift check said:\n%s", d.md)
	}
}

// checkUnseen: the check says what it cannot see on GCP, and only there.
func checkUnseen(t *testing.T, cloud, md string) {
	t.Helper()
	const gcp = "Not seen by this check: rules added by hand on GCP, which no resource of the stack lists."
	if strings.Contains(md, "Not seen by this check") != (cloud == "gcp") || (cloud == "gcp" && !strings.Contains(md, gcp)) {
		t.Errorf("%s: want %q on GCP alone:\n%s", cloud, gcp, md)
	}
}

// firstRule is the first rule of the stack, by URN, that is not SSH: the one the cloud deletes.
func firstRule(t *testing.T, kids []State, cloud string) State {
	t.Helper()
	var rules []State
	for _, r := range kids {
		if r.Type == ruleType[cloud] && !isSSHRule(r) {
			rules = append(rules, r)
		}
	}
	if len(rules) == 0 {
		t.Fatalf("no %s rule", ruleType[cloud])
	}
	return slices.MinFunc(rules, func(a, b State) int { return strings.Compare(a.URN, b.URN) })
}

// handAdded is what a refresh reads of the groups after someone added handRow to the first of
// them by hand: every group as the real provider reads it, listing every rule the cloud holds on
// it (the stack's but the one deleted, and, on the appliances' group, the hand-written one). The stand-ins record a group as
// created, without the rules made after it, so the test plays the provider's read here. GCP has
// no such group.
func handAdded(kids []State, cloud, deleted string) map[string]map[string]any {
	changed := map[string]map[string]any{}
	switch cloud {
	case "aws":
		// terraform-provider-aws reads a group's permissions into ingress and egress, one
		// entry per protocol, port range and description, with its sources.
		appliances := "" // the group the SSH rules are on
		for _, r := range kids {
			if isSSHRule(r) {
				appliances, _ = r.Inputs["securityGroupId"].(string)
			}
		}
		for _, g := range kids {
			if g.Type != "aws:ec2/securityGroup:SecurityGroup" {
				continue
			}
			perms := map[string][]any{"ingress": {}, "egress": {}}
			for _, r := range kids {
				dir := map[string]string{awsIngressRule: "ingress", awsEgressRule: "egress"}[r.Type]
				if dir == "" || r.ID == deleted || r.Inputs["securityGroupId"] != g.ID {
					continue
				}
				perms[dir] = append(perms[dir], awsPermission(r.Inputs))
			}
			if g.ID == appliances {
				perms["ingress"] = append(perms["ingress"], awsPermission(map[string]any{"ipProtocol": "tcp",
					"fromPort": 3389.0, "toPort": 3389.0, "cidrIpv4": handRow.Peer, "description": handRow.Description}))
			}
			changed[g.ID] = map[string]any{"ingress": perms["ingress"], "egress": perms["egress"]}
		}
	case "azure":
		// ARM lists every rule of a network security group in its securityRules.
		for _, g := range kids {
			if g.Type != "azure-native:network:NetworkSecurityGroup" {
				continue
			}
			var rules []any
			for _, r := range kids {
				if r.Type != azureRule || r.ID == deleted || r.Inputs["networkSecurityGroupName"] != g.Outputs["name"] {
					continue
				}
				rule := maps.Clone(r.Inputs)
				for _, k := range []string{"resourceGroupName", "networkSecurityGroupName", "securityRuleName"} {
					delete(rule, k)
				}
				maps.Copy(rule, map[string]any{"id": r.ID, "name": r.Outputs["name"], "etag": r.Outputs["etag"],
					"type": "Microsoft.Network/networkSecurityGroups/securityRules", "provisioningState": "Succeeded"})
				rules = append(rules, rule)
			}
			rules = append(rules, map[string]any{"id": g.ID + "/securityRules/allow-rdp-by-hand", "name": "allow-rdp-by-hand",
				"type": "Microsoft.Network/networkSecurityGroups/securityRules", "provisioningState": "Succeeded",
				"direction": "Inbound", "access": "Allow", "priority": 3000.0, "protocol": "Tcp",
				"sourceAddressPrefix": handRow.Peer, "sourcePortRange": "*", "destinationAddressPrefix": "*",
				"destinationPortRange": handRow.Ports, "description": handRow.Description})
			changed[g.ID] = map[string]any{"securityRules": rules}
		}
	}
	return changed
}

// awsPermission is a rule resource's inputs as one entry of its group's ingress or egress.
func awsPermission(in map[string]any) map[string]any {
	p := map[string]any{"protocol": in["ipProtocol"], "fromPort": 0.0, "toPort": 0.0, "self": false,
		"cidrBlocks": []any{}, "ipv6CidrBlocks": []any{}, "prefixListIds": []any{}, "securityGroups": []any{},
		"description": in["description"]}
	if in["fromPort"] != nil {
		p["fromPort"], p["toPort"] = in["fromPort"], in["toPort"]
	}
	for from, to := range map[string]string{"cidrIpv4": "cidrBlocks", "cidrIpv6": "ipv6CidrBlocks",
		"prefixListId": "prefixListIds", "referencedSecurityGroupId": "securityGroups"} {
		if v := in[from]; v != nil {
			p[to] = []any{v}
		}
	}
	return p
}
