package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// module is one pinned SDK module and the resource files read from it.
type module struct {
	Path    string // module path
	Version string // exact pinned version
	Dir     string // directory inside the module holding the package sources ("" for the root)
	Label   string // how the per-entry comments name the file's directory
	Files   []resourceFile
}

type resourceFile struct {
	Token string
	File  string // relative to Dir
}

// Modules are the pinned SDK modules and the resource types the stand-ins know from each. The
// versions are the ones the project pins (DESIGN.md) and the stand-ins report in GetPluginInfo.
var Modules = []module{
	{Path: "github.com/pulumi/pulumi-aws/sdk/v6", Version: "v6.83.4", Dir: "go/aws", Label: "aws", Files: []resourceFile{
		{"aws:ec2/subnet:Subnet", "ec2/subnet.go"},
		{"aws:ec2/routeTable:RouteTable", "ec2/routeTable.go"},
		{"aws:ec2/route:Route", "ec2/route.go"},
		{"aws:ec2/routeTableAssociation:RouteTableAssociation", "ec2/routeTableAssociation.go"},
		{"aws:ec2/securityGroup:SecurityGroup", "ec2/securityGroup.go"},
		{"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "vpc/securityGroupIngressRule.go"},
		{"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "vpc/securityGroupEgressRule.go"},
		{"aws:ec2/managedPrefixList:ManagedPrefixList", "ec2/managedPrefixList.go"},
		{"aws:iam/role:Role", "iam/role.go"},
		{"aws:iam/rolePolicy:RolePolicy", "iam/rolePolicy.go"},
		{"aws:scheduler/schedule:Schedule", "scheduler/schedule.go"},
		{"aws:scheduler/scheduleGroup:ScheduleGroup", "scheduler/scheduleGroup.go"},
	}},
	{Path: "github.com/pulumi/pulumi-azure-native-sdk/network/v2", Version: "v2.92.0", Label: "network/v2", Files: []resourceFile{
		{"azure-native:network:Subnet", "subnet.go"},
		{"azure-native:network:NetworkSecurityGroup", "networkSecurityGroup.go"},
		{"azure-native:network:SecurityRule", "securityRule.go"},
	}},
	{Path: "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2", Version: "v2.92.0", Label: "authorization/v2", Files: []resourceFile{
		{"azure-native:authorization:RoleDefinition", "roleDefinition.go"},
		{"azure-native:authorization:RoleAssignment", "roleAssignment.go"},
	}},
	{Path: "github.com/pulumi/pulumi-gcp/sdk/v7", Version: "v7.38.0", Dir: "go/gcp", Label: "gcp", Files: []resourceFile{
		{"gcp:compute/subnetwork:Subnetwork", "compute/subnetwork.go"},
		{"gcp:compute/firewall:Firewall", "compute/firewall.go"},
		{"gcp:serviceaccount/account:Account", "serviceaccount/account.go"},
		{"gcp:projects/iAMCustomRole:IAMCustomRole", "projects/iamcustomRole.go"},
		{"gcp:projects/iAMMember:IAMMember", "projects/iammember.go"},
		{"gcp:cloudscheduler/job:Job", "cloudscheduler/job.go"},
	}},
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

// Generate returns the formatted source of sdkprops_gen.go. npmCache is where the npm packages
// are (or are fetched to, see fetchNPM).
func Generate(npmCache string) ([]byte, error) {
	var entries []entry
	objects := map[string]Object{}
	for _, m := range Modules {
		root, err := moduleDir(m.Path, m.Version)
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
					return nil, fmt.Errorf("%s (%s@%s): %w", f.Token, m.Path, m.Version, err)
				}
				pkgs[dir] = pkg
			}
			p, err := pkg.ReadProps(filepath.Base(f.File), objects)
			if err != nil {
				return nil, fmt.Errorf("%s (%s@%s): %w", f.Token, m.Path, m.Version, err)
			}
			entries = append(entries, entry{m.Label + "/" + f.File, f.Token, p})
		}
	}
	for _, n := range NPMPackages {
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
	return render(entries, objects)
}

func render(entries []entry, objects map[string]Object) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(`// Code generated by go run ./cmd/sdkprops; DO NOT EDIT.
//
// Each entry lists a resource's input properties with their types, the required ones and its
// output-only properties, read from the providers' own typed SDKs at the pinned versions:
`)
	for _, m := range Modules {
		fmt.Fprintf(&buf, "//   %s %s (Go: the <resource>Args structs, the New<Resource> required checks)\n", m.Path, m.Version)
	}
	for _, n := range NPMPackages {
		fmt.Fprintf(&buf, "//   npm %s@%s (TypeScript declarations: the <Resource>Args interface, types/input.d.ts)\n", n.Name, n.Version)
	}
	buf.WriteString(`// sdkObjectTypes are the nested input types reached from those inputs. A type is one of
// string, number, boolean, any, []T, map[string]T or #<nested type>; see types.go.
// Check refuses what these do not allow; GetSchema lists the property names.

package standin

var sdkProperties = map[string]sdkProps{
`)
	for _, e := range entries {
		fmt.Fprintf(&buf, "\t// %s\n\t%q: {\n\t\tInputs: %s,\n", e.Source, e.Token, goMap(e.Props.Inputs, "\t\t"))
		fmt.Fprintf(&buf, "\t\tRequired: %s,\n\t\tOutputs: %s,\n\t},\n", goList(e.Props.Required), goList(e.Props.Outputs))
	}
	buf.WriteString("}\n\nvar sdkObjectTypes = map[string]sdkObject{\n")
	toks := make([]string, 0, len(objects))
	for t := range objects {
		toks = append(toks, t)
	}
	sort.Strings(toks)
	for _, t := range toks {
		o := objects[t]
		fmt.Fprintf(&buf, "\t%q: {\n\t\tProperties: %s,\n\t\tRequired: %s,\n\t},\n", t, goMap(o.Properties, "\t\t"), goList(o.Required))
	}
	buf.WriteString("}\n")
	return format.Source(buf.Bytes())
}

// goMap writes one property per line, sorted, so a drift shows as a one-line diff.
func goMap(m map[string]string, indent string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("map[string]string{\n")
	for _, k := range keys {
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
