package rulestest

import (
	"net/netip"
	"slices"

	"pgregory.net/rapid"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// sshSource draws an SSH source: mostly one of the datacenters' ranges or a
// part of one, else any prefix.
func sshSource() *rapid.Generator[string] {
	return mostly(rapid.SampledFrom([]string{"204.110.218.96/27", "208.71.209.32/28", "204.110.219.100/30", "185.54.124.0/25"}), prefix())
}

// prefix draws a CIDR: mostly canonical, narrow and private, sometimes
// huge, with host bits, the internet in pieces, malformed or empty.
func prefix() *rapid.Generator[string] {
	return mostly(
		rapid.Custom(func(t *rapid.T) string {
			addr := netip.AddrFrom4([4]byte{10, byte(rapid.IntRange(0, 255).Draw(t, "b")), byte(rapid.IntRange(0, 255).Draw(t, "c")), 0})
			return netip.PrefixFrom(addr, rapid.IntRange(16, 24).Draw(t, "bits")).Masked().String()
		}),
		rapid.OneOf(rapid.Custom(func(t *rapid.T) string {
			a := rapid.Uint32().Draw(t, "addr")
			addr := netip.AddrFrom4([4]byte{byte(a >> 24), byte(a >> 16), byte(a >> 8), byte(a)})
			return netip.PrefixFrom(addr, rapid.IntRange(0, 32).Draw(t, "bits")).Masked().String()
		}),
			rapid.SampledFrom([]string{
				"0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1", "64.0.0.0/2", "10.0.0.0/8", "10.0.0.1/16",
				"204.110.218.96/27", "204.110.219.96/27", "208.71.209.32/27", "185.54.124.0/24",
				"::/0", "fd00::/8", "10.0.0.0/33", "", "not a cidr",
			})),
	)
}

// address draws a DNS server: an address or a prefix.
func address() *rapid.Generator[string] {
	return mostly(rapid.SampledFrom([]string{"8.8.8.8", "8.8.4.4", "1.1.1.1", "10.0.0.2"}), rapid.OneOf(rapid.SampledFrom([]string{"", "8.8.8", "2001:4860:4860::8888"}), prefix()))
}

// dnsList draws DNS servers: mostly addresses, sometimes with one of the
// range lists' specials.
func dnsList() *rapid.Generator[[]string] {
	return withSpecials(rapid.SliceOfN(address(), 0, 4))
}

// prefixList draws a list of min to max ranges (see prefix), sometimes
// with one of the specials (see withSpecials).
func prefixList(lo, hi int) *rapid.Generator[[]string] {
	return withSpecials(rapid.SliceOfN(prefix(), lo, hi))
}

// withSpecials replaces a list, about one time in seven, with one that
// holds what the model must judge as a whole or refuse: a union of narrow
// ranges past the coverage bound (the internet by meaning), the same at
// the bound exactly, /0, an IPv6 range, or ranges that overlap.
func withSpecials(plain *rapid.Generator[[]string]) *rapid.Generator[[]string] {
	return rapid.Custom(func(t *rapid.T) []string {
		list := plain.Draw(t, "list")
		// rapid draws small numbers more often than large ones: the plain
		// list is 0, the specials the top of the range.
		switch n := rapid.IntRange(0, 99).Draw(t, "special"); {
		case n >= 97:
			return overBound(true).Draw(t, "over the bound")
		case n >= 95:
			return overlapping().Draw(t, "overlap") // alone: the list is accepted more often
		case n >= 93:
			return insert(t, list, overlapping().Draw(t, "overlap")...)
		case n >= 92:
			return overBound(false).Draw(t, "at the bound")
		case n >= 91:
			return insert(t, list, rapid.SampledFrom([]string{"0.0.0.0/0", "::/0"}).Draw(t, "/0"))
		case n >= 90:
			return insert(t, list, rapid.SampledFrom([]string{"2001:db8::/32", "fd00::/8", "2001:db8:1::/48", "fe80::/10"}).Draw(t, "IPv6"))
		}
		return list
	})
}

// insert puts items into list at drawn places.
func insert(t *rapid.T, list []string, items ...string) []string {
	out := slices.Clone(list)
	for _, item := range items {
		i := rapid.IntRange(0, len(out)).Draw(t, "at")
		out = slices.Insert(out, i, item)
	}
	return out
}

// overBound draws distinct, disjoint ranges of /8 to /10 (narrower to fit
// the bound exactly), each
// narrow enough alone, that together cover more than
// rules.MaxCoveredAddresses (over) or exactly that many (not over).
func overBound(over bool) *rapid.Generator[[]string] {
	return rapid.Custom(func(t *rapid.T) []string {
		firsts := rapid.SliceOfNDistinct(rapid.IntRange(1, 223), 20, 20, rapid.ID[int]).Draw(t, "first octets")
		var out []string
		covered := uint64(0)
		for _, first := range firsts {
			if covered == rules.MaxCoveredAddresses && !over {
				break
			}
			bits := rapid.SampledFrom([]int{8, 8, 9, 10}).Draw(t, "bits")
			for size := uint64(1) << (32 - bits); !over && covered+size > rules.MaxCoveredAddresses; size >>= 1 {
				bits++
			}
			out = append(out, netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(first), 0, 0, 0}), bits).String())
			covered += 1 << (32 - bits)
			if over && covered > rules.MaxCoveredAddresses {
				break
			}
		}
		slices.Reverse(out)
		return out
	})
}

// overlapping draws two ranges, one inside the other, or one range and an
// address inside it.
func overlapping() *rapid.Generator[[]string] {
	return rapid.Custom(func(t *rapid.T) []string {
		outerBits := rapid.IntRange(16, 28).Draw(t, "outer bits")
		outer := netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(rapid.IntRange(0, 255).Draw(t, "b")), byte(rapid.IntRange(0, 255).Draw(t, "c")), 0}), outerBits).Masked()
		innerBits := rapid.IntRange(outerBits+1, 32).Draw(t, "inner bits")
		a := outer.Addr().As4()
		host := rapid.Uint32Range(0, 1<<(32-outerBits)-1).Draw(t, "host")
		n := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3]) | host
		inner := netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}), innerBits).Masked()
		return []string{outer.String(), inner.String()}
	})
}
