package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The plugin tarballs are reproducible: the same files give the same bytes whatever their
// modification times, and the entries are root-level, sorted, owned by uid/gid 0.
func TestTarballReproducible(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, p := range []string{a, b} {
		if err := os.WriteFile(p, []byte("content of "+filepath.Base(p)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	epoch := time.Unix(1_700_000_000, 0)
	first, second := filepath.Join(dir, "1.tar.gz"), filepath.Join(dir, "2.tar.gz")
	if err := writeTarball(first, epoch, []string{"z=" + a, "y=" + b}); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(a, time.Now(), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := writeTarball(second, epoch, []string{"y=" + b, "z=" + a}); err != nil {
		t.Fatal(err)
	}
	one := sameBytes(t, first, second, "the same files gave different tarballs")
	files, err := readTarGz(first)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || files[0].hdr.Name != "y" || files[1].hdr.Name != "z" {
		t.Fatalf("entries not sorted at the root: %v", files)
	}
	for _, f := range files {
		if f.hdr.Uid != 0 || f.hdr.Gid != 0 || f.hdr.Mode != 0o755 || !f.hdr.ModTime.Equal(epoch) {
			t.Errorf("%s: uid %d gid %d mode %o mtime %v", f.hdr.Name, f.hdr.Uid, f.hdr.Gid, f.hdr.Mode, f.hdr.ModTime)
		}
	}
	// gzip header: no name, no timestamp (bytes 4-7 are MTIME).
	if !bytes.Equal(one[4:8], []byte{0, 0, 0, 0}) || one[3]&0x08 != 0 {
		t.Errorf("gzip header carries a timestamp or a name: % x", one[:10])
	}
}

// retar makes a tarball written at another time with other owners byte-identical to the first.
func TestRetar(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "f")
	if err := os.WriteFile(src, []byte("data"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, b := filepath.Join(dir, "a.tar.gz"), filepath.Join(dir, "b.tar.gz")
	if err := writeTarball(a, time.Unix(1, 0), []string{"x/f=" + src, "x/e=" + src}); err != nil {
		t.Fatal(err)
	}
	if err := writeTarball(b, time.Unix(2, 0), []string{"x/e=" + src, "x/f=" + src}); err != nil {
		t.Fatal(err)
	}
	epoch := time.Unix(1_700_000_000, 0)
	for _, p := range []string{a, b} {
		if err := retar(p, epoch); err != nil {
			t.Fatal(err)
		}
	}
	sameBytes(t, a, b, "retar left the tarballs different")
	files, err := readTarGz(a)
	if err != nil || len(files) != 2 || files[0].hdr.Name != "x/e" || !files[0].hdr.ModTime.Equal(epoch) {
		t.Fatalf("retar wrote %v (%v)", files, err)
	}
}

// sameBytes fails the test with why unless files a and b hold the same bytes, and returns them.
func sameBytes(t *testing.T, a, b, why string) []byte {
	t.Helper()
	one, errA := os.ReadFile(a)
	two, errB := os.ReadFile(b)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if !bytes.Equal(one, two) {
		t.Fatal(why)
	}
	return one
}
