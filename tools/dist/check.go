// dist check: one version across the release folder.

package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"debug/buildinfo"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
)

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
		_ = zr.Close() // read only: nothing to lose
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

func readZip(zr *zip.ReadCloser, name string) []byte {
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				return nil
			}
			data, _ := io.ReadAll(rc)
			_ = rc.Close() // read only: nothing to lose
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
