// Package azurerender renders a rules.Plan as azure-native resources: a network
// security group with one network.SecurityRule per planned rule, and the
// appliance subnet (a network.Subnet resource, not inline in the virtual
// network) associated with it.
//
// It translates and decides nothing: names, priorities, the deny-all
// outbound rule and the address prefixes all come from the plan.
package azurerender
