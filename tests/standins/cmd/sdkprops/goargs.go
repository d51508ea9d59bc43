package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Props is what one SDK says about a resource: each input's type (see typeExpr), the required
// inputs, and the output-only properties.
type Props struct {
	Inputs   map[string]string
	Required []string
	Outputs  []string
}

// Object is a nested input type (a struct of the Go SDK, an `…Args` interface of the npm SDK).
type Object struct {
	Properties map[string]string
	Required   []string
}

// goPackage is one parsed Go SDK package: its struct and other named types.
type goPackage struct {
	files   map[string]*ast.File // by base name
	structs map[string]*ast.StructType
	named   map[string]ast.Expr // non-struct named types (enums: type X string)
	// objectToken names a nested type as the real schema does: "aws:scheduler/ScheduleTarget:ScheduleTarget"
	// for the bridged providers, "azure-native:authorization:Permission" for azure-native.
	objectToken func(name string) string
}

// parseGoPackage parses the resource file, the package's pulumiTypes*.go (the nested input types)
// and its pulumiEnums*.go (the enum types some of them use: `type ResourceIdentityType string`) of
// one SDK package directory.
func parseGoPackage(dir string, objectToken func(string) string, resourceFiles []string) (*goPackage, error) {
	names := append([]string{}, resourceFiles...)
	for _, glob := range []string{"pulumiTypes*.go", "pulumiEnums*.go"} {
		found, _ := filepath.Glob(filepath.Join(dir, glob))
		for _, t := range found {
			names = append(names, filepath.Base(t))
		}
	}
	p := &goPackage{files: map[string]*ast.File{}, structs: map[string]*ast.StructType{},
		named: map[string]ast.Expr{}, objectToken: objectToken}
	fset := token.NewFileSet()
	for _, n := range names {
		if p.files[n] != nil {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, n, src, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		p.files[n] = f
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, s := range gd.Specs {
				ts := s.(*ast.TypeSpec)
				if st, ok := ts.Type.(*ast.StructType); ok {
					p.structs[ts.Name.Name] = st
				} else {
					p.named[ts.Name.Name] = ts.Type
				}
			}
		}
	}
	return p, nil
}

var requiredArg = regexp.MustCompile(`^invalid value for required argument '(\w+)'$`)

// ReadProps reads one resource of a parsed package: its inputs from the unexported `<res>Args`
// struct (plain Go types, so a nested type is the struct itself), required inputs from the
// New<Resource> constructor's nil checks, outputs from the resource struct. Nested struct types
// reached from the inputs are added to objects.
func (p *goPackage) ReadProps(file string, objects map[string]Object) (Props, error) {
	f := p.files[file]
	var resName string
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, s := range gd.Specs {
			ts := s.(*ast.TypeSpec)
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				continue
			}
			for _, fld := range st.Fields.List {
				if sel, ok := fld.Type.(*ast.SelectorExpr); ok && len(fld.Names) == 0 && sel.Sel.Name == "CustomResourceState" {
					resName = ts.Name.Name
				}
			}
		}
	}
	if resName == "" {
		return Props{}, fmt.Errorf("no resource struct (embedding pulumi.CustomResourceState)")
	}
	var args *ast.StructType
	for name, st := range p.structs {
		if !ast.IsExported(name) && strings.EqualFold(name, resName+"Args") {
			args = st // iAMCustomRoleArgs for IAMCustomRole: compare without case
		}
	}
	if args == nil {
		return Props{}, fmt.Errorf("no unexported %sArgs struct", resName)
	}
	props := Props{Inputs: map[string]string{}}
	goToTag := map[string]string{}
	for _, fl := range fields(args) {
		typ, err := p.typeExpr(fl.Type, objects)
		if err != nil {
			return Props{}, fmt.Errorf("input %q: %w", fl.Tag, err)
		}
		props.Inputs[fl.Tag] = typ
		goToTag[fl.Name] = fl.Tag
	}
	for _, fl := range fields(p.structs[resName]) {
		if _, in := props.Inputs[fl.Tag]; !in {
			props.Outputs = append(props.Outputs, fl.Tag)
		}
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv != nil || fd.Name.Name != "New"+resName {
			continue
		}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			if s, err := strconv.Unquote(lit.Value); err == nil {
				if m := requiredArg.FindStringSubmatch(s); len(m) == 2 && goToTag[m[1]] != "" {
					props.Required = append(props.Required, goToTag[m[1]])
				}
			}
			return true
		})
	}
	sort.Strings(props.Outputs)
	sort.Strings(props.Required)
	return props, nil
}

// typeExpr turns a plain Go SDK field type into the stand-ins' type expression:
//
//	string | number | boolean | any | []T | map[string]T | #<nested type token>
//
// Pointers mark optional values and do not change the type. A struct of the package becomes a
// nested type (recorded in objects, with its own properties); a type from another package
// (pulumi.Asset, ...) is any.
func (p *goPackage) typeExpr(e ast.Expr, objects map[string]Object) (string, error) {
	switch t := e.(type) {
	case *ast.StarExpr:
		return p.typeExpr(t.X, objects)
	case *ast.ArrayType:
		el, err := p.typeExpr(t.Elt, objects)
		return "[]" + el, err
	case *ast.MapType:
		if k, ok := t.Key.(*ast.Ident); !ok || k.Name != "string" {
			return "", fmt.Errorf("map key %T is not string", t.Key)
		}
		el, err := p.typeExpr(t.Value, objects)
		return "map[string]" + el, err
	case *ast.InterfaceType, *ast.SelectorExpr:
		return "any", nil
	case *ast.Ident:
		switch t.Name {
		case "string":
			return "string", nil
		case "int", "float64":
			return "number", nil
		case "bool":
			return "boolean", nil
		case "any":
			return "any", nil
		}
		if st, ok := p.structs[t.Name]; ok {
			tok := p.objectToken(t.Name)
			if _, done := objects[tok]; done {
				return "#" + tok, nil
			}
			obj := Object{Properties: map[string]string{}}
			objects[tok] = obj // before recursing: a type may refer to itself
			for _, fl := range fields(st) {
				typ, err := p.typeExpr(fl.Type, objects)
				if err != nil {
					return "", fmt.Errorf("%s.%s: %w", t.Name, fl.Tag, err)
				}
				obj.Properties[fl.Tag] = typ
				// In the plain structs a required property is a value, an optional one a pointer
				// (slices and maps cannot tell, so they count as optional).
				switch fl.Type.(type) {
				case *ast.StarExpr, *ast.ArrayType, *ast.MapType, *ast.InterfaceType:
				default:
					obj.Required = append(obj.Required, fl.Tag)
				}
			}
			sort.Strings(obj.Required)
			objects[tok] = obj
			return "#" + tok, nil
		}
		if under, ok := p.named[t.Name]; ok {
			return p.typeExpr(under, objects)
		}
		return "", fmt.Errorf("unknown type %s", t.Name)
	}
	return "", fmt.Errorf("unsupported type %T", e)
}

type field struct {
	Name, Tag string
	Type      ast.Expr
}

// fields are a struct's fields with a `pulumi:"…"` tag.
func fields(st *ast.StructType) []field {
	var out []field
	if st == nil {
		return nil
	}
	for _, fld := range st.Fields.List {
		if fld.Tag == nil || len(fld.Names) == 0 {
			continue
		}
		raw, err := strconv.Unquote(fld.Tag.Value)
		if err != nil {
			continue
		}
		if t, ok := reflect.StructTag(raw).Lookup("pulumi"); ok && t != "" {
			out = append(out, field{fld.Names[0].Name, t, fld.Type})
		}
	}
	return out
}
