package standin

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// supported refuses a resource type the stand-in does not model, naming the ones it does. The real
// providers refuse a token their schema lacks the same way (pulumi-terraform-bridge: "unrecognized
// resource type (Check)"); accepting it would let a misspelt or invented token pass every test.
func (s *Server) supported(token string) error {
	if _, ok := s.cloud.Resources[token]; ok {
		return nil
	}
	return s.errorf("unrecognized resource type %q: this stand-in models only %s",
		token, strings.Join(s.cloud.types(), ", "))
}

// createInCloud is what a Create does to the simulated cloud beyond recording the resource: a
// soft-deleting cloud meets the deleted predecessor (softdelete.go), and a resource created with
// the id of one that STANDIN_CLOUD_CHANGES lists as deleted exists again.
func (s *Server) createInCloud(ctx context.Context, urn resource.URN, id string) error {
	if sd := s.cloud.resource(string(urn.Type())).SoftDelete; sd != nil {
		at, err := now()
		if err != nil {
			return s.errorf("%v", err)
		}
		undeleted, err := sd.create(id, at)
		if err != nil {
			return s.errorf("%v", err)
		}
		if undeleted {
			s.debugf(ctx, "%s was soft-deleted less than %s ago: undeleted", id, sd.Undeletable)
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

// updateInCloud fails an Update of a resource the cloud deleted as the real provider does, or, for
// a provider whose update creates a missing resource, records that it exists again
// (Cloud.UpdateOfDeleted).
func (s *Server) updateInCloud(ctx context.Context, urn resource.URN, id string) error {
	changes, err := loadCloudChanges()
	if err != nil {
		return s.errorf("%v", err)
	}
	isGone, err := gone(changes, id)
	if err != nil || !isGone {
		return err
	}
	token := string(urn.Type())
	recreate, err := false, fmt.Errorf("updating %s (%s): the resource does not exist", token, id)
	if s.cloud.UpdateOfDeleted != nil {
		recreate, err = s.cloud.UpdateOfDeleted(token, id)
	}
	if err != nil {
		return s.errorf("%v (%s lists %s as deleted by the cloud)", err, CloudChangesEnv, id)
	}
	if recreate {
		s.debugf(ctx, "%s was deleted in the simulated cloud; %s's update creates it again", id, s.cloud.Package)
		return revive(changes, id)
	}
	return nil
}

// deleteInCloud records the deletion of a resource the cloud soft-deletes.
func (s *Server) deleteInCloud(ctx context.Context, urn resource.URN, id string) error {
	if s.cloud.resource(string(urn.Type())).SoftDelete == nil {
		return nil
	}
	at, err := now()
	if err != nil {
		return s.errorf("%v", err)
	}
	if err := softDelete(id, at); err != nil {
		return s.errorf("%v", err)
	}
	s.debugf(ctx, "%s soft-deleted at %s (%s)", id, at.Format(time.RFC3339), cloudStatePath())
	return nil
}
