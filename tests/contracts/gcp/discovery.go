// Package gcp checks the GCP expiry job against Google's own discovery
// documents, as the Go module google.golang.org/api ships them.
package gcp

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// GoogleAPIModule is the pinned module whose discovery documents are read
// (not imported): mk/contracts.mk downloads the same version.
const GoogleAPIModule = "google.golang.org/api@v0.316.0"

// Document is the part of a discovery document the checks read.
type Document struct {
	Revision  string             `json:"revision"`
	BaseURL   string             `json:"baseUrl"`
	Resources map[string]Rsc     `json:"resources"`
	Schemas   map[string]*Schema `json:"schemas"`
}

// Rsc is a discovery resource: methods and nested resources.
type Rsc struct {
	Methods   map[string]Method `json:"methods"`
	Resources map[string]Rsc    `json:"resources"`
}

// Method is one REST method.
type Method struct {
	ID         string               `json:"id"`
	HTTPMethod string               `json:"httpMethod"`
	Path       string               `json:"path"`
	FlatPath   string               `json:"flatPath"`
	Request    *Schema              `json:"request"`
	Scopes     []string             `json:"scopes"`
	Parameters map[string]Parameter `json:"parameters"`
}

// Parameter is a path or query parameter.
type Parameter struct {
	Location string `json:"location"`
	Pattern  string `json:"pattern"`
}

// Schema is a JSON schema as discovery documents write it.
type Schema struct {
	Ref                  string             `json:"$ref"`
	Type                 string             `json:"type"`
	Format               string             `json:"format"`
	Properties           map[string]*Schema `json:"properties"`
	AdditionalProperties *Schema            `json:"additionalProperties"`
	Items                *Schema            `json:"items"`
}

// LoadDocument reads <module dir>/<rel>. The module's folder comes from
// CONTRACTS_GOOGLE_API_DIR (make contracts-test sets it), or else from
// `go mod download -json`, so a plain `go test ./...` finds it too.
func LoadDocument(rel string) (*Document, error) {
	dir := os.Getenv("CONTRACTS_GOOGLE_API_DIR")
	if dir == "" {
		out, err := exec.Command("go", "mod", "download", "-json", GoogleAPIModule).Output()
		if err != nil {
			return nil, fmt.Errorf("go mod download %s: %w", GoogleAPIModule, err)
		}
		var mod struct{ Dir, Error string }
		if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
			return nil, fmt.Errorf("go mod download %s: no Dir (%s)", GoogleAPIModule, mod.Error)
		}
		dir = mod.Dir
	}
	b, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		return nil, err
	}
	var d Document
	return &d, json.Unmarshal(b, &d)
}

// Resolve follows a schema's $ref.
func (d *Document) Resolve(s *Schema) *Schema {
	for s != nil && s.Ref != "" {
		s = d.Schemas[s.Ref]
	}
	return s
}

// FindMethod returns every method whose HTTP method is verb and whose path
// template (flatPath, else path), under the base URL, matches uri, with the
// path parameters it binds.
func (d *Document) FindMethod(verb, uri string) (matches []Method, params []map[string]string) {
	if !strings.HasPrefix(uri, d.BaseURL) {
		return nil, nil
	}
	rest, _, _ := strings.Cut(strings.TrimPrefix(uri, d.BaseURL), "?")
	var walk func(r map[string]Rsc)
	walk = func(rs map[string]Rsc) {
		for _, r := range rs {
			for _, m := range r.Methods {
				if m.HTTPMethod != verb {
					continue
				}
				if bound, ok := bind(m.template(), rest); ok {
					matches, params = append(matches, m), append(params, bound)
				}
			}
			walk(r.Resources)
		}
	}
	walk(d.Resources)
	return matches, params
}

func (m Method) template() string {
	if m.FlatPath != "" {
		return m.FlatPath
	}
	return m.Path
}

var (
	placeholder       = regexp.MustCompile(`\{\+?([A-Za-z0-9_]+)\}`)
	quotedPlaceholder = regexp.MustCompile(`\\\{\\?\+?[A-Za-z0-9_]+\\\}`)
)

// bind matches path against a template whose {name} placeholders each take
// one path segment.
func bind(template, path string) (map[string]string, bool) {
	names := []string{}
	for _, m := range placeholder.FindAllStringSubmatch(template, -1) {
		names = append(names, m[1])
	}
	// QuoteMeta escapes the braces, so the placeholders are matched escaped.
	expr := "^" + quotedPlaceholder.ReplaceAllString(regexp.QuoteMeta(template), "([^/]+)") + "$"
	got := regexp.MustCompile(expr).FindStringSubmatch(path)
	if got == nil {
		return nil, false
	}
	bound := map[string]string{}
	for i, n := range names {
		bound[n] = got[i+1]
	}
	return bound, true
}

// Unknown lists the keys of value, recursively, that schema s does not
// define, and the values whose JSON type is not the schema's, as dotted
// paths under at.
func (d *Document) Unknown(at string, value any, s *Schema) []string {
	s = d.Resolve(s)
	if s == nil {
		return []string{at + ": no schema"}
	}
	var bad []string
	switch v := value.(type) {
	case map[string]any:
		if s.Type != "object" {
			return []string{fmt.Sprintf("%s: an object, the schema says %s", at, s.Type)}
		}
		for k, e := range v {
			switch sub := s.Properties[k]; {
			case sub != nil:
				bad = append(bad, d.Unknown(at+"."+k, e, sub)...)
			case s.AdditionalProperties != nil:
				bad = append(bad, d.Unknown(at+"."+k, e, s.AdditionalProperties)...)
			default:
				bad = append(bad, at+"."+k+": not a field")
			}
		}
	case []any:
		if s.Type != "array" {
			return []string{fmt.Sprintf("%s: an array, the schema says %s", at, s.Type)}
		}
		for i, e := range v {
			bad = append(bad, d.Unknown(fmt.Sprintf("%s[%d]", at, i), e, s.Items)...)
		}
	case string:
		// int64 and durations travel as strings in Google's JSON.
		if s.Type != "string" {
			bad = append(bad, fmt.Sprintf("%s: a string, the schema says %s", at, s.Type))
		}
	case float64:
		if s.Type != "integer" && s.Type != "number" {
			bad = append(bad, fmt.Sprintf("%s: a number, the schema says %s", at, s.Type))
		}
	case bool:
		if s.Type != "boolean" {
			bad = append(bad, fmt.Sprintf("%s: a boolean, the schema says %s", at, s.Type))
		}
	}
	return bad
}
