// Command schemagen writes the package schema, as the provider serves it, to
// the file named by its argument (make schema writes schema.json).
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/threatmanager/pulumi-threatmanager/provider"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: schemagen FILE")
		os.Exit(2)
	}
	schema, err := provider.Schema(context.Background())
	if err == nil {
		err = os.WriteFile(os.Args[1], schema, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
