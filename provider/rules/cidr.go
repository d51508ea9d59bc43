package rules

import (
	"fmt"
	"net/netip"
	"slices"
)

// ParseIPv4Prefix parses a canonical IPv4 CIDR. Host bits set is an error
// that names the canonical form, never a silent fix: a typo in a security
// rule should be seen, not guessed at.
func ParseIPv4Prefix(field, s string) (netip.Prefix, error) {
	if s == "" {
		return netip.Prefix{}, &FieldError{Field: field, Reason: "is empty; name a CIDR such as \"10.0.0.0/16\""}
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, &FieldError{Field: field, Reason: fmt.Sprintf("%q is not a CIDR (%v)", s, err), Err: err}
	}
	if !p.Addr().Is4() {
		return netip.Prefix{}, &FieldError{Field: field, Reason: fmt.Sprintf("%q is not IPv4; only IPv4 CIDRs are supported", s)}
	}
	if m := p.Masked(); m != p {
		return netip.Prefix{}, &FieldError{Field: field, Reason: fmt.Sprintf("%q has host bits set; use %q", s, m.String())}
	}
	return p, nil
}

// parseAddressOrPrefix accepts "8.8.8.8" as 8.8.8.8/32, or a CIDR.
func parseAddressOrPrefix(field, s string) (netip.Prefix, error) {
	if a, err := netip.ParseAddr(s); err == nil {
		if !a.Is4() {
			return netip.Prefix{}, &FieldError{Field: field, Reason: fmt.Sprintf("%q is not IPv4; only IPv4 addresses are supported", s)}
		}
		return netip.PrefixFrom(a, 32), nil
	}
	return ParseIPv4Prefix(field, s)
}

// isWholeInternet catches 0.0.0.0/0 and ::/0 before any other check.
func isWholeInternet(s string) bool {
	p, err := netip.ParsePrefix(s)
	return err == nil && p.Bits() == 0
}

// parsePrefixList parses a list field, reporting every bad or repeated
// entry, and returns the good ones in address order with the field path of
// each ("dnsServers[1]").
func parsePrefixList(p *Problems, field string, values []string, parse func(string, string) (netip.Prefix, error)) ([]netip.Prefix, []string) {
	type entry struct {
		prefix netip.Prefix
		field  string
	}
	seen := map[netip.Prefix]int{}
	var entries []entry
	for i, v := range values {
		f := FieldIndex(field, i)
		prefix, err := parse(f, v)
		if err != nil {
			p.AddErr(err)
			continue
		}
		if first, dup := seen[prefix]; dup {
			p.Add(f, "%q repeats %s[%d]", v, field, first)
			continue
		}
		seen[prefix] = i
		entries = append(entries, entry{prefix, f})
	}
	slices.SortFunc(entries, func(a, b entry) int { return a.prefix.Compare(b.prefix) })
	prefixes, fields := make([]netip.Prefix, len(entries)), make([]string, len(entries))
	for i, e := range entries {
		prefixes[i], fields[i] = e.prefix, e.field
	}
	return prefixes, fields
}

func sortPrefixes(ps []netip.Prefix) {
	slices.SortFunc(ps, func(a, b netip.Prefix) int { return a.Compare(b) })
}

// within reports whether inner lies entirely inside one of outer.
func within(inner netip.Prefix, outer []netip.Prefix) bool {
	for _, o := range outer {
		if o.Bits() <= inner.Bits() && o.Contains(inner.Addr()) {
			return true
		}
	}
	return false
}

// prefixStrings spells prefixes as CIDR strings, keeping their order.
func prefixStrings(ps []netip.Prefix) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

// CheckSubnetPrefix parses a subnet CIDR: canonical IPv4, /8 to /29, the
// sizes both Azure and GCP accept.
func CheckSubnetPrefix(p *Problems, field, cloud, s string) netip.Prefix {
	if s == "" {
		p.Add(field, "is required")
		return netip.Prefix{}
	}
	prefix, err := ParseIPv4Prefix(field, s)
	switch {
	case err != nil:
		p.AddErr(err)
	case prefix.Bits() < 8 || prefix.Bits() > 29:
		p.Add(field, "%q is a /%d; %s subnets must be between /8 and /29", s, prefix.Bits(), cloud)
	}
	return prefix
}
