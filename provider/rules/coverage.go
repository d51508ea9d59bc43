package rules

import (
	"net/netip"
	"slices"
)

// What a list of ranges a rule allows may cover, judged by the addresses it
// covers, not by how it is spelled: 0.0.0.0/1 and 128.0.0.0/1 are the
// internet as much as 0.0.0.0/0 is.
//
// The bounds: no range wider than a /8 (the largest private network, 10/8,
// still fits; a /7 is already half of a public /6's neighbourhood), and at
// most four /8s' worth of addresses in one list, 1/64 of the IPv4 space (the
// three private networks, 10/8, 172.16/12 and 192.168/16, fit with room).
// allowSourcesOutsideDatacenter widens which ranges SSH may come from, never
// beyond these bounds.
const (
	MinPrefixBits       = 8
	MaxCoveredAddresses = 4 << 24
)

// checkCoverage refuses ranges wider than a /8 one by one, then the list as
// a set when it covers more than MaxCoveredAddresses. show spells an entry
// for a message (secret agent CIDRs are never printed).
func checkCoverage(p *Problems, field string, prefixes []netip.Prefix, fields []string, show func(int) string) {
	ok := true
	for i, prefix := range prefixes {
		if bits := prefix.Bits(); bits < MinPrefixBits {
			p.Add(fields[i], "%s covers 1/%d of the internet; name ranges of /%d or narrower", show(i), 1<<bits, MinPrefixBits)
			ok = false
		}
	}
	if ok {
		checkUnion(p, field, prefixes)
	}
}

// checkUnion refuses a set of ranges that covers more than
// MaxCoveredAddresses together.
func checkUnion(p *Problems, field string, prefixes []netip.Prefix) {
	if n := coveredAddresses(prefixes); n > MaxCoveredAddresses {
		p.Add(field, "together cover %d addresses, 1/%d of the internet, more than the %d (four /8s) one list may allow; name narrower ranges",
			n, (1<<32)/n, MaxCoveredAddresses)
	}
}

// coveredAddresses counts the IPv4 addresses the union of prefixes covers:
// in address order, a prefix inside the one before adds nothing. (Two CIDR
// prefixes either nest or are disjoint.)
func coveredAddresses(prefixes []netip.Prefix) uint64 {
	sorted := slices.Clone(prefixes)
	sortPrefixes(sorted)
	var total uint64
	var last netip.Prefix
	for _, q := range sorted {
		if last.IsValid() && last.Contains(q.Addr()) {
			continue
		}
		total += 1 << (32 - q.Bits())
		last = q
	}
	return total
}
