package rules

// CheckRequired refuses a required value that is missing or given as "",
// with one message for both: "" names nothing to the cloud (an empty VPC id
// lands a security group in the default VPC).
func CheckRequired(p *Problems, field string, v Presence) {
	if v != Present {
		p.Add(field, "is required")
	}
}

// CheckOptionalPresence refuses an optional value given as "": leaving it
// unset says what the user meant.
func CheckOptionalPresence(p *Problems, field string, v Presence, unset string) {
	if v == Empty {
		p.Add(field, "is empty; leave it unset for %s", unset)
	}
}

// OptionalString is an optional plain string: nil means def; "" is refused
// for the same reason as an empty Output.
func OptionalString(p *Problems, field string, given *string, def, unset string) string {
	switch {
	case given == nil:
		return def
	case *given == "":
		p.Add(field, "is empty; leave it unset for %s", unset)
		return def
	}
	return *given
}

// OptionalInt is an optional integer within [min, max]: nil means def. An
// explicit 0 is a value like any other, never a stand-in for the default,
// and a value outside the range is refused before it can overflow a
// duration or a count.
func OptionalInt(p *Problems, field string, given *int, def, lo, hi int, unit string) int {
	if given == nil {
		return def
	}
	if v := *given; v < lo || v > hi {
		p.Add(field, "%d is outside %d-%d %s; leave it unset for %d", v, lo, hi, unit, def)
		return def
	}
	return *given
}
