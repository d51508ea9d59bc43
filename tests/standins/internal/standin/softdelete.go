package standin

import (
	"fmt"
	"time"
)

// GCP soft-deletes a custom role. pulumi-gcp's projects.IAMCustomRole docs (v7.38.0,
// sdk/go/gcp/projects/iamcustomRole.go): "creating a role may involve undeleting and then updating
// a role with the same name ... A deleted role is permanently deleted after 7 days, but it can take
// up to 30 more days (i.e. between 7 and 37 days after deletion) before the role name is made
// available again". The stand-in refuses the id for the whole 37 days, the worst case.
// terraform-provider-google resource_google_project_iam_custom_role.go Create (@2f152ea2) first
// GETs the role: a deleted one is undeleted (its Update calls Roles.Undelete, then Patch); only a
// role that is not found is created, and within the reserved window GCP refuses that.
const (
	customRoleUndeletable = 7 * 24 * time.Hour
	customRoleIDReserved  = 37 * 24 * time.Hour
)

// createCustomRole applies GCP's soft delete to the Create of role name (projects/<p>/roles/<id>)
// at the given time: a role deleted less than 7 days ago is undeleted (undeleted is true), one
// deleted 7 to 37 days ago cannot be created, an older deletion is forgotten.
func createCustomRole(name, roleID string, at time.Time) (undeleted bool, err error) {
	err = withCloudState(func(st *cloudState) (bool, error) {
		deletedAt, ok := st.DeletedRoles[name]
		if !ok {
			return false, nil
		}
		switch age := at.Sub(deletedAt); {
		case age < customRoleUndeletable:
			undeleted = true
		case age < customRoleIDReserved:
			// The error GCP returns, as terraform-provider-google reports it (seen in
			// terraform-google-modules/terraform-google-bastion-host#14, DataBiosphere/azul#4390).
			return false, fmt.Errorf("Error creating the custom project role %s: googleapi: Error 400: "+
				"You can't create a role_id (%s) which has been marked for deletion., failedPrecondition "+
				"(deleted %s ago, at %s: GCP keeps a deleted custom role's id for up to 37 days)",
				name, roleID, age.Round(time.Hour), deletedAt.Format(time.RFC3339))
		}
		delete(st.DeletedRoles, name) // undeleted, or free again
		return true, nil
	})
	return undeleted, err
}

// softDeleteCustomRole records a custom role's deletion time.
func softDeleteCustomRole(name string, at time.Time) error {
	return withCloudState(func(st *cloudState) (bool, error) {
		if st.DeletedRoles == nil {
			st.DeletedRoles = map[string]time.Time{}
		}
		st.DeletedRoles[name] = at
		return true, nil
	})
}
