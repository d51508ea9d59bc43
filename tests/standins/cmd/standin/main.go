// Command standin is an OFFLINE STAND-IN for the provider plugins of the clouds registered in
// internal/standin (pulumi-resource-aws, pulumi-resource-azure-native, pulumi-resource-gcp): a test
// fixture that the real Pulumi engine can launch from $PATH so previews and ups run without a
// cloud. It never contacts a real cloud.
//
// The program is built once (`make standins`) and installs itself under each registered package's
// plugin name (`standin -install DIR`); which package it plays comes from the executable's name,
// or from the -X main.pkg=<package> link flag. A new cloud therefore needs no line in the Makefile.
package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/threatmanager/pulumi-threatmanager/tests/standins/internal/standin"
)

// pkg is set at link time: -ldflags "-X main.pkg=aws".
var pkg string

func main() {
	if len(os.Args) == 3 && os.Args[1] == "-install" {
		if err := install(os.Args[2]); err != nil {
			fmt.Fprintf(os.Stderr, "standin: %v\n", err)
			os.Exit(1)
		}
		return
	}
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

// install puts this program into dir once per registered cloud, as
// pulumi-resource-<package>: a hard link where the file system allows one,
// else a copy.
func install(dir string) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	for _, p := range standin.Packages() {
		dst := filepath.Join(dir, "pulumi-resource-"+p)
		if err := os.Remove(dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if os.Link(self, dst) == nil {
			continue
		}
		if err := copyExecutable(self, dst); err != nil {
			return fmt.Errorf("installing %s: %w", dst, err)
		}
	}
	return nil
}

func copyExecutable(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		_ = out.Close() // the copy already failed
		return err
	}
	return out.Close()
}
