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
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"debug/buildinfo"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
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

// writeTarball writes entries (NAME=PATH) at the tarball's root; see the package comment.
func writeTarball(out string, mtime time.Time, entries []string) error {
	if out == "" || len(entries) == 0 {
		return errors.New("tar: -out and at least one NAME=PATH")
	}
	var files []tarFile
	for _, e := range entries {
		name, src, ok := strings.Cut(e, "=")
		if !ok {
			return fmt.Errorf("tar: %q is not NAME=PATH", e)
		}
		data, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		files = append(files, tarFile{&tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: 0o755, Format: tar.FormatUSTAR}, data})
	}
	return writeTarGz(out, files, mtime)
}

// retar rewrites a gzipped tarball reproducibly; see the package comment.
func retar(p string, mtime time.Time) error {
	files, err := readTarGz(p)
	if err != nil {
		return err
	}
	for i, f := range files { // keep type, name, link and mode; writeTarGz sets the rest
		files[i].hdr = &tar.Header{Typeflag: f.hdr.Typeflag, Name: f.hdr.Name, Linkname: f.hdr.Linkname, Mode: f.hdr.Mode}
	}
	return writeTarGz(p, files, mtime)
}

// writeTarGz is the one reproducible tarball writer of every command here: entries sorted by name,
// each with the given modification time, uid/gid 0 and no user or group names, its size from its data,
// and a gzip header without name or timestamp. Type, name, link, mode and format come from the
// caller's headers.
func writeTarGz(out string, files []tarFile, mtime time.Time) error {
	files = slices.Clone(files)
	slices.SortFunc(files, func(a, b tarFile) int { return strings.Compare(a.hdr.Name, b.hdr.Name) })
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf) // header: no name, zero ModTime
	tw := tar.NewWriter(gz)
	for _, f := range files {
		h := &tar.Header{
			Typeflag: f.hdr.Typeflag, Name: f.hdr.Name, Linkname: f.hdr.Linkname, Size: int64(len(f.data)),
			Mode: f.hdr.Mode, ModTime: mtime.UTC(), Format: f.hdr.Format,
		}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if _, err := tw.Write(f.data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := gz.Close(); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

var nameLine = regexp.MustCompile(`(?m)^  "name": "threatmanager",\n`)

func stampSchema(in, out, version string) error {
	if version == "" || out == "" {
		return errors.New("schema: -out and -version")
	}
	raw, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var spec map[string]any
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	if _, ok := spec["version"]; ok {
		return fmt.Errorf("%s already carries a version", in)
	}
	loc := nameLine.FindIndex(raw)
	if loc == nil {
		return fmt.Errorf(`%s: no top-level "name": "threatmanager" line`, in)
	}
	stamped := append(append(append([]byte{}, raw[:loc[1]]...), fmt.Sprintf("  \"version\": %q,\n", version)...), raw[loc[1]:]...)
	if err := json.Unmarshal(stamped, &spec); err != nil || spec["version"] != version {
		return fmt.Errorf("schema: stamping the version failed: %v", err)
	}
	return os.WriteFile(out, stamped, 0o644)
}

func writeSums(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var b strings.Builder
	for _, e := range entries { // ReadDir sorts by name
		if e.IsDir() || e.Name() == "SHA256SUMS" {
			continue
		}
		sum, err := sha256File(filepath.Join(dir, e.Name()))
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s  %s\n", sum, e.Name())
	}
	return os.WriteFile(filepath.Join(dir, "SHA256SUMS"), []byte(b.String()), 0o644)
}

func sha256File(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// check returns every way in which dir's artifacts disagree with version (and the policy pack's with
// the requirements file).
func check(dir, version string, platforms []string, requirements string) ([]string, error) {
	if version == "" {
		return nil, errors.New("check: -version")
	}
	var problems []string
	fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	seen := map[string]bool{"SHA256SUMS": true}

	// The binaries' tarballs: the plugin, and ruledelta for pull-request pipelines.
	for _, platform := range platforms {
		goos, goarch, ok := strings.Cut(platform, "-")
		if !ok {
			return nil, fmt.Errorf("check: platform %q is not os-arch", platform)
		}
		for _, binary := range binaries {
			name := fmt.Sprintf("%s-v%s-%s-%s.tar.gz", binary, version, goos, goarch)
			seen[name] = true
			files, err := readTarGz(filepath.Join(dir, name))
			if err != nil {
				fail("%s: %v", name, err)
				continue
			}
			bin := binary
			if goos == "windows" {
				bin += ".exe"
			}
			if len(files) != 1 || files[0].hdr.Name != bin {
				fail("%s: want exactly %s at the root, found %d entries", name, bin, len(files))
				continue
			}
			h := files[0].hdr
			if h.Mode&0o111 == 0 || h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" {
				fail("%s: %s has mode %o uid %d gid %d user %q group %q", name, bin, h.Mode, h.Uid, h.Gid, h.Uname, h.Gname)
			}
			info, err := buildinfo.Read(bytes.NewReader(files[0].data))
			if err != nil {
				fail("%s: build info: %v", name, err)
				continue
			}
			settings := map[string]string{}
			for _, s := range info.Settings {
				settings[s.Key] = s.Value
			}
			for key, want := range map[string]string{"GOOS": goos, "GOARCH": goarch, "CGO_ENABLED": "0", "-trimpath": "true"} {
				if settings[key] != want {
					fail("%s: built with %s=%q, want %q", name, key, settings[key], want)
				}
			}
			if _, ok := settings["vcs.revision"]; ok {
				fail("%s: built with VCS stamping (want -buildvcs=false)", name)
			}
			if binary != plugin {
				continue
			}
			// -trimpath keeps -ldflags out of the build info, so look for the injected version itself (the
			// host's binary also answers --version below).
			if !bytes.Contains(files[0].data, []byte(version)) {
				fail("%s: the binary does not contain its version %s (-X …/provider.Version)", name, version)
			}
			if goos == runtime.GOOS && goarch == runtime.GOARCH {
				if got, err := runVersion(files[0].data); err != nil {
					fail("%s: --version: %v", name, err)
				} else if got != version {
					fail("%s: --version says %q, want %q", name, got, version)
				}
			}
		}
	}

	// schema.json and the Go SDK tag.
	seen["schema.json"], seen["go-sdk-tag.txt"] = true, true
	var spec struct {
		Name, Version, PluginDownloadURL string
	}
	if raw, err := os.ReadFile(filepath.Join(dir, "schema.json")); err != nil {
		fail("schema.json: %v", err)
	} else if err := json.Unmarshal(raw, &spec); err != nil {
		fail("schema.json: %v", err)
	} else {
		if spec.Version != version {
			fail("schema.json: version %q, want %q", spec.Version, version)
		}
		if spec.PluginDownloadURL != PluginDownloadURL {
			fail("schema.json: pluginDownloadURL %q, want %q", spec.PluginDownloadURL, PluginDownloadURL)
		}
	}
	if tag, err := os.ReadFile(filepath.Join(dir, "go-sdk-tag.txt")); err != nil {
		fail("go-sdk-tag.txt: %v", err)
	} else if strings.TrimSpace(string(tag)) != "sdk/v"+version {
		fail("go-sdk-tag.txt: %q, want sdk/v%s", strings.TrimSpace(string(tag)), version)
	}

	// npm: npm pack names a scoped package's tarball scope-name-version.tgz.
	npmName := "threatmanager-pulumi-threatmanager-" + version + ".tgz"
	seen[npmName] = true
	if files, err := readTarGz(filepath.Join(dir, npmName)); err != nil {
		fail("%s: %v", npmName, err)
	} else {
		var pkg struct {
			Name, Version string
			Pulumi        struct{ Name, Version, Server string }
		}
		found := false
		for _, f := range files {
			if f.hdr.Name == "package/package.json" {
				found = true
				if err := json.Unmarshal(f.data, &pkg); err != nil {
					fail("%s: package.json: %v", npmName, err)
				}
			}
		}
		switch {
		case !found:
			fail("%s: no package/package.json", npmName)
		case pkg.Name != "@threatmanager/pulumi-threatmanager" || pkg.Version != version:
			fail("%s: package.json is %s@%s, want @threatmanager/pulumi-threatmanager@%s", npmName, pkg.Name, pkg.Version, version)
		case pkg.Pulumi.Name != "threatmanager" || pkg.Pulumi.Version != version || pkg.Pulumi.Server != PluginDownloadURL:
			fail("%s: package.json pulumi section %+v, want threatmanager %s from %s", npmName, pkg.Pulumi, version, PluginDownloadURL)
		}
		if !hasFile(files, "package/index.js") || !hasFile(files, "package/index.d.ts") {
			fail("%s: holds no built index.js and index.d.ts", npmName)
		}
	}

	// Python: the wheel and sdist, named by the PEP 440 form of the version (0.1.0-dev is 0.1.0+dev).
	pyVersion := pep440(version)
	wheel := "pulumi_threatmanager-" + pyVersion + "-py3-none-any.whl"
	sdist := "pulumi_threatmanager-" + pyVersion + ".tar.gz"
	seen[wheel], seen[sdist] = true, true
	if zr, err := zip.OpenReader(filepath.Join(dir, wheel)); err != nil {
		fail("%s: %v", wheel, err)
	} else {
		metadata := readZip(zr, "pulumi_threatmanager-"+pyVersion+".dist-info/METADATA")
		if !regexp.MustCompile(`(?m)^Version: ` + regexp.QuoteMeta(pyVersion) + `$`).Match(metadata) {
			fail("%s: METADATA does not say Version: %s", wheel, pyVersion)
		}
		checkPluginJSON(fail, wheel, readZip(zr, "pulumi_threatmanager/pulumi-plugin.json"), version)
		zr.Close()
	}
	if files, err := readTarGz(filepath.Join(dir, sdist)); err != nil {
		fail("%s: %v", sdist, err)
	} else {
		prefix := "pulumi_threatmanager-" + pyVersion + "/"
		var pkgInfo, pluginJSON []byte
		for _, f := range files {
			switch f.hdr.Name {
			case prefix + "PKG-INFO":
				pkgInfo = f.data
			case prefix + "pulumi_threatmanager/pulumi-plugin.json":
				pluginJSON = f.data
			}
		}
		if !regexp.MustCompile(`(?m)^Version: ` + regexp.QuoteMeta(pyVersion) + `$`).Match(pkgInfo) {
			fail("%s: PKG-INFO does not say Version: %s", sdist, pyVersion)
		}
		checkPluginJSON(fail, sdist, pluginJSON, version)
	}

	// The policy pack.
	pack := policyPackTarball(version)
	seen[pack] = true
	if req, err := os.ReadFile(requirements); err != nil {
		return nil, fmt.Errorf("check: %w", err)
	} else if _, err := os.Stat(filepath.Join(dir, pack)); err == nil {
		problems = append(problems, checkPolicyPack(filepath.Join(dir, pack), version, req)...)
	}

	// SHA256SUMS names every file, each with its sum; nothing else lies in dir.
	sums, err := os.ReadFile(filepath.Join(dir, "SHA256SUMS"))
	if err != nil {
		fail("SHA256SUMS: %v", err)
	}
	listed := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(sums))
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			fail("SHA256SUMS: malformed line %q", sc.Text())
			continue
		}
		listed[name] = true
		if got, err := sha256File(filepath.Join(dir, name)); err != nil || got != sum {
			fail("SHA256SUMS: %s does not match (%v)", name, err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if !seen[e.Name()] {
			fail("%s: not a release artifact of version %s", e.Name(), version)
		} else if !listed[e.Name()] && e.Name() != "SHA256SUMS" {
			fail("SHA256SUMS does not list %s", e.Name())
		}
	}
	for name := range seen {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil && !strings.Contains(strings.Join(problems, "\n"), name) {
			fail("%s: missing", name)
		}
	}
	return problems, nil
}

func checkPluginJSON(fail func(string, ...any), where string, raw []byte, version string) {
	var p struct {
		Resource      bool
		Name, Version string
		Server        string
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		fail("%s: pulumi-plugin.json: %v", where, err)
		return
	}
	if !p.Resource || p.Name != "threatmanager" || p.Version != version || p.Server != PluginDownloadURL {
		fail("%s: pulumi-plugin.json is %+v, want threatmanager %s from %s", where, p, version, PluginDownloadURL)
	}
}

// pep440 is the Python package version for a semver version, as Pulumi's Python codegen writes it
// for the versions this repository makes: X.Y.Z as is, X.Y.Z-dev as X.Y.Z+dev.
func pep440(v string) string {
	if base, pre, ok := strings.Cut(v, "-"); ok && pre == "dev" {
		return base + "+dev"
	}
	return v
}

type tarFile struct {
	hdr  *tar.Header
	data []byte
}

func readTarGz(p string) ([]tarFile, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(gz)
	var files []tarFile
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return files, nil
		}
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		files = append(files, tarFile{h, data})
	}
}

func hasFile(files []tarFile, name string) bool {
	for _, f := range files {
		if f.hdr.Name == name {
			return true
		}
	}
	return false
}

func readZip(zr *zip.ReadCloser, name string) []byte {
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				return nil
			}
			defer rc.Close()
			data, _ := io.ReadAll(rc)
			return data
		}
	}
	return nil
}

// runVersion runs a host plugin binary with --version.
func runVersion(binary []byte) (string, error) {
	tmp, err := os.MkdirTemp("", "dist-check-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	p := filepath.Join(tmp, plugin)
	if err := os.WriteFile(p, binary, 0o755); err != nil {
		return "", err
	}
	out, err := exec.Command(p, "--version").Output()
	return strings.TrimSpace(string(out)), err
}
