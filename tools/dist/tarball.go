// The reproducible tarballs: written (tar), rewritten (retar) and read back (check, policypack).

package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"
)

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
		if errors.Is(err, io.EOF) {
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
