// Package rules is the pure rule model: it turns a ThreatManager input and
// the current time into a Plan, the exact list of rules each cloud renders.
//
// All validation happens here, before any resource is registered, so bad
// input never leaves a half-built stack. The package imports no Pulumi or
// cloud SDK: it works on plain values (net/netip prefixes, port ranges) and
// is tested with plain table tests. Renderers translate a Plan; they never
// decide policy.
//
// Reading order: input.go (what users give), plan.go (what renderers get),
// build.go (the one function between them), then the helpers it calls.
package rules
