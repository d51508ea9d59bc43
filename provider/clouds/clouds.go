// Package clouds is where a cloud joins the pure layers: the rule model's
// callers, the rule delta and the policy data all read All. The provider's
// own list, which adds each cloud's renderer, is held to this one by a test.
package clouds

import (
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp"
)

// All is every cloud, in the order outputs, tables and messages list them.
var All = []cloud.Cloud{aws.Cloud, azure.Cloud, gcp.Cloud}
