// Command standin is an OFFLINE STAND-IN for the pulumi-resource-aws, pulumi-resource-azure-native
// and pulumi-resource-gcp plugins: a test fixture that the real Pulumi engine can launch from $PATH
// so previews and ups run without a cloud. It never contacts a real cloud.
//
// The same program is built once per package (`make standins`); which package it plays comes from
// the -X main.pkg=<package> link flag or, failing that, from the executable's name.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/threatmanager/pulumi-threatmanager/tests/standins/internal/standin"
)

// pkg is set at link time: -ldflags "-X main.pkg=aws".
var pkg string

func main() {
	f, ok := standin.Flavors[pkg]
	if !ok {
		f, ok = standin.FlavorFromExecutable(filepath.Base(os.Args[0]))
	}
	if !ok {
		fmt.Fprintf(os.Stderr, "standin: cannot tell which provider to stand in for (binary %q); "+
			"build with -ldflags \"-X main.pkg=aws|azure-native|gcp\" or name it pulumi-resource-<pkg>\n", os.Args[0])
		os.Exit(2)
	}
	if err := standin.Main(f); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", f.Banner(), err)
		os.Exit(1)
	}
}
