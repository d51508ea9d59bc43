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

// updateVia updates a created resource through the gRPC method with new inputs.
func updateVia(t *testing.T, s *Server, token, name, id string, olds, news resource.PropertyMap, preview bool) error {
	t.Helper()
	urn := resource.NewURN("dev", "proj", "", tokenType(token), name)
	_, state := createOutputs(nil, urn, olds)
	st, _ := marshal(state)
	oi, _ := marshal(olds)
	ni, _ := marshal(news)
	_, err := s.Update(context.Background(), &pulumirpc.UpdateRequest{Urn: string(urn), Id: id, Olds: st, OldInputs: oi, News: ni, Preview: preview})
	return err
}

// The cloud deleted the SSH rule (the expiry fired), then a new window updates its description
// without a refresh: what each real provider does.
func TestUpdateOfResourceDeletedOutOfBand(t *testing.T) {
	sshRule := pm("securityGroupId", "sg-1", "ipProtocol", "tcp", "fromPort", 22, "toPort", 22, "cidrIpv4", "10.0.0.0/8", "description", "ssh until A")
	fw := pm("project", "p", "name", "tm-ssh", "network", "n", "direction", "INGRESS", "description", "ssh until A")
	nsg := pm("resourceGroupName", "rg", "networkSecurityGroupName", "nsg", "securityRuleName", "ssh", "access", "Allow",
		"direction", "Inbound", "priority", 200, "protocol", "Tcp", "description", "ssh until A")
	for _, c := range []struct {
		flavor, token string
		inputs        resource.PropertyMap
		want          string // "" when the update succeeds
	}{
		{"aws", ingressRule, sshRule, "updating VPC Security Group Rule (sgr-"},
		{"gcp", gcpFirewall, fw, `Error updating Firewall "projects/p/global/firewalls/tm-ssh": googleapi: Error 404`},
		{"azure-native", nsgRule, nsg, ""},
	} {
		t.Run(c.flavor, func(t *testing.T) {
			dir := t.TempDir()
			changes := filepath.Join(dir, "changes.json")
			t.Setenv(CloudChangesEnv, changes)
			t.Setenv(CloudStateEnv, filepath.Join(dir, "state.json"))
			s := New(Clouds[c.flavor], nil)
			urn := resource.NewURN("dev", "proj", "", tokenType(c.token), "ssh")
			id, _ := createOutputs(nil, urn, c.inputs)
			news := c.inputs.Copy()
			news["description"] = resource.NewStringProperty("ssh until B")

			// Before the cloud acts, the update succeeds.
			if err := updateVia(t, s, c.token, "ssh", id, c.inputs, news, false); err != nil {
				t.Fatalf("before: %v", err)
			}
			if err := os.WriteFile(changes, []byte(`{"deleted": ["`+id+`"]}`), 0o644); err != nil {
				t.Fatal(err)
			}
			// A preview makes no API call.
			if err := updateVia(t, s, c.token, "ssh", id, c.inputs, news, true); err != nil {
				t.Fatalf("preview: %v", err)
			}
			err := updateVia(t, s, c.token, "ssh", id, c.inputs, news, false)
			if c.want != "" {
				if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "OFFLINE STAND-IN") {
					t.Fatalf("update of a deleted resource: %v, want %q", err, c.want)
				}
				if c.flavor == "aws" && !strings.Contains(err.Error(), "api error InvalidSecurityGroupRuleId.NotFound: The security group rule ID '"+id+"' does not exist") {
					t.Fatalf("aws error %v", err)
				}
				// Still gone for a refresh.
				if _, resp, err := readVia(t, s, c.token, "ssh", c.inputs); err != nil || resp.GetId() != "" {
					t.Fatalf("read after the failed update: %v %v", resp, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("azure-native PUT of a deleted rule: %v", err)
			}
			// The PUT created it again: a refresh now finds it, though the test's file still lists it.
			if _, resp, err := readVia(t, s, c.token, "ssh", c.inputs); err != nil || resp.GetId() != id {
				t.Fatalf("read after the PUT: %v %v", resp, err)
			}
			// The cloud acts again (the file is rewritten): deleted again.
			time.Sleep(10 * time.Millisecond)
			if err := os.WriteFile(changes, []byte(`{"deleted": ["`+id+`"], "changed": {}}`), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, resp, err := readVia(t, s, c.token, "ssh", c.inputs); err != nil || resp.GetId() != "" {
				t.Fatalf("read after the cloud deleted it again: %v %v", resp, err)
			}
		})
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
