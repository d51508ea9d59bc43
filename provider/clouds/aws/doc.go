// Package aws is everything the pure layers know about AWS: its block of the
// input and how it is laid out and checked (Input, Plan, quotas, tags), how
// the rule delta reads its resources in a preview, and its descriptor,
// which package clouds registers. It imports no cloud SDK; the renderer,
// awsrender, is beside it.
package aws
