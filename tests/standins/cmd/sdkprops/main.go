// Command sdkprops writes one internal/standin/<cloud>_sdk_gen.go per registered cloud: for each
// resource type the cloud's table (internal/standin/<cloud>.go) models, its input properties with
// their types (and the nested input types they reach), required inputs and output-only
// properties, read from the SDK files the table names (Resource.SDK): the providers' own typed
// SDKs at the pinned versions. It only reads the SDK sources; it never builds or imports them.
//
// Go SDK modules are read with go/parser (the <resource>Args structs), fetched into the module
// cache with `go mod download <module>@<version>` when they are not there yet. The npm SDKs, for
// resources registered by type token because their typed Go module is not served (azure-native
// logic), come from `npm pack <package>@<version>`, checked against the pinned integrity, into
// <repo>/.tools/npm-sdk (git-ignored), keeping only the files read.
//
//	cd tests/standins && go run ./cmd/sdkprops            # rewrite the files
//	cd tests/standins && go run ./cmd/sdkprops -check     # fail if one is out of date
//
// TestGeneratedFilesAreUpToDate (go test ./... here, which `make test` runs) does the -check.
package main

import (
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

func main() {
	check := flag.Bool("check", false, "compare with the generated files instead of writing them")
	flag.Parse()
	cache, err := npmCacheDir()
	if err != nil {
		fail(err)
	}
	want, err := Generate(cache)
	if err != nil {
		fail(err)
	}
	stale, err := staleFiles(".", want)
	if err != nil {
		fail(err)
	}
	if *check {
		if problems := compare(".", want, stale); len(problems) > 0 {
			fail(fmt.Errorf("%s: run go run ./cmd/sdkprops", strings.Join(problems, "; ")))
		}
		return
	}
	for path, src := range want {
		if err := os.WriteFile(filepath.FromSlash(path), src, 0o644); err != nil {
			fail(err)
		}
	}
	for _, path := range stale {
		if err := os.Remove(filepath.FromSlash(path)); err != nil {
			fail(err)
		}
	}
}

// staleFiles are the generated files under root (tests/standins) of clouds no longer registered.
func staleFiles(root string, want map[string][]byte) ([]string, error) {
	found, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(outGlob)))
	if err != nil {
		return nil, err
	}
	var stale []string
	for _, f := range found {
		rel, err := filepath.Rel(root, f)
		if err != nil {
			return nil, err
		}
		if _, ok := want[filepath.ToSlash(rel)]; !ok {
			stale = append(stale, filepath.ToSlash(rel))
		}
	}
	return stale, nil
}

// compare returns how the generated files under root differ from want.
func compare(root string, want map[string][]byte, stale []string) []string {
	var problems []string
	for _, path := range slices.Sorted(maps.Keys(want)) {
		got, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(path)))
		switch {
		case err != nil:
			problems = append(problems, err.Error())
		case string(got) != string(want[path]):
			problems = append(problems, path+" is out of date")
		}
	}
	for _, path := range stale {
		problems = append(problems, path+" belongs to no registered cloud")
	}
	return problems
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "sdkprops:", err)
	os.Exit(1)
}
