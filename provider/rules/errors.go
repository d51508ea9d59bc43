package rules

import (
	"errors"
	"fmt"
	"strings"
)

// FieldError is bad input: which field, and why. Field uses the schema's
// names (agentCidrs[1], aws.subnets[0].cidrBlock) so users can find it.
type FieldError struct {
	Field  string
	Reason string
	// Err is the underlying parse error, if any.
	Err error
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Reason }

func (e *FieldError) Unwrap() error { return e.Err }

// InputError is every FieldError found in one input, in the order of the
// input's fields, so the message is the same on every run.
type InputError struct {
	Errors []*FieldError
}

func (e *InputError) Error() string {
	lines := make([]string, len(e.Errors))
	for i, fe := range e.Errors {
		lines[i] = fe.Error()
	}
	if len(lines) == 1 {
		return "invalid ThreatManager input: " + lines[0]
	}
	return "invalid ThreatManager input:\n  " + strings.Join(lines, "\n  ")
}

// Unwrap lets errors.As find each FieldError.
func (e *InputError) Unwrap() []error {
	out := make([]error, len(e.Errors))
	for i, fe := range e.Errors {
		out[i] = fe
	}
	return out
}

// Problems collects field errors while a validator walks the input.
type Problems struct {
	list []*FieldError
}

func (p *Problems) Add(field, format string, args ...any) {
	p.list = append(p.list, &FieldError{Field: field, Reason: fmt.Sprintf(format, args...)})
}

func (p *Problems) AddErr(err error) {
	if fe, ok := errors.AsType[*FieldError](err); ok {
		p.list = append(p.list, fe)
		return
	}
	p.list = append(p.list, &FieldError{Field: "input", Reason: err.Error(), Err: err})
}

func (p *Problems) Err() error {
	if len(p.list) == 0 {
		return nil
	}
	return &InputError{Errors: p.list}
}
