package provider

import (
	"bytes"
	"context"
	"os"
	"testing"
)

// The committed schema.json is what SDKs and the Registry are built from;
// it must be exactly what the code serves. `make schema` rewrites it.
func TestCommittedSchemaMatchesTheCode(t *testing.T) {
	want, err := Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("schema.json is out of date with the Go types: run `make schema` and commit the result")
	}
}
