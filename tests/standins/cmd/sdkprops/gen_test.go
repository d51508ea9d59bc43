package main

import (
	"os"
	"path/filepath"
	"testing"
)

// The committed sdkprops_gen.go must be what the generator writes from the pinned SDK sources.
// Skipped when the SDK modules are not in the module cache (go mod download them to run it).
func TestGeneratedFileIsUpToDate(t *testing.T) {
	modcache, err := moduleCache()
	if err != nil {
		t.Skip(err)
	}
	for _, m := range Modules {
		if _, err := os.Stat(moduleDir(modcache, m.Path, m.Version)); err != nil {
			t.Skipf("%s@%s not in the module cache", m.Path, m.Version)
		}
	}
	want, err := Generate(modcache)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(outFile)))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Fatalf("%s is out of date: run `go run ./cmd/sdkprops` in tests/standins", outFile)
	}
}

func TestReadPropsRequiredFromConstructor(t *testing.T) {
	dir := t.TempDir()
	src := `package x

type Thing struct {
	pulumi.CustomResourceState
	Arn  pulumi.StringOutput ` + "`pulumi:\"arn\"`" + `
	Name pulumi.StringOutput ` + "`pulumi:\"name\"`" + `
}

func NewThing(ctx *pulumi.Context, name string, args *ThingArgs) (*Thing, error) {
	if args.Name == nil {
		return nil, errors.New("invalid value for required argument 'Name'")
	}
	return nil, nil
}

type thingArgs struct {
	Name string ` + "`pulumi:\"name\"`" + `
	Tags map[string]string ` + "`pulumi:\"tags\"`" + `
}
`
	p := filepath.Join(dir, "thing.go")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadProps(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Inputs) != 2 || got.Inputs[0] != "name" || got.Inputs[1] != "tags" ||
		len(got.Required) != 1 || got.Required[0] != "name" || len(got.Outputs) != 1 || got.Outputs[0] != "arn" {
		t.Fatalf("got %+v", got)
	}
}
