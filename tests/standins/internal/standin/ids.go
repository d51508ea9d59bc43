package standin

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// The helpers the cloud tables shape ids and outputs with: every value derives from the URN and the
// inputs, so the same program gets the same ids on every run, and nothing refers to a real account.

// fakeRFC3339 is the creation or modification time of everything.
const fakeRFC3339 = "2000-01-01T00:00:00Z"

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// hexOf is a deterministic hex digest of the parts, n characters long.
func hexOf(n int, parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h[:])[:n]
}

// decimalOf is a deterministic string of n decimal digits.
func decimalOf(n int, parts ...string) string {
	h := hexOf(64, parts...)
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteByte('0' + h[i%len(h)]%10)
	}
	return b.String()
}

// uuidOf is a deterministic UUID-shaped string.
func uuidOf(s string) string {
	h := hexOf(32, s)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// str is a string property's value ("" when absent or not a string).
func str(m resource.PropertyMap, k string) string {
	if v, ok := m[resource.PropertyKey(k)]; ok && v.IsString() {
		return v.StringValue()
	}
	return ""
}

// setIfAbsent sets a computed output unless the inputs already carry the property.
func setIfAbsent(m resource.PropertyMap, k string, v resource.PropertyValue) {
	if cur, ok := m[resource.PropertyKey(k)]; !ok || cur.IsNull() {
		m[resource.PropertyKey(k)] = v
	}
}
