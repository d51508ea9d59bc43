// Package seeddoc reads the networking requirements document, seed.md, for
// tests: the document as published, parsed on its own and never derived
// from package requirements, so a test that compares the code against these
// rows compares it against the specification. Every Go test that needs the
// seed's rows reads them here; other modules and the policy pack read the
// generated policy/requirements.json.
package seeddoc

import (
	"bufio"
	_ "embed"
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"
)

//go:embed seed.md
var document string

// The datacenters the document has tables for.
const (
	US = "us"
	EU = "eu"
)

// Row is one rule of the document: a table line, with TCP/UDP split in two.
type Row struct {
	Direction string // "ingress" or "egress"
	Protocol  string // "tcp", "udp" or "all"
	Port      string // "443", or "all"
	// Peer is the far side as written: a CIDR, an address, or "agents".
	Peer        string
	Description string
}

// SSH reports whether the row is the optional troubleshooting SSH.
func (r Row) SSH() bool { return r.Direction == "ingress" && r.Port == "22" }

// Line is "direction protocol port peer", the form the tests compare.
func (r Row) Line() string {
	return strings.Join([]string{r.Direction, r.Protocol, r.Port, r.Peer}, " ")
}

var markup = regexp.MustCompile(`[*]+`)

func clean(cell string) string {
	return strings.Join(strings.Fields(markup.ReplaceAllString(cell, "")), " ")
}

// Rows is every row that applies to the datacenter, SSH included, in the
// document's order. The ingress table serves both datacenters; its EU row
// is the one naming 185.54.124.0/24.
func Rows(datacenter string) []Row {
	rows, err := parse()
	if err != nil {
		panic("seeddoc: " + err.Error())
	}
	return rows[datacenter]
}

// Lines is the datacenter's rows as Lines, without SSH unless withSSH,
// with the agents' peer spelt agents and bare addresses as /32 prefixes,
// as a cloud shows them; sorted.
func Lines(datacenter, agents string, withSSH bool) []string {
	var out []string
	for _, r := range Rows(datacenter) {
		if r.SSH() && !withSSH {
			continue
		}
		r.Peer = shown(r.Peer, agents)
		out = append(out, r.Line())
	}
	slices.Sort(out)
	return out
}

func parse() (map[string][]Row, error) {
	rows := map[string][]Row{}
	section := ""
	scanner := bufio.NewScanner(strings.NewReader(document))
	for scanner.Scan() {
		line := strings.TrimSpace(scanner.Text())
		switch {
		case strings.HasPrefix(line, "### Ingress"):
			section = "ingress"
			continue
		case strings.HasPrefix(line, "### Egress") && strings.Contains(line, "EU"):
			section = "egress-eu"
			continue
		case strings.HasPrefix(line, "### Egress"):
			section = "egress-us"
			continue
		}
		if section == "" || !strings.HasPrefix(line, "|") || strings.HasPrefix(line, "| Source") || strings.HasPrefix(line, "| --") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = clean(cells[i])
		}
		// The seed's "0.0.0.0/0 TCP | 80" row lost a column separator.
		if len(cells) == 4 {
			dest, proto, _ := strings.Cut(cells[1], " ")
			cells = []string{cells[0], dest, proto, cells[2], cells[3]}
		}
		if len(cells) != 5 {
			return nil, fmt.Errorf("unparsed seed row %q", line)
		}
		src, dst, proto, port, desc := cells[0], cells[1], strings.ToLower(cells[2]), strings.ToLower(cells[3]), cells[4]
		direction, peer := "egress", dst
		if section == "ingress" {
			direction, peer = "ingress", src
		}
		if strings.HasPrefix(strings.ToLower(peer), "agent") {
			peer = "agents"
		}
		protocols := []string{proto}
		if proto == "tcp/udp" {
			protocols = []string{"tcp", "udp"}
		}
		datacenters := []string{US}
		switch {
		case section == "egress-eu":
			datacenters = []string{EU}
		case section == "ingress" && peer == "agents":
			datacenters = []string{US, EU}
		case section == "ingress" && peer == "185.54.124.0/24":
			datacenters = []string{EU}
			// The EU row adds a note about the PDR team to the same purpose.
			desc = "Optional and temporary required for troubleshooting during provisioning only"
		}
		for _, dc := range datacenters {
			for _, p := range protocols {
				rows[dc] = append(rows[dc], Row{direction, p, port, peer, desc})
			}
		}
	}
	return rows, scanner.Err()
}

// Group is the rows of one direction, protocol and port: the rule a cloud
// that takes many peers per rule shows, and a row of the component's rule
// table.
type Group struct {
	Direction, Protocol, Port string
	// Peers are in address order, bare addresses as /32 prefixes, the
	// agents' peer spelt as Lines spells it.
	Peers       []string
	Description string
}

// Groups is the datacenter's rows grouped by direction, protocol and port,
// in the order each first appears in the document.
func Groups(datacenter, agents string, withSSH bool) []Group {
	var groups []Group
	type key struct{ direction, protocol, port string }
	index := map[key]int{}
	for _, r := range Rows(datacenter) {
		if r.SSH() && !withSSH {
			continue
		}
		k := key{r.Direction, r.Protocol, r.Port}
		i, ok := index[k]
		if !ok {
			i = len(groups)
			index[k] = i
			groups = append(groups, Group{Direction: r.Direction, Protocol: r.Protocol, Port: r.Port, Description: r.Description})
		}
		groups[i].Peers = append(groups[i].Peers, shown(r.Peer, agents))
	}
	for _, g := range groups {
		slices.SortFunc(g.Peers, func(a, b string) int {
			pa, errA := netip.ParsePrefix(a)
			pb, errB := netip.ParsePrefix(b)
			if errA != nil || errB != nil {
				return strings.Compare(a, b)
			}
			return pa.Addr().Compare(pb.Addr())
		})
	}
	return groups
}

// shown is a peer as a cloud shows it: the agents' peer as agents, a bare
// address as a /32 prefix.
func shown(peer, agents string) string {
	switch {
	case peer == "agents":
		return agents
	case !strings.Contains(peer, "/"):
		return peer + "/32"
	}
	return peer
}
