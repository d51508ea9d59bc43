// The schema stamped with the release version (dist schema).

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
)

var nameLine = regexp.MustCompile(`(?m)^  "name": "threatmanager",\n`)

func stampSchema(in, out, version string) error {
	if version == "" || out == "" {
		return errors.New("schema: -out and -version")
	}
	raw, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var spec map[string]any
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	if _, ok := spec["version"]; ok {
		return fmt.Errorf("%s already carries a version", in)
	}
	loc := nameLine.FindIndex(raw)
	if loc == nil {
		return fmt.Errorf(`%s: no top-level "name": "threatmanager" line`, in)
	}
	stamped := append(append(append([]byte{}, raw[:loc[1]]...), fmt.Sprintf("  \"version\": %q,\n", version)...), raw[loc[1]:]...)
	if err := json.Unmarshal(stamped, &spec); err != nil || spec["version"] != version {
		return fmt.Errorf("schema: stamping the version failed: %w", err)
	}
	return os.WriteFile(out, stamped, 0o644)
}
