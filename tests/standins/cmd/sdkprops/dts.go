package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// readDTS reads a resource from the npm SDK's TypeScript declarations: inputs and required inputs
// (no `?`) from `export interface <Resource>Args`, outputs from the `readonly` properties of
// `export declare class <Resource>`, and nested input types from the resource's namespace of
// types/input.d.ts (top-level interfaces only: the nested namespaces are other API versions).
func readDTS(dir string, r dtsResource, objects map[string]Object) (Props, error) {
	src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(r.File)))
	if err != nil {
		return Props{}, err
	}
	text := stripComments(string(src))
	name := r.Token[strings.LastIndex(r.Token, ":")+1:]
	args, err := block(text, "export interface "+name+"Args {")
	if err != nil {
		return Props{}, err
	}
	class, err := block(text, "export declare class "+name+" extends pulumi.CustomResource {")
	if err != nil {
		return Props{}, err
	}
	ns := &dtsNamespace{dir: dir, name: r.Namespace, pkg: strings.SplitN(r.Token, ":", 2)[0], objects: objects}
	p := Props{Inputs: map[string]string{}}
	for _, m := range members(args) {
		typ, err := ns.typeExpr(m.Type)
		if err != nil {
			return Props{}, fmt.Errorf("input %q: %w", m.Name, err)
		}
		p.Inputs[m.Name] = typ
		if !m.Optional {
			p.Required = append(p.Required, m.Name)
		}
	}
	for _, m := range members(class) {
		if n, ok := strings.CutPrefix(m.Name, "readonly "); ok {
			if _, in := p.Inputs[n]; !in {
				p.Outputs = append(p.Outputs, n)
			}
		}
	}
	sort.Strings(p.Required)
	sort.Strings(p.Outputs)
	return p, nil
}

var blockComment = regexp.MustCompile(`(?s)/\*.*?\*/`)

func stripComments(s string) string { return blockComment.ReplaceAllString(s, "") }

// block returns the text between the `{` that ends head and its matching `}`.
func block(text, head string) (string, error) {
	i := strings.Index(text, head)
	if i < 0 {
		return "", fmt.Errorf("no %q", head)
	}
	start := i + len(head)
	depth := 1
	for j := start; j < len(text); j++ {
		switch text[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return text[start:j], nil
			}
		}
	}
	return "", fmt.Errorf("%q is not closed", head)
}

type member struct {
	Name, Type string
	Optional   bool
}

// members splits an interface or class body into its `name?: type;` members (methods, index
// signatures and the constructor are skipped).
func members(body string) []member {
	var out []member
	for _, stmt := range splitTop(body, ';') {
		stmt = strings.TrimSpace(stmt)
		colon := topIndex(stmt, ':')
		if stmt == "" || colon < 0 || strings.ContainsAny(stmt[:colon], "()[") {
			continue
		}
		name := strings.TrimSpace(stmt[:colon])
		m := member{Type: strings.TrimSpace(stmt[colon+1:])}
		name, m.Optional = strings.CutSuffix(name, "?")
		m.Name = strings.Trim(name, `"'`)
		out = append(out, m)
	}
	return out
}

// splitTop splits s at sep where no bracket is open.
func splitTop(s string, sep byte) []string {
	var out []string
	depth, last := 0, 0
	for i := range len(s) {
		switch s[i] {
		case '<', '{', '(', '[':
			depth++
		case '>', '}', ')', ']':
			depth--
		case sep:
			if depth == 0 {
				out = append(out, s[last:i])
				last = i + 1
			}
		}
	}
	return append(out, s[last:])
}

// topIndex is the first index of c in s where no bracket is open, or -1.
func topIndex(s string, c byte) int {
	if parts := splitTop(s, c); len(parts) > 1 {
		return len(parts[0])
	}
	return -1
}

// dtsNamespace resolves `inputs.<ns>.<Name>Args` references of one namespace of types/input.d.ts.
type dtsNamespace struct {
	dir, name, pkg string
	objects        map[string]Object
	interfaces     map[string]string // body by interface name, read on first use
}

var (
	mapType   = regexp.MustCompile(`(?s)^\{\s*\[key: string\]:\s*(.*?);?\s*\}$`)
	stringLit = regexp.MustCompile(`^"[^"]*"$`)
)

// typeExpr turns a TypeScript input type into the stand-ins' type expression (see goargs.go).
func (ns *dtsNamespace) typeExpr(t string) (string, error) {
	t = strings.TrimSpace(t)
	if inner, ok := unwrap(t, "pulumi.Input<"); ok {
		return ns.typeExpr(inner)
	}
	if alts := splitTop(t, '|'); len(alts) > 1 {
		// `string | enums.logic.WorkflowState`: an enum is a string; other unions are any.
		kinds := map[string]bool{}
		for _, a := range alts {
			a = strings.TrimSpace(a)
			if a == "undefined" {
				continue
			}
			k, err := ns.typeExpr(a)
			if err != nil {
				return "", err
			}
			kinds[k] = true
		}
		if len(kinds) == 1 {
			for k := range kinds {
				return k, nil
			}
		}
		return "any", nil
	}
	switch {
	case t == "string" || t == "number" || t == "boolean" || t == "any":
		return t, nil
	case stringLit.MatchString(t), strings.HasPrefix(t, "enums."):
		return "string", nil
	case strings.HasSuffix(t, "[]"):
		el, err := ns.typeExpr(t[:len(t)-2])
		return "[]" + el, err
	}
	if m := mapType.FindStringSubmatch(t); m != nil {
		el, err := ns.typeExpr(m[1])
		return "map[string]" + el, err
	}
	if name, ok := strings.CutPrefix(t, "inputs."+ns.name+"."); ok && !strings.Contains(name, ".") {
		return ns.object(name)
	}
	return "", fmt.Errorf("unsupported type %q", t)
}

// unwrap returns what is inside `<open>…>` when t is exactly that.
func unwrap(t, open string) (string, bool) {
	if !strings.HasPrefix(t, open) || !strings.HasSuffix(t, ">") {
		return "", false
	}
	depth := 1
	for i := len(open); i < len(t); i++ {
		switch t[i] {
		case '<', '{', '(', '[':
			depth++
		case '>', '}', ')', ']':
			depth--
			if depth == 0 {
				return t[len(open):i], i == len(t)-1
			}
		}
	}
	return "", false
}

// object records a nested input interface (by its Args name) and returns its reference.
func (ns *dtsNamespace) object(argsName string) (string, error) {
	tok := ns.pkg + ":" + ns.name + ":" + strings.TrimSuffix(argsName, "Args")
	if _, done := ns.objects[tok]; done {
		return "#" + tok, nil
	}
	if ns.interfaces == nil {
		if err := ns.load(); err != nil {
			return "", err
		}
	}
	body, ok := ns.interfaces[argsName]
	if !ok {
		return "", fmt.Errorf("types/input.d.ts namespace %s has no interface %s", ns.name, argsName)
	}
	obj := Object{Properties: map[string]string{}}
	ns.objects[tok] = obj // before recursing: a type may refer to itself
	for _, m := range members(body) {
		typ, err := ns.typeExpr(m.Type)
		if err != nil {
			return "", fmt.Errorf("%s.%s: %w", argsName, m.Name, err)
		}
		obj.Properties[m.Name] = typ
		if !m.Optional {
			obj.Required = append(obj.Required, m.Name)
		}
	}
	sort.Strings(obj.Required)
	ns.objects[tok] = obj
	return "#" + tok, nil
}

// load reads the namespace's top-level interfaces from types/input.d.ts. The file is generated
// with a fixed layout: `export declare namespace <ns> {` at the margin, its interfaces indented by
// four spaces, the nested API-version namespaces by eight.
func (ns *dtsNamespace) load() error {
	src, err := os.ReadFile(filepath.Join(ns.dir, "types", "input.d.ts"))
	if err != nil {
		return err
	}
	text := string(src)
	head := "\nexport declare namespace " + ns.name + " {\n"
	i := strings.Index(text, head)
	if i < 0 {
		return fmt.Errorf("types/input.d.ts has no namespace %s", ns.name)
	}
	text = text[i+len(head):]
	if end := strings.Index(text, "\n}\n"); end >= 0 {
		text = text[:end]
	}
	ns.interfaces = map[string]string{}
	lines := strings.Split(text, "\n")
	for k := 0; k < len(lines); k++ {
		name, ok := strings.CutPrefix(lines[k], "    interface ")
		if !ok || !strings.HasSuffix(name, " {") {
			continue
		}
		var body []string
		for k++; k < len(lines) && lines[k] != "    }"; k++ {
			body = append(body, lines[k])
		}
		ns.interfaces[strings.TrimSuffix(name, " {")] = stripComments(strings.Join(body, "\n"))
	}
	return nil
}
