// Command sdkprops writes internal/standin/sdkprops_gen.go: for each resource type the stand-ins
// know, its input properties, required inputs and output-only properties, read from the generated
// Go SDK sources of the pinned provider versions in the Go module cache. It only reads the SDK
// files (go/parser); it never builds or imports the SDKs.
//
//	cd tests/standins && go run ./cmd/sdkprops            # rewrite the file
//	cd tests/standins && go run ./cmd/sdkprops -check     # fail if it is out of date
//
// The modules must be in the module cache (go mod download <module>@<version>).
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
	modcache, err := moduleCache()
	if err != nil {
		fail(err)
	}
	src, err := Generate(modcache)
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
