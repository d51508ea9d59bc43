"""Prints the ThreatManager's `rules` output from `pulumi preview --json` as a table."""
import json
import sys

preview = json.load(sys.stdin)
rows = []
for step in preview.get("steps", []):
    state = step.get("newState") or {}
    if state.get("type") == "threatmanager:index:ThreatManager":
        rows = (state.get("outputs") or {}).get("rules") or []
if not rows:
    rows = (preview.get("outputs") or {}).get("rules") or []
if not rows:
    sys.exit("no rule table in the preview")
print(f"{'direction':9} {'protocol':8} {'ports':6} {'peers':55} description")
for r in rows:
    peers = ", ".join(r.get("peers", []))
    note = r.get("description", "")
    print(f"{r['direction']:9} {r['protocol']:8} {r['ports']:6} {peers:55} {note}")
