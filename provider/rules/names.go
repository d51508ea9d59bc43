package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// hashLen is how many hex digits of a hash shortened names carry.
const hashLen = 8

// ShortName joins a name prefix and content parts with dashes. A result
// longer than max is shortened deterministically, keeping the content
// readable: the prefix is cut (trailing dashes dropped) and followed by the
// first 8 hex digits of the SHA-256 of the full name, then the content. The
// hash keeps shortened names distinct, and the same input always gives the
// same name. Content too long to keep falls back to cutting the whole name
// and appending the hash.
func ShortName(limit int, prefix string, parts ...string) string {
	content := strings.Join(parts, "-")
	full := prefix
	if content != "" {
		full += "-" + content
	}
	if len(full) <= limit {
		return full
	}
	sum := sha256.Sum256([]byte(full))
	hash := hex.EncodeToString(sum[:])[:hashLen]
	if room := limit - len(content) - hashLen - 2; content != "" && room >= 1 && room < len(prefix) {
		return strings.TrimRight(prefix[:room], "-") + "-" + hash + "-" + content
	}
	return strings.TrimRight(full[:limit-hashLen-1], "-") + "-" + hash
}
