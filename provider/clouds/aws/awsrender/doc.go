// Package awsrender renders a rules.Plan as AWS resources: private appliance
// subnets with a default route to a NAT gateway, the appliance security
// group with one vpc.SecurityGroupIngressRule or EgressRule per planned rule,
// a managed prefix list holding the agent CIDRs, and an agent-side security
// group for monitored instances.
//
// Rules are separate resources, never inline: AWS's current guidance, and a
// preview then shows each rule's change on its own line.
package awsrender
