package main

import (
	"os"
	"strings"
	"testing"
)

// byHandExport is the fixture as the by-hand stack would record it: URNs without the component's
// type, and the security groups' ids (and all that embeds them) different, as the stand-ins derive
// ids from URNs.
func byHandExport(t *testing.T) []stateResource {
	t.Helper()
	data, err := os.ReadFile("testdata/export.json")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.NewReplacer("threatmanager:index:ThreatManager$", "",
		"sg-0aaaaaaaaaaaaaaaa", "sg-0eeeeeeeeeeeeeeee", "sg-0bbbbbbbbbbbbbbbb", "sg-0fffffffffffffff").Replace(string(data))
	rs, err := parseExport([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestEquivalent(t *testing.T) {
	n, err := equivalent(fixture(t), byHandExport(t))
	if err != nil || n != 7 {
		t.Fatalf("equivalent: %d, %v; want 7 resources", n, err)
	}
}

func TestNotEquivalent(t *testing.T) {
	find := func(rs []stateResource, typ string) *stateResource {
		for i := range rs {
			if rs[i].Type == typ {
				return &rs[i]
			}
		}
		t.Fatalf("no %s", typ)
		return nil
	}
	for name, spoil := range map[string]func(rs []stateResource) []stateResource{
		// The component's id left as a literal where a reference was due.
		"stale literal": func(rs []stateResource) []stateResource {
			find(rs, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").Inputs["securityGroupId"] = "sg-0aaaaaaaaaaaaaaaa"
			return rs
		},
		"changed input": func(rs []stateResource) []stateResource {
			find(rs, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").Inputs["fromPort"] = 444.0
			return rs
		},
		"lost edge": func(rs []stateResource) []stateResource {
			find(rs, "aws:iam/rolePolicy:RolePolicy").Dependencies = nil
			return rs
		},
		"missing resource": func(rs []stateResource) []stateResource {
			r := find(rs, "azure-native:logic:Workflow")
			r.Type = "azure-native:logic:Other"
			return rs
		},
	} {
		if _, err := equivalent(fixture(t), spoil(byHandExport(t))); err == nil {
			t.Errorf("%s: no difference found", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
}
