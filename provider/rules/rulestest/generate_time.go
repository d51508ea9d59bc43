package rulestest

import (
	"strings"
	"time"

	"pgregory.net/rapid"
)

// expiry draws an SSH expiry: mostly inside the default window (some
// already past) or at a rollover (see rollover), else far, malformed or
// empty. The instant is spelled in UTC or another offset (see offset),
// sometimes with fractions of a second.
func expiry(now time.Time) *rapid.Generator[string] {
	at := func(lo, hi time.Duration) *rapid.Generator[time.Time] {
		return rapid.Custom(func(t *rapid.T) time.Time {
			return now.Add(time.Duration(rapid.Int64Range(int64(lo), int64(hi)).Draw(t, "offset")))
		})
	}
	spell := func(g *rapid.Generator[time.Time]) *rapid.Generator[string] {
		return rapid.Custom(func(t *rapid.T) string {
			zone := offset().Draw(t, "zone")
			instant := g.Draw(t, "instant").In(zone)
			layout := time.RFC3339
			if rapid.IntRange(0, 4).Draw(t, "fraction?") == 4 {
				layout = time.RFC3339Nano
			} else {
				instant = instant.Truncate(time.Second)
			}
			spelled := instant.Format(layout)
			if zone.String() == "+00:00" {
				// Go spells a zero offset Z.
				spelled = strings.TrimSuffix(spelled, "Z") + "+00:00"
			}
			return spelled
		})
	}
	return mostly(
		spell(rapid.OneOf(at(6*time.Minute, 167*time.Hour), at(6*time.Minute, 167*time.Hour), at(-48*time.Hour, 0), rollover(now), rollover(now))),
		rapid.OneOf(spell(at(0, 400*24*time.Hour)), rapid.SampledFrom([]string{"", "soon", "2026-13-01T00:00:00Z"})),
	)
}

// Offsets expiries are spelled in: UTC as Z and as +00:00, an hour east,
// eight hours west, and a half-hour zone.
var offsets = []*time.Location{
	time.UTC, time.UTC,
	time.FixedZone("+00:00", 0),
	time.FixedZone("+01:00", 3600),
	time.FixedZone("-08:00", -8*3600),
	time.FixedZone("+05:30", 5*3600+1800),
}

func offset() *rapid.Generator[*time.Location] { return rapid.SampledFrom(offsets) }

// rolloverDays are the dates whose 23:59:30 UTC rounds up into another day:
// Dec 31 rolls the year over, Feb 28 the month (or, in a leap year, only
// the day), Feb 29 the month.
var rolloverDays = []struct {
	month time.Month
	day   int
	leap  bool // only in a leap year
}{{time.December, 31, false}, {time.February, 28, false}, {time.February, 28, true}, {time.February, 29, true}}

// rollover draws 23:59:30 UTC on the next Dec 31, Feb 28, Feb 28 of a leap
// year or Feb 29 at
// least six minutes after now (the in-cloud lead), which may lie beyond the
// window: the input then raises maxWindowHours most of the time.
func rollover(now time.Time) *rapid.Generator[time.Time] {
	return rapid.Custom(func(t *rapid.T) time.Time {
		d := rapid.SampledFrom(rolloverDays).Draw(t, "rollover day")
		for year := now.UTC().Year(); ; year++ {
			at := time.Date(year, d.month, d.day, 23, 59, 30, 0, time.UTC)
			leap := time.Date(year, time.February, 29, 0, 0, 0, 0, time.UTC).Day() == 29
			if at.Day() == d.day && (leap || !d.leap) && at.Sub(now) >= 6*time.Minute {
				return at
			}
		}
	})
}

// ParseRollover reports whether s is an instant at 23:59:30 UTC on Dec 31,
// Feb 28 or Feb 29, and returns it.
func ParseRollover(s string) (time.Time, bool) {
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, false
	}
	at = at.UTC()
	if at.Hour() != 23 || at.Minute() != 59 || at.Second() != 30 || at.Nanosecond() != 0 {
		return at, false
	}
	for _, d := range rolloverDays {
		if at.Month() == d.month && at.Day() == d.day {
			return at, true
		}
	}
	return at, false
}

// Clock draws the time a test plans at: mostly base, sometimes up to a
// week before a rollover instant (Dec 31 of base's year and the next, Feb
// 28 and Feb 29 of the next leap year), so that a rollover expiry fits
// the default window.
func Clock(base time.Time) *rapid.Generator[time.Time] {
	var near []time.Time
	leap := base.Year() + 1
	for time.Date(leap, time.February, 29, 0, 0, 0, 0, time.UTC).Day() != 29 {
		leap++
	}
	for _, at := range []time.Time{
		time.Date(base.Year(), time.December, 31, 23, 59, 30, 0, time.UTC),
		time.Date(base.Year()+1, time.December, 31, 23, 59, 30, 0, time.UTC),
		time.Date(base.Year()+1, time.February, 28, 23, 59, 30, 0, time.UTC),
		time.Date(leap, time.February, 28, 23, 59, 30, 0, time.UTC),
		time.Date(leap, time.February, 29, 23, 59, 30, 0, time.UTC),
	} {
		if at.After(base) {
			near = append(near, at)
		}
	}
	return rapid.Custom(func(t *rapid.T) time.Time {
		if rapid.IntRange(0, 1).Draw(t, "near a rollover?") == 0 {
			return base
		}
		at := rapid.SampledFrom(near).Draw(t, "rollover")
		return at.Add(-time.Duration(rapid.Int64Range(int64(10*time.Minute), int64(160*time.Hour)).Draw(t, "before")))
	})
}
