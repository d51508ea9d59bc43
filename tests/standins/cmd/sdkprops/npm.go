package main

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/tests/standins/internal/standin"
)

// npmPackage is a typed npm SDK (standin.NpmSDK) and the resources read from it.
type npmPackage struct {
	*standin.NpmSDK
	Resources []dtsResource
}

// dtsResource is one resource read from a package's TypeScript declarations.
type dtsResource struct {
	Token     string
	File      string // the resource's .d.ts: its class (outputs) and <Resource>Args interface (inputs)
	Namespace string // the namespace of types/input.d.ts that holds its nested input types
}

// files are the package files read (paths inside the tarball's package/ folder); only these are
// kept in the cache.
func (p npmPackage) files() []string {
	out := []string{"package.json"}
	for _, r := range p.Resources {
		out = append(out, r.File)
	}
	return append(out, "types/input.d.ts")
}

// npmCacheDir is where fetched npm SDK files are kept: <repo>/.tools/npm-sdk (git-ignored), found
// from the working directory (tests/standins or below).
func npmCacheDir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "tests", "standins", "go.mod")); err == nil {
			return filepath.Join(d, ".tools", "npm-sdk"), nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no tests/standins/go.mod above %s", dir)
		}
	}
}

// fetchNPM returns the directory holding the package's Files, fetching them on first use with
// `npm pack <name>@<version>` (the registry's own client; the tarball is checked against the
// pinned integrity) and keeping only those files.
func fetchNPM(cache string, p npmPackage) (string, error) {
	dir := filepath.Join(cache, strings.NewReplacer("@", "", "/", "-").Replace(p.Name)+"@"+p.Version)
	stamp := filepath.Join(dir, ".integrity")
	if b, err := os.ReadFile(stamp); err == nil && string(b) == p.Integrity {
		return dir, nil
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(cache, ".fetch-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	start := time.Now()
	cmd := exec.Command("npm", "pack", "--silent", "--json", p.Name+"@"+p.Version, "--pack-destination", tmp)
	cmd.Dir = tmp
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("npm pack %s@%s (npm must be installed and reach its registry): %w", p.Name, p.Version, err)
	}
	var packed []struct{ Filename string }
	if err := json.Unmarshal(out, &packed); err != nil || len(packed) != 1 {
		return "", fmt.Errorf("npm pack %s@%s: unexpected output %.200q", p.Name, p.Version, out)
	}
	tgz := filepath.Join(tmp, filepath.Base(packed[0].Filename))
	size, err := checkIntegrity(tgz, p.Integrity)
	if err != nil {
		return "", fmt.Errorf("%s@%s: %w", p.Name, p.Version, err)
	}
	files := filepath.Join(tmp, "files")
	if err := extract(tgz, files, p.files()); err != nil {
		return "", fmt.Errorf("%s@%s: %w", p.Name, p.Version, err)
	}
	if err := os.WriteFile(filepath.Join(files, ".integrity"), []byte(p.Integrity), 0o644); err != nil {
		return "", err
	}
	fmt.Fprintf(os.Stderr, "sdkprops: fetched %s@%s (%.1f MB tarball) in %s, kept %s\n",
		p.Name, p.Version, float64(size)/1e6, time.Since(start).Round(100*time.Millisecond), strings.Join(p.files(), ", "))
	_ = os.RemoveAll(dir) // an older or partial copy
	if err := os.Rename(files, dir); err != nil {
		// Another process put it there first; use theirs if it is complete.
		if b, rerr := os.ReadFile(stamp); rerr == nil && string(b) == p.Integrity {
			return dir, nil
		}
		return "", err
	}
	return dir, nil
}

// checkIntegrity compares a file's sha512 with an npm integrity string and returns its size.
func checkIntegrity(path, integrity string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	h := sha512.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return 0, err
	}
	if got := "sha512-" + base64.StdEncoding.EncodeToString(h.Sum(nil)); got != integrity {
		return 0, fmt.Errorf("tarball integrity %s, want the pinned %s", got, integrity)
	}
	return n, nil
}

// maxExtracted bounds each file extracted from an npm tarball: generous, over ten times the largest
// read today (azure-native 2.92.0's types/input.d.ts, about 40 MB).
const maxExtracted = 512 << 20

// extract writes the wanted files of an npm tarball (package/<file>) under dir.
func extract(tgz, dir string, want []string) error {
	f, err := os.Open(tgz)
	if err != nil {
		return err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	left := map[string]bool{}
	for _, w := range want {
		left["package/"+w] = true
	}
	tr := tar.NewReader(gz)
	for len(left) > 0 {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if !left[h.Name] {
			continue
		}
		delete(left, h.Name)
		out := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(h.Name, "package/")))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		w, err := os.Create(out)
		if err != nil {
			return err
		}
		// The tarball matched its pinned integrity, but its entries are still bounded: a file over
		// maxExtracted is refused rather than written out (gosec G110, a decompression bomb).
		n, err := io.Copy(w, io.LimitReader(tr, maxExtracted+1))
		if err == nil && n > maxExtracted {
			err = fmt.Errorf("%s is over %d MiB", h.Name, maxExtracted>>20)
		}
		if err != nil {
			_ = w.Close() // the copy's error is the one to report
			return err
		}
		if err := w.Close(); err != nil {
			return err
		}
	}
	for f := range left {
		return fmt.Errorf("the tarball has no %s: %w", f, fs.ErrNotExist)
	}
	return nil
}
