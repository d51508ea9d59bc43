package e2e

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// allCloudsInput is one ThreatManager on AWS, Azure and GCP (no SSH, so nothing depends on the
// clock), with the stack configuration of every cloud.
func allCloudsInput() (*Input, map[string]string) {
	in := &Input{Datacenter: "us", AgentCidrs: []string{"10.0.0.0/16", "10.1.0.0/16"}, Tags: map[string]string{"team": "security"}}
	config := map[string]string{}
	for _, c := range clouds {
		c.block(in)
		maps.Copy(config, c.config)
	}
	return in, config
}

// withNamePrefixes is in with every cloud's namePrefix pinned to prefix: the cloud-side names
// (security groups, prefix list, subnet, NSG, firewall rules, target tag) then stay what they were
// under the old component name.
func withNamePrefixes(in *Input, prefix string) *Input {
	out := *in
	aws := *in.Aws
	aws.NamePrefix = prefix
	out.Aws = &aws
	out.Azure = maps.Clone(in.Azure)
	out.Azure["namePrefix"] = prefix
	out.Gcp = maps.Clone(in.Gcp)
	out.Gcp["namePrefix"] = prefix
	return &out
}

// nonProviderOps is the preview's operations on everything but the stack and provider resources.
func nonProviderOps(p *Preview) (Ops, []string) {
	var o Ops
	var changed []string
	for urn, op := range p.opsByURN() {
		if strings.Contains(urn, "::pulumi:providers:") {
			continue
		}
		changed = append(changed, op+" "+urn)
		o.count(op)
	}
	return o, changed
}

// TestRename is the README's "Renaming and upgrading" recipe through the real engine: a component
// `tm` on all three clouds is renamed to `tm-renamed`. An alias alone is not enough (the cloud-side
// names come from the component's name, so the security groups, subnets, NSG and firewall rules
// would be replaced); the alias plus `namePrefix: tm` per cloud gives a preview with no changes.
func TestRename(t *testing.T) {
	in, config := allCloudsInput()
	s := newStack(t, "tm-rename", config)
	s.programWith(map[string]*Input{"tm": in}, nil, map[string]any{})
	s.up()

	var oldURN string
	for _, r := range s.export() {
		if r.Type == componentType {
			oldURN = r.URN
		}
	}
	if oldURN == "" {
		t.Fatal("no component in the stack export")
	}
	alias := map[string]map[string]any{"tm-renamed": {"aliases": []string{oldURN}}}

	// The alias alone: the children keep their state (no creates or deletes of Pulumi resources)
	// but their cloud-side names change, which replaces them.
	s.programWith(map[string]*Input{"tm-renamed": in}, alias, map[string]any{})
	if o, _ := nonProviderOps(s.preview()); o.Replace == 0 {
		t.Errorf("rename with an alias only: %v; want replacements (cloud-side names follow the component's name)", o)
	} else {
		t.Logf("rename with an alias only: %v", o)
	}

	// The recipe: the alias and the old name as every cloud's namePrefix.
	s.programWith(map[string]*Input{"tm-renamed": withNamePrefixes(in, "tm")}, alias, map[string]any{})
	p := s.preview()
	if o, changed := nonProviderOps(p); o != (Ops{}) {
		t.Errorf("rename with an alias and namePrefix tm per cloud: %v, want no changes:\n  %s", o, strings.Join(changed, "\n  "))
	}
	s.up()
	for _, r := range s.export() {
		if strings.Contains(r.URN, "::tm-ingress-") || strings.HasSuffix(r.URN, "::tm") {
			t.Errorf("after the rename the state still holds %s", r.URN)
		}
	}
}

// upgradeFixture is `pulumi stack export` of a stack written by the previous release's plugin:
// allCloudsInput deployed (project tm-upgrade, stack e2e) with the plugin as it shipped (bin/, not
// the e2e clock build). v0.1.0 is the first release; this fixture was written by its plugin.
//
// Refreshing it at each release vX.Y.Z, once the tag is cut, so that the next release is tested
// against the state this one writes:
//
//  1. point upgradeFixture at testdata/upgrade-state-vX.Y.Z.json and delete the previous fixture;
//  2. `make upgrade-fixture VERSION=X.Y.Z` (mk/e2e.mk) builds bin/'s plugin at that version, ups the
//     stack through the real engine and writes its export to the fixture, then previews it as below;
//  3. commit it. From then on `make test` previews that state with the plugin being developed and
//     fails on any change to a deployed stack; a change on purpose needs a changelog entry saying
//     what users will see, and the fixture refreshed by these steps.
const upgradeFixture = "testdata/upgrade-state-v0.1.0.json"

// TestUpgrade imports the previous release's state into a fresh stack and previews the same
// program with this build's plugin (bin/, as it ships): no resource may change.
func TestUpgrade(t *testing.T) {
	in, config := allCloudsInput()
	s := newStack(t, "tm-upgrade", config)
	s.pluginDir = providerDir
	s.programWith(map[string]*Input{"tm": in}, nil, map[string]any{})

	if os.Getenv("E2E_WRITE_UPGRADE_FIXTURE") != "" {
		s.up()
		var state any
		if err := json.Unmarshal(s.pulumi("stack", "export"), &state); err != nil {
			t.Fatal(err)
		}
		data, err := json.MarshalIndent(state, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(upgradeFixture), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(upgradeFixture, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", upgradeFixture)
	}

	fixture, err := filepath.Abs(upgradeFixture)
	if err != nil {
		t.Fatal(err)
	}
	s.pulumi("stack", "import", "--file", fixture)
	p := s.preview()
	if o, changed := nonProviderOps(p); o != (Ops{}) {
		t.Errorf("the previous release's state (%s) previewed with this plugin: %v, want no changes:\n  %s",
			upgradeFixture, o, strings.Join(changed, "\n  "))
	}
	if p.ChangeSummary["same"] == 0 {
		t.Errorf("preview of the imported state: nothing unchanged (%v): was the state imported?", p.ChangeSummary)
	}
}
