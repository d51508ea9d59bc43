package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	// A schedule's time zone is an IANA name; the delta must not depend on
	// the tz database of the machine that renders it.
	_ "time/tzdata"
)

func awsRule(direction string, in map[string]any, names map[string]string) *Rule {
	r := &Rule{Direction: direction, Description: str(in["description"])}
	r.Protocol = protocol(str(in["ipProtocol"]))
	if r.Protocol == "all" || (in["fromPort"] == nil && in["toPort"] == nil) {
		r.Ports = "all"
	} else {
		r.Ports = portRange(str(in["fromPort"]), str(in["toPort"]))
	}
	switch {
	case in["cidrIpv4"] != nil:
		r.Peer = str(in["cidrIpv4"])
	case in["cidrIpv6"] != nil:
		r.Peer = str(in["cidrIpv6"])
	case in["prefixListId"] != nil:
		r.Peer = "prefix list " + named(str(in["prefixListId"]), names)
	case in["referencedSecurityGroupId"] != nil:
		r.Peer = "security group " + named(str(in["referencedSecurityGroupId"]), names)
	}
	r.Other = others(in, "description", "ipProtocol", "fromPort", "toPort",
		"cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId")
	return r
}

func portRange(from, to string) string {
	if from == to || to == "" {
		return from
	}
	return from + "-" + to
}

// idNames maps the ids of the security groups and prefix lists in the
// preview to their names, so a peer reads as a name, not an id.
func idNames(steps []step) map[string]string {
	names := map[string]string{}
	for _, s := range steps {
		for _, st := range []*state{s.OldState, s.NewState} {
			if st == nil {
				continue
			}
			switch st.Type {
			case "aws:ec2/securityGroup:SecurityGroup", "aws:ec2/managedPrefixList:ManagedPrefixList":
			default:
				continue
			}
			id := st.ID
			if id == "" {
				id = str(st.Outputs["id"])
			}
			if id == "" || id == unknown {
				continue
			}
			name := str(st.Outputs["name"])
			if name == "" {
				name = str(st.Inputs["name"])
			}
			if name == "" {
				name = resourceName(s.URN)
			}
			names[id] = name
		}
	}
	return names
}

func named(id string, names map[string]string) string {
	if n, ok := names[id]; ok && n != id {
		return n + " (" + id + ")"
	}
	return str(id)
}

// listChange is the entries a prefix list gains and loses. An update that
// leaves the entries alone (tags, say) is not worth a line.
func listChange(change Change, old, new *state) (ListChange, bool) {
	entries := func(st *state) []string {
		if st == nil {
			return nil
		}
		list, _ := st.Inputs["entries"].([]any)
		var out []string
		for _, e := range list {
			m, _ := e.(map[string]any)
			out = append(out, str(m["cidr"]))
		}
		return out
	}
	before, after := entries(old), entries(new)
	switch change {
	case Removed:
		after = nil
	case Added:
		before = nil
	}
	lc := ListChange{Change: change, Added: minus(after, before), Removed: minus(before, after)}
	if change == Changed && len(lc.Added) == 0 && len(lc.Removed) == 0 {
		return lc, false
	}
	return lc, true
}

// minus is a without the elements of b, in a's order.
func minus(a, b []string) []string {
	return slices.DeleteFunc(slices.Clone(a), func(x string) bool { return slices.Contains(b, x) })
}

// awsExpiry reads an EventBridge Scheduler schedule that calls the EC2 API.
func awsExpiry(in map[string]any, names map[string]string) *Expiry {
	e := &Expiry{inputs: in}
	e.At, _ = awsScheduleTime(str(in["scheduleExpression"]), str(in["scheduleExpressionTimezone"]))
	// A flexible window lets the scheduler fire up to that late.
	if w := nested(in, "flexibleTimeWindow"); w != nil && !strings.EqualFold(str(w["mode"]), "OFF") {
		e.At += fmt.Sprintf(" (flexible window: %s minutes)", orNone(str(w["maximumWindowInMinutes"])))
	}
	e.How = "EventBridge Scheduler " + awsTarget(nested(in, "target"), names)
	return e
}

// awsScheduleTime reads a one-time schedule, at(yyyy-mm-ddThh:mm:ss) in
// the given zone (UTC when empty), as an RFC 3339 time in UTC. Anything
// else (a rate or cron expression, a bad date) is returned as given, and
// false.
func awsScheduleTime(expr, zone string) (string, bool) {
	given := expr
	if zone != "" && zone != "UTC" {
		given += " (" + zone + ")"
	}
	inner, ok := strings.CutPrefix(expr, "at(")
	if !ok {
		return given, false
	}
	inner, ok = strings.CutSuffix(inner, ")")
	if !ok {
		return given, false
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return given, false
	}
	t, err := time.ParseInLocation("2006-01-02T15:04:05", inner, loc)
	if err != nil {
		return given, false
	}
	return t.UTC().Format(time.RFC3339), true
}

// awsTarget says what a schedule's universal target does: for the SSH
// expiry, revoke the SSH rules by id, read from the API call's input.
func awsTarget(target map[string]any, names map[string]string) string {
	arn := str(target["arn"])
	api, ok := strings.CutPrefix(arn, "arn:aws:scheduler:::aws-sdk:")
	if !ok || api != "ec2:revokeSecurityGroupIngress" {
		return "calls " + orNone(code(arn))
	}
	input := str(target["input"])
	if input == knownAfterApply {
		// The rule ids are known once the rules exist.
		return "revokes ingress rules (ids known after apply)"
	}
	var req struct {
		GroupId              string
		SecurityGroupRuleIds []string
	}
	if err := json.Unmarshal([]byte(input), &req); err != nil || req.GroupId == "" {
		return "calls " + api + " with " + orNone(input)
	}
	ids := make([]string, len(req.SecurityGroupRuleIds))
	for i, id := range req.SecurityGroupRuleIds {
		ids[i] = code(id)
	}
	rules := "ingress rule" + plural(len(ids), "s", "")
	if len(ids) == 0 {
		rules = "no ingress rules"
	}
	return strings.TrimSpace(fmt.Sprintf("revokes %s %s", rules, strings.Join(ids, ", "))) +
		" of security group " + code(named(req.GroupId, names))
}
