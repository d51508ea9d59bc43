package gcp

// GCP's limit on names, for the external tests to hold every name the plan
// makes to.
const MaxName = gcpMaxName
