package standin

import (
	"context"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// supported refuses a resource type the stand-in does not model, naming the ones it does. The real
// providers refuse a token their schema lacks the same way (pulumi-terraform-bridge: "unrecognized
// resource type (Check)"); accepting it would let a misspelt or invented token pass every test.
func (s *Server) supported(token string) error {
	if _, ok := specs[token]; ok {
		return nil
	}
	return s.errorf("unrecognized resource type %q: this stand-in models only %s",
		token, strings.Join(supportedTypes(s.flavor.Package), ", "))
}

const customRoleType = "gcp:projects/iAMCustomRole:IAMCustomRole"

// createInCloud is what a Create does to the simulated cloud beyond recording the resource: a GCP
// custom role meets its soft-deleted predecessor (softdelete.go), and a resource created with the
// id of one that STANDIN_CLOUD_CHANGES lists as deleted exists again.
func (s *Server) createInCloud(ctx context.Context, urn resource.URN, id string) error {
	if urn.Type() == customRoleType {
		at, err := now()
		if err != nil {
			return s.errorf("%v", err)
		}
		undeleted, err := createCustomRole(id, id[strings.LastIndex(id, "/")+1:], at)
		if err != nil {
			return s.errorf("%v", err)
		}
		if undeleted {
			s.debugf(ctx, "custom role %s was soft-deleted less than 7 days ago: undeleted", id)
		}
	}
	changes, err := loadCloudChanges()
	if err != nil {
		return s.errorf("%v", err)
	}
	if err := revive(changes, id); err != nil {
		return s.errorf("%v", err)
	}
	return nil
}

// updateInCloud fails an Update of a resource the cloud deleted as the real provider does, or for
// azure-native records that its PUT created the resource again.
func (s *Server) updateInCloud(ctx context.Context, urn resource.URN, id string) error {
	changes, err := loadCloudChanges()
	if err != nil {
		return s.errorf("%v", err)
	}
	isGone, err := gone(changes, id)
	if err != nil || !isGone {
		return err
	}
	recreate, err := updateOfDeleted(string(urn.Type()), id)
	if err != nil {
		return s.errorf("%v (%s lists %s as deleted by the cloud)", err, CloudChangesEnv, id)
	}
	if recreate {
		s.debugf(ctx, "%s was deleted in the simulated cloud; azure-native's PUT creates it again", id)
		return revive(changes, id)
	}
	return nil
}
