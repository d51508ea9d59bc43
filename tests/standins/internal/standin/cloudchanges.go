package standin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// CloudChangesEnv names a JSON file describing what "the cloud" did on its own since the resources
// were recorded (an expiry scheduler that removed or disabled firewall rules, say). The stand-ins
// read it on every Read and Delete, so a test can change it between engine runs. A missing file
// (or an unset variable) means no changes.
//
//	{"deleted": ["<resource id>", ...], "changed": {"<resource id>": {"disabled": true}}}
const CloudChangesEnv = "STANDIN_CLOUD_CHANGES"

// cloudChanges is the parsed STANDIN_CLOUD_CHANGES file.
type cloudChanges struct {
	// Deleted lists ids of resources the cloud no longer has: Read reports them not found, Delete
	// succeeds (as the real providers do for an already deleted resource).
	Deleted []string `json:"deleted"`
	// Changed maps ids to properties whose values the cloud now reports (drift): Read merges them
	// into the recorded outputs, and into the inputs where the property is an input.
	Changed map[string]map[string]any `json:"changed"`
}

func (c cloudChanges) isDeleted(id string) bool { return slices.Contains(c.Deleted, id) }

// loadCloudChanges reads the file named by STANDIN_CLOUD_CHANGES (no file, no changes).
func loadCloudChanges() (cloudChanges, error) {
	return readCloudChanges(os.Getenv(CloudChangesEnv))
}

func readCloudChanges(path string) (cloudChanges, error) {
	var c cloudChanges
	if path == "" {
		return c, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("%s: %w", CloudChangesEnv, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return c, fmt.Errorf("%s file %s: want {\"deleted\": [ids], \"changed\": {id: {property: value}}}: %w",
			CloudChangesEnv, path, err)
	}
	return c, nil
}

// applyDrift merges the cloud's changed properties into a resource's recorded outputs, and into
// its inputs where the property is an input (recorded as one, or an input of the type in the
// pinned SDK). It returns the new outputs and inputs and the changed keys, sorted.
func applyDrift(token string, changed map[string]any, outputs, inputs resource.PropertyMap,
) (resource.PropertyMap, resource.PropertyMap, []string) {
	inputTypes := sdkProperties[token].Inputs
	outs, ins := outputs.Copy(), inputs
	if ins != nil {
		ins = inputs.Copy()
	}
	var keys []string
	for k, v := range changed {
		pv := resource.NewPropertyValue(v)
		key := resource.PropertyKey(k)
		outs[key] = pv
		if _, recorded := inputs[key]; ins != nil && (recorded || inputTypes[k] != "") {
			ins[key] = pv
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return outs, ins, keys
}
