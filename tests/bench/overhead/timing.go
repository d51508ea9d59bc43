package main

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"time"
)

// The operations measured on each fresh stack, in this order.
var operations = []string{
	"preview, empty stack", // all creates
	"up from empty",        // --skip-preview: the update alone
	"preview, no changes",  // what a pull request's reviewer runs
}

// Flags that keep the CLI's own output small; both programs get the same.
var quiet = []string{"--suppress-outputs", "--suppress-progress", "--diff=false"}

// stack is one stack of a program in the workspace's backend.
type stack struct {
	w    *workspace
	dir  string
	name string
}

func (s stack) pulumi(args ...string) ([]byte, time.Duration, error) {
	return s.w.run(s.dir, args...)
}

func (s stack) init() error {
	_, _, err := s.pulumi("stack", "init", s.name)
	return err
}

func (s stack) remove() error {
	// --force: the stand-ins' resources need no destroy, only the state goes.
	_, _, err := s.pulumi("stack", "rm", s.name, "--yes", "--force")
	return err
}

func (s stack) up() (time.Duration, error) {
	_, took, err := s.pulumi(append([]string{"up", "--stack", s.name, "--yes", "--skip-preview"}, quiet...)...)
	return took, err
}

func (s stack) preview(extra ...string) (time.Duration, error) {
	_, took, err := s.pulumi(append(append([]string{"preview", "--stack", s.name}, quiet...), extra...)...)
	return took, err
}

func (s stack) export() ([]stateResource, error) {
	out, _, err := s.pulumi("stack", "export", "--stack", s.name, "--show-secrets")
	if err != nil {
		return nil, err
	}
	return parseExport(out)
}

// measure runs the operations on a fresh stack and removes it; only the
// operations are timed.
func measure(w *workspace, dir, name string) ([]time.Duration, error) {
	s := stack{w: w, dir: dir, name: name}
	if err := s.init(); err != nil {
		return nil, err
	}
	var times []time.Duration
	steps := []func() (time.Duration, error){
		func() (time.Duration, error) { return s.preview() },
		s.up,
		func() (time.Duration, error) { return s.preview("--expect-no-changes") },
	}
	for _, step := range steps {
		took, err := step()
		if err != nil {
			return nil, err
		}
		times = append(times, took)
	}
	return times, s.remove()
}

// pair is one measurement of each program, taken back to back.
type pair struct{ component, byHand []time.Duration }

// timeScenario alternates the programs, A B B A A B …, so neither always
// runs first (on a warmer or a busier machine).
func timeScenario(w *workspace, componentDir, byHandDir string, runs int) ([]pair, error) {
	var pairs []pair
	for i := range runs {
		var p pair
		order := []string{"component", "by hand"}
		if i%2 == 1 {
			order = []string{"by hand", "component"}
		}
		for _, which := range order {
			dir, slot := componentDir, &p.component
			if which == "by hand" {
				dir, slot = byHandDir, &p.byHand
			}
			times, err := measure(w, dir, fmt.Sprintf("run%d", i+1))
			if err != nil {
				return nil, err
			}
			*slot = times
			fmt.Fprintf(os.Stderr, "  run %d/%d %-9s %s\n", i+1, runs, which, fmtTimes(times))
		}
		pairs = append(pairs, p)
	}
	return pairs, nil
}

func fmtTimes(ts []time.Duration) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = fmt.Sprintf("%s %.2fs", operations[i], t.Seconds())
	}
	return strings.Join(parts, "  ")
}

// stats summarises one operation over the pairs.
type stats struct {
	component, byHand       float64 // median seconds
	ratio, ratioLo, ratioHi float64 // median, min, max of the per-pair ratios
}

func summarise(pairs []pair, op int) stats {
	var c, h, r []float64
	for _, p := range pairs {
		cs, hs := p.component[op].Seconds(), p.byHand[op].Seconds()
		c, h, r = append(c, cs), append(h, hs), append(r, cs/hs)
	}
	sort.Float64s(r)
	return stats{component: median(c), byHand: median(h), ratio: median(r), ratioLo: r[0], ratioHi: r[len(r)-1]}
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
