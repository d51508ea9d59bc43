// Package gcprender renders a rules.Plan as GCP resources: the appliance
// subnetwork, with private Google access, and one compute.Firewall per
// planned rule, all targeting the appliances by a network tag: ingress rules
// with source ranges, egress rules with destination ranges, and a deny-all
// egress rule below every allow.
//
// It translates and decides nothing: names, the tag, priorities and ranges
// all come from the plan. GCP subnetworks and firewall rules take no labels,
// so the input's tags are not applied here.
package gcprender
