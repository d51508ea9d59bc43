package standin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// CloudStateEnv names the stand-ins' own record of the simulated cloud, a JSON file kept across
// engine runs (one per stack: tests give each stack its own). It holds what the cloud remembers
// that the Pulumi state does not: soft-deleted resources and when they were deleted (SoftDelete),
// and resources that exist again after STANDIN_CLOUD_CHANGES listed them as deleted. The stand-ins
// read and write it under a lock (path + ".lock"). When the variable is unset the record sits
// beside the STANDIN_CLOUD_CHANGES file (<that file>.state.json); with neither, nothing is
// remembered between runs (a fresh project every time).
const CloudStateEnv = "STANDIN_CLOUD_STATE"

// cloudState is the STANDIN_CLOUD_STATE file.
type cloudState struct {
	// SoftDeleted maps the id of a soft-deleted resource to its deletion time.
	SoftDeleted map[string]time.Time `json:"softDeleted,omitempty"`
	// Revived maps the id of a resource that exists again, although the STANDIN_CLOUD_CHANGES file
	// lists it as deleted, to that file's version (changesVersion) when it came back: created anew
	// with the same id, or PUT again by azure-native's Update. A rewritten changes file (the cloud
	// acted again) makes the record stale, and the listed deletion holds again.
	Revived map[string]string `json:"revived,omitempty"`
}

// cloudStatePath is where the record lives ("" for none).
func cloudStatePath() string {
	if p := os.Getenv(CloudStateEnv); p != "" {
		return p
	}
	if p := os.Getenv(CloudChangesEnv); p != "" {
		return p + ".state.json"
	}
	return ""
}

// withCloudState runs fn on the record under its lock and writes it back when fn changed it
// (reported by fn's bool). With no record path, fn sees an empty record that is not kept.
func withCloudState(fn func(*cloudState) (changed bool, err error)) error {
	path := cloudStatePath()
	if path == "" {
		_, err := fn(&cloudState{})
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("%s: %w", CloudStateEnv, err)
	}
	unlock, err := lockFile(path)
	if err != nil {
		return fmt.Errorf("%s: lock %s: %w", CloudStateEnv, path, err)
	}
	defer unlock()
	var st cloudState
	b, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return fmt.Errorf("%s: %w", CloudStateEnv, err)
	default:
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&st); err != nil {
			return fmt.Errorf("%s file %s: %w", CloudStateEnv, path, err)
		}
	}
	changed, err := fn(&st)
	if err != nil || !changed {
		return err
	}
	out, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(out, '\n'), 0o644); err != nil {
		return fmt.Errorf("%s: %w", CloudStateEnv, err)
	}
	return os.Rename(tmp, path)
}

// changesVersion identifies the current STANDIN_CLOUD_CHANGES file: its size and modification
// time, which change whenever a test rewrites it ("" when there is none).
func changesVersion() string {
	p := os.Getenv(CloudChangesEnv)
	if p == "" {
		return ""
	}
	fi, err := os.Stat(p)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%d@%d", fi.Size(), fi.ModTime().UnixNano())
}

// gone reports whether the simulated cloud lacks the resource: the changes file lists it as
// deleted and it has not come back since that file was written.
func gone(changes cloudChanges, id string) (bool, error) {
	if !changes.isDeleted(id) {
		return false, nil
	}
	revived := false
	err := withCloudState(func(st *cloudState) (bool, error) {
		v, ok := st.Revived[id]
		revived = ok && v == changesVersion()
		return false, nil
	})
	return !revived, err
}

// revive records that a resource the changes file lists as deleted exists again.
func revive(changes cloudChanges, id string) error {
	if !changes.isDeleted(id) {
		return nil
	}
	v := changesVersion()
	return withCloudState(func(st *cloudState) (bool, error) {
		if st.Revived == nil {
			st.Revived = map[string]string{}
		}
		st.Revived[id] = v
		return true, nil
	})
}
