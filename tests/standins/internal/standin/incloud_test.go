package standin

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// updateAfterDeletion is the out-of-band deletion each cloud's test holds its provider's Update to:
// the cloud deleted the resource (the expiry fired), then a new window updates its description
// without a refresh. It creates the resource in a fresh simulated cloud, updates it (which
// succeeds), lets the cloud delete it, previews the update (a preview makes no API call, so it
// succeeds) and returns the stand-in, the id, the changes file and the error of the update itself.
func updateAfterDeletion(t *testing.T, token string, inputs resource.PropertyMap) (*Server, string, string, error) {
	t.Helper()
	dir := t.TempDir()
	changes := filepath.Join(dir, "changes.json")
	t.Setenv(CloudChangesEnv, changes)
	t.Setenv(CloudStateEnv, filepath.Join(dir, "state.json"))
	s := New(lookupSpec(token).cloud, nil)
	id, _ := createOutputs(nil, urnOf(token, "ssh"), inputs)
	news := with(inputs, "description", "ssh until B")

	// Before the cloud acts, the update succeeds.
	if err := updateVia(t, s, token, "ssh", id, inputs, news, false); err != nil {
		t.Fatalf("before: %v", err)
	}
	if err := os.WriteFile(changes, []byte(`{"deleted": ["`+id+`"]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := updateVia(t, s, token, "ssh", id, inputs, news, true); err != nil {
		t.Fatalf("preview: %v", err)
	}
	return s, id, changes, updateVia(t, s, token, "ssh", id, inputs, news, false)
}

// wantFailedAndGone holds a failed update of a deleted resource to the real provider's error, said
// by the stand-in, and the resource to still be gone for a refresh.
func wantFailedAndGone(t *testing.T, s *Server, err error, token string, inputs resource.PropertyMap, want string) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "OFFLINE STAND-IN") {
		t.Fatalf("update of a deleted resource: %v, want %q", err, want)
	}
	if _, resp, err := readVia(t, s, token, "ssh", inputs); err != nil || resp.GetId() != "" {
		t.Fatalf("read after the failed update: %v %v", resp, err)
	}
}

// A resource created again with the id of one the cloud deleted (a GCP firewall of the same name)
// exists: the changes file no longer hides it.
func TestCreateWithDeletedIDRevivesIt(t *testing.T) {
	dir := t.TempDir()
	changes := filepath.Join(dir, "changes.json")
	t.Setenv(CloudChangesEnv, changes)
	t.Setenv(CloudStateEnv, "") // beside the changes file
	fw := pm("project", "p", "name", "tm-ssh", "network", "n")
	id := "projects/p/global/firewalls/tm-ssh"
	if err := os.WriteFile(changes, []byte(`{"deleted": ["`+id+`"]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	s := New(Clouds["gcp"], nil)
	if _, resp, _ := readVia(t, s, gcpFirewall, "ssh", fw); resp.GetId() != "" {
		t.Fatalf("listed as deleted but read %v", resp)
	}
	if got, err := createVia(t, s, gcpFirewall, "ssh", fw); err != nil || got != id {
		t.Fatalf("create: %q %v", got, err)
	}
	if _, resp, _ := readVia(t, s, gcpFirewall, "ssh", fw); resp.GetId() != id {
		t.Fatalf("created again but read %v", resp)
	}
	if _, err := os.Stat(changes + ".state.json"); err != nil {
		t.Fatalf("state beside the changes file: %v", err)
	}
}
