package standin

import (
	"slices"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// diffResult is the outcome of comparing a resource's old inputs with its new (checked) inputs.
type diffResult struct {
	Changed  []string                               // top-level keys that differ, sorted
	Replaces []string                               // the subset of Changed that forces replacement, sorted
	Detailed map[string]pulumirpc.PropertyDiff_Kind // per key kind
}

// HasChanges reports whether anything differs.
func (d diffResult) HasChanges() bool { return len(d.Changed) > 0 }

// computeDiff compares old inputs with new inputs key by key, the way a recording cloud would:
// a key that was added, removed or changed is an update, and a replacement when the real provider
// cannot change it in place (spec.Replace, or spec.ReplaceRule for value-dependent cases).
// Unknown new values count as changes (so an unknown replace-on-change input is a replacement,
// as with the real bridged providers during preview).
func computeDiff(spec *Resource, oldInputs, news resource.PropertyMap) diffResult {
	replaceKeys := map[string]bool{}
	for _, k := range spec.Replace {
		replaceKeys[k] = true
	}
	// Value-dependent replacements only count for keys that actually changed.
	extra := map[string]bool{}
	if spec.ReplaceRule != nil {
		for _, k := range spec.ReplaceRule(oldInputs, news) {
			extra[k] = true
		}
	}

	keys := map[resource.PropertyKey]bool{}
	for k := range oldInputs {
		keys[k] = true
	}
	for k := range news {
		keys[k] = true
	}

	res := diffResult{Detailed: map[string]pulumirpc.PropertyDiff_Kind{}}
	for k := range keys {
		if isInternalKey(k) {
			continue
		}
		o, hadOld := oldInputs[k]
		n, hasNew := news[k]
		if hadOld && o.IsNull() {
			hadOld = false
		}
		if hasNew && n.IsNull() {
			hasNew = false
		}
		name := string(k)
		replace := replaceKeys[name] || extra[name]

		var kind pulumirpc.PropertyDiff_Kind
		switch {
		case !hadOld && !hasNew:
			continue
		case !hadOld:
			kind = pick(replace, pulumirpc.PropertyDiff_ADD, pulumirpc.PropertyDiff_ADD_REPLACE)
		case !hasNew:
			kind = pick(replace, pulumirpc.PropertyDiff_DELETE, pulumirpc.PropertyDiff_DELETE_REPLACE)
		case spec.valuesEqual(name, o, n):
			continue
		default:
			kind = pick(replace, pulumirpc.PropertyDiff_UPDATE, pulumirpc.PropertyDiff_UPDATE_REPLACE)
		}
		res.Changed = append(res.Changed, name)
		res.Detailed[name] = kind
		if replace {
			res.Replaces = append(res.Replaces, name)
		}
	}
	sort.Strings(res.Changed)
	sort.Strings(res.Replaces)
	return res
}

func pick(replace bool, update, replaceKind pulumirpc.PropertyDiff_Kind) pulumirpc.PropertyDiff_Kind {
	if replace {
		return replaceKind
	}
	return update
}

// valuesEqual is deep equality, except for the inputs the real provider compares normalised
// (Cloud.Normalize).
func (spec *Resource) valuesEqual(key string, o, n resource.PropertyValue) bool {
	if n.ContainsUnknowns() {
		return false
	}
	if spec.cloud != nil && o.IsString() && n.IsString() {
		if norm := spec.cloud.Normalize[key]; norm != nil {
			return norm(o.StringValue()) == norm(n.StringValue())
		}
	}
	return o.DeepEquals(n)
}

func isInternalKey(k resource.PropertyKey) bool { return strings.HasPrefix(string(k), "__") }

// oldInputsFor picks the baseline for a diff: the old inputs when the engine sends them (v3.274.1
// always does), otherwise the old state restricted to the keys of the new inputs, so computed
// outputs (arn, or optional+computed ones such as a security group's egress) never show up as
// deletions. In that fallback a removed input is not seen as a change.
func oldInputsFor(oldInputs, oldState, news resource.PropertyMap) resource.PropertyMap {
	if oldInputs != nil {
		return oldInputs
	}
	out := resource.PropertyMap{}
	for k, v := range oldState {
		if _, ok := news[k]; ok {
			out[k] = v
		}
	}
	return out
}

// sortedKeys returns the map's keys in order (for stable logs and tests).
func sortedKeys(m resource.PropertyMap) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, string(k))
	}
	slices.Sort(out)
	return out
}

// nestedReplace is a ReplaceRule for an input whose nested fields replace the resource when they
// change, though the input as a whole updates in place (a Terraform block whose own attributes are
// ForceNew, e.g. a root volume's encryption): key is reported when one of fields differs in any
// element (an object is one element; elements are compared by index). With count, a change in the
// number of elements replaces too (a block that is ForceNew itself). An unknown new field counts as
// a change, as in the real providers' previews.
func nestedReplace(key string, count bool, fields ...string) func(oldInputs, news resource.PropertyMap) []string {
	elements := func(m resource.PropertyMap) []resource.PropertyMap {
		v, ok := m[resource.PropertyKey(key)]
		switch {
		case !ok || v.IsNull():
			return nil
		case v.IsObject():
			return []resource.PropertyMap{v.ObjectValue()}
		case v.IsArray():
			var out []resource.PropertyMap
			for _, e := range v.ArrayValue() {
				if e.IsObject() {
					out = append(out, e.ObjectValue())
				} else {
					out = append(out, resource.PropertyMap{})
				}
			}
			return out
		}
		return nil
	}
	return func(oldInputs, news resource.PropertyMap) []string {
		if n := news[resource.PropertyKey(key)]; n.ContainsUnknowns() && !n.IsArray() && !n.IsObject() {
			return []string{key}
		}
		olds, nows := elements(oldInputs), elements(news)
		if count && len(olds) != len(nows) {
			return []string{key}
		}
		for i := range max(len(olds), len(nows)) {
			var o, n resource.PropertyMap
			if i < len(olds) {
				o = olds[i]
			}
			if i < len(nows) {
				n = nows[i]
			}
			for _, f := range fields {
				ov, nv := o[resource.PropertyKey(f)], n[resource.PropertyKey(f)]
				switch {
				case ov.IsNull() && nv.IsNull():
				case nv.ContainsUnknowns(), ov.IsNull() != nv.IsNull(), !ov.DeepEquals(nv):
					return []string{key}
				}
			}
		}
		return nil
	}
}

// replaceRules combines ReplaceRules.
func replaceRules(rules ...func(oldInputs, news resource.PropertyMap) []string) func(oldInputs, news resource.PropertyMap) []string {
	return func(oldInputs, news resource.PropertyMap) []string {
		var out []string
		for _, r := range rules {
			out = append(out, r(oldInputs, news)...)
		}
		return out
	}
}
