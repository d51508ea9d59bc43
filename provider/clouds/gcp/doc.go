// Package gcp is everything the pure layers know about GCP: its block of the
// input and how it is laid out and checked (Input, Plan, quotas, tags), how
// the rule delta reads its resources in a preview, and its descriptor,
// which package clouds registers. It imports no cloud SDK; the renderer,
// gcprender, is beside it.
package gcp
