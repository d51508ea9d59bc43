//go:build tools

// Package tools pins actionlint for `make lint-workflows` (see mk/ci.mk).
package tools

import _ "github.com/rhysd/actionlint/cmd/actionlint"
