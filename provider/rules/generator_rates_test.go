package rules_test

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules/rulestest"
)

// draws is how many inputs TestGeneratorRates measures.
const draws = 10_000

// TestGeneratorRates draws inputs as the property tests do (a clock, then
// an input at it) and reports, with -v, how often they hold each case the
// generator is there to reach, and how often Build accepts them. Each case
// must reach at least 1% of the draws: a generator change that starves
// one fails here rather than silently.
//
//	go test -run '^TestGeneratorRates$' -v ./provider/rules
func TestGeneratorRates(t *testing.T) {
	gen := rapid.Custom(func(t *rapid.T) [2]any {
		at := rulestest.Clock(now).Draw(t, "now")
		return [2]any{at, rulestest.Input(at).Draw(t, "input")}
	})
	type tally struct{ drawn, accepted int }
	cases := []string{
		"union of narrow ranges over the bound", "union at the bound exactly", "/0", "IPv6", "overlapping ranges",
		"expiry with a non-UTC offset", "expiry spelled +00:00", "expiry with fractions of a second",
		"rollover Dec 31 23:59:30 (year)", "rollover Feb 28 23:59:30, not leap (month)", "rollover Feb 28 23:59:30, leap (day)", "rollover Feb 29 23:59:30 (month)",
	}
	counts := map[string]*tally{"all": {}}
	for _, c := range cases {
		counts[c] = &tally{}
	}
	rolloverClosedByCloud := 0
	for i := range draws {
		pair := gen.Example(i)
		at, in := pair[0].(time.Time), pair[1].(rules.Input)
		plan, err := rules.Build("tm", in, at)
		hit := classify(in)
		hit["all"] = true
		for c := range hit {
			counts[c].drawn++
			if err == nil {
				counts[c].accepted++
			}
		}
		if err == nil && plan.SSH.ClosedByCloud && strings.HasPrefix(firstRollover(hit), "rollover") {
			rolloverClosedByCloud++
		}
	}
	var report strings.Builder
	fmt.Fprintf(&report, "generator rates over %d draws (share of draws; share of those Build accepts):\n", draws)
	for _, c := range append([]string{"all"}, cases...) {
		n := counts[c]
		fmt.Fprintf(&report, "  %-45s %5.1f%%  accepted %5.1f%%\n", c, pct(n.drawn, draws), pct(n.accepted, max(n.drawn, 1)))
	}
	fmt.Fprintf(&report, "  %-45s %5d\n", "rollovers planned with an in-cloud ClosesAt", rolloverClosedByCloud)
	t.Log(report.String())
	for _, c := range cases {
		if pct(counts[c].drawn, draws) < 1 {
			t.Errorf("%q in only %d of %d draws", c, counts[c].drawn, draws)
		}
	}
	if rolloverClosedByCloud < draws/200 {
		t.Errorf("only %d accepted rollover expiries closed by the cloud", rolloverClosedByCloud)
	}
}

func pct(n, of int) float64 { return 100 * float64(n) / float64(of) }

func firstRollover(hit map[string]bool) string {
	for c := range hit {
		if strings.HasPrefix(c, "rollover") {
			return c
		}
	}
	return ""
}

// classify names the cases an input holds.
func classify(in rules.Input) map[string]bool {
	hit := map[string]bool{}
	lists := [][]string{in.AgentCIDRs.Values, in.DNSServers, in.ExtraNTPRanges, in.DatacenterRanges, in.DatacenterNTPRanges}
	if in.SSHAccess != nil {
		lists = append(lists, in.SSHAccess.Sources)
	}
	for _, list := range lists {
		var ps []netip.Prefix
		narrow := len(list) > 0
		for _, s := range list {
			p, err := netip.ParsePrefix(s)
			if a, aerr := netip.ParseAddr(s); aerr == nil {
				p, err = netip.PrefixFrom(a, a.BitLen()), nil
			}
			if err != nil {
				narrow = false
				continue
			}
			ps = append(ps, p)
			if p.Bits() == 0 {
				hit["/0"] = true
			}
			if p.Addr().Is6() {
				hit["IPv6"] = true
			}
			if !p.Addr().Is4() || p.Bits() < rules.MinPrefixBits || p.Masked() != p {
				narrow = false
			}
		}
		for i, p := range ps {
			for j, q := range ps {
				if i != j && p != q && p.Bits() <= q.Bits() && p.Contains(q.Addr()) {
					hit["overlapping ranges"] = true
				}
			}
		}
		if narrow {
			switch n := rulestest.Covered(list); {
			case n > rules.MaxCoveredAddresses:
				hit["union of narrow ranges over the bound"] = true
			case n == rules.MaxCoveredAddresses:
				hit["union at the bound exactly"] = true
			}
		}
	}
	if in.SSHAccess != nil {
		s := in.SSHAccess.ExpiresAt
		if at, err := time.Parse(time.RFC3339, s); err == nil {
			if _, off := at.Zone(); off != 0 {
				hit["expiry with a non-UTC offset"] = true
			}
			if strings.HasSuffix(s, "+00:00") {
				hit["expiry spelled +00:00"] = true
			}
			if at.Nanosecond() != 0 {
				hit["expiry with fractions of a second"] = true
			}
		}
		if at, ok := rulestest.ParseRollover(s); ok {
			leap := time.Date(at.Year(), time.February, 29, 0, 0, 0, 0, time.UTC).Day() == 29
			switch {
			case at.Month() == time.December:
				hit["rollover Dec 31 23:59:30 (year)"] = true
			case at.Day() == 29:
				hit["rollover Feb 29 23:59:30 (month)"] = true
			case leap:
				hit["rollover Feb 28 23:59:30, leap (day)"] = true
			default:
				hit["rollover Feb 28 23:59:30, not leap (month)"] = true
			}
		}
	}
	return hit
}
