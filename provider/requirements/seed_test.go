package requirements

import (
	"sort"
	"strings"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/provider/requirements/seeddoc"
)

// seedRow is one rule, as the document and the table both say it.
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

// parseSeed is the document's rows, by datacenter.
func parseSeed(t *testing.T) map[Datacenter][]seedRow {
	t.Helper()
	rows := map[Datacenter][]seedRow{}
	for _, dc := range []Datacenter{US, EU} {
		for _, r := range seeddoc.Rows(string(dc)) {
			rows[dc] = append(rows[dc], seedRow{Direction(r.Direction), Protocol(r.Protocol), r.Port, r.Peer, r.Description})
		}
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
