package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// The preview's JSON, as far as the delta needs it.
type preview struct {
	Steps       []step       `json:"steps"`
	Diagnostics []diagnostic `json:"diagnostics"`
}

type step struct {
	Op       string `json:"op"`
	URN      string `json:"urn"`
	OldState *state `json:"oldState"`
	NewState *state `json:"newState"`
}

type state struct {
	Type    string         `json:"type"`
	ID      string         `json:"id"`
	Inputs  map[string]any `json:"inputs"`
	Outputs map[string]any `json:"outputs"`
}

type diagnostic struct {
	Message  string `json:"message"`
	Severity string `json:"severity"`
}

// unknown is how the engine's JSON spells a value known only after apply.
const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"

// Change is what happened to one rule resource.
type Change string

const (
	Added    Change = "added"
	Removed  Change = "removed"
	Changed  Change = "changed"
	Replaced Change = "replaced"
)

// Rule is one rule resource as a reviewer reads it.
type Rule struct {
	Direction   string // "ingress" or "egress", with ", deny" for a deny rule
	Protocol    string // "tcp", "udp", "all", or several joined
	Ports       string // "443", "1000-2000", "all"
	Peer        string // the far side: CIDRs, a prefix list, a security group
	Description string
	// Other holds the inputs not shown in a column (priority, tags, the
	// group), so a change to them is still reported.
	Other map[string]any
}

// Row is one line of the table.
type Row struct {
	Cloud    string
	Change   Change
	Resource string // the resource's name (the last part of its URN)
	Old, New *Rule  // Old is nil when added, New when removed
}

// ListChange is a change of the AWS prefix list that holds the agent CIDRs.
type ListChange struct {
	Name           string
	Change         Change
	Added, Removed []string
}

// Delta is the rule changes of one preview.
type Delta struct {
	Rows   []Row
	Lists  []ListChange
	Errors []string
	// TagsOnly counts, per cloud, the rule resources whose only change is
	// their tags: said in one sentence, not one line each.
	TagsOnly map[string]int
}

// sameRule: the columns and the other inputs are equal, tags aside.
func (r *Rule) sameRule(o *Rule) bool {
	strip := func(m map[string]any) map[string]any {
		m = others(m, "tags", "tagsAll")
		return m
	}
	a, b := *r, *o
	a.Other, b.Other = strip(r.Other), strip(o.Other)
	return reflect.DeepEqual(a, b)
}

var clouds = []struct{ prefix, title string }{
	{"aws:", "AWS"},
	{"azure-native:", "Azure"},
	{"gcp:", "GCP"},
}

// Parse reads `pulumi preview --json`.
func Parse(data []byte) (*Delta, error) {
	var p preview
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("reading the preview (want the output of `pulumi preview --json`): %w", err)
	}
	d := &Delta{TagsOnly: map[string]int{}}
	for _, diag := range p.Diagnostics {
		if diag.Severity == "error" {
			d.Errors = append(d.Errors, strings.TrimSpace(diag.Message))
		}
	}
	names := idNames(p.Steps)

	// A replacement shows as up to three steps for one URN; fold them.
	type resource struct {
		ops      map[string]bool
		old, new *state
	}
	var order []string
	byURN := map[string]*resource{}
	for _, s := range p.Steps {
		r := byURN[s.URN]
		if r == nil {
			r = &resource{ops: map[string]bool{}}
			byURN[s.URN] = r
			order = append(order, s.URN)
		}
		r.ops[s.Op] = true
		if s.OldState != nil && r.old == nil {
			r.old = s.OldState
		}
		if s.NewState != nil {
			r.new = s.NewState
		}
	}

	for _, urn := range order {
		r := byURN[urn]
		change, ok := classify(r.ops)
		if !ok {
			continue
		}
		typ := ""
		if r.new != nil {
			typ = r.new.Type
		} else if r.old != nil {
			typ = r.old.Type
		}
		if typ == "aws:ec2/managedPrefixList:ManagedPrefixList" {
			if lc, ok := listChange(change, r.old, r.new); ok {
				lc.Name = resourceName(urn)
				d.Lists = append(d.Lists, lc)
			}
			continue
		}
		row := Row{Cloud: cloudOf(typ), Change: change, Resource: resourceName(urn)}
		var ok1, ok2 bool
		if change != Added && r.old != nil {
			row.Old, ok1 = ruleOf(typ, r.old.Inputs, names)
		}
		if change != Removed && r.new != nil {
			row.New, ok2 = ruleOf(typ, r.new.Inputs, names)
		}
		if !ok1 && !ok2 {
			continue // not a rule resource
		}
		if change == Changed && row.Old != nil && row.New != nil && row.Old.sameRule(row.New) {
			// Tags or nothing a reviewer reads as the rule: not a line.
			d.TagsOnly[row.Cloud]++
			continue
		}
		d.Rows = append(d.Rows, row)
	}
	sort.SliceStable(d.Rows, func(i, j int) bool { return rowLess(d.Rows[i], d.Rows[j]) })
	return d, nil
}

func classify(ops map[string]bool) (Change, bool) {
	switch {
	case ops["replace"] || ops["create-replacement"] || ops["delete-replaced"]:
		return Replaced, true
	case ops["create"]:
		return Added, true
	case ops["delete"]:
		return Removed, true
	case ops["update"]:
		return Changed, true
	}
	return "", false
}

// idNames maps the ids of the security groups and prefix lists in the
// preview to their names, so a peer reads as a name, not an id.
func idNames(steps []step) map[string]string {
	names := map[string]string{}
	for _, s := range steps {
		for _, st := range []*state{s.OldState, s.NewState} {
			if st == nil {
				continue
			}
			switch st.Type {
			case "aws:ec2/securityGroup:SecurityGroup", "aws:ec2/managedPrefixList:ManagedPrefixList":
			default:
				continue
			}
			id := st.ID
			if id == "" {
				id = str(st.Outputs["id"])
			}
			if id == "" || id == unknown {
				continue
			}
			name := str(st.Outputs["name"])
			if name == "" {
				name = str(st.Inputs["name"])
			}
			if name == "" {
				name = resourceName(s.URN)
			}
			names[id] = name
		}
	}
	return names
}

func ruleOf(typ string, in map[string]any, names map[string]string) (*Rule, bool) {
	switch typ {
	case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
		return awsRule("ingress", in, names), true
	case "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":
		return awsRule("egress", in, names), true
	case "azure-native:network:SecurityRule":
		return azureRule(in), true
	case "gcp:compute/firewall:Firewall":
		return gcpRule(in), true
	}
	return nil, false
}

func awsRule(direction string, in map[string]any, names map[string]string) *Rule {
	r := &Rule{Direction: direction, Description: str(in["description"])}
	r.Protocol = protocol(str(in["ipProtocol"]))
	if r.Protocol == "all" || (in["fromPort"] == nil && in["toPort"] == nil) {
		r.Ports = "all"
	} else {
		r.Ports = portRange(str(in["fromPort"]), str(in["toPort"]))
	}
	switch {
	case in["cidrIpv4"] != nil:
		r.Peer = str(in["cidrIpv4"])
	case in["cidrIpv6"] != nil:
		r.Peer = str(in["cidrIpv6"])
	case in["prefixListId"] != nil:
		r.Peer = "prefix list " + named(str(in["prefixListId"]), names)
	case in["referencedSecurityGroupId"] != nil:
		r.Peer = "security group " + named(str(in["referencedSecurityGroupId"]), names)
	}
	r.Other = others(in, "description", "ipProtocol", "fromPort", "toPort",
		"cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId")
	return r
}

func azureRule(in map[string]any) *Rule {
	r := &Rule{Description: str(in["description"])}
	ingress := strings.EqualFold(str(in["direction"]), "Inbound")
	r.Direction = "egress"
	if ingress {
		r.Direction = "ingress"
	}
	if strings.EqualFold(str(in["access"]), "Deny") {
		r.Direction += ", deny"
	}
	r.Protocol = protocol(str(in["protocol"]))
	r.Ports = joinAny(in["destinationPortRange"], in["destinationPortRanges"])
	if ingress {
		r.Peer = joinAny(in["sourceAddressPrefix"], in["sourceAddressPrefixes"])
	} else {
		r.Peer = joinAny(in["destinationAddressPrefix"], in["destinationAddressPrefixes"])
	}
	r.Ports = allIfStar(r.Ports)
	r.Peer = strings.ReplaceAll(r.Peer, "*", "any")
	r.Other = others(in, "description", "direction", "access", "protocol",
		"destinationPortRange", "destinationPortRanges")
	if ingress {
		delete(r.Other, "sourceAddressPrefix")
		delete(r.Other, "sourceAddressPrefixes")
	} else {
		delete(r.Other, "destinationAddressPrefix")
		delete(r.Other, "destinationAddressPrefixes")
	}
	return r
}

func gcpRule(in map[string]any) *Rule {
	r := &Rule{Description: str(in["description"])}
	ingress := !strings.EqualFold(str(in["direction"]), "EGRESS")
	r.Direction = "egress"
	if ingress {
		r.Direction = "ingress"
	}
	matches, _ := in["allows"].([]any)
	if denies, _ := in["denies"].([]any); len(denies) > 0 {
		matches = denies
		r.Direction += ", deny"
	}
	var protos, ports, labelled []string
	samePorts := true
	for _, m := range matches {
		mm, _ := m.(map[string]any)
		p := protocol(str(mm["protocol"]))
		ps := "all"
		if list, _ := mm["ports"].([]any); len(list) > 0 {
			ps = joinAny(nil, list)
		}
		protos = append(protos, p)
		ports = append(ports, ps)
		labelled = append(labelled, p+": "+ps)
		samePorts = samePorts && ps == ports[0]
	}
	r.Protocol = strings.Join(protos, ", ")
	if len(ports) > 0 {
		r.Ports = ports[0]
		if !samePorts {
			r.Ports = strings.Join(labelled, "; ")
		}
	}
	if ingress {
		r.Peer = joinAny(nil, in["sourceRanges"])
		if tags := joinAny(nil, in["sourceTags"]); tags != "" {
			r.Peer = strings.TrimPrefix(r.Peer+", tags "+tags, ", ")
		}
	} else {
		r.Peer = joinAny(nil, in["destinationRanges"])
	}
	r.Other = others(in, "description", "direction", "allows", "denies", "sourceRanges", "sourceTags", "destinationRanges")
	return r
}

func listChange(change Change, old, new *state) (ListChange, bool) {
	entries := func(st *state) []string {
		if st == nil {
			return nil
		}
		list, _ := st.Inputs["entries"].([]any)
		var out []string
		for _, e := range list {
			m, _ := e.(map[string]any)
			out = append(out, str(m["cidr"]))
		}
		return out
	}
	before, after := entries(old), entries(new)
	lc := ListChange{Change: change}
	if change == Removed {
		before, after = entries(old), nil
	}
	if change == Added {
		before = nil
	}
	lc.Added, lc.Removed = minus(after, before), minus(before, after)
	if change == Changed && len(lc.Added) == 0 && len(lc.Removed) == 0 {
		return lc, false
	}
	return lc, true
}

// Markdown renders the delta: one section per cloud with changes.
func (d *Delta) Markdown() string {
	var b strings.Builder
	b.WriteString("## Rule changes\n\n")
	for _, e := range d.Errors {
		fmt.Fprintf(&b, "> **The preview failed**: %s\n\n", cell(e))
	}
	any := false
	for _, c := range clouds {
		var rows []Row
		for _, r := range d.Rows {
			if r.Cloud == c.title {
				rows = append(rows, r)
			}
		}
		var lists []ListChange
		if c.title == "AWS" {
			lists = d.Lists
		}
		if len(rows) == 0 && len(lists) == 0 && d.TagsOnly[c.title] == 0 {
			continue
		}
		any = true
		fmt.Fprintf(&b, "### %s (%s)\n\n", c.title, summary(rows))
		for _, l := range lists {
			fmt.Fprintf(&b, "Agent CIDRs (prefix list `%s`, %s): %s. Every rule whose peer is this list follows it.\n\n",
				l.Name, l.Change, listSummary(l))
		}
		if len(rows) > 0 {
			b.WriteString("| change | direction | protocol | ports | peer | description | resource |\n")
			b.WriteString("| --- | --- | --- | --- | --- | --- | --- |\n")
			for _, r := range rows {
				b.WriteString(r.markdown())
			}
			b.WriteString("\n")
		}
		if n := d.TagsOnly[c.title]; n > 0 {
			fmt.Fprintf(&b, "%d rule resource%s change%s only tags.\n\n", n, plural(n, "s", ""), plural(n, "", "s"))
		}
	}
	if !any {
		b.WriteString("No rule changes.\n")
	}
	return b.String()
}

func summary(rows []Row) string {
	n := map[Change]int{}
	for _, r := range rows {
		n[r.Change]++
	}
	parts := []string{}
	for _, c := range []Change{Added, Removed, Changed, Replaced} {
		if n[c] > 0 || c != Replaced {
			parts = append(parts, fmt.Sprintf("%d %s", n[c], c))
		}
	}
	return strings.Join(parts, ", ")
}

func listSummary(l ListChange) string {
	var parts []string
	if len(l.Added) > 0 {
		parts = append(parts, "added "+strings.Join(l.Added, ", "))
	}
	if len(l.Removed) > 0 {
		parts = append(parts, "removed "+strings.Join(l.Removed, ", "))
	}
	if len(parts) == 0 {
		return "no entries"
	}
	return strings.Join(parts, "; ")
}

func (r Row) markdown() string {
	field := func(get func(*Rule) string) string {
		switch {
		case r.Old == nil:
			return cell(get(r.New))
		case r.New == nil:
			return cell(get(r.Old))
		case get(r.Old) == get(r.New):
			return cell(get(r.New))
		}
		return cell(get(r.Old)) + " → " + cell(get(r.New))
	}
	change := string(r.Change)
	if r.Old != nil && r.New != nil {
		if other := otherChanges(r.Old.Other, r.New.Other); other != "" {
			change += " (" + cell(other) + ")"
		}
	}
	return "| " + strings.Join([]string{
		change,
		field(func(x *Rule) string { return x.Direction }),
		field(func(x *Rule) string { return x.Protocol }),
		field(func(x *Rule) string { return x.Ports }),
		field(func(x *Rule) string { return x.Peer }),
		field(func(x *Rule) string { return x.Description }),
		"`" + r.Resource + "`",
	}, " | ") + " |\n"
}

// otherChanges names the inputs outside the columns that changed, with
// old → new for plain values ("priority: 200 → 210; tags").
func otherChanges(old, new map[string]any) string {
	keys := map[string]bool{}
	for k := range old {
		keys[k] = true
	}
	for k := range new {
		keys[k] = true
	}
	var sorted []string
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	var parts []string
	for _, k := range sorted {
		o, n := old[k], new[k]
		if reflect.DeepEqual(o, n) {
			continue
		}
		if scalar(o) && scalar(n) {
			parts = append(parts, fmt.Sprintf("%s: %s → %s", k, orNone(str(o)), orNone(str(n))))
		} else {
			parts = append(parts, k)
		}
	}
	return strings.Join(parts, "; ")
}

func rowLess(a, b Row) bool {
	rank := map[Change]int{Added: 0, Removed: 1, Changed: 2, Replaced: 3}
	if rank[a.Change] != rank[b.Change] {
		return rank[a.Change] < rank[b.Change]
	}
	ra, rb := a.New, b.New
	if ra == nil {
		ra = a.Old
	}
	if rb == nil {
		rb = b.Old
	}
	ka := []string{ra.Direction, ra.Protocol, padPorts(ra.Ports), ra.Peer, a.Resource}
	kb := []string{rb.Direction, rb.Protocol, padPorts(rb.Ports), rb.Peer, b.Resource}
	for i := range ka {
		if ka[i] != kb[i] {
			return ka[i] < kb[i]
		}
	}
	return false
}

// padPorts sorts "22" before "443" before "7777".
func padPorts(p string) string {
	if n, err := strconv.Atoi(strings.SplitN(p, "-", 2)[0]); err == nil {
		return fmt.Sprintf("%05d%s", n, p)
	}
	return p
}

func cloudOf(typ string) string {
	for _, c := range clouds {
		if strings.HasPrefix(typ, c.prefix) {
			return c.title
		}
	}
	return typ
}

func resourceName(urn string) string {
	if i := strings.LastIndex(urn, "::"); i >= 0 {
		return urn[i+2:]
	}
	return urn
}

func protocol(p string) string {
	switch strings.ToLower(p) {
	case "-1", "*", "all":
		return "all"
	case "":
		return ""
	}
	if p == unknown {
		return str(p)
	}
	return strings.ToLower(p)
}

func portRange(from, to string) string {
	if from == to || to == "" {
		return from
	}
	return from + "-" + to
}

func allIfStar(s string) string {
	if s == "*" {
		return "all"
	}
	return s
}

func named(id string, names map[string]string) string {
	if n, ok := names[id]; ok && n != id {
		return n + " (" + id + ")"
	}
	return str(id)
}

// others is in without the keys the columns show.
func others(in map[string]any, shown ...string) map[string]any {
	out := map[string]any{}
	for k, v := range in {
		out[k] = v
	}
	for _, k := range shown {
		delete(out, k)
	}
	return out
}

// joinAny joins a single value and a list value, as "a, b".
func joinAny(single any, list any) string {
	var parts []string
	if single != nil {
		parts = append(parts, str(single))
	}
	if l, ok := list.([]any); ok {
		for _, v := range l {
			parts = append(parts, str(v))
		}
	} else if list != nil {
		parts = append(parts, str(list))
	}
	return strings.Join(parts, ", ")
}

func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		if x == unknown {
			return "(known after apply)"
		}
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func scalar(v any) bool {
	switch v.(type) {
	case nil, string, float64, bool:
		return true
	}
	return false
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func minus(a, b []string) []string {
	in := map[string]bool{}
	for _, x := range b {
		in[x] = true
	}
	var out []string
	for _, x := range a {
		if !in[x] {
			out = append(out, x)
		}
	}
	return out
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	s = strings.ReplaceAll(s, "\r", " ")
	return strings.ReplaceAll(s, "\n", " ")
}

func plural(n int, many, one string) string {
	if n == 1 {
		return one
	}
	return many
}
