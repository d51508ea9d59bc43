package main

import (
	"bufio"
	"debug/buildinfo"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

// report prints the results as Markdown for docs/performance.md.
func report(out io.Writer, w *workspace, runs int, results []result, took time.Duration) {
	fmt.Fprintf(out, "\n### Component overhead: ThreatManager vs. the same resources declared by hand\n\n")
	fmt.Fprintf(out, "Measured %s on %s (nproc %d), %s, Pulumi CLI %s, pulumi-language-yaml %s, provider %s.\n",
		time.Now().UTC().Format("2006-01-02"), cpuModel(), runtime.NumCPU(), runtime.Version(),
		version(w.pulumi, "version"), yamlHostVersion(w), version(filepath.Join(w.providerDir, "pulumi-resource-threatmanager"), "--version"))
	fmt.Fprintf(out, "The cloud plugins are the OFFLINE STAND-INs (tests/standins): no cloud latency, so the times are the CLI's,\n")
	fmt.Fprintf(out, "the YAML host's and the plugins' own work, which is where a component's overhead is.\n\n")
	fmt.Fprintf(out, "Command: `%s`: %d run(s) of each program per scenario, alternating (A B B A …), each run on a fresh\n",
		command(), runs)
	fmt.Fprintf(out, "stack; wall clock around the CLI process. The benchmark took %s in all.\n\n", took.Round(time.Second))

	fmt.Fprintln(out, "| scenario | stack | operation | component (s) | by hand (s) | ratio | ratio min–max | extra per component (s) |")
	fmt.Fprintln(out, "| --- | --- | --- | ---: | ---: | ---: | --- | ---: |")
	for _, r := range results {
		n := len(r.scenario.components)
		scenarioCol, stackCol := r.scenario.name, fmt.Sprintf("%d component, %d resources", n, r.resources)
		if n > 1 {
			stackCol = fmt.Sprintf("%d components, %d resources", n, r.resources)
		}
		for op, name := range operations {
			s := summarise(r.pairs, op)
			fmt.Fprintf(out, "| %s | %s | %s | %.2f | %.2f | %.2f | %.2f–%.2f | %+.2f |\n",
				scenarioCol, stackCol, name, s.component, s.byHand, s.ratio, s.ratioLo, s.ratioHi,
				hundredths((s.component-s.byHand)/float64(n)))
			scenarioCol, stackCol = "", ""
		}
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "Ratio: component ÷ by hand for each back-to-back pair of runs; the column is the median of those per-pair")
	fmt.Fprintln(out, "ratios (not the ratio of the medians), min–max their range. Extra per component: (median component − median")
	fmt.Fprintln(out, "by hand) ÷ the number of components. The by-hand program is generated from the component stack's export")
	fmt.Fprintln(out, "(same types, names, inputs and dependency edges, checked before timing); it has no stack outputs, nor has")
	fmt.Fprintln(out, "the component program.")
}

// hundredths rounds x so that a tiny negative prints as +0.00, not -0.00.
func hundredths(x float64) float64 {
	if r := math.Round(x*100) / 100; r != 0 {
		return r
	}
	return 0
}

// command is how the benchmark was started, as a user would type it.
func command() string {
	return strings.TrimSpace("go run ./tests/bench/overhead " + strings.Join(os.Args[1:], " "))
}

func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

// yamlHostVersion is read from the binary's build information: the host
// has no --version flag.
func yamlHostVersion(w *workspace) string {
	info, err := buildinfo.ReadFile(filepath.Join(w.root, ".tools", "bin", "pulumi-language-yaml"))
	if err != nil {
		return "unknown"
	}
	// Built as the main module, or as a dependency of a tools module.
	for _, m := range append([]*debug.Module{&info.Main}, info.Deps...) {
		if m.Path == "github.com/pulumi/pulumi-yaml" {
			return m.Version
		}
	}
	return "unknown"
}
