package rendertest

import (
	"sort"

	"github.com/threatmanager/pulumi-threatmanager/provider/requirements/seeddoc"
)

// SeedRows is the seed document's rows for one datacenter, without SSH,
// read from the document itself (package seeddoc), not from package
// requirements, so renderer tests check against the specification, not
// against the code under test. Rows read "direction protocol ports peer";
// agents names the agent peer as the cloud shows it (a CIDR, or a prefix
// list reference).
func SeedRows(datacenter, agents string) []string {
	return seeddoc.Lines(datacenter, agents, false)
}

// DenyRows are the deny-all rules Azure and GCP put below the allows, as
// SeedRows spells rows, with "deny" in front.
var DenyRows = []string{"deny egress all all 0.0.0.0/0", "deny ingress all all 0.0.0.0/0"}

// Sorted sorts rows in place and returns them.
func Sorted(rows ...string) []string {
	sort.Strings(rows)
	return rows
}

// Optional is an optional string input as the tables give it: "" for unset.
func Optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
