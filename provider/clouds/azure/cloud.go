package azure

import "github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"

// Cloud is Azure as the pure layers see it; package clouds registers it.
var Cloud = cloud.Cloud{
	Block:           "azure",
	Title:           "Azure",
	TypePrefix:      "azure-native:",
	DenyAllPriority: DenyAllPriority,
	Delta:           ruleDelta,
}
