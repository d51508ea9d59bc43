// Command dist writes and checks the release artifacts of `make dist` (mk/dist.mk).
//
//	dist tar -out FILE.tar.gz -epoch SECONDS NAME=PATH...
//	    a reproducible gzipped tarball: the named files at its root, sorted, regular files of mode
//	    0755, uid/gid 0 with no user or group names, the given modification time, and a gzip header
//	    without name or timestamp. The same inputs give the same bytes.
//	dist retar -epoch SECONDS FILE.tar.gz
//	    rewrites a gzipped tarball written by another tool (the Python sdist) the same reproducible way:
//	    entries sorted by name, the given modification time, uid/gid 0 without names, gzip without name
//	    or timestamp; modes and contents as they were.
//	dist policypack -dir policy -out FILE.tar.gz -epoch SECONDS -version V
//	    the CrossGuard pack threatmanager-policies, built (make policy), for a release: under one folder
//	    threatmanager-policies/, PulumiPolicy.yaml, run-pack (mode 0755), package.json and
//	    package-lock.json with the pack's version set to V, requirements.json, and the compiled bin/
//	    without its tests (bin/src/test); no node_modules, no sources. Files 0644, folders 0755, and
//	    otherwise as reproducible as tar's.
//	dist schema -in schema.json -out FILE -version V
//	    the committed schema (which carries no version) with "version": V after its name.
//	dist sums -dir DIR
//	    DIR/SHA256SUMS for every other file in DIR, in sha256sum's format, sorted by name.
//	dist check -dir DIR -version V -platforms linux-amd64,... [-requirements policy/requirements.json]
//	    one version across DIR: every plugin and ruledelta tarball (its one binary, whose build settings
//	    name the platform, CGO_ENABLED=0, -trimpath and no VCS stamp; the plugin has V in it, and the
//	    host's answers --version),
//	    SHA256SUMS, the npm tarball, the wheel and sdist, schema.json and go-sdk-tag.txt; and the
//	    pluginDownloadURL in the schema and every package manifest. The policy pack's tarball: one top
//	    folder, run-pack executable, bin/src/index.js present, no node_modules, sources or tests,
//	    package.json and package-lock.json of version V, and requirements.json the repository's.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"
)

// PluginDownloadURL is provider.PluginDownloadURL; repeated so this tool stays free of the provider's
// dependencies, and checked against the schema, which is generated from the provider.
const PluginDownloadURL = "github://api.github.com/threatmanager/pulumi-threatmanager"

const (
	plugin    = "pulumi-resource-threatmanager"
	ruledelta = "ruledelta"
)

// binaries are what a release ships per platform, each in its own tarball.
var binaries = []string{plugin, ruledelta}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: dist tar|retar|policypack|schema|sums|check [flags]")
		os.Exit(2)
	}
	var err error
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	switch os.Args[1] {
	case "tar":
		out := fs.String("out", "", "the tarball to write")
		epoch := fs.Int64("epoch", 0, "modification time of every entry (seconds since 1970)")
		_ = fs.Parse(os.Args[2:])
		err = writeTarball(*out, time.Unix(*epoch, 0), fs.Args())
	case "retar":
		epoch := fs.Int64("epoch", 0, "modification time of every entry (seconds since 1970)")
		_ = fs.Parse(os.Args[2:])
		if fs.NArg() != 1 {
			err = errors.New("retar: one FILE.tar.gz")
		} else {
			err = retar(fs.Arg(0), time.Unix(*epoch, 0))
		}
	case "policypack":
		dir := fs.String("dir", "policy", "the pack's folder, built")
		out := fs.String("out", "", "the tarball to write")
		epoch := fs.Int64("epoch", 0, "modification time of every entry (seconds since 1970)")
		version := fs.String("version", "", "the version")
		_ = fs.Parse(os.Args[2:])
		err = writePolicyPack(*dir, *out, *version, time.Unix(*epoch, 0))
	case "schema":
		in := fs.String("in", "schema.json", "the committed schema")
		out := fs.String("out", "", "where to write the stamped schema")
		version := fs.String("version", "", "the version")
		_ = fs.Parse(os.Args[2:])
		err = stampSchema(*in, *out, *version)
	case "sums":
		dir := fs.String("dir", "dist", "the folder")
		_ = fs.Parse(os.Args[2:])
		err = writeSums(*dir)
	case "check":
		dir := fs.String("dir", "dist", "the folder")
		version := fs.String("version", "", "the version every artifact must carry")
		platforms := fs.String("platforms", "", "os-arch list of the plugin tarballs expected")
		requirements := fs.String("requirements", "policy/requirements.json", "the requirements the policy pack must carry")
		_ = fs.Parse(os.Args[2:])
		var problems []string
		problems, err = check(*dir, *version, strings.Split(*platforms, ","), *requirements)
		if err == nil && len(problems) > 0 {
			for _, p := range problems {
				fmt.Fprintln(os.Stderr, "FAIL", p)
			}
			err = fmt.Errorf("%d problems in %s", len(problems), *dir)
		}
		if err == nil {
			fmt.Printf("dist check: %s carries version %s throughout (plugin for %s)\n", *dir, *version, *platforms)
		}
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "dist:", err)
		os.Exit(1)
	}
}
