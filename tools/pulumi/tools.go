//go:build tools

// Package tools pins the Pulumi CLI for `make tools` (see mk/tools.mk).
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
