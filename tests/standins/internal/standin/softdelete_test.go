package standin

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// setClock points the stand-ins at a clock offset file, as the e2e harness does, and returns a
// function that moves the clock to the given offset.
func setClock(t *testing.T) func(time.Duration) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "clock")
	t.Setenv(ClockOffsetFileEnv, p)
	return func(d time.Duration) {
		if err := os.WriteFile(p, []byte(d.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func createVia(t *testing.T, s *Server, token, name string, inputs resource.PropertyMap) (string, error) {
	t.Helper()
	urn := resource.NewURN("dev", "proj", "", tokenType(token), name)
	props, _ := marshal(inputs)
	resp, err := s.Create(context.Background(), &pulumirpc.CreateRequest{Urn: string(urn), Properties: props})
	return resp.GetId(), err
}

func deleteVia(t *testing.T, s *Server, token, name, id string) {
	t.Helper()
	urn := resource.NewURN("dev", "proj", "", tokenType(token), name)
	if _, err := s.Delete(context.Background(), &pulumirpc.DeleteRequest{Urn: string(urn), Id: id}); err != nil {
		t.Fatal(err)
	}
}

// GCP's soft delete of custom roles, on the e2e clock: open SSH (create the role), close it
// (delete), reopen some days later.
func TestCustomRoleSoftDelete(t *testing.T) {
	role := pm("project", "p", "roleId", "threatmanagerSshExpiry", "title", "t", "permissions", []any{"compute.firewalls.delete"})
	for _, c := range []struct {
		name  string
		after time.Duration
		want  string // "" for success, else a part of the error
	}{
		{"undeleted within 7 days", 24 * time.Hour, ""},
		{"just under 7 days", 7*24*time.Hour - time.Minute, ""},
		{"id reserved from 7 days", 8 * 24 * time.Hour, "You can't create a role_id (threatmanagerSshExpiry) which has been marked for deletion., failedPrecondition"},
		{"id reserved until 37 days", 37*24*time.Hour - time.Minute, "marked for deletion"},
		{"created fresh after 37 days", 40 * 24 * time.Hour, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(CloudStateEnv, filepath.Join(t.TempDir(), "state.json"))
			clock := setClock(t)
			s := New(Clouds["gcp"], nil)
			id, err := createVia(t, s, customRoleType, "ssh-role", role)
			if err != nil || id != "projects/p/roles/threatmanagerSshExpiry" {
				t.Fatalf("first create: %q %v", id, err)
			}
			deleteVia(t, s, customRoleType, "ssh-role", id)
			clock(c.after)
			_, err = createVia(t, s, customRoleType, "ssh-role", role)
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("create after %s: %v", c.after, err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "OFFLINE STAND-IN")):
				t.Fatalf("create after %s: %v, want an error with %q", c.after, err, c.want)
			}
			if c.want != "" {
				return
			}
			// Undeleted or created anew, the role exists: deleting and creating it again at once
			// undeletes it.
			deleteVia(t, s, customRoleType, "ssh-role", id)
			if _, err := createVia(t, s, customRoleType, "ssh-role", role); err != nil {
				t.Fatalf("create right after a second delete: %v", err)
			}
		})
	}
}

// A preview does not reach the cloud: the reserved id shows only in the update, as with the real
// provider, whose preview makes no API call.
func TestCustomRoleReservedIDPassesPreview(t *testing.T) {
	t.Setenv(CloudStateEnv, filepath.Join(t.TempDir(), "state.json"))
	clock := setClock(t)
	s := New(Clouds["gcp"], nil)
	role := pm("project", "p", "roleId", "r", "title", "t", "permissions", []any{"x"})
	id, err := createVia(t, s, customRoleType, "role", role)
	if err != nil {
		t.Fatal(err)
	}
	deleteVia(t, s, customRoleType, "role", id)
	clock(10 * 24 * time.Hour)
	urn := resource.NewURN("dev", "proj", "", tokenType(customRoleType), "role")
	props, _ := marshal(role)
	if _, err := s.Create(context.Background(), &pulumirpc.CreateRequest{Urn: string(urn), Properties: props, Preview: true}); err != nil {
		t.Fatalf("preview: %v", err)
	}
}

// Without a state file nothing is remembered between runs: a fresh project every time.
func TestCustomRoleWithoutStateFile(t *testing.T) {
	t.Setenv(CloudStateEnv, "")
	t.Setenv(CloudChangesEnv, "")
	s := New(Clouds["gcp"], nil)
	role := pm("project", "p", "roleId", "r", "title", "t", "permissions", []any{"x"})
	id, err := createVia(t, s, customRoleType, "role", role)
	if err != nil {
		t.Fatal(err)
	}
	deleteVia(t, s, customRoleType, "role", id)
	if _, err := createVia(t, s, customRoleType, "role", role); err != nil {
		t.Fatal(err)
	}
}

func TestClockOffsetFile(t *testing.T) {
	clock := setClock(t)
	t0, err := now() // no file yet: the wall clock
	if err != nil || time.Since(t0) > time.Minute {
		t.Fatalf("%v %v", t0, err)
	}
	clock(72 * time.Hour)
	t1, err := now()
	if err != nil || t1.Sub(t0) < 72*time.Hour || t1.Sub(t0) > 73*time.Hour {
		t.Fatalf("moved clock %v (from %v): %v", t1, t0, err)
	}
	if err := os.WriteFile(os.Getenv(ClockOffsetFileEnv), []byte("three days"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := now(); err == nil || !strings.Contains(err.Error(), ClockOffsetFileEnv) {
		t.Fatalf("malformed offset: %v", err)
	}
}
