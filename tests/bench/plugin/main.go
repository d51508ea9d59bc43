// Command plugin measures the provider plugin's fixed cost, the part of every
// `pulumi preview` and `pulumi up` that does not depend on the program: the
// binary's size and whether it carries debug tables, its cold start (exec to the first answered gRPC call, as the
// engine sees it), the time to answer GetSchema, and its peak resident memory
// at those points.
//
//	go run ./tests/bench/plugin -binary bin/pulumi-resource-threatmanager -runs 21
//
// The engine a plugin dials on start is played by a small in-process gRPC
// server, so the plugin starts exactly as under `pulumi`.
package main

import (
	"bufio"
	"context"
	"debug/elf"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/emptypb"
)

func main() {
	binary := flag.String("binary", "bin/pulumi-resource-threatmanager", "the provider plugin to measure")
	runs := flag.Int("runs", 21, "cold starts to measure (the median is reported)")
	flag.Parse()
	if err := run(*binary, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "plugin:", err)
		os.Exit(1)
	}
}

// sample is one cold start.
type sample struct {
	firstCall, schema time.Duration
	// rssFirst and rssSchema are the peak resident set (VmHWM) after the
	// first call and after GetSchema, in KiB.
	rssFirst, rssSchema int
}

func run(binary string, runs int) error {
	info, err := os.Stat(binary)
	if err != nil {
		return err
	}
	engine, addr, err := startEngine()
	if err != nil {
		return err
	}
	defer engine.Stop()

	// One start outside the measure warms the page cache, as on any machine
	// that has run the plugin before.
	if _, err := coldStart(binary, addr); err != nil {
		return err
	}
	var samples []sample
	for range runs {
		s, err := coldStart(binary, addr)
		if err != nil {
			return err
		}
		samples = append(samples, s)
	}

	debug, err := debugTables(binary)
	if err != nil {
		return err
	}
	fmt.Printf("binary         %s, %.1f MB\n", binary, float64(info.Size())/1e6)
	fmt.Printf("debug tables   %s\n", debug)
	fmt.Printf("runs           %d\n", runs)
	report("cold start     ", samples, func(s sample) float64 { return ms(s.firstCall) }, "ms (exec to GetPluginInfo answered)")
	report("GetSchema      ", samples, func(s sample) float64 { return ms(s.schema) }, "ms")
	report("peak RSS first ", samples, func(s sample) float64 { return float64(s.rssFirst) / 1024 }, "MiB (VmHWM after the first call)")
	report("peak RSS schema", samples, func(s sample) float64 { return float64(s.rssSchema) / 1024 }, "MiB (VmHWM after GetSchema)")
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func report(label string, samples []sample, value func(sample) float64, unit string) {
	var vs []float64
	for _, s := range samples {
		vs = append(vs, value(s))
	}
	slices.Sort(vs)
	fmt.Printf("%s median %.1f  min %.1f  max %.1f %s\n", label, vs[len(vs)/2], vs[0], vs[len(vs)-1], unit)
}

// coldStart runs the plugin as the engine does, with the engine's address as
// its one argument, and times it from exec to the answer of its first call.
func coldStart(binary, engineAddr string) (sample, error) {
	var s sample
	cmd := exec.Command(binary, engineAddr)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return s, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return s, err
	}
	defer func() {
		// The engine ends a plugin with SIGINT.
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}()

	// The plugin prints its port as the first line.
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		return s, fmt.Errorf("reading the plugin's port: %w", err)
	}
	port, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		return s, fmt.Errorf("the plugin's first line %q is not a port", line)
	}
	conn, err := grpc.NewClient(fmt.Sprintf("127.0.0.1:%d", port), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return s, err
	}
	defer conn.Close()
	client := pulumirpc.NewResourceProviderClient(conn)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	if _, err := client.GetPluginInfo(ctx, &emptypb.Empty{}); err != nil {
		return s, fmt.Errorf("GetPluginInfo: %w", err)
	}
	s.firstCall = time.Since(start)
	if s.rssFirst, err = peakRSS(cmd.Process.Pid); err != nil {
		return s, err
	}

	before := time.Now()
	if _, err := client.GetSchema(ctx, &pulumirpc.GetSchemaRequest{}); err != nil {
		return s, fmt.Errorf("GetSchema: %w", err)
	}
	s.schema = time.Since(before)
	s.rssSchema, err = peakRSS(cmd.Process.Pid)
	return s, err
}

// debugTables names the symbol table and DWARF sections the binary holds,
// which a release build (-ldflags "-s -w") leaves out.
func debugTables(binary string) (string, error) {
	f, err := elf.Open(binary)
	if err != nil {
		return "", fmt.Errorf("%s: %w (this benchmark reads Linux ELF binaries)", binary, err)
	}
	defer f.Close()
	var found []string
	for _, s := range f.Sections {
		if s.Name == ".symtab" || strings.HasPrefix(s.Name, ".debug_") || strings.HasPrefix(s.Name, ".zdebug_") {
			found = append(found, s.Name)
		}
	}
	if len(found) == 0 {
		return "none (no .symtab, no DWARF)", nil
	}
	return strings.Join(found, " "), nil
}

// peakRSS reads the process's resident high-water mark (VmHWM) in KiB.
func peakRSS(pid int) (int, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", pid)
}

// engine answers the calls a plugin makes to the engine on start: logging.
type engine struct {
	pulumirpc.UnimplementedEngineServer
}

func (engine) Log(context.Context, *pulumirpc.LogRequest) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

func startEngine() (*grpc.Server, string, error) {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	srv := grpc.NewServer()
	pulumirpc.RegisterEngineServer(srv, engine{})
	go func() { _ = srv.Serve(lis) }()
	return srv, lis.Addr().String(), nil
}
