package standin

import (
	"fmt"
	"os"
	"strings"
	"time"
)

// ClockOffsetFileEnv names the file that moves the e2e tests' clock: a Go duration ("192h") added
// to the wall clock. The e2e harness writes it to move the threatmanager provider's clock
// (tests/e2e/harness_test.go advanceClock); the stand-ins inherit the engine's environment and
// read the same file, so "eight days later" is eight days later for the simulated cloud too.
const ClockOffsetFileEnv = "THREATMANAGER_E2E_CLOCK_OFFSET_FILE"

// now is the stand-ins' clock: the wall clock, moved by the offset file when there is one.
func now() (time.Time, error) {
	t := time.Now().UTC()
	path := os.Getenv(ClockOffsetFileEnv)
	if path == "" {
		return t, nil
	}
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return t, nil
	}
	if err != nil {
		return t, fmt.Errorf("%s: %w", ClockOffsetFileEnv, err)
	}
	offset, err := time.ParseDuration(strings.TrimSpace(string(b)))
	if err != nil {
		return t, fmt.Errorf("%s file %s: want a Go duration such as 192h: %w", ClockOffsetFileEnv, path, err)
	}
	return t.Add(offset), nil
}
