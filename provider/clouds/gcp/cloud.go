package gcp

import "github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"

// Cloud is GCP as the pure layers see it; package clouds registers it.
var Cloud = cloud.Cloud{
	Block:           "gcp",
	Title:           "GCP",
	TypePrefix:      "gcp:",
	DenyAllPriority: DenyAllPriority,
	Delta:           ruleDelta,
}
