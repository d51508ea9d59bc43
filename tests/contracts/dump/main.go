// Command dump writes the component's payloads for all three clouds (see
// package payload) as JSON, for the Python contract tests.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/threatmanager/pulumi-threatmanager/tests/contracts/payload"
)

func main() {
	out := flag.String("out", "", "the JSON file to write")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "dump: -out is required")
		os.Exit(2)
	}
	p, err := payload.Build()
	if err != nil {
		fmt.Fprintln(os.Stderr, "dump:", err)
		os.Exit(1)
	}
	b, err := json.MarshalIndent(p, "", "  ")
	if err == nil {
		err = os.WriteFile(*out, append(b, '\n'), 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "dump:", err)
		os.Exit(1)
	}
}
