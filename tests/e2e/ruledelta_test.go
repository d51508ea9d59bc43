package e2e

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// delta runs the rule delta command on a preview (once; the result is kept).
func delta(t *testing.T, p *Preview) string {
	t.Helper()
	if p.delta == "" {
		cmd := exec.Command(ruledelta)
		cmd.Stdin = bytes.NewReader(p.raw)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("ruledelta: %v", err)
		}
		p.delta = string(out)
	}
	return p.delta
}

func deltaText(p *Preview) string { return p.delta }

// DeltaRow is one line of the rule delta's tables.
type DeltaRow struct {
	Cloud, Change, Direction, Protocol, Ports, Peer, Description, Resource string
}

func parseDelta(md string) []DeltaRow {
	var rows []DeltaRow
	cloud := ""
	for line := range strings.SplitSeq(md, "\n") {
		if after, ok := strings.CutPrefix(line, "### "); ok {
			cloud, _, _ = strings.Cut(after, " ")
			continue
		}
		if !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| change ") || strings.HasPrefix(line, "| ---") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if len(cells) != 7 {
			continue
		}
		change, _, _ := strings.Cut(cells[0], " (")
		rows = append(rows, DeltaRow{cloud, change, cells[1], cells[2], cells[3], cells[4], cells[5], strings.Trim(cells[6], "`")})
	}
	return rows
}
