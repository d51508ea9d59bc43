package standin

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// What every cloud's table is held to, and the checks each cloud's own test file (<name>_test.go)
// runs on its table.

// replaceCase is a change of a resource's inputs and what the diff reports for it.
type replaceCase struct {
	name, token       string
	olds, news        resource.PropertyMap
	changed, replaces []string
}

// testReplaces holds the diff to each case: the changed keys, the ones that replace, and a
// *_REPLACE kind for those.
func testReplaces(t *testing.T, cases []replaceCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := computeDiff(lookupSpec(c.token), c.olds, c.news)
			if !reflect.DeepEqual(d.Changed, c.changed) {
				t.Errorf("changed = %v, want %v", d.Changed, c.changed)
			}
			if !reflect.DeepEqual(d.Replaces, c.replaces) {
				t.Errorf("replaces = %v, want %v", d.Replaces, c.replaces)
			}
			for _, k := range c.replaces {
				switch d.Detailed[k] {
				case pulumirpc.PropertyDiff_UPDATE_REPLACE, pulumirpc.PropertyDiff_ADD_REPLACE, pulumirpc.PropertyDiff_DELETE_REPLACE:
				default:
					t.Errorf("detailed[%s] = %v, want a *_REPLACE kind", k, d.Detailed[k])
				}
			}
		})
	}
}

// shapeCase is a created resource and the patterns its outputs match ("id" for the id, a dotted
// path for a nested output).
type shapeCase struct {
	token  string
	inputs resource.PropertyMap
	want   map[string]string
}

// testOutputShapes holds outputs the component reads to the shapes the real clouds give them, so
// payloads built from them (a schedule's GroupId, a Logic App's DELETE URL, a role assignment's
// principal) are checked in the shape they will have in the cloud.
func testOutputShapes(t *testing.T, cfg configs, cases []shapeCase) {
	t.Helper()
	for _, c := range cases {
		id, out := createTwice(t, cfg, c.token, "x", c.inputs)
		for k, pattern := range c.want {
			got := id
			if k != "id" {
				v := out
				var leaf resource.PropertyValue
				for part := range strings.SplitSeq(k, ".") {
					leaf = v[resource.PropertyKey(part)]
					if leaf.IsObject() {
						v = leaf.ObjectValue()
					}
				}
				if !leaf.IsString() {
					t.Errorf("%s: %s is %v", c.token, k, leaf)
					continue
				}
				got = leaf.StringValue()
			}
			if !regexp.MustCompile(pattern).MatchString(got) {
				t.Errorf("%s: %s = %q, want %s", c.token, k, got, pattern)
			}
		}
	}
}

// Every replace-on-change property in the tables must exist in the pinned SDK's inputs: a typo
// would silently turn a replacement into an update.
func TestReplaceTableMatchesSDK(t *testing.T) {
	for tok, s := range specs() {
		p, ok := sdkProperties[tok]
		if !ok {
			t.Errorf("%s: no SDK properties", tok)
			continue
		}
		for _, k := range append(append([]string{}, s.Replace...), s.AutoName) {
			if _, ok := p.Inputs[k]; k != "" && !ok {
				t.Errorf("%s: %q is not an input of the pinned SDK", tok, k)
			}
		}
	}
}

// The supported types and the generated property lists are the same set: a generated type
// without a spec would be refused by Check, a spec without properties could not be checked.
func TestEverySDKTypeHasASpec(t *testing.T) {
	for tok := range sdkProperties {
		if _, ok := specs()[tok]; !ok {
			t.Errorf("%s: generated but has no entry in its cloud's table", tok)
		}
	}
}

// Every supported type produces outputs (Resource.create panics on a type without them).
func TestEverySpecHasOutputs(t *testing.T) {
	for tok := range specs() {
		if id, _ := createOutputs(nil, urnOf(tok, "x"), pm("name", "n", "resourceGroupName", "rg", "scope", "/s")); id == "" {
			t.Errorf("%s: empty id", tok)
		}
	}
}

// What the stand-ins fill in themselves (auto-names, defaults) passes their own type check.
func TestFilledInValuesPassTheTypeCheck(t *testing.T) {
	for tok, spec := range specs() {
		_, failures := check(spec, urnOf(tok, "x"), nil, resource.PropertyMap{})
		for _, f := range failures {
			if _, isDefault := spec.Defaults[resource.PropertyKey(f.Property)]; isDefault || f.Property == spec.AutoName {
				t.Errorf("%s: %s", tok, f.Reason)
			}
		}
	}
}

func TestSchemaIsValidJSONPerCloud(t *testing.T) {
	for name, f := range Clouds {
		b, err := f.Schema()
		if err != nil {
			t.Fatal(err)
		}
		var pkg struct {
			Name      string                    `json:"name"`
			Version   string                    `json:"version"`
			Resources map[string]map[string]any `json:"resources"`
		}
		if err := json.Unmarshal(b, &pkg); err != nil {
			t.Fatal(err)
		}
		if pkg.Name != name || pkg.Version != f.Version || len(pkg.Resources) == 0 {
			t.Errorf("%s: schema %s %s with %d resources", name, pkg.Name, pkg.Version, len(pkg.Resources))
		}
		for tok := range pkg.Resources {
			if !strings.HasPrefix(tok, name+":") {
				t.Errorf("%s: foreign token %s", name, tok)
			}
		}
	}
}

// The machinery knows no cloud by name: outside each cloud's own files (<name>.go, the files of its
// table split by meaning, <name>_*.go, and the generated <name>_sdk_gen.go) and the registration
// (clouds.go), no identifier or string in the code names a registered cloud, so a new cloud is its
// table and one registration line.
func TestMachineryNamesNoCloud(t *testing.T) {
	own := map[string]bool{"clouds.go": true}
	var names []string
	for _, c := range Clouds {
		own[c.Name+".go"] = true
		matches, err := filepath.Glob(c.Name + "_*.go")
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range matches {
			own[f] = true
		}
		names = append(names, strings.ToLower(c.Name), strings.ToLower(c.Package))
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, f := range files {
		if own[f] || strings.HasSuffix(f, "_test.go") {
			continue
		}
		checked++
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			var text string
			switch n := n.(type) {
			case *ast.Ident:
				text = n.Name
			case *ast.BasicLit:
				text = n.Value
			default:
				return true
			}
			for _, name := range names {
				if strings.Contains(strings.ToLower(text), name) {
					t.Errorf("%s: %s names the cloud %q", fset.Position(n.Pos()), text, name)
					break
				}
			}
			return true
		})
	}
	if checked < 10 {
		t.Fatalf("checked %d files of the machinery: run the test in its package folder", checked)
	}
}
