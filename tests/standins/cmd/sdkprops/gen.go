package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/threatmanager/pulumi-threatmanager/tests/standins/internal/standin"
)

// module is one pinned Go SDK module and the resource files read from it.
type module struct {
	*standin.GoSDK
	Files []resourceFile
}

type resourceFile struct {
	Token string
	File  string // relative to the module's Dir
}

// sources are the SDKs a cloud's table names (Resource.SDK), each with the resource types read
// from it: Go modules by module path, npm packages by name, their resources by token.
func sources(c *standin.Cloud) ([]module, []npmPackage, error) {
	var mods []module
	var npms []npmPackage
	for _, tok := range slices.Sorted(maps.Keys(c.Resources)) {
		switch f := c.Resources[tok].SDK; {
		case f.Go != nil:
			i := slices.IndexFunc(mods, func(m module) bool { return m.GoSDK == f.Go })
			if i < 0 {
				mods, i = append(mods, module{GoSDK: f.Go}), len(mods)
			}
			mods[i].Files = append(mods[i].Files, resourceFile{tok, f.Path})
		case f.Npm != nil:
			i := slices.IndexFunc(npms, func(p npmPackage) bool { return p.NpmSDK == f.Npm })
			if i < 0 {
				npms, i = append(npms, npmPackage{NpmSDK: f.Npm}), len(npms)
			}
			npms[i].Resources = append(npms[i].Resources, dtsResource{tok, f.Path, f.Namespace})
		default:
			return nil, nil, fmt.Errorf("%s: the table names no SDK file to read its properties from", tok)
		}
	}
	slices.SortFunc(mods, func(a, b module) int { return strings.Compare(a.Module, b.Module) })
	slices.SortFunc(npms, func(a, b npmPackage) int { return strings.Compare(a.Name, b.Name) })
	return mods, npms, nil
}

// moduleDir downloads a pinned module into the module cache if it is not there yet (through the
// Go module proxy, like any other dependency) and returns its directory.
func moduleDir(path, version string) (string, error) {
	cmd := exec.Command("go", "mod", "download", "-json", path+"@"+version)
	cmd.Dir = os.TempDir() // outside any module: nothing to add to a go.sum
	cmd.Env = append(os.Environ(), "GO111MODULE=on", "GOFLAGS=-mod=mod")
	out, err := cmd.Output()
	var info struct{ Dir, Error string }
	if jerr := json.Unmarshal(out, &info); jerr == nil && info.Error != "" {
		return "", fmt.Errorf("go mod download %s@%s: %s", path, version, info.Error)
	}
	if err != nil {
		return "", fmt.Errorf("go mod download %s@%s: %w", path, version, err)
	}
	if info.Dir == "" {
		return "", fmt.Errorf("go mod download %s@%s: no directory in %s", path, version, out)
	}
	return info.Dir, nil
}

// objectTokenFor names nested types like the real schema of the resource's package does.
func objectTokenFor(resourceToken string) func(string) string {
	parts := strings.SplitN(resourceToken, ":", 3)
	if mod, _, bridged := strings.Cut(parts[1], "/"); bridged {
		return func(name string) string { return parts[0] + ":" + mod + "/" + name + ":" + name }
	}
	return func(name string) string { return parts[0] + ":" + parts[1] + ":" + name }
}

// entry is one generated resource: where it was read from and what it says.
type entry struct {
	Source, Token string
	Props         Props
}

// outFile is the generated file of a cloud, relative to tests/standins.
func outFile(c *standin.Cloud) string { return "internal/standin/" + c.Name + "_sdk_gen.go" }

// outGlob matches every generated file, so that the one of a cloud no longer registered is found.
const outGlob = "internal/standin/*_sdk_gen.go"

// Generate returns the formatted source of every registered cloud's generated file, by path
// (outFile). npmCache is where the npm packages are (or are fetched to, see fetchNPM).
func Generate(npmCache string) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, pkg := range standin.Packages() {
		c := standin.Clouds[pkg]
		src, err := generate(c, npmCache)
		if err != nil {
			return nil, err
		}
		out[outFile(c)] = src
	}
	return out, nil
}

// generate reads one cloud's resource types from its SDKs.
func generate(c *standin.Cloud, npmCache string) ([]byte, error) {
	mods, npms, err := sources(c)
	if err != nil {
		return nil, err
	}
	var entries []entry
	objects := map[string]Object{}
	for _, m := range mods {
		root, err := moduleDir(m.Module, m.Version)
		if err != nil {
			return nil, err
		}
		pkgs := map[string]*goPackage{}
		for _, f := range m.Files {
			dir := filepath.Join(root, filepath.FromSlash(m.Dir), filepath.Dir(filepath.FromSlash(f.File)))
			pkg := pkgs[dir]
			if pkg == nil {
				var names []string
				for _, g := range m.Files {
					if filepath.Dir(g.File) == filepath.Dir(f.File) {
						names = append(names, filepath.Base(g.File))
					}
				}
				if pkg, err = parseGoPackage(dir, objectTokenFor(f.Token), names); err != nil {
					return nil, fmt.Errorf("%s (%s@%s): %w", f.Token, m.Module, m.Version, err)
				}
				pkgs[dir] = pkg
			}
			p, err := pkg.ReadProps(filepath.Base(f.File), objects)
			if err != nil {
				return nil, fmt.Errorf("%s (%s@%s): %w", f.Token, m.Module, m.Version, err)
			}
			entries = append(entries, entry{m.Label + "/" + f.File, f.Token, p})
		}
	}
	for _, n := range npms {
		dir, err := fetchNPM(npmCache, n)
		if err != nil {
			return nil, err
		}
		for _, r := range n.Resources {
			p, err := readDTS(dir, r, objects)
			if err != nil {
				return nil, fmt.Errorf("%s (%s@%s): %w", r.Token, n.Name, n.Version, err)
			}
			entries = append(entries, entry{n.Name + "@" + n.Version + " " + r.File, r.Token, p})
		}
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.Token, b.Token) })
	return render(c, mods, npms, entries, objects)
}

func render(c *standin.Cloud, mods []module, npms []npmPackage, entries []entry, objects map[string]Object) ([]byte, error) {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, `// Code generated by go run ./cmd/sdkprops; DO NOT EDIT.
//
// The %s stand-in's resource types (%s.go) as the pinned SDKs type them: each entry lists a
// resource's input properties with their types, the required ones and its output-only properties,
// read from:
`, c.Package, c.Name)
	for _, m := range mods {
		fmt.Fprintf(&buf, "//   %s %s (Go: the <resource>Args structs, the New<Resource> required checks)\n", m.Module, m.Version)
	}
	for _, n := range npms {
		fmt.Fprintf(&buf, "//   npm %s@%s (TypeScript declarations: the <Resource>Args interface, types/input.d.ts)\n", n.Name, n.Version)
	}
	buf.WriteString(`// The second map holds the nested input types reached from those inputs. A type is one of
// string, number, boolean, any, []T, map[string]T or #<nested type>; see types.go.
// Check refuses what these do not allow; GetSchema lists the property names.

package standin

func init() {
	addSDKTypes(map[string]sdkProps{
`)
	for _, e := range entries {
		fmt.Fprintf(&buf, "\t\t// %s\n\t\t%q: {\n\t\t\tInputs: %s,\n", e.Source, e.Token, goMap(e.Props.Inputs, "\t\t\t"))
		fmt.Fprintf(&buf, "\t\t\tRequired: %s,\n\t\t\tOutputs: %s,\n\t\t},\n", goList(e.Props.Required), goList(e.Props.Outputs))
	}
	buf.WriteString("\t}, map[string]sdkObject{\n")
	for _, t := range slices.Sorted(maps.Keys(objects)) {
		o := objects[t]
		fmt.Fprintf(&buf, "\t\t%q: {\n\t\t\tProperties: %s,\n\t\t\tRequired: %s,\n\t\t},\n", t, goMap(o.Properties, "\t\t\t"), goList(o.Required))
	}
	buf.WriteString("\t})\n}\n")
	return format.Source(buf.Bytes())
}

// goMap writes one property per line, sorted, so a drift shows as a one-line diff.
func goMap(m map[string]string, indent string) string {
	var b strings.Builder
	b.WriteString("map[string]string{\n")
	for _, k := range slices.Sorted(maps.Keys(m)) {
		fmt.Fprintf(&b, "%s\t%q: %q,\n", indent, k, m[k])
	}
	b.WriteString(indent + "}")
	return b.String()
}

func goList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return "[]string{" + strings.Join(q, ", ") + "}"
}
