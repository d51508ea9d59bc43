// Command sdkprops writes internal/standin/sdkprops_gen.go: for each resource type the stand-ins
// know, its input properties with their types (and the nested input types they reach), required
// inputs and output-only properties, read from the providers' own typed SDKs at the pinned
// versions. It only reads the SDK sources; it never builds or imports them.
//
// Go SDK modules are read with go/parser (the <resource>Args structs), fetched into the module
// cache with `go mod download <module>@<version>` when they are not there yet. The npm SDKs, for
// resources registered by type token because their typed Go module is not served (azure-native
// logic), come from `npm pack <package>@<version>`, checked against the pinned integrity, into
// <repo>/.tools/npm-sdk (git-ignored), keeping only the files read.
//
//	cd tests/standins && go run ./cmd/sdkprops            # rewrite the file
//	cd tests/standins && go run ./cmd/sdkprops -check     # fail if it is out of date
//
// TestGeneratedFileIsUpToDate (go test ./... here, which `make test` runs) does the -check.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

const outFile = "internal/standin/sdkprops_gen.go"

func main() {
	check := flag.Bool("check", false, "compare with "+outFile+" instead of writing it")
	flag.Parse()
	cache, err := npmCacheDir()
	if err != nil {
		fail(err)
	}
	src, err := Generate(cache)
	if err != nil {
		fail(err)
	}
	out := filepath.FromSlash(outFile)
	if *check {
		cur, err := os.ReadFile(out)
		if err != nil {
			fail(err)
		}
		if string(cur) != string(src) {
			fail(fmt.Errorf("%s is out of date: run go run ./cmd/sdkprops", outFile))
		}
		return
	}
	if err := os.WriteFile(out, src, 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "sdkprops:", err)
	os.Exit(1)
}
