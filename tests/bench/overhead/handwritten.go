package main

// The "by hand" program is generated from the component stack's export, so
// the two programs can never drift apart: each cloud resource the
// component registered becomes a top-level YAML resource with the same type,
// the same logical name and its recorded inputs as properties.
//
// The dependency graph must stay the same too, or the comparison would
// be unfair (a graph without edges runs everything in parallel). The
// engine records which resources each input came from
// (propertyDependencies); a value inside such an input that equals one of
// those resources' id or outputs becomes an interpolation of it, and the
// edges no value carries become dependsOn. Only recorded edges are used, so
// the generator can neither add an edge nor drop one.

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// A value shorter than this is replaced only when it is a whole string: a
// short id-like output inside a longer text is more likely chance than use.
const minSubstring = 8

// handwritten is the by-hand program for the component stack's resources.
func handwritten(project string, config map[string]string, all []stateResource) (*program, error) {
	kids := cloudResources(all)
	g := &generator{byURN: map[string]*stateResource{}}
	for i := range kids {
		g.byURN[kids[i].URN] = &kids[i]
	}
	var err error
	if g.keys, err = yamlKeys(kids); err != nil {
		return nil, err
	}
	res := map[string]resource{}
	for i := range kids {
		r := &kids[i]
		if res[g.keys[r.URN]], err = g.resource(r); err != nil {
			return nil, fmt.Errorf("%s: %w", r.URN, err)
		}
	}
	return &program{
		Name:        project,
		Description: "overhead benchmark: the component's resources declared by hand (generated from its stack export)",
		Runtime:     "yaml",
		Config:      configOf(config),
		Resources:   res,
	}, nil
}

// resource is r as a top-level YAML resource.
func (g *generator) resource(r *stateResource) (resource, error) {
	g.self, g.referenced = r, map[string]bool{}
	props := map[string]any{}
	for _, k := range sortedKeys(r.Inputs) {
		v, err := g.value(r.Inputs[k], g.candidates(k))
		if err != nil {
			return resource{}, fmt.Errorf("input %s: %w", k, err)
		}
		props[escape(k)] = v
	}
	opts, err := g.options()
	if err != nil {
		return resource{}, err
	}
	out := resource{Type: r.Type, Properties: props, Options: opts}
	if g.keys[r.URN] != r.name() {
		out.Name = r.name()
	}
	return out, nil
}

// options are the resource options the state records, and dependsOn for
// the dependencies no property references (call it after the properties).
func (g *generator) options() (*options, error) {
	r := g.self
	opts := &options{Protect: r.Protect, RetainOnDelete: r.RetainOnDelete,
		DeleteBeforeReplace: r.DeleteBeforeReplace, AdditionalSecretOutputs: r.AdditionalSecretOutputs}
	for _, d := range unique(r.Dependencies) {
		if g.byURN[d] == nil {
			return nil, fmt.Errorf("depends on %s, which a by-hand program cannot declare", d)
		}
		if !g.referenced[d] {
			opts.DependsOn = append(opts.DependsOn, "${"+g.keys[d]+"}")
		}
	}
	sort.Strings(opts.DependsOn)
	if reflect.ValueOf(*opts).IsZero() {
		return nil, nil
	}
	return opts, nil
}

var (
	plainKey   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)
	notKeyChar = regexp.MustCompile(`[^A-Za-z0-9_-]`)
)

// yamlKeys maps each URN to its key in the program: the logical name when
// it is unique and usable in an interpolation, else the name and a type
// suffix (resource.Name then keeps the logical name).
func yamlKeys(kids []stateResource) (map[string]string, error) {
	count := map[string]int{}
	for i := range kids {
		count[kids[i].name()]++
	}
	keys, seen := map[string]string{}, map[string]string{}
	for i := range kids {
		r := &kids[i]
		k := r.name()
		if count[k] > 1 || !plainKey.MatchString(k) {
			k = notKeyChar.ReplaceAllString(k, "-") + "-" + typeSlug(r.Type)
			if !plainKey.MatchString(k) {
				k = "r-" + k
			}
		}
		if other, dup := seen[k]; dup {
			return nil, fmt.Errorf("%s and %s would share the YAML key %q", other, r.URN, k)
		}
		seen[k], keys[r.URN] = r.URN, k
	}
	return keys, nil
}

// typeSlug is "aws-role" for aws:iam/role:Role.
func typeSlug(token string) string {
	parts := strings.Split(token, ":")
	return parts[0] + "-" + strings.ToLower(parts[len(parts)-1])
}

// candidate is a value the program can take from another resource.
type candidate struct {
	value string
	expr  string // the interpolation, without ${ }
	urn   string
	rank  int  // 0 the id, 1 a computed output, 2 an output that echoes an input
	inner bool // may replace part of a longer string
	order int  // the dependency's position, for a stable choice
}

// generator writes one resource at a time (self), noting which of its
// dependencies a property references.
type generator struct {
	byURN      map[string]*stateResource
	keys       map[string]string // URN → YAML key
	self       *stateResource
	referenced map[string]bool
}

// candidates are the ids and string outputs of the resources the input
// prop was computed from.
func (g *generator) candidates(prop string) []candidate {
	deps := g.self.PropertyDependencies[prop]
	if g.self.PropertyDependencies == nil {
		deps = g.self.Dependencies // an engine that records no per-property edges
	}
	var out []candidate
	for order, urn := range unique(deps) {
		d := g.byURN[urn]
		if d == nil {
			continue
		}
		key := g.keys[urn]
		if d.ID != "" {
			out = append(out, candidate{value: d.ID, expr: key + ".id", urn: urn, inner: true, order: order})
		}
		for _, top := range sortedKeys(d.Outputs) {
			_, echo := d.Inputs[top]
			stringLeaves(d.Outputs[top], key+accessor(top), func(expr, s string) {
				c := candidate{value: s, expr: expr, urn: urn, rank: 1, inner: !echo, order: order}
				if echo {
					c.rank = 2
				}
				out = append(out, c)
			})
		}
	}
	// Longest first, so an ARN wins over the id inside it; then the best rank.
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if len(a.value) != len(b.value) {
			return len(a.value) > len(b.value)
		}
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		return a.order < b.order
	})
	return out
}

// stringLeaves calls f for every non-empty string in v (secrets left out),
// with its property access path.
func stringLeaves(v any, path string, f func(expr, s string)) {
	switch v := v.(type) {
	case string:
		if v != "" {
			f(path, v)
		}
	case []any:
		for i, e := range v {
			stringLeaves(e, path+"["+strconv.Itoa(i)+"]", f)
		}
	case map[string]any:
		if _, special := v[sigKey]; special {
			return
		}
		for _, k := range sortedKeys(v) {
			stringLeaves(v[k], path+accessor(k), f)
		}
	}
}

var plainAccessor = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// accessor is ".name", or ["na.me"] for a key that is not an identifier.
func accessor(k string) string {
	if plainAccessor.MatchString(k) {
		return "." + k
	}
	return `["` + strings.ReplaceAll(k, `"`, `\"`) + `"]`
}

// value is v as the program writes it.
func (g *generator) value(v any, cands []candidate) (any, error) {
	if plain, ok, err := secretValue(v); err != nil {
		return nil, err
	} else if ok {
		inner, err := g.value(plain, cands)
		return map[string]any{"fn::secret": inner}, err
	}
	switch v := v.(type) {
	case string:
		return g.text(v, cands), nil
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			var err error
			if out[i], err = g.value(e, cands); err != nil {
				return nil, err
			}
		}
		return out, nil
	case map[string]any:
		out := map[string]any{}
		for _, k := range sortedKeys(v) {
			if strings.HasPrefix(strings.ToLower(k), "fn::") {
				return nil, fmt.Errorf("key %q would be read as a Pulumi YAML function", k)
			}
			e, err := g.value(v[k], cands)
			if err != nil {
				return nil, err
			}
			out[escape(k)] = e
		}
		return out, nil
	}
	return v, nil
}

// text is s with the candidates' values replaced by interpolations: a
// whole-string match first (the best ranked), else every occurrence of
// the inner candidates, longest first; what stays literal is escaped.
// cands are in the order candidates returns.
func (g *generator) text(s string, cands []candidate) string {
	for _, c := range cands {
		if c.value == s {
			g.referenced[c.urn] = true
			return "${" + c.expr + "}"
		}
	}
	// Segments of literal text (expr == "") and interpolations.
	type segment struct{ text, expr string }
	segs := []segment{{text: s}}
	for _, c := range cands {
		if !c.inner || len(c.value) < minSubstring {
			continue
		}
		var next []segment
		for _, sg := range segs {
			if sg.expr != "" || !strings.Contains(sg.text, c.value) {
				next = append(next, sg)
				continue
			}
			g.referenced[c.urn] = true
			parts := strings.Split(sg.text, c.value)
			for i, p := range parts {
				if i > 0 {
					next = append(next, segment{expr: c.expr})
				}
				if p != "" {
					next = append(next, segment{text: p})
				}
			}
		}
		segs = next
	}
	var b strings.Builder
	for _, sg := range segs {
		if sg.expr != "" {
			b.WriteString("${" + sg.expr + "}")
		} else {
			b.WriteString(escape(sg.text))
		}
	}
	return b.String()
}

// escape keeps a literal literal: Pulumi YAML reads "$$" as "$", so every
// "$" doubles and "${" can never start an interpolation.
func escape(s string) string { return strings.ReplaceAll(s, "$", "$$") }

func unique(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
