package standin

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestClockOffsetFile(t *testing.T) {
	clock := setClock(t)
	t0, err := now() // no file yet: the wall clock
	if err != nil || time.Since(t0) > time.Minute {
		t.Fatalf("%v %v", t0, err)
	}
	clock(72 * time.Hour)
	t1, err := now()
	if err != nil || t1.Sub(t0) < 72*time.Hour || t1.Sub(t0) > 73*time.Hour {
		t.Fatalf("moved clock %v (from %v): %v", t1, t0, err)
	}
	if err := os.WriteFile(os.Getenv(ClockOffsetFileEnv), []byte("three days"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := now(); err == nil || !strings.Contains(err.Error(), ClockOffsetFileEnv) {
		t.Fatalf("malformed offset: %v", err)
	}
}
