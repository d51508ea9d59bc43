package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// row is one change of the matrix, applied to the stack left by the rows
// before it.
type row struct {
	name     string
	expected string
	// expectedBy overrides expected for a cloud, in the printed table.
	expectedBy map[string]string
	only       string // a cloud name when the row applies to one cloud
	// change edits the input; prepare, if set, runs instead for rows that
	// need more than an edit (it leaves the stack ready for the preview).
	change  func(in *Input)
	prepare func(t *testing.T, s *stack, in *Input)
	check   func(cloud string, p *Preview, ops Ops) error
	// deltaCheck checks the rule delta of the preview.
	deltaCheck func(cloud string, p *Preview, rows []DeltaRow) error
}

var matrix = []row{
	{
		name: "add an agent CIDR", expected: "updates only",
		expectedBy: map[string]string{"aws": "1 update, nothing else"},
		change:     func(in *Input) { in.AgentCidrs = append(in.AgentCidrs, "10.2.0.0/16") },
		check: func(cloud string, p *Preview, o Ops) error {
			if cloud == "aws" {
				return want(o, Ops{Update: 1})
			}
			return updatesOnly(o)
		},
		deltaCheck: func(cloud string, p *Preview, rows []DeltaRow) error {
			if cloud == "aws" {
				// The rules reference the prefix list: no rule line, one list line.
				if len(rows) != 0 || !strings.Contains(deltaText(p), "added 10.2.0.0/16") {
					return fmt.Errorf("want only the prefix list's new entry")
				}
				return nil
			}
			if len(rows) == 0 {
				return fmt.Errorf("no rules listed")
			}
			for _, r := range rows {
				before, after, _ := strings.Cut(r.Peer, " → ")
				if r.Change != "changed" || strings.Contains(before, "10.2.0.0/16") || !strings.Contains(after, "10.2.0.0/16") {
					return fmt.Errorf("want agent rules whose peers gain 10.2.0.0/16, got %+v", r)
				}
			}
			return nil
		},
	},
	{
		name: "remove an agent CIDR", expected: "updates only",
		change: func(in *Input) {
			in.AgentCidrs = slices.DeleteFunc(in.AgentCidrs, func(c string) bool { return c == "10.2.0.0/16" })
		},
		check: func(_ string, _ *Preview, o Ops) error { return updatesOnly(o) },
	},
	{
		name: "reorder agentCidrs", expected: "no changes",
		change: func(in *Input) { slices.Reverse(in.AgentCidrs) },
		check:  func(_ string, _ *Preview, o Ops) error { return want(o, Ops{}) },
		deltaCheck: func(_ string, _ *Preview, rows []DeltaRow) error {
			if len(rows) > 0 {
				return fmt.Errorf("delta lists %d rules", len(rows))
			}
			return nil
		},
	},
	{
		name: "open SSH", expected: "creates only: the SSH rules and the cloud's expiry",
		change: func(in *Input) {
			in.SshAccess = &SshAccess{ExpiresAt: time.Now().UTC().Add(2 * time.Hour).Format(time.RFC3339)}
		},
		check: onlyOf("create", sshTypes),
		deltaCheck: func(cloud string, p *Preview, rows []DeltaRow) error {
			if err := exactlySSH("added")(cloud, p, rows); err != nil {
				return err
			}
			return closedByCloud(deltaText(p), "added")
		},
	},
	{
		name: "extend SSH expiry", expected: "replaces the SSH rules (AWS, GCP) and the window's grant; updates the schedulers",
		change: func(in *Input) {
			in.SshAccess = &SshAccess{ExpiresAt: time.Now().UTC().Add(3 * time.Hour).Format(time.RFC3339)}
		},
		// The SSH rules belong to their window (their descriptions carry the
		// expiry), and so do GCP's role and Azure's assignment; the
		// schedulers move in place.
		check:      newWindow,
		deltaCheck: func(_ string, p *Preview, _ []DeltaRow) error { return closedByCloud(deltaText(p), "moved") },
	},
	{
		name: "SSH expired (clock past expiry)", expected: "deletes only: the SSH rules and the expiry; a warning",
		prepare: func(t *testing.T, s *stack, in *Input) { s.advanceClock(4 * time.Hour) },
		check: func(cloud string, p *Preview, o Ops) error {
			if err := onlyOf("delete", sshTypes)(cloud, p, o); err != nil {
				return err
			}
			return p.warned("troubleshooting SSH expired")
		},
		deltaCheck: exactlySSH("removed"),
	},
	{
		name: "the cloud closed SSH, then refresh and up", expected: "deletes only, no errors",
		prepare: cloudClosesSSH,
		// The rules the cloud deleted left the state at the refresh.
		check: onlyOf("delete", leftAfterCloudClosed),
	},
	{
		name: "close SSH early (remove sshAccess)", expected: "deletes only: the SSH rules and the expiry",
		prepare: func(t *testing.T, s *stack, in *Input) {
			in.SshAccess = &SshAccess{ExpiresAt: s.now().UTC().Add(2 * time.Hour).Format(time.RFC3339)}
			s.program(in)
			s.up()
			in.SshAccess = nil
			s.program(in)
		},
		check: onlyOf("delete", sshTypes),
		deltaCheck: func(cloud string, p *Preview, rows []DeltaRow) error {
			if err := exactlySSH("removed")(cloud, p, rows); err != nil {
				return err
			}
			return closedByCloud(deltaText(p), "removed")
		},
	},
	{
		name: "us → eu", expected: "the datacenter's rules move to 185.54.124.0/24, nothing else",
		expectedBy: map[string]string{
			"aws":   "3 creates, 8 deletes: one rule per range and port",
			"azure": "3 updates: the rules' peers, in place",
			"gcp":   "3 updates: the rules' peers, in place",
		},
		change: func(in *Input) { in.Datacenter = "eu" },
		check: func(cloud string, p *Preview, o Ops) error {
			// Only rule resources change: no group, NSG, subnet or
			// subnetwork is replaced or touched.
			for urn, op := range p.opsByURN() {
				if typeOf(urn) != ruleType[cloud] {
					return fmt.Errorf("%s %s (%s): only %s may change", op, nameOf(urn), typeOf(urn), ruleType[cloud])
				}
			}
			moved := datacenterMove(cloud)
			if cloud == "aws" {
				added, removed := 0, 0
				for _, m := range moved {
					if strings.HasPrefix(m, "added ") {
						added++
					} else {
						removed++
					}
				}
				return want(o, Ops{Create: added, Delete: removed})
			}
			return want(o, Ops{Update: len(moved)})
		},
		deltaCheck: func(cloud string, p *Preview, rows []DeltaRow) error {
			ops := p.opsByURN()
			var got []string
			for _, r := range rows {
				got = append(got, strings.Join([]string{r.Change, r.Direction, r.Protocol, r.Ports, r.Peer}, " "))
				op := map[string]string{"added": "create", "removed": "delete", "changed": "update"}[r.Change]
				if !hasOp(ops, r.Resource, op) {
					return fmt.Errorf("delta row %+v: the preview does not %s %s", r, op, r.Resource)
				}
			}
			if missing, extra := rowDiff(got, datacenterMove(cloud)); len(missing)+len(extra) > 0 {
				return fmt.Errorf("delta differs from the seed's us and eu tables:\n  missing:    %q\n  unexpected: %q", missing, extra)
			}
			return nil
		},
	},
	{
		name: "egress TCP 80 off", expected: "deletes/updates only",
		change: func(in *Input) { in.EgressHttp = new(false) },
		check: func(_ string, _ *Preview, o Ops) error {
			if o.Delete+o.Update == 0 {
				return fmt.Errorf("no deletes or updates")
			}
			return only(o, "delete", "update")
		},
		deltaCheck: func(_ string, _ *Preview, rows []DeltaRow) error {
			if len(rows) != 1 || rows[0].Change != "removed" || rows[0].Ports != "80" || rows[0].Peer != "0.0.0.0/0" {
				return fmt.Errorf("want the one TCP 80 rule removed, got %+v", rows)
			}
			return nil
		},
	},
	{
		name: "add an AZ (AWS)", expected: "creates only", only: "aws",
		change: func(in *Input) {
			in.Aws.Subnets = append(in.Aws.Subnets, AwsSubnet{AvailabilityZone: "us-east-1c", CidrBlock: "10.0.242.0/24"})
		},
		check: func(_ string, _ *Preview, o Ops) error { return only(o, "create") },
	},
	{
		name: "add a tag", expected: "updates only",
		expectedBy: map[string]string{"gcp": "no changes (nothing on GCP takes labels)"},
		change:     func(in *Input) { in.Tags["costCenter"] = "security" },
		check: func(cloud string, _ *Preview, o Ops) error {
			if cloud == "gcp" {
				// Neither compute.Subnetwork nor compute.Firewall takes
				// labels in pulumi-gcp v7.38.0: nothing on GCP carries tags.
				return want(o, Ops{})
			}
			return updatesOnly(o)
		},
	},
}
