// Package azure is everything the pure layers know about Azure: its block of the
// input and how it is laid out and checked (Input, Plan, quotas, tags), how
// the rule delta reads its resources in a preview, and its descriptor,
// which package clouds registers. It imports no cloud SDK; the renderer,
// azurerender, is beside it.
package azure
