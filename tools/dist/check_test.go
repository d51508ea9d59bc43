package main

import (
	"testing"
)

func TestPEP440(t *testing.T) {
	for v, want := range map[string]string{"0.1.0": "0.1.0", "0.1.0-dev": "0.1.0+dev"} {
		if got := pep440(v); got != want {
			t.Errorf("pep440(%q) = %q, want %q", v, got, want)
		}
	}
}
