package aws

import "github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"

// Cloud is AWS as the pure layers see it; package clouds registers it.
var Cloud = cloud.Cloud{
	Block:      "aws",
	Title:      "AWS",
	TypePrefix: "aws:",
	Delta:      ruleDelta,
}
