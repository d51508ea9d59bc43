package requirements

import (
	"bufio"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// seedRow is one line of a table in testdata/seed.md, normalised.
type seedRow struct {
	direction   Direction
	protocol    Protocol
	port        string
	peer        string
	description string
}

func (r seedRow) String() string {
	return strings.Join([]string{string(r.direction), string(r.protocol), r.port, r.peer, r.description}, " | ")
}

var markup = regexp.MustCompile(`[*]+`)

func clean(cell string) string {
	return strings.Join(strings.Fields(markup.ReplaceAllString(cell, "")), " ")
}

// parseSeed reads the seed's three tables. The ingress table serves both
// datacenters; its EU row is the one naming 185.54.124.0/24.
func parseSeed(t *testing.T) map[Datacenter][]seedRow {
	t.Helper()
	f, err := os.Open("testdata/seed.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	rows := map[Datacenter][]seedRow{}
	section := ""
	scanner := bufio.NewScanner(f)
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
			t.Fatalf("unparsed seed row %q", line)
		}
		src, dst, proto, port, desc := cells[0], cells[1], strings.ToLower(cells[2]), strings.ToLower(cells[3]), cells[4]
		direction, peer := Egress, dst
		if section == "ingress" {
			direction, peer = Ingress, src
		}
		if strings.HasPrefix(strings.ToLower(peer), "agent") {
			peer = "agents"
		}
		protocols := []Protocol{Protocol(proto)}
		if proto == "tcp/udp" {
			protocols = []Protocol{TCP, UDP}
		}
		datacenters := []Datacenter{US}
		switch {
		case section == "egress-eu":
			datacenters = []Datacenter{EU}
		case section == "ingress" && peer == "agents":
			datacenters = []Datacenter{US, EU}
		case section == "ingress" && peer == "185.54.124.0/24":
			datacenters = []Datacenter{EU}
			// The EU row adds a note about the PDR team to the same purpose.
			desc = "Optional and temporary required for troubleshooting during provisioning only"
		}
		for _, dc := range datacenters {
			for _, p := range protocols {
				rows[dc] = append(rows[dc], seedRow{direction, p, port, peer, desc})
			}
		}
	}
	if err := scanner.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// expand resolves the table's peer sets with the datacenter's defaults.
func expand(dc Datacenter) []seedRow {
	ranges := Datacenters[dc]
	peersOf := map[PeerSet][]string{
		Agents:              {"agents"},
		DatacenterRanges:    ranges.Service,
		DatacenterNTPRanges: ranges.NTP,
		SSHSources:          ranges.Service,
		DNSServers:          DefaultDNSServers,
		Internet:            {InternetCIDR},
	}
	var rows []seedRow
	for _, req := range Table {
		for _, peer := range peersOf[req.Peers] {
			rows = append(rows, seedRow{req.Direction, req.Protocol, req.Ports.String(), peer, req.Description})
		}
	}
	return rows
}

func sortedStrings(rows []seedRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.String()
	}
	sort.Strings(out)
	return out
}

func TestTableMatchesSeedExactly(t *testing.T) {
	seed := parseSeed(t)
	for _, dc := range []Datacenter{US, EU} {
		t.Run(string(dc), func(t *testing.T) {
			want, got := sortedStrings(seed[dc]), sortedStrings(expand(dc))
			if len(want) == 0 {
				t.Fatal("no seed rows parsed")
			}
			if strings.Join(want, "\n") != strings.Join(got, "\n") {
				t.Errorf("table differs from the seed\nseed:\n  %s\ntable:\n  %s",
					strings.Join(want, "\n  "), strings.Join(got, "\n  "))
			}
		})
	}
}

// The seed's particulars, spelled out so that a careless edit fails loudly.
func TestSeedParticulars(t *testing.T) {
	us := Datacenters[US]
	if len(us.Service) != 3 || len(us.NTP) != 2 {
		t.Errorf("US has %d service and %d NTP ranges, want 3 and 2", len(us.Service), len(us.NTP))
	}
	for _, ntp := range us.NTP {
		if ntp == "204.110.218.96/27" {
			t.Error("the seed does not list 204.110.218.96/27 for US NTP")
		}
	}
	eu := Datacenters[EU]
	if len(eu.Service) != 1 || eu.Service[0] != "185.54.124.0/24" || len(eu.NTP) != 1 || eu.NTP[0] != "185.54.124.0/24" {
		t.Errorf("EU ranges = %+v, want 185.54.124.0/24 for everything", eu)
	}
}
