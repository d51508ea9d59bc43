package main

import (
	"archive/tar"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const (
	testPackageJSON = `{
    "name": "threatmanager-policies",
    "version": "0.1.0",
    "dependencies": {
        "@pulumi/policy": "1.21.0"
    }
}
`
	testLockJSON = `{
    "name": "threatmanager-policies",
    "version": "0.1.0",
    "lockfileVersion": 3,
    "packages": {
        "": {
            "name": "threatmanager-policies",
            "version": "0.1.0"
        },
        "node_modules/@pulumi/policy": {
            "version": "1.21.0"
        }
    }
}
`
	testRequirements = `{"rules": []}` + "\n"
)

// testPack writes a built pack folder as make policy leaves it: with node_modules, sources and the
// compiled tests, none of which ship.
func testPack(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range map[string]string{
		"PulumiPolicy.yaml":           "runtime: nodejs\n",
		"run-pack":                    "#!/bin/sh\n",
		"package.json":                testPackageJSON,
		"package-lock.json":           testLockJSON,
		"requirements.json":           testRequirements,
		"tsconfig.json":               "{}\n",
		"src/index.ts":                "new PolicyPack()\n",
		"bin/requirements.json":       "{\n    \"rules\": []\n}\n", // tsc's indentation
		"bin/src/index.js":            "new PolicyPack()\n",
		"bin/src/index.js.map":        "{}\n",
		"bin/src/policies/ssh.js":     "// ssh\n",
		"bin/src/test/cidr.test.js":   "// test\n",
		"node_modules/x/package.json": "{}\n",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func names(files []tarFile) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.hdr.Name)
	}
	return out
}

// The pack's tarball holds what a stranger needs under one folder, of the release's version,
// reproducibly, and passes its check.
func TestPolicyPack(t *testing.T) {
	dir := testPack(t)
	out := t.TempDir()
	first, second := filepath.Join(out, "1.tar.gz"), filepath.Join(out, "2.tar.gz")
	epoch := time.Unix(1_700_000_000, 0)
	if err := writePolicyPack(dir, first, "0.2.0-dev", epoch); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(filepath.Join(dir, "bin", "src", "index.js"), time.Now(), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := writePolicyPack(dir, second, "0.2.0-dev", epoch); err != nil {
		t.Fatal(err)
	}
	sameBytes(t, first, second, "the same pack gave different tarballs")

	files, err := readTarGz(first)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"threatmanager-policies/",
		"threatmanager-policies/PulumiPolicy.yaml",
		"threatmanager-policies/bin/",
		"threatmanager-policies/bin/requirements.json",
		"threatmanager-policies/bin/src/",
		"threatmanager-policies/bin/src/index.js",
		"threatmanager-policies/bin/src/index.js.map",
		"threatmanager-policies/bin/src/policies/",
		"threatmanager-policies/bin/src/policies/ssh.js",
		"threatmanager-policies/package-lock.json",
		"threatmanager-policies/package.json",
		"threatmanager-policies/requirements.json",
		"threatmanager-policies/run-pack",
	}
	if got := names(files); !slices.Equal(got, want) {
		t.Fatalf("entries\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, f := range files {
		wantMode := int64(0o644)
		if f.hdr.Typeflag == tar.TypeDir || strings.HasSuffix(f.hdr.Name, "/run-pack") {
			wantMode = 0o755
		}
		if f.hdr.Mode != wantMode || f.hdr.Uid != 0 || f.hdr.Gid != 0 || !f.hdr.ModTime.Equal(epoch) {
			t.Errorf("%s: mode %o uid %d gid %d mtime %v", f.hdr.Name, f.hdr.Mode, f.hdr.Uid, f.hdr.Gid, f.hdr.ModTime)
		}
	}
	// Only the versions change, npm's formatting stays.
	for _, f := range files {
		switch f.hdr.Name {
		case "threatmanager-policies/package.json":
			if want := strings.Replace(testPackageJSON, `"0.1.0"`, `"0.2.0-dev"`, 1); string(f.data) != want {
				t.Errorf("package.json\n%s\nwant\n%s", f.data, want)
			}
		case "threatmanager-policies/package-lock.json":
			if want := strings.Replace(testLockJSON, `"0.1.0"`, `"0.2.0-dev"`, 2); string(f.data) != want {
				t.Errorf("package-lock.json\n%s\nwant\n%s", f.data, want)
			}
		}
	}

	if problems := checkPolicyPack(first, "0.2.0-dev", []byte(testRequirements)); len(problems) > 0 {
		t.Errorf("check: %s", strings.Join(problems, "\n"))
	}
}

// The check fails a pack of another version, with other requirements, or with what must not ship.
func TestCheckPolicyPack(t *testing.T) {
	dir := testPack(t)
	out := t.TempDir()
	good := filepath.Join(out, "good.tar.gz")
	if err := writePolicyPack(dir, good, "0.1.0", time.Unix(1, 0)); err != nil {
		t.Fatal(err)
	}
	files, err := readTarGz(good)
	if err != nil {
		t.Fatal(err)
	}
	// tampered is the good pack with one change, in a tarball of its own.
	n := 0
	tampered := func(change func([]tarFile) []tarFile) string {
		n++
		p := filepath.Join(out, fmt.Sprintf("bad%d.tar.gz", n))
		if err := writeTarGz(p, change(slices.Clone(files)), time.Unix(1, 0)); err != nil {
			t.Fatal(err)
		}
		return p
	}
	extra := func(name string) func([]tarFile) []tarFile {
		return func(fs []tarFile) []tarFile {
			return append(fs, tarFile{&tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: 0o644}, []byte("x")})
		}
	}
	for _, tc := range []struct {
		name, pack, version, requirements, want string
	}{
		{"wrong version", good, "0.2.0", testRequirements, "package.json is threatmanager-policies@0.1.0, want threatmanager-policies@0.2.0"},
		{"wrong version in the lock", good, "0.2.0", testRequirements, `package-lock.json version "0.1.0" and packages[""].version "0.1.0", want 0.2.0`},
		{"other requirements", good, "0.1.0", `{"rules": [1]}`, "requirements.json differs from the repository's"},
		{"other requirements compiled in", good, "0.1.0", `{"rules": [1]}`, "bin/requirements.json differs from the repository's"},
		{"node_modules", tampered(extra("threatmanager-policies/node_modules/x/index.js")), "0.1.0", testRequirements, "node_modules are the user's npm ci"},
		{"tests", tampered(extra("threatmanager-policies/bin/src/test/cidr.test.js")), "0.1.0", testRequirements, "the pack's tests are not shipped"},
		{"sources", tampered(extra("threatmanager-policies/src/index.ts")), "0.1.0", testRequirements, "the TypeScript sources are not shipped"},
		{"second top folder", tampered(extra("other/x")), "0.1.0", testRequirements, "other/x is outside the one top folder threatmanager-policies/"},
		{"run-pack not executable", tampered(func(fs []tarFile) []tarFile {
			for i, f := range fs {
				if strings.HasSuffix(f.hdr.Name, "/run-pack") {
					h := *f.hdr
					h.Mode = 0o644
					fs[i].hdr = &h
				}
			}
			return fs
		}), "0.1.0", testRequirements, "run-pack has mode 644, want it executable"},
		{"not built", tampered(func(fs []tarFile) []tarFile {
			return slices.DeleteFunc(fs, func(f tarFile) bool { return strings.HasSuffix(f.hdr.Name, "/bin/src/index.js") })
		}), "0.1.0", testRequirements, "no threatmanager-policies/bin/src/index.js"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			problems := checkPolicyPack(tc.pack, tc.version, []byte(tc.requirements))
			if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, tc.want) }) {
				t.Errorf("problems %q, want one saying %q", problems, tc.want)
			}
		})
	}
}

func TestStampNpmVersion(t *testing.T) {
	if _, err := stampNpmVersion([]byte(`{"name": "x", "dependencies": {"a": {"version": "1.0.0"}}}`), "0.2.0", false); err == nil {
		t.Error("a package.json without its own version was stamped in a dependency's")
	}
	if _, err := stampNpmVersion([]byte(testPackageJSON), "0.2.0", true); err == nil {
		t.Error(`a package-lock.json without packages[""] was stamped`)
	}
}

func TestPolicyPackTarball(t *testing.T) {
	if got := policyPackTarball("0.1.0-dev"); got != "threatmanager-policies-v0.1.0-dev.tar.gz" {
		t.Errorf("policyPackTarball = %q", got)
	}
}
