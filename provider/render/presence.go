package render

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// Presences tells, for values that may be Outputs, whether they were given:
// known values are awaited, so an empty string is seen before anything is
// registered; a value not known yet (a preview of a new resource) counts as
// present.
type Presences struct {
	ctx *pulumi.Context
	err error
}

// NewPresences awaits values in ctx.
func NewPresences(ctx *pulumi.Context) *Presences { return &Presences{ctx: ctx} }

// Of is a required or optional string's presence.
func (p *Presences) Of(field string, v pulumi.StringInput) rules.Presence {
	if v == nil {
		return rules.Absent
	}
	return p.await(field, v.ToStringOutput().ApplyT(func(s string) *string { return &s }).(pulumi.StringPtrOutput))
}

// OfPtr is an optional string pointer's presence.
func (p *Presences) OfPtr(field string, v pulumi.StringPtrInput) rules.Presence {
	if v == nil {
		return rules.Absent
	}
	return p.await(field, v.ToStringPtrOutput())
}

// Err is every value that failed to resolve, by field.
func (p *Presences) Err() error { return p.err }

func (p *Presences) await(field string, out pulumi.StringPtrOutput) rules.Presence {
	resolved, err := internals.UnsafeAwaitOutput(p.ctx.Context(), out)
	switch {
	case err != nil:
		p.err = errors.Join(p.err, fmt.Errorf("%s: %w", field, err))
		return rules.Absent
	case !resolved.Known:
		return rules.Present
	}
	s, _ := resolved.Value.(*string)
	switch {
	case s == nil:
		return rules.Absent
	case *s == "":
		return rules.Empty
	}
	return rules.Present
}
