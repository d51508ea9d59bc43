//go:build tools

// Package tools pins pulumi-language-yaml for `make tools` (see mk/tools.mk).
package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
