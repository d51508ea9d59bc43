package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"
)

// The drift check (`ruledelta -drift`) reads
//
//	pulumi preview --refresh --expect-no-changes --show-sames --json
//
// and says what the cloud did that the stack did not: rules removed,
// changed or added out of band, and above all SSH still open after its
// expiry, which is how a failed in-cloud revocation shows.
//
// With --refresh, the engine reads every resource of the state from the
// cloud before the preview, and the JSON holds a refresh step per resource
// of the state, then the preview's own steps, from the refreshed state;
// --show-sames adds the resources the preview leaves alone, whose old state
// is the cloud's too (a security group's rule list, which no input sets).
// drift_track.go reads the cloud's side from them.

// The drift check's changes.
const (
	SSHPastExpiry    Change = "SSH open past its expiry"
	RemovedOutOfBand Change = "removed out of band"
	AddedOutOfBand   Change = "added out of band"
	ChangedOutOfBand Change = "changed out of band"
)

// driftOrder is the order of a cloud's lines and of its summary.
var driftOrder = []Change{SSHPastExpiry, RemovedOutOfBand, AddedOutOfBand, ChangedOutOfBand}

// sshExpires ends an SSH rule's description, before its expiry in RFC 3339
// (rules.SSHDescriptionExpires; a test holds the two together).
const sshExpires = ", expires "

// DefaultGrace is how long after an SSH expiry the cloud is given to close
// SSH before an open SSH rule is drift: its scheduler fires at the whole
// minute after the expiry and takes a moment.
const DefaultGrace = 10 * time.Minute

// Drift is what a refreshed preview says the cloud did on its own.
type Drift struct {
	Now   time.Time
	Grace time.Duration
	// Errors are the preview's error diagnostics.
	Errors []string
	// Rows are the rules that drifted. Old is the rule as deployed, New as
	// the cloud has it (nil when removed); a rule added out of band has no
	// resource of its own, and Resource names its group.
	Rows []Row
	// Lists are lists of agent CIDRs changed or removed out of band.
	Lists []ListChange
	// Expiries are the schedulers that close SSH, changed or removed out
	// of band while the code still has them.
	Expiries []ExpiryChange
	// SSH is, per cloud, the SSH rules open past their expiry.
	SSH []SSHOpen
	// Notes are what the refresh found that is not drift.
	Notes []string
	// Unseen are the clouds of the stack whose rules added by hand a
	// refresh cannot see.
	Unseen []string
}

// SSHOpen is one cloud's SSH rules open past their expiry.
type SSHOpen struct {
	Cloud string
	Rules int
	// ExpiredAt is the earliest expiry among them.
	ExpiredAt time.Time
	// Closers say how the cloud was to close them: the schedulers the
	// cloud still has. None when SSH was not closed by the cloud
	// (sshAccess.enforceInCloud false) or the schedulers are gone.
	Closers []string
}

// Found reports whether the cloud drifted from the stack.
func (d *Drift) Found() bool {
	return len(d.Rows)+len(d.Lists)+len(d.Expiries) > 0
}

// ParseDrift reads `pulumi preview --refresh --json` at the time now.
func ParseDrift(data []byte, now time.Time, grace time.Duration) (*Drift, error) {
	var p preview
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("reading the preview (want the output of `pulumi preview --refresh --json`): %w", err)
	}
	d := &Drift{Now: now.UTC(), Grace: grace}
	for _, diag := range p.Diagnostics {
		if diag.Severity == "error" {
			d.Errors = append(d.Errors, strings.TrimSpace(diag.Message))
		}
	}
	all, refreshed := track(p.Steps)
	if !refreshed && len(d.Errors) == 0 {
		return nil, fmt.Errorf("the preview has no refresh: run `pulumi preview --refresh --json`")
	}
	names := idNames(p.Steps)
	r := driftReader{Drift: d, names: names, held: map[string]map[string]bool{},
		ssh: map[string]*SSHOpen{}, closers: map[string][]string{}, seen: map[string]bool{}}

	// The stack's rules on each group, as the cloud has them.
	for _, t := range all {
		rt := types[t.typ()]
		if st := t.inCloud(); st != nil && rt.ruleGroup != nil {
			group, keys := rt.ruleGroup(st.ID, st.Inputs, st.Outputs)
			if r.held[group] == nil {
				r.held[group] = map[string]bool{}
			}
			for _, k := range keys {
				r.held[group][k] = true
			}
		}
	}
	for _, t := range all {
		rt := types[t.typ()]
		if rt.owner.Title != "" && (rt.rule != nil || rt.group != nil) {
			r.seen[rt.owner.Title] = true
		}
		switch {
		case rt.agentList != nil:
			r.list(t, rt)
		case rt.expiry != nil:
			r.expiry(t, rt)
		case rt.rule != nil:
			r.rule(t, rt)
		}
		if rt.group != nil {
			r.group(t, rt)
		}
	}
	r.finish()
	return d, nil
}

// driftReader holds what ParseDrift gathers on its way.
type driftReader struct {
	*Drift
	names cloud.IDNames
	// held is, per group, the keys of the stack's rules on it.
	held map[string]map[string]bool
	ssh  map[string]*SSHOpen
	// closers are, per cloud, how its schedulers still in the cloud close SSH.
	closers map[string][]string
	// seen are the clouds with rules in the stack.
	seen map[string]bool
	// Counts for the notes.
	closedByCloud, closing, disabled, codeChanges int
}

func (r *driftReader) rule(t *tracked, rt resourceType) {
	title := rt.owner.Title
	change, codeChanges := t.code()
	if t.refresh == nil {
		if codeChanges {
			r.codeChanges++
		}
		return
	}
	deployed := decodeState(rt, t.deployed(), r.names)
	if t.gone() {
		switch {
		case change == Added || change == Replaced:
			// The code still has it: the cloud lost a rule of the stack.
			r.Rows = append(r.Rows, Row{Cloud: title, Change: RemovedOutOfBand, Resource: resourceName(t.urn), Old: deployed})
		case deployed != nil && r.expired(deployed):
			r.closedByCloud++
		}
		return
	}
	now := decodeState(rt, t.inCloud(), r.names)
	if now == nil {
		return
	}
	explained := false
	if t.changedInCloud() && deployed != nil && !sameRule(deployed, now, rt.owner.Delta.TagInputs) {
		r.Rows = append(r.Rows, Row{Cloud: title, Change: ChangedOutOfBand, Resource: resourceName(t.urn), Old: deployed, New: now})
		explained = true // the code puts it back
	}
	if at, ok := sshExpiry(now.Description); ok && !at.After(r.Now) {
		explained = true
		switch {
		case rt.inert != nil && rt.inert(t.inCloud().Inputs, t.inCloud().Outputs):
			r.disabled++
		case r.Now.Sub(at) < r.Grace:
			r.closing++
		default:
			r.Rows = append(r.Rows, Row{Cloud: title, Change: SSHPastExpiry, Resource: resourceName(t.urn), New: now})
			o := r.ssh[title]
			if o == nil {
				o = &SSHOpen{Cloud: title, ExpiredAt: at}
				r.ssh[title] = o
			}
			o.Rules++
			if at.Before(o.ExpiredAt) {
				o.ExpiredAt = at
			}
		}
	}
	if codeChanges && !explained {
		r.codeChanges++
	}
}

// expired: an SSH rule whose expiry has passed.
func (r *driftReader) expired(rule *cloud.Rule) bool {
	at, ok := sshExpiry(rule.Description)
	return ok && !at.After(r.Now)
}

func (r *driftReader) expiry(t *tracked, rt resourceType) {
	title := rt.owner.Title
	change, codeChanges := t.code()
	var deployed, now *cloud.Expiry
	if st := t.deployed(); st != nil {
		deployed = rt.expiry(st.Inputs, r.names)
	}
	if st := t.inCloud(); st != nil {
		now = rt.expiry(st.Inputs, r.names)
		r.closers[title] = append(r.closers[title], now.How)
	}
	switch {
	case t.gone() && (change == Added || change == Replaced):
		r.Expiries = append(r.Expiries, ExpiryChange{Cloud: title, Change: RemovedOutOfBand, Resource: resourceName(t.urn), Old: deployed})
	case t.changedInCloud() && deployed != nil && now != nil &&
		(deployed.At != now.At || deployed.How != now.How):
		r.Expiries = append(r.Expiries, ExpiryChange{Cloud: title, Change: ChangedOutOfBand, Resource: resourceName(t.urn), Old: deployed, New: now})
	case t.refresh == nil && codeChanges:
		r.codeChanges++
	}
}

func (r *driftReader) list(t *tracked, rt resourceType) {
	change, _ := t.code()
	name := resourceName(t.urn)
	switch {
	case t.gone() && (change == Added || change == Replaced):
		lc, _ := listChange(Removed, *rt.agentList, t.deployed(), nil)
		lc.Cloud, lc.Name, lc.Change = rt.owner.Title, name, RemovedOutOfBand
		r.Lists = append(r.Lists, lc)
	case t.changedInCloud():
		if lc, ok := listChange(Changed, *rt.agentList, t.deployed(), t.inCloud()); ok {
			lc.Cloud, lc.Name, lc.Change = rt.owner.Title, name, ChangedOutOfBand
			r.Lists = append(r.Lists, lc)
		}
	}
}

// group finds the rules the cloud holds on a group of the stack that no
// rule resource of the stack holds: rules added by hand.
func (r *driftReader) group(t *tracked, rt resourceType) {
	st := t.inCloud()
	if st == nil {
		return
	}
	held := r.held[rt.group.Key(st.ID, st.Inputs, st.Outputs)]
	for _, gr := range rt.group.Rules(st.ID, st.Outputs, r.names) {
		if !held[gr.Key] {
			r.Rows = append(r.Rows, Row{Cloud: rt.owner.Title, Change: AddedOutOfBand, Resource: resourceName(t.urn), New: gr.Rule})
		}
	}
}

func (r *driftReader) finish() {
	for _, c := range clouds.All {
		if o := r.ssh[c.Title]; o != nil {
			o.Closers = slices.Compact(slices.Sorted(slices.Values(r.closers[c.Title])))
			r.SSH = append(r.SSH, *o)
		}
		if r.seen[c.Title] && len(c.Delta.Groups) == 0 {
			r.Unseen = append(r.Unseen, c.Title)
		}
	}
	if n := r.closedByCloud; n > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("%d SSH rule%s closed by the cloud at %s expiry, as planned: not drift. The next `pulumi up --refresh` catches the stack up and removes the schedulers.",
			n, cloud.Plural(n, "s", ""), cloud.Plural(n, "their", "its")))
	}
	if n := r.closing; n > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("%d SSH rule%s expired less than %s ago and %s still in the cloud: its scheduler may not have run yet; the next check will tell.",
			n, cloud.Plural(n, "s", ""), shortDuration(r.Grace), cloud.Plural(n, "are", "is")))
	}
	if n := r.disabled; n > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("%d SSH rule%s past %s expiry %s disabled in the cloud, so not open. The next `pulumi up` deletes %s.",
			n, cloud.Plural(n, "s", ""), cloud.Plural(n, "their", "its"), cloud.Plural(n, "are", "is"), cloud.Plural(n, "them", "it")))
	}
	if n := r.codeChanges; n > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("The code also changes %d rule or scheduler resource%s the cloud holds as deployed: a change not deployed yet, not drift (its rule delta: `pulumi preview --json | ruledelta`).",
			n, cloud.Plural(n, "s", "")))
	}
	slices.SortStableFunc(r.Rows, compareDrift)
	slices.SortStableFunc(r.Expiries, compareExpiries)
}

// decodeState reads a rule resource's state, nil when there is none.
func decodeState(rt resourceType, st *state, names cloud.IDNames) *cloud.Rule {
	if st == nil {
		return nil
	}
	return rt.rule(st.Inputs, names)
}

// sshExpiry is the expiry an SSH rule's description ends with.
func sshExpiry(description string) (time.Time, bool) {
	i := strings.LastIndex(description, sshExpires)
	if i < 0 {
		return time.Time{}, false
	}
	at, err := time.Parse(time.RFC3339, strings.TrimSpace(description[i+len(sshExpires):]))
	return at.UTC(), err == nil
}

// compareDrift orders the lines by cloud, then by drift, then as the rule
// delta orders its lines.
func compareDrift(a, b Row) int {
	return cmp.Or(
		cmp.Compare(cloudIndex(a.Cloud), cloudIndex(b.Cloud)),
		cmp.Compare(slices.Index(driftOrder, a.Change), slices.Index(driftOrder, b.Change)),
		compareRows(a, b),
	)
}

// shortDuration is a duration to the minute, as "2h 5m".
func shortDuration(d time.Duration) string {
	d = d.Round(time.Minute)
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h == 0:
		return fmt.Sprintf("%dm", m)
	case m == 0:
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh %dm", h, m)
}
