// Command modproxy writes this repository's root module into a file GOPROXY, as a release would
// publish it, so that `go install …@v<version>` can be tested offline (tests/install/goinstall.sh).
//
//	modproxy -dir PROXY -version v0.1.0-dev [-repo .]
//
// It writes PROXY/<module path>/@v/{list,<version>.info,<version>.mod,<version>.zip}, the layout
// `go mod download` and GOPROXY=file://PROXY read. The zip is made by golang.org/x/mod/zip, the same
// rules the Go module proxy applies to a tag: no nested module (sdk/, tests/e2e, tools/pulumi, …),
// no symbolic link, at most 500 MB. Its files are the ones a commit of the working tree would hold:
// tracked and untracked files less those git ignores (`git ls-files --cached --others
// --exclude-standard`), so .tools/, bin/, dist/ and node_modules never enter it, and uncommitted
// edits are tested. The .info's time is HEAD's commit time.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"
)

func main() {
	dir := flag.String("dir", "", "the file GOPROXY to write into")
	version := flag.String("version", "", "the module version, e.g. v0.1.0-dev")
	repo := flag.String("repo", ".", "the repository whose root module is published")
	flag.Parse()
	if *dir == "" || *version == "" {
		fmt.Fprintln(os.Stderr, "usage: modproxy -dir PROXY -version vX.Y.Z[-pre] [-repo .]")
		os.Exit(2)
	}
	if err := run(*dir, *version, *repo); err != nil {
		fmt.Fprintln(os.Stderr, "modproxy:", err)
		os.Exit(1)
	}
}

func run(dir, version, repo string) error {
	repo, err := filepath.Abs(repo)
	if err != nil {
		return err
	}
	gomod, err := os.ReadFile(filepath.Join(repo, "go.mod"))
	if err != nil {
		return err
	}
	path := modfile.ModulePath(gomod)
	if path == "" {
		return errors.New("go.mod names no module")
	}
	m := module.Version{Path: path, Version: version}
	if err := module.Check(m.Path, m.Version); err != nil {
		return err
	}
	escaped, err := module.EscapePath(m.Path)
	if err != nil {
		return err
	}
	files, err := worktreeFiles(repo)
	if err != nil {
		return err
	}
	commitTime, err := git(repo, "log", "-1", "--format=%cI", "HEAD")
	if err != nil {
		return err
	}
	when, err := time.Parse(time.RFC3339, strings.TrimSpace(string(commitTime)))
	if err != nil {
		return err
	}

	at := filepath.Join(dir, filepath.FromSlash(escaped), "@v")
	if err := os.MkdirAll(at, 0o755); err != nil {
		return err
	}
	zipPath := filepath.Join(at, version+".zip")
	if err := writeZip(zipPath, m, files); err != nil {
		return err
	}
	checked, err := modzip.CheckZip(m, zipPath)
	if err != nil {
		return fmt.Errorf("%s: %w", zipPath, err)
	}
	info, err := json.Marshal(struct {
		Version string
		Time    time.Time
	}{version, when.UTC()})
	if err != nil {
		return err
	}
	for name, data := range map[string][]byte{
		version + ".info": info,
		version + ".mod":  gomod,
		"list":            []byte(version + "\n"),
	} {
		if err := os.WriteFile(filepath.Join(at, name), data, 0o644); err != nil {
			return err
		}
	}
	stat, err := os.Stat(zipPath)
	if err != nil {
		return err
	}
	fmt.Printf("%s@%s: %d files, %.1f MB zipped, in %s\n", m.Path, m.Version, len(checked.Valid), float64(stat.Size())/1e6, dir)
	return nil
}

func writeZip(zipPath string, m module.Version, files []modzip.File) (err error) {
	out, err := os.Create(zipPath)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := out.Close(); err == nil {
			err = cerr
		}
	}()
	return modzip.Create(out, m, files)
}

// worktreeFiles lists the files a commit of the working tree would hold: tracked ones still present,
// and untracked ones git does not ignore.
func worktreeFiles(repo string) ([]modzip.File, error) {
	out, err := git(repo, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	var files []modzip.File
	seen := map[string]bool{}
	for name := range strings.SplitSeq(strings.TrimSuffix(string(out), "\x00"), "\x00") {
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		if _, err := os.Lstat(filepath.Join(repo, filepath.FromSlash(name))); errors.Is(err, fs.ErrNotExist) {
			continue // deleted in the working tree
		} else if err != nil {
			return nil, err
		}
		files = append(files, file{repo: repo, path: name})
	}
	return files, nil
}

// file is one file of the working tree, by its slash-separated path from the repository root.
type file struct{ repo, path string }

func (f file) Path() string                 { return f.path }
func (f file) Lstat() (os.FileInfo, error)  { return os.Lstat(f.abs()) }
func (f file) Open() (io.ReadCloser, error) { return os.Open(f.abs()) }
func (f file) abs() string                  { return filepath.Join(f.repo, filepath.FromSlash(f.path)) }

func git(repo string, args ...string) ([]byte, error) {
	var stderr bytes.Buffer
	cmd := exec.Command("git", append([]string{"-C", repo}, args...)...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}
