// Command standin is an OFFLINE STAND-IN for the provider plugins of the clouds registered in
// internal/standin (pulumi-resource-aws, pulumi-resource-azure-native, pulumi-resource-gcp): a test
// fixture that the real Pulumi engine can launch from $PATH so previews and ups run without a
// cloud. It never contacts a real cloud.
//
// The same program is built once per package (`make standins`); which package it plays comes from
// the -X main.pkg=<package> link flag or, failing that, from the executable's name.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/threatmanager/pulumi-threatmanager/tests/standins/internal/standin"
)

// pkg is set at link time: -ldflags "-X main.pkg=aws".
var pkg string

func main() {
	c, ok := standin.Clouds[pkg]
	if !ok {
		c, ok = standin.CloudFromExecutable(filepath.Base(os.Args[0]))
	}
	if !ok {
		fmt.Fprintf(os.Stderr, "standin: cannot tell which provider to stand in for (binary %q); "+
			"build with -ldflags \"-X main.pkg=%s\" or name it pulumi-resource-<pkg>\n",
			os.Args[0], strings.Join(standin.Packages(), "|"))
		os.Exit(2)
	}
	if err := standin.Main(c); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", c.Banner(), err)
		os.Exit(1)
	}
}
