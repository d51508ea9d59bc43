package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"
)

// A cloud registered only here is read like the others: the rule delta
// takes its types, its section and its order from clouds.All alone
// (docs/architecture.md, "What a new cloud touches").
func TestAFourthCloudIsReadThroughTheRegistry(t *testing.T) {
	fourth := cloud.Cloud{Block: "fourth", Title: "Fourth", TypePrefix: "fourth:", Delta: cloud.Delta{
		Rules: map[string]func(map[string]any, cloud.IDNames) *cloud.Rule{
			"fourth:network:Rule": func(in map[string]any, _ cloud.IDNames) *cloud.Rule {
				return &cloud.Rule{Direction: cloud.Text(in["direction"]), Protocol: cloud.Text(in["protocol"]),
					Ports: cloud.Text(in["port"]), Peer: cloud.Text(in["peer"]), Description: cloud.Text(in["description"])}
			},
		},
	}}
	savedAll, savedTypes := clouds.All, types
	clouds.All = append(slices.Clone(clouds.All), fourth)
	types = typesOf(clouds.All)
	t.Cleanup(func() { clouds.All, types = savedAll, savedTypes })

	preview := `{"steps": [{"op": "create",
	  "urn": "urn:pulumi:dev::p::threatmanager:index:ThreatManager$fourth:network:Rule::tm-egress-updates",
	  "newState": {"type": "fourth:network:Rule", "inputs": {"direction": "egress", "protocol": "tcp", "port": "443",
	    "peer": "192.0.2.0/24", "description": "Updates"}}}]}`
	d, err := Parse([]byte(preview))
	if err != nil {
		t.Fatal(err)
	}
	md := d.Markdown()
	for _, want := range []string{
		"### Fourth (1 added, 0 removed, 0 changed)",
		"| added | egress | tcp | 443 | 192.0.2.0/24 | Updates | `tm-egress-updates` |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the delta lacks %q:\n%s", want, md)
		}
	}
}
