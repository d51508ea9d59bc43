// Command pulumi-resource-threatmanager is the Threat Manager provider
// plugin that the Pulumi engine runs.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/threatmanager/pulumi-threatmanager/provider"
)

func main() {
	// The engine never passes --version; people and `make build` do.
	if len(os.Args) == 2 && os.Args[1] == "--version" {
		fmt.Println(provider.Version)
		return
	}
	prov, err := provider.Provider(clock)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := prov.Run(context.Background(), provider.Name, provider.Version); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
