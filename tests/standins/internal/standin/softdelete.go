package standin

import "time"

// SoftDelete is a cloud that keeps a deleted resource for a while: a Create with the id of one
// deleted less than Undeletable ago undeletes it, one deleted less than Reserved ago is refused with
// the cloud's error (Refused), and after that the id is free again. Deletions are recorded in the
// STANDIN_CLOUD_STATE file (state.go), on the e2e clock (clock.go).
type SoftDelete struct {
	Undeletable, Reserved time.Duration
	Refused               func(id string, age time.Duration, deletedAt time.Time) error
}

// create applies the soft delete to the Create of id at the given time: undeleted reports a
// deletion less than Undeletable ago; an older deletion within Reserved is Refused; one older still
// is forgotten.
func (sd *SoftDelete) create(id string, at time.Time) (undeleted bool, err error) {
	err = withCloudState(func(st *cloudState) (bool, error) {
		deletedAt, ok := st.SoftDeleted[id]
		if !ok {
			return false, nil
		}
		switch age := at.Sub(deletedAt); {
		case age < sd.Undeletable:
			undeleted = true
		case age < sd.Reserved:
			return false, sd.Refused(id, age, deletedAt)
		}
		delete(st.SoftDeleted, id) // undeleted, or free again
		return true, nil
	})
	return undeleted, err
}

// softDelete records a resource's deletion time.
func softDelete(id string, at time.Time) error {
	return withCloudState(func(st *cloudState) (bool, error) {
		if st.SoftDeleted == nil {
			st.SoftDeleted = map[string]time.Time{}
		}
		st.SoftDeleted[id] = at
		return true, nil
	})
}
