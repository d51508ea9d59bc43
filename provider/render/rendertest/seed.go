package rendertest

import "sort"

// SeedRows is the seed's table for one datacenter, stated here on its own
// (not derived from the requirements package) so renderer tests check
// against the document, not against the code under test. Rows read
// "direction protocol ports peer"; agents names the agent peer as the cloud
// shows it (a CIDR, or a prefix list reference). Without SSH.
func SeedRows(datacenter, agents string) []string {
	rows := []string{
		"ingress tcp 443 " + agents,
		"ingress tcp 7777 " + agents,
		"egress all all " + agents,
		"egress tcp 53 8.8.8.8/32", "egress udp 53 8.8.8.8/32",
		"egress tcp 53 8.8.4.4/32", "egress udp 53 8.8.4.4/32",
		"egress tcp 80 0.0.0.0/0",
	}
	switch datacenter {
	case "us":
		rows = append(rows,
			"egress tcp 443 204.110.218.96/27", "egress tcp 443 204.110.219.96/27", "egress tcp 443 208.71.209.32/27",
			"egress tcp 4138 204.110.218.96/27", "egress tcp 4138 204.110.219.96/27", "egress tcp 4138 208.71.209.32/27",
			// The seed lists only two of the three US ranges for NTP.
			"egress udp 123 204.110.219.96/27", "egress udp 123 208.71.209.32/27",
		)
	case "eu":
		rows = append(rows,
			"egress tcp 443 185.54.124.0/24",
			"egress tcp 4138 185.54.124.0/24",
			"egress udp 123 185.54.124.0/24",
		)
	default:
		panic("rendertest: no seed table for datacenter " + datacenter)
	}
	return rows
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
