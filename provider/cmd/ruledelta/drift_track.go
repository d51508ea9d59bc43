package main

import "cmp"

// The steps of a refreshed preview, per URN: the refresh's step first,
// then the preview's own (see drift.go).
//
// The Pulumi CLI (v3.274.1, seen through the real engine in tests/e2e)
// writes every refresh step of a preview as op "refresh" whose old and new
// states are both the state as deployed: what the cloud holds shows only in
// the preview's steps, which start from the refreshed state. A resource the
// cloud lost is one the preview creates again or, with --show-sames, has no
// step for; a resource the cloud changed is one whose preview step's old
// state differs from its refresh step's. A refresh step whose op is "update"
// or "delete" says the same directly, and is read as such.

// tracked is one URN of a refreshed preview: its refresh step (nil when
// the state does not have it: the code adds it) and the preview's steps.
type tracked struct {
	urn     string
	refresh *step
	preview []step
	// sames: the preview lists the resources it leaves alone (--show-sames),
	// so a refreshed resource without a preview step is gone from the cloud.
	sames bool
}

func (t *tracked) typ() string {
	for _, s := range append([]step{deref(t.refresh)}, t.preview...) {
		for _, st := range []*state{s.NewState, s.OldState} {
			if st != nil && st.Type != "" {
				return st.Type
			}
		}
	}
	return ""
}

func deref(s *step) step {
	if s == nil {
		return step{}
	}
	return *s
}

// deployed is the resource as the state had it before the refresh.
func (t *tracked) deployed() *state {
	if t.refresh == nil {
		return nil
	}
	return t.refresh.OldState
}

// gone: the refresh found the resource deleted in the cloud.
func (t *tracked) gone() bool {
	if t.refresh == nil {
		return false
	}
	if t.refresh.Op == "delete" {
		return true
	}
	for _, s := range t.preview {
		if s.OldState != nil {
			return false
		}
		if s.Op == "create" {
			return true // the refreshed state lacks it
		}
	}
	return len(t.preview) == 0 && t.sames
}

// inCloud is the resource as the cloud has it, nil when it has not. The
// preview starts from the refreshed state, so its old state is the cloud's;
// without a preview step, an updating refresh says it, and a refresh that
// found no change leaves it as deployed.
func (t *tracked) inCloud() *state {
	if t.refresh == nil || t.gone() {
		return nil
	}
	for _, s := range t.preview {
		if s.OldState != nil {
			return s.OldState
		}
	}
	if t.refresh.Op == "update" && t.refresh.NewState != nil {
		return t.refresh.NewState
	}
	return cmp.Or(t.refresh.NewState, t.refresh.OldState)
}

// changedInCloud: the cloud holds the resource, maybe not as deployed
// (the caller compares what it reads of the two).
func (t *tracked) changedInCloud() bool {
	return t.refresh != nil && !t.gone() && t.inCloud() != nil && t.deployed() != nil
}

// code is what the preview does to the resource, as the rule delta reads
// it; false when it leaves it alone.
func (t *tracked) code() (Change, bool) {
	ops := map[string]bool{}
	for _, s := range t.preview {
		ops[s.Op] = true
	}
	return classify(ops)
}

// track groups the steps by URN. The refresh comes first: a URN's first
// step is its refresh unless the code creates it.
func track(steps []step) ([]*tracked, bool) {
	var order []*tracked
	byURN := map[string]*tracked{}
	refreshed, sames := false, false
	for i := range steps {
		s := steps[i]
		sames = sames || s.Op == "same"
		t := byURN[s.URN]
		if t == nil {
			t = &tracked{urn: s.URN}
			byURN[s.URN] = t
			order = append(order, t)
			switch s.Op {
			case "refresh", "update", "delete":
				t.refresh = &s
				refreshed = true
				continue
			}
		}
		t.preview = append(t.preview, s)
	}
	for _, t := range order {
		t.sames = sames
	}
	return order, refreshed
}
