// Command policygen writes the requirements as the policy pack reads them
// to the file named by its argument (make policy writes
// policy/requirements.json).
package main

import (
	"fmt"
	"os"

	"github.com/threatmanager/pulumi-threatmanager/provider/policydata"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: policygen FILE")
		os.Exit(2)
	}
	b, err := policydata.JSON()
	if err == nil {
		err = os.WriteFile(os.Args[1], b, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
