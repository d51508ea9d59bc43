package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
)

// equivalent checks, before anything is timed, that the two stacks hold
// the same cloud resources: the same (type, logical name) pairs, the same
// inputs and the same dependency edges. It returns how many resources that
// is.
//
// Values the stand-ins derive from a URN (ids, ARNs, UUIDs) differ between
// the stacks because a child's URN holds its parent's type. They are found
// by pairing the resources and comparing their ids and outputs path by
// path; each such value becomes the same token on both sides wherever it
// appears in an input. A literal left in the by-hand program where the
// component used a reference therefore shows up as a difference.
func equivalent(comp, hand []stateResource) (int, error) {
	a, b := byKey(cloudResources(comp)), byKey(cloudResources(hand))
	var problems []string
	for _, k := range sortedKeys(a) {
		if b[k] == nil {
			problems = append(problems, "only the component stack has "+k)
		}
	}
	for _, k := range sortedKeys(b) {
		if a[k] == nil {
			problems = append(problems, "only the by-hand stack has "+k)
		}
	}
	if len(problems) > 0 {
		return 0, notEquivalent(problems)
	}

	na, nb := normaliser{}, normaliser{}
	for _, k := range sortedKeys(a) {
		ra, rb := a[k], b[k]
		va, vb := map[string]string{"id": ra.ID}, map[string]string{"id": rb.ID}
		stringLeaves(ra.Outputs, "", func(p, s string) { va[p] = s })
		stringLeaves(rb.Outputs, "", func(p, s string) { vb[p] = s })
		for _, p := range sortedKeys(va) {
			if vb[p] != "" && va[p] != vb[p] {
				token := "<" + k + " " + p + ">"
				na.add(va[p], token)
				nb.add(vb[p], token)
			}
		}
	}
	ra, rb := na.replacer(), nb.replacer()
	keyA, keyB := urnKeys(comp), urnKeys(hand)
	for _, k := range sortedKeys(a) {
		ia, ib := normalise(a[k].Inputs, ra), normalise(b[k].Inputs, rb)
		if !reflect.DeepEqual(ia, ib) {
			problems = append(problems, fmt.Sprintf("%s: inputs differ\n    component: %s\n    by hand:   %s", k, brief(ia), brief(ib)))
		}
		da, db := depKeys(a[k], keyA), depKeys(b[k], keyB)
		if !slices.Equal(da, db) {
			problems = append(problems, fmt.Sprintf("%s: dependencies differ\n    component: %v\n    by hand:   %v", k, da, db))
		}
	}
	if len(problems) > 0 {
		return 0, notEquivalent(problems)
	}
	return len(a), nil
}

func notEquivalent(problems []string) error {
	const show = 10
	more := ""
	if len(problems) > show {
		more = fmt.Sprintf("\n  … and %d more", len(problems)-show)
		problems = problems[:show]
	}
	return fmt.Errorf("the by-hand program is not equivalent to the component's:\n  %s%s", strings.Join(problems, "\n  "), more)
}

func byKey(rs []stateResource) map[string]*stateResource {
	m := map[string]*stateResource{}
	for i := range rs {
		m[rs[i].key()] = &rs[i]
	}
	return m
}

func urnKeys(rs []stateResource) map[string]string {
	m := map[string]string{}
	for i := range rs {
		m[rs[i].URN] = rs[i].key()
	}
	return m
}

// depKeys are a resource's dependencies as sorted (type, name) keys.
func depKeys(r *stateResource, keys map[string]string) []string {
	var out []string
	for _, d := range unique(r.Dependencies) {
		out = append(out, keys[d])
	}
	sort.Strings(out)
	return out
}

// normaliser maps the URN-derived values of one stack to tokens.
type normaliser map[string]string

func (n normaliser) add(value, token string) {
	if _, seen := n[value]; !seen {
		n[value] = token
	}
}

// replacer replaces the longest values first (an ARN before the id in it).
func (n normaliser) replacer() *strings.Replacer {
	values := sortedKeys(n)
	sort.SliceStable(values, func(i, j int) bool { return len(values[i]) > len(values[j]) })
	var pairs []string
	for _, v := range values {
		pairs = append(pairs, v, n[v])
	}
	return strings.NewReplacer(pairs...)
}

// normalise is v with tokens for URN-derived values, secrets as
// {"<secret>": plaintext}, and no nulls or engine-internal "__" keys.
func normalise(v any, r *strings.Replacer) any {
	if plain, ok, err := secretValue(v); err == nil && ok {
		return map[string]any{"<secret>": normalise(plain, r)}
	}
	switch v := v.(type) {
	case string:
		return r.Replace(v)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = normalise(e, r)
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, e := range v {
			if e != nil && !strings.HasPrefix(k, "__") {
				out[k] = normalise(e, r)
			}
		}
		return out
	}
	return v
}

func brief(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}
