package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The committed generated files must be what the generator writes from the pinned SDKs, one per
// registered cloud and no other. It fetches what is missing (go mod download, npm pack), so it runs
// on a clean clone too.
func TestGeneratedFilesAreUpToDate(t *testing.T) {
	cache, err := npmCacheDir()
	if err != nil {
		t.Fatal(err)
	}
	want, err := Generate(cache)
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join("..", "..")
	stale, err := staleFiles(root, want)
	if err != nil {
		t.Fatal(err)
	}
	if problems := compare(root, want, stale); len(problems) > 0 {
		t.Fatalf("%s: run `go run ./cmd/sdkprops` in tests/standins", strings.Join(problems, "; "))
	}
}

func TestReadPropsTypesAndRequired(t *testing.T) {
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
	Name   string            ` + "`pulumi:\"name\"`" + `
	Port   *int              ` + "`pulumi:\"port\"`" + `
	Tags   map[string]string ` + "`pulumi:\"tags\"`" + `
	Target *ThingTarget      ` + "`pulumi:\"target\"`" + `
	Body   interface{}       ` + "`pulumi:\"body\"`" + `
}

type ThingTarget struct {
	Arn   string   ` + "`pulumi:\"arn\"`" + `
	Ports []string ` + "`pulumi:\"ports\"`" + `
	On    *bool    ` + "`pulumi:\"on\"`" + `
	Kind  Kind     ` + "`pulumi:\"kind\"`" + `
}

type Kind string
`
	if err := os.WriteFile(filepath.Join(dir, "thing.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	pkg, err := parseGoPackage(dir, objectTokenFor("p:mod/thing:Thing"), []string{"thing.go"})
	if err != nil {
		t.Fatal(err)
	}
	objects := map[string]Object{}
	got, err := pkg.ReadProps("thing.go", objects)
	if err != nil {
		t.Fatal(err)
	}
	want := Props{
		Inputs: map[string]string{"name": "string", "port": "number", "tags": "map[string]string",
			"target": "#p:mod/ThingTarget:ThingTarget", "body": "any"},
		Required: []string{"name"},
		Outputs:  []string{"arn"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	wantObj := Object{Properties: map[string]string{"arn": "string", "ports": "[]string", "on": "boolean", "kind": "string"},
		Required: []string{"arn", "kind"}}
	if !reflect.DeepEqual(objects["p:mod/ThingTarget:ThingTarget"], wantObj) {
		t.Fatalf("nested: got %+v, want %+v", objects, wantObj)
	}
}

func TestReadDTS(t *testing.T) {
	dir := t.TempDir()
	res := `export declare class Thing extends pulumi.CustomResource {
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Thing;
    /**
     * The name.
     */
    readonly name: pulumi.Output<string>;
    readonly state: pulumi.Output<string | undefined>;
    constructor(name: string, args: ThingArgs, opts?: pulumi.CustomResourceOptions);
}
export interface ThingArgs {
    /** The body; any JSON. */
    definition?: any;
    identity?: pulumi.Input<inputs.mod.IdentityArgs>;
    parameters?: pulumi.Input<{
        [key: string]: pulumi.Input<inputs.mod.ParamArgs>;
    }>;
    resourceGroupName: pulumi.Input<string>;
    state?: pulumi.Input<string | enums.mod.State>;
    count?: pulumi.Input<number>;
}
`
	input := `export declare namespace other {
    interface IdentityArgs {
        wrong: pulumi.Input<string>;
    }
}
export declare namespace mod {
    interface IdentityArgs {
        type: pulumi.Input<string | enums.mod.IdentityType>;
        userAssignedIdentities?: pulumi.Input<pulumi.Input<string>[]>;
    }
    interface ParamArgs {
        value?: any;
        on?: pulumi.Input<boolean>;
    }
    namespace v20190501 {
        interface ParamArgs {
            wrong?: any;
        }
    }
}
`
	for name, body := range map[string]string{"mod/thing.d.ts": res, "types/input.d.ts": input} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	objects := map[string]Object{}
	got, err := readDTS(dir, dtsResource{Token: "pkg:mod:Thing", File: "mod/thing.d.ts", Namespace: "mod"}, objects)
	if err != nil {
		t.Fatal(err)
	}
	want := Props{
		Inputs: map[string]string{"definition": "any", "identity": "#pkg:mod:Identity", "parameters": "map[string]#pkg:mod:Param",
			"resourceGroupName": "string", "state": "string", "count": "number"},
		Required: []string{"resourceGroupName"},
		Outputs:  []string{"name"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	wantObjects := map[string]Object{
		"pkg:mod:Identity": {Properties: map[string]string{"type": "string", "userAssignedIdentities": "[]string"}, Required: []string{"type"}},
		"pkg:mod:Param":    {Properties: map[string]string{"value": "any", "on": "boolean"}},
	}
	if !reflect.DeepEqual(objects, wantObjects) {
		t.Fatalf("nested: got %+v, want %+v", objects, wantObjects)
	}
}
