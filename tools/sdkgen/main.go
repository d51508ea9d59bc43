// Command sdkgen writes the TypeScript, Python and Go SDKs of the threatmanager package from
// schema.json with Pulumi's own codegen (the code behind `pulumi package gen-sdk`, which needs
// language hosts that this repo does without).
//
//	sdkgen -schema schema.json -version 0.1.0 -out sdk
//
// It writes out/nodejs, out/python, out/go and the Go SDK's module files out/go.mod and
// out/go.sum. The package names come from the schema's language sections; the version is
// injected here (the committed schema has none), so the provider binary and all three SDKs carry
// the same one. Output is deterministic: a second run with the same inputs changes nothing, and
// files whose content is unchanged keep their modification time. Files that codegen no longer
// produces are removed, except what installs and builds leave (see keep).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-threatmanager sdkgen"

// The Go SDK is its own module, one directory above the import base path
// .../sdk/go/threatmanager, so users of the Go SDK download none of the provider's dependencies.
// The go directive follows github.com/pulumi/pulumi/sdk/v3's own.
const goModTemplate = `module %s

go 1.26.6

require github.com/pulumi/pulumi/sdk/v3 v3.274.1

// The TypeScript and Python SDKs share this folder; node_modules may hold Go files.
ignore (
	./nodejs
	./python
)
`

// keep reports whether an existing file under out, not produced by codegen, stays: the npm
// lockfile (maintained by `make sdk` from package.json, see mk/sdk.mk) and what installs and
// builds leave behind (all ignored by git).
func keep(rel string) bool {
	parts := strings.Split(filepath.ToSlash(rel), "/")
	if rel == "nodejs/package-lock.json" {
		return true
	}
	for _, p := range parts {
		switch {
		case p == "node_modules", p == "__pycache__", p == "build", p == "dist",
			strings.HasSuffix(p, ".egg-info"):
			return true
		}
	}
	return parts[0] == "nodejs" && len(parts) > 1 && parts[1] == "bin"
}

func main() {
	schemaPath := flag.String("schema", "schema.json", "the package schema")
	version := flag.String("version", "", "the package version, such as 0.1.0 (required)")
	out := flag.String("out", "sdk", "the SDK folder to write")
	flag.Parse()
	if err := run(*schemaPath, *version, *out); err != nil {
		fmt.Fprintln(os.Stderr, "sdkgen:", err)
		os.Exit(1)
	}
}

func run(schemaPath, version, out string) error {
	v, err := semver.ParseTolerant(version)
	if err != nil {
		return fmt.Errorf("-version %q: %w", version, err)
	}
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	if spec.Version != "" {
		return fmt.Errorf("%s carries a version (%s); the version is injected by the build", schemaPath, spec.Version)
	}
	spec.Version = v.String()

	files := map[string][]byte{}
	add := func(dir string, generated map[string][]byte) {
		for name, data := range generated {
			files[path.Join(dir, filepath.ToSlash(name))] = data
		}
	}

	// Each generator imports and mutates the package's language info, so each binds its own.
	pkg, err := bind(spec)
	if err != nil {
		return err
	}
	ts, err := nodejs.GeneratePackage(tool, pkg, nil, nil, false, noPackages{})
	if err != nil {
		return fmt.Errorf("nodejs: %w", err)
	}
	add("nodejs", ts)

	if pkg, err = bind(spec); err != nil {
		return err
	}
	py, err := python.GeneratePackage(tool, pkg, nil, noPackages{})
	if err != nil {
		return fmt.Errorf("python: %w", err)
	}
	if err := onlyPulumiRequirement(py); err != nil {
		return fmt.Errorf("python: %w", err)
	}
	// pyproject.toml names README.md beside it, which codegen leaves to the caller.
	pyReadme, ok := py[path.Join(pythonPackage(pkg), "README.md")]
	if !ok {
		return errors.New("python: codegen wrote no package README.md")
	}
	py["README.md"] = pyReadme
	add("python", py)

	if pkg, err = bind(spec); err != nil {
		return err
	}
	goFiles, err := gogen.GeneratePackage(tool, pkg, nil)
	if err != nil {
		return fmt.Errorf("go: %w", err)
	}
	add("go", goFiles)
	goInfo, _ := pkg.Language["go"].(gogen.GoPackageInfo)
	if goInfo.ImportBasePath == "" {
		return errors.New("go: the schema sets no importBasePath")
	}
	// .../sdk/go/threatmanager -> module .../sdk
	module := path.Dir(path.Dir(goInfo.ImportBasePath))
	files["go.mod"] = []byte(fmt.Sprintf(goModTemplate, module))

	// Stage everything in a temporary folder, complete go.mod and go.sum there with
	// `go mod tidy`, then bring out up to date with the staged tree.
	stage, err := os.MkdirTemp("", "sdkgen-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage)
	for name, data := range files {
		if err := writeFile(filepath.Join(stage, name), data); err != nil {
			return err
		}
	}
	if sum, err := os.ReadFile(filepath.Join(out, "go.sum")); err == nil {
		// Known sums save look-ups; tidy drops the ones no longer needed.
		if err := os.WriteFile(filepath.Join(stage, "go.sum"), sum, 0o644); err != nil {
			return err
		}
	}
	tidy := exec.Command("go", "mod", "tidy")
	tidy.Dir = stage
	tidy.Stdout, tidy.Stderr = os.Stderr, os.Stderr
	tidy.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if err := tidy.Run(); err != nil {
		return fmt.Errorf("go mod tidy for the Go SDK: %w", err)
	}
	for _, name := range []string{"go.mod", "go.sum"} {
		if files[name], err = os.ReadFile(filepath.Join(stage, name)); err != nil {
			return err
		}
	}
	return sync(out, files)
}

// pythonPackage is the Python package's name, as codegen chose it.
func pythonPackage(pkg *schema.Package) string {
	if info, ok := pkg.Language["python"].(python.PackageInfo); ok && info.PackageName != "" {
		return info.PackageName
	}
	return python.PyPack(pkg.Namespace, pkg.Name)
}

func bind(spec schema.PackageSpec) (*schema.Package, error) {
	pkg, diags, err := schema.BindSpec(spec, noPackages{}, schema.ValidationOptions{})
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("schema: %s", diags.Error())
	}
	return pkg, nil
}

// noPackages is the schema loader: the package references no other package (its outputs are ids
// and plain values, never resources of the cloud packages), so any load is a mistake.
type noPackages struct{}

func (noPackages) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("schema refers to package %q; it must reference no other package", name)
}

func (noPackages) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, fmt.Errorf("schema refers to package %q; it must reference no other package", d.Name)
}

func (noPackages) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("schema refers to package %q; it must reference no other package", name)
}

func (noPackages) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return nil, fmt.Errorf("schema refers to package %q; it must reference no other package", d.Name)
}

var dependenciesLine = regexp.MustCompile(`(?m)^  dependencies = \[.*\]$`)

// onlyPulumiRequirement reduces the Python package's dependencies to pulumi alone. Codegen always
// adds packaging and semver (which its _utilities.py imports) and typing-extensions (for the
// TypedDict inputs); the pulumi package requires all three itself, so they come with it, and the
// SDK states one requirement, like the npm package.
func onlyPulumiRequirement(files map[string][]byte) error {
	toml, ok := files["pyproject.toml"]
	if !ok {
		return errors.New("codegen wrote no pyproject.toml")
	}
	lines := dependenciesLine.FindAll(toml, -1)
	if len(lines) != 1 {
		return fmt.Errorf("pyproject.toml: want one dependencies line, found %d", len(lines))
	}
	var pulumi string
	for _, dep := range regexp.MustCompile(`"([^"]*)"`).FindAllSubmatch(lines[0], -1) {
		if strings.HasPrefix(string(dep[1]), "pulumi>") || strings.HasPrefix(string(dep[1]), "pulumi=") {
			pulumi = string(dep[1])
		}
	}
	if pulumi == "" {
		return fmt.Errorf("pyproject.toml: no pulumi requirement in %s", lines[0])
	}
	files["pyproject.toml"] = dependenciesLine.ReplaceAll(toml, []byte(`  dependencies = ["`+pulumi+`"]`))
	return nil
}

// sync makes the generated part of out equal to files: it writes files whose content differs and
// removes stale ones, leaving what keep names.
func sync(out string, files map[string][]byte) error {
	var stale []string
	for _, dir := range []string{"nodejs", "python", "go"} {
		err := filepath.WalkDir(filepath.Join(out, dir), func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(out, p)
			if keep(rel) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if _, ok := files[filepath.ToSlash(rel)]; !ok && !d.IsDir() {
				stale = append(stale, p)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	for _, p := range stale {
		if err := os.Remove(p); err != nil {
			return err
		}
	}
	removeEmptyDirs(out)

	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(out, filepath.FromSlash(name))
		if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, files[name]) {
			continue
		}
		if err := writeFile(p, files[name]); err != nil {
			return err
		}
	}
	return nil
}

func removeEmptyDirs(out string) {
	for _, dir := range []string{"nodejs", "python", "go"} {
		var dirs []string
		_ = filepath.WalkDir(filepath.Join(out, dir), func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				dirs = append(dirs, p)
			}
			return nil
		})
		for _, d := range slices.Backward(dirs) {
			_ = os.Remove(d) // fails, as it should, unless empty
		}
	}
}

func writeFile(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}
