//go:build e2eclock

package main

import (
	"os"
	"strings"
	"time"
)

// clockOffsetFileEnv names a file holding a Go duration ("3h") that moves
// this build's clock ahead, re-read on every call.
const clockOffsetFileEnv = "THREATMANAGER_E2E_CLOCK_OFFSET_FILE"

// clock is the wall clock moved ahead by the offset in the file
// THREATMANAGER_E2E_CLOCK_OFFSET_FILE names, so the real-engine tests pass an
// SSH expiry without waiting for it. Only the tests build with the e2eclock
// tag (mk/e2e.mk); the plugin that ships is built without it and reads the
// wall clock alone (clock.go).
func clock() time.Time {
	now := time.Now()
	path := os.Getenv(clockOffsetFileEnv)
	if path == "" {
		return now
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return now
	}
	offset, err := time.ParseDuration(strings.TrimSpace(string(b)))
	if err != nil {
		panic("e2eclock: " + path + ": " + err.Error())
	}
	return now.Add(offset)
}
