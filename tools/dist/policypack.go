package main

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"
)

// policyPack is the CrossGuard pack in policy/: its npm name, the folder its tarball unpacks into, and
// the name pulumi prints (threatmanager-policies@v<version>).
const policyPack = "threatmanager-policies"

// policyPackFiles are the pack's files beside bin/: what `--policy-pack <folder>/run-pack` and
// `npm ci --omit=dev` need, and the requirements the pack was compiled with.
var policyPackFiles = []string{"PulumiPolicy.yaml", "run-pack", "package.json", "package-lock.json", "requirements.json"}

// policyPackTests is the compiled unit tests' folder in bin/: not shipped.
const policyPackTests = "bin/src/test/"

func policyPackTarball(version string) string { return policyPack + "-v" + version + ".tar.gz" }

// writePolicyPack writes the pack in dir (built: bin/ from tsc) as out; see the package comment.
func writePolicyPack(dir, out, version string, mtime time.Time) error {
	if dir == "" || out == "" || version == "" {
		return errors.New("policypack: -dir, -out and -version")
	}
	var files []tarFile
	add := func(name string, mode int64, data []byte) {
		files = append(files, tarFile{&tar.Header{Typeflag: tar.TypeReg, Name: policyPack + "/" + name, Mode: mode, Format: tar.FormatUSTAR}, data})
	}
	for _, name := range policyPackFiles {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return fmt.Errorf("policypack: %w", err)
		}
		// Modes are set here, not taken from the checkout, so that a umask cannot change the bytes.
		mode := int64(0o644)
		switch name {
		case "run-pack":
			mode = 0o755
		case "package.json", "package-lock.json":
			if data, err = stampNpmVersion(data, version, name == "package-lock.json"); err != nil {
				return fmt.Errorf("policypack: %s: %w", name, err)
			}
		}
		add(name, mode, data)
	}
	bin := filepath.Join(dir, "bin")
	if _, err := os.Stat(filepath.Join(bin, "src", "index.js")); err != nil {
		return fmt.Errorf("policypack: the pack is not built (make policy): %w", err)
	}
	err := filepath.WalkDir(bin, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir() && (rel+"/" == policyPackTests || d.Name() == "node_modules"):
			return filepath.SkipDir
		case d.IsDir():
			return nil
		case !d.Type().IsRegular():
			return fmt.Errorf("policypack: %s is not a regular file", p)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		add(rel, 0o644, data)
		return nil
	})
	if err != nil {
		return err
	}
	// A folder entry for every folder, so that the unpacked folders have mode 0755 whatever the umask.
	dirs := map[string]bool{}
	for _, f := range files {
		for d := path.Dir(f.hdr.Name); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	for d := range dirs {
		files = append(files, tarFile{&tar.Header{Typeflag: tar.TypeDir, Name: d + "/", Mode: 0o755, Format: tar.FormatUSTAR}, nil})
	}
	return writeTarGz(out, files, mtime)
}

var npmVersionField = regexp.MustCompile(`("version":\s*)"[^"]*"`)

// stampNpmVersion sets the package's own version in a package.json (its "version") or a
// package-lock.json (also packages[""].version), keeping npm's formatting. npm writes these before
// any dependency's version, so they are the first "version" fields; the result is checked against the
// decoded file with exactly those fields changed.
func stampNpmVersion(raw []byte, version string, lock bool) ([]byte, error) {
	n := 1
	if lock {
		n = 2
	}
	var want map[string]any
	if err := json.Unmarshal(raw, &want); err != nil {
		return nil, err
	}
	want["version"] = version
	if lock {
		packages, _ := want["packages"].(map[string]any)
		root, ok := packages[""].(map[string]any)
		if !ok {
			return nil, errors.New(`no packages[""]`)
		}
		root["version"] = version
	}
	done := 0
	stamped := npmVersionField.ReplaceAllFunc(raw, func(m []byte) []byte {
		if done++; done > n {
			return m
		}
		return npmVersionField.ReplaceAll(m, []byte(fmt.Sprintf("${1}%q", version)))
	})
	var got map[string]any
	if err := json.Unmarshal(stamped, &got); err != nil {
		return nil, fmt.Errorf("the package's own version is not among its first %d \"version\" fields: %w", n, err)
	}
	if !reflect.DeepEqual(got, want) {
		return nil, fmt.Errorf("the package's own version is not among its first %d \"version\" fields", n)
	}
	return stamped, nil
}

// checkPolicyPack returns every way in which the pack's tarball p is not the pack of version, compiled
// with requirements (the repository's policy/requirements.json).
func checkPolicyPack(p, version string, requirements []byte) []string {
	name := filepath.Base(p)
	var problems []string
	fail := func(format string, args ...any) { problems = append(problems, name+": "+fmt.Sprintf(format, args...)) }
	files, err := readTarGz(p)
	if err != nil {
		fail("%v", err)
		return problems
	}
	byName := map[string]tarFile{}
	for _, f := range files {
		h := f.hdr
		rel, ok := strings.CutPrefix(h.Name, policyPack+"/")
		if !ok {
			fail("%s is outside the one top folder %s/", h.Name, policyPack)
			continue
		}
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" {
			fail("%s is owned by uid %d gid %d user %q group %q", h.Name, h.Uid, h.Gid, h.Uname, h.Gname)
		}
		switch {
		case h.Typeflag == tar.TypeDir:
		case h.Typeflag != tar.TypeReg:
			fail("%s is not a regular file or folder", h.Name)
		case strings.Contains("/"+rel, "/node_modules/"):
			fail("%s: node_modules are the user's npm ci, not the tarball's", h.Name)
		case strings.HasPrefix(rel, policyPackTests) || strings.HasSuffix(rel, ".test.js"):
			fail("%s: the pack's tests are not shipped", h.Name)
		case strings.HasPrefix(rel, "src/"):
			fail("%s: the TypeScript sources are not shipped, bin/ is", h.Name)
		}
		byName[rel] = f
	}
	for _, want := range append(slices.Clone(policyPackFiles), "bin/src/index.js") {
		if _, ok := byName[want]; !ok {
			fail("no %s/%s", policyPack, want)
		}
	}
	if f, ok := byName["run-pack"]; ok && f.hdr.Mode&0o111 == 0 {
		fail("run-pack has mode %o, want it executable", f.hdr.Mode)
	}
	var pkg struct{ Name, Version string }
	if f, ok := byName["package.json"]; ok {
		if err := json.Unmarshal(f.data, &pkg); err != nil {
			fail("package.json: %v", err)
		} else if pkg.Name != policyPack || pkg.Version != version {
			fail("package.json is %s@%s, want %s@%s", pkg.Name, pkg.Version, policyPack, version)
		}
	}
	var lock struct {
		Version  string
		Packages map[string]struct{ Version string }
	}
	if f, ok := byName["package-lock.json"]; ok {
		if err := json.Unmarshal(f.data, &lock); err != nil {
			fail("package-lock.json: %v", err)
		} else if lock.Version != version || lock.Packages[""].Version != version {
			fail(`package-lock.json version %q and packages[""].version %q, want %s`, lock.Version, lock.Packages[""].Version, version)
		}
	}
	// requirements.json is the repository's file; the compiled pack loads bin/requirements.json, which
	// tsc writes from it with its own indentation, so that one must hold the same JSON.
	if f, ok := byName["requirements.json"]; ok && !bytes.Equal(f.data, requirements) {
		fail("requirements.json differs from the repository's policy/requirements.json (make policy)")
	}
	if f, ok := byName["bin/requirements.json"]; ok {
		var got, want any
		if err := json.Unmarshal(f.data, &got); err != nil || json.Unmarshal(requirements, &want) != nil || !reflect.DeepEqual(got, want) {
			fail("bin/requirements.json differs from the repository's policy/requirements.json (make policy)")
		}
	}
	return problems
}
