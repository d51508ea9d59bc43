package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestStampSchema(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.json"), filepath.Join(dir, "out.json")
	if err := os.WriteFile(in, []byte("{\n  \"name\": \"threatmanager\",\n  \"pluginDownloadURL\": \"x\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := stampSchema(in, out, "1.2.3"); err != nil {
		t.Fatal(err)
	}
	var spec map[string]string
	raw, _ := os.ReadFile(out)
	if err := json.Unmarshal(raw, &spec); err != nil || spec["version"] != "1.2.3" || spec["pluginDownloadURL"] != "x" {
		t.Fatalf("stamped schema %s (%v)", raw, err)
	}
	if err := stampSchema(out, filepath.Join(dir, "again.json"), "1.2.4"); err == nil {
		t.Error("a schema that carries a version was stamped again")
	}
}
