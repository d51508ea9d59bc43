package main

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The drift check's decoding, row by row, on small refreshed previews: each row is what the
// refresh found (the refresh step's op and the rule as deployed and as the cloud has it) and
// what the code does next (the preview's op). The real engine's previews are in
// testdata/drift (TestDriftGolden).

var (
	driftNow = time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	expired  = driftNow.Add(-time.Hour).Format(time.RFC3339)       // past the grace
	expiring = driftNow.Add(-5 * time.Minute).Format(time.RFC3339) // within it
)

const (
	firewall = "gcp:compute/firewall:Firewall"
	job      = "gcp:cloudscheduler/job:Job"
	sg       = "aws:ec2/securityGroup:SecurityGroup"
	sgIn     = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	nsg      = "azure-native:network:NetworkSecurityGroup"
	nsgRule  = "azure-native:network:SecurityRule"
)

// res is one resource of a refreshed preview.
type res struct {
	typ, name, id   string
	refresh         string         // what the refresh found: refresh (as deployed), update (cloud) or delete; "" when the state lacks it
	deployed, cloud map[string]any // inputs as deployed, and as the cloud has them (update)
	outputs         map[string]any // the cloud's outputs (a group's rule list)
	preview         string         // the preview's op: same, create, update or delete
}

// gcpFW is a GCP ingress firewall on TCP port from ranges.
func gcpFW(port, ranges, description string) map[string]any {
	return map[string]any{"direction": "INGRESS", "allows": []any{map[string]any{"protocol": "tcp", "ports": []any{port}}},
		"sourceRanges": []any{ranges}, "description": description, "targetTags": []any{"tm-appliance"}}
}

func with(in map[string]any, k string, v any) map[string]any {
	out := maps.Clone(in)
	if out == nil {
		out = map[string]any{}
	}
	out[k] = v
	return out
}

var (
	agents = gcpFW("443", "10.0.0.0/16", "Agent traffic")
	ssh    = gcpFW("22", "204.110.218.96/27", "SSH from the datacenter, expires "+expired)
)

// refreshed is the JSON of `pulumi preview --refresh --show-sames --json` for rs, as the CLI
// writes it: the refresh's steps first, then the preview's, from the refreshed state; a resource
// the cloud lost has no preview step unless the code creates it again.
func refreshed(t *testing.T, rs ...res) []byte {
	t.Helper()
	var steps []any
	st := func(r res, in map[string]any) map[string]any {
		return map[string]any{"type": r.typ, "id": r.id, "inputs": in, "outputs": with(r.outputs, "id", r.id)}
	}
	urn := func(r res) string {
		return "urn:pulumi:e2e::tm::threatmanager:index:ThreatManager$" + r.typ + "::" + r.name
	}
	for _, r := range rs {
		// The CLI's refresh step holds the state as deployed on both sides,
		// whatever the cloud did (drift_track.go).
		if r.refresh != "" {
			steps = append(steps, map[string]any{"op": "refresh", "urn": urn(r), "oldState": st(r, r.deployed), "newState": st(r, r.deployed)})
		}
	}
	for _, r := range rs {
		now := r.deployed
		if r.refresh == "update" {
			now = r.cloud
		}
		switch r.preview {
		case "same", "update", "delete":
			steps = append(steps, map[string]any{"op": r.preview, "urn": urn(r), "oldState": st(r, now), "newState": st(r, r.deployed)})
		case "create":
			steps = append(steps, map[string]any{"op": "create", "urn": urn(r), "newState": st(r, r.deployed)})
		}
	}
	data, err := json.Marshal(map[string]any{"steps": steps})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestDriftRows(t *testing.T) {
	for _, c := range []struct {
		name string
		rs   []res
		// want are the table's lines, as "drift | direction | ports | peer | resource"; found
		// is Drift.Found; says are parts of the Markdown.
		want  []string
		found bool
		says  []string
	}{{
		name: "clean: nothing changed in the cloud or the code",
		rs:   []res{{typ: firewall, name: "tm-agents", refresh: "refresh", deployed: agents, preview: "same"}},
		says: []string{"No drift:", "Not seen by this check: rules added by hand on GCP"},
	}, {
		name:  "a rule deleted in the cloud, which the code creates again",
		rs:    []res{{typ: firewall, name: "tm-agents", refresh: "delete", deployed: agents, preview: "create"}},
		want:  []string{"removed out of band | ingress | 443 | 10.0.0.0/16 | `tm-agents`"},
		found: true,
	}, {
		name: "a rule changed in the cloud, which the code puts back",
		rs: []res{{typ: firewall, name: "tm-agents", refresh: "update", deployed: agents,
			cloud: with(agents, "sourceRanges", []any{"0.0.0.0/0"}), preview: "update"}},
		want:  []string{"changed out of band | ingress | 443 | 10.0.0.0/16 → 0.0.0.0/0 | `tm-agents`"},
		found: true,
	}, {
		name:  "SSH an hour past its expiry: the cloud did not close it",
		rs:    []res{{typ: firewall, name: "tm-ssh", refresh: "refresh", deployed: ssh, preview: "delete"}},
		want:  []string{"SSH open past its expiry | ingress | 22 | 204.110.218.96/27 | `tm-ssh`"},
		found: true,
		says:  []string{"> **SSH still open after its expiry: the cloud did not close it.** GCP: 1 SSH rule expired at " + expired + " (1h ago)"},
	}, {
		name: "SSH past its expiry with its scheduler: the alarm names it",
		rs: []res{{typ: firewall, name: "tm-ssh", refresh: "refresh", deployed: ssh, preview: "delete"},
			{typ: job, name: "tm-ssh-expiry", refresh: "refresh", preview: "delete", deployed: map[string]any{"schedule": "0 11 3 12 *",
				"httpTarget": map[string]any{"httpMethod": "DELETE", "uri": "https://compute.googleapis.com/compute/v1/projects/p/global/firewalls/tm-ssh"}}}},
		want:  []string{"SSH open past its expiry | ingress | 22 | 204.110.218.96/27 | `tm-ssh`"},
		found: true,
		says:  []string{"The cloud was to close them: Cloud Scheduler deletes firewall `tm-ssh`."},
	}, {
		name: "SSH expired five minutes ago: its scheduler may not have run yet",
		rs: []res{{typ: firewall, name: "tm-ssh", refresh: "refresh", preview: "delete",
			deployed: with(ssh, "description", "SSH, expires "+expiring)}},
		says: []string{"1 SSH rule expired less than 10m ago and is still in the cloud"},
	}, {
		name: "SSH closed by the cloud at its expiry, as planned",
		rs: []res{{typ: firewall, name: "tm-ssh", refresh: "delete", deployed: ssh},
			{typ: firewall, name: "tm-agents", refresh: "refresh", deployed: agents, preview: "same"}},
		says: []string{"No drift:", "1 SSH rule closed by the cloud at its expiry, as planned: not drift."},
	}, {
		name: "SSH past its expiry disabled in the cloud: not open",
		rs: []res{{typ: firewall, name: "tm-ssh", refresh: "update", deployed: ssh,
			cloud: with(ssh, "disabled", true), preview: "delete"}},
		want:  []string{"changed out of band | ingress | 22 | 204.110.218.96/27 | `tm-ssh`"},
		found: true,
		says:  []string{"1 SSH rule past its expiry is disabled in the cloud, so not open."},
	}, {
		name: "SSH past its expiry, disabled in the cloud's outputs alone: not open",
		rs:   []res{{typ: firewall, name: "tm-ssh", refresh: "refresh", deployed: ssh, outputs: map[string]any{"disabled": true}, preview: "delete"}},
		says: []string{"1 SSH rule past its expiry is disabled in the cloud, so not open."},
	}, {
		name: "a change of the code alone is not drift",
		rs: []res{{typ: firewall, name: "tm-agents", refresh: "refresh", deployed: agents, preview: "update"},
			{typ: firewall, name: "tm-new", deployed: agents, preview: "create"}},
		says: []string{"No drift:", "The code also changes 2 rule or scheduler resources the cloud holds as deployed"},
	}, {
		name:  "the scheduler that closes SSH deleted in the cloud",
		rs:    []res{{typ: job, name: "tm-ssh-expiry", refresh: "delete", preview: "create", deployed: map[string]any{"schedule": "0 18 3 12 *"}}},
		found: true,
		says:  []string{"### SSH closed by the cloud", "| GCP | removed out of band | 18:00 UTC on 3 December"},
	}, {
		name: "the scheduler that closes SSH moved in the cloud",
		rs: []res{{typ: job, name: "tm-ssh-expiry", refresh: "update", preview: "update", deployed: map[string]any{"schedule": "0 18 3 12 *"},
			cloud: map[string]any{"schedule": "0 18 4 12 *"}}},
		found: true,
		says:  []string{"| GCP | changed out of band | 18:00 UTC on 3 December", "→ 18:00 UTC on 4 December"},
	}, {
		name: "AWS: a rule added by hand on the stack's security group",
		rs: []res{
			{typ: sg, name: "tm-sg", id: "sg-1", refresh: "refresh", preview: "same", outputs: map[string]any{"name": "tm-appliances",
				"ingress": []any{
					map[string]any{"protocol": "tcp", "fromPort": 443, "toPort": 443, "cidrBlocks": []any{"10.0.0.0/16"}, "description": "Agent traffic"},
					map[string]any{"protocol": "tcp", "fromPort": 3389, "toPort": 3389, "cidrBlocks": []any{"203.0.113.0/24"}, "description": "by hand"},
				}, "egress": []any{}}},
			{typ: sgIn, name: "tm-agents", id: "sgr-1", refresh: "refresh", preview: "same", deployed: map[string]any{
				"securityGroupId": "sg-1", "ipProtocol": "tcp", "fromPort": 443, "toPort": 443, "cidrIpv4": "10.0.0.0/16", "description": "Agent traffic"}},
		},
		want:  []string{"added out of band | ingress | 3389 | 203.0.113.0/24 | not in the stack; on `tm-sg`"},
		found: true,
	}, {
		name: "Azure: a rule added by hand on the stack's network security group",
		rs: []res{
			{typ: nsg, name: "tm-nsg", refresh: "refresh", preview: "same", deployed: map[string]any{"resourceGroupName": "rg", "networkSecurityGroupName": "tm-appliances-nsg"},
				outputs: map[string]any{"name": "tm-appliances-nsg", "securityRules": []any{
					map[string]any{"name": "tm-agents", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "destinationPortRange": "443", "sourceAddressPrefix": "10.0.0.0/16"},
					map[string]any{"name": "rdp-by-hand", "id": "/x/rdp-by-hand", "etag": "e", "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
						"destinationPortRange": "3389", "sourceAddressPrefix": "203.0.113.0/24", "priority": 3000},
				}}},
			{typ: nsgRule, name: "tm-agents", refresh: "refresh", preview: "same", deployed: map[string]any{"resourceGroupName": "rg",
				"networkSecurityGroupName": "tm-appliances-nsg", "securityRuleName": "TM-Agents", "direction": "Inbound", "access": "Allow",
				"protocol": "Tcp", "destinationPortRange": "443", "sourceAddressPrefix": "10.0.0.0/16"}},
		},
		want:  []string{"added out of band | ingress | 3389 | 203.0.113.0/24 | not in the stack; on `tm-nsg`"},
		found: true,
	}} {
		t.Run(c.name, func(t *testing.T) {
			d, err := ParseDrift(refreshed(t, c.rs...), driftNow, DefaultGrace)
			if err != nil {
				t.Fatal(err)
			}
			md := d.Markdown()
			var got []string
			for line := range strings.SplitSeq(md, "\n") {
				cells := strings.Split(strings.Trim(line, "| "), " | ")
				if len(cells) == 7 && cells[0] != "drift" && cells[0] != "---" {
					change, _, _ := strings.Cut(cells[0], " (")
					got = append(got, strings.Join([]string{change, cells[1], cells[3], cells[4], cells[6]}, " | "))
				}
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("lines:\n%s\nwant:\n%s\n\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"), md)
			}
			if d.Found() != c.found {
				t.Errorf("Found() = %v, want %v\n%s", d.Found(), c.found, md)
			}
			if strings.Contains(md, "SSH still open") != (len(d.SSH) > 0) {
				t.Errorf("the SSH alarm and Drift.SSH disagree:\n%s", md)
			}
			for _, s := range c.says {
				if !strings.Contains(md, s) {
					t.Errorf("no %q in:\n%s", s, md)
				}
			}
		})
	}
}

// A preview without a refresh is not a drift check; a failed one says so and finds nothing.
func TestDriftNeedsARefresh(t *testing.T) {
	_, err := ParseDrift([]byte(`{"steps":[{"op":"same","urn":"u","oldState":{"type":"`+firewall+`"}}]}`), driftNow, DefaultGrace)
	if err == nil || !strings.Contains(err.Error(), "run `pulumi preview --refresh --json`") {
		t.Errorf("no refresh: %v", err)
	}
	d, err := ParseDrift([]byte(`{"steps":[],"diagnostics":[{"severity":"error","message":"credentials expired\n"}]}`), driftNow, DefaultGrace)
	if err != nil {
		t.Fatal(err)
	}
	if d.Found() || !strings.Contains(d.Markdown(), "> **The preview failed**: credentials expired") ||
		strings.Contains(d.Markdown(), "No drift") {
		t.Errorf("a failed preview:\n%s", d.Markdown())
	}
}

// The drift check on the real engine's refreshed previews, kept by tests/e2e's TestDriftCheck
// (E2E_DRIFT_DIR=…): <name>.json trimmed to what ruledelta reads with
//
//	jq -c --arg types "$TYPES" '{steps: [.steps[] | {op, urn,
//	  oldState: (.oldState | if . then {type, id, inputs, outputs} else null end),
//	  newState: (.newState | if . then {type, id, inputs, outputs} else null end)}
//	  | select((.oldState // .newState).type | test($types))], diagnostics: (.diagnostics // [])}'
//
// with $TYPES a regular expression of the rule, group, scheduler and list types of the clouds'
// deltas (ruledelta prints the same for the trimmed preview as for the whole one); <name>.now is
// the time the check ran at, and <name>.md what ruledelta -drift prints. A -clean fixture finds
// no drift; every other one does.
func TestDriftGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/drift/*.json")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, in := range inputs {
		base := strings.TrimSuffix(in, ".json")
		t.Run(filepath.Base(base), func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			nowText, err := os.ReadFile(base + ".now")
			if err != nil {
				t.Fatal(err)
			}
			now, err := time.Parse(time.RFC3339, strings.TrimSpace(string(nowText)))
			if err != nil {
				t.Fatal(err)
			}
			d, err := ParseDrift(data, now, DefaultGrace)
			if err != nil {
				t.Fatal(err)
			}
			md := d.Markdown()
			if *update {
				if err := os.WriteFile(base+".md", []byte(md), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(base + ".md")
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if md != string(want) {
				t.Errorf("output differs from %s.md:\n%s", base, md)
			}
			if clean := strings.HasSuffix(base, "-clean"); d.Found() == clean {
				t.Errorf("Found() = %v on %s", d.Found(), base)
			}
		})
	}
}
