package aws

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"
)

// decodeSchedule reads an EventBridge Scheduler schedule that calls the
// EC2 API.
func decodeSchedule(in map[string]any, names cloud.IDNames) *cloud.Expiry {
	e := &cloud.Expiry{Inputs: in}
	e.At, _ = scheduleTime(cloud.Text(in["scheduleExpression"]), cloud.Text(in["scheduleExpressionTimezone"]))
	// A flexible window lets the scheduler fire up to that late.
	if w := cloud.Nested(in, "flexibleTimeWindow"); w != nil && !strings.EqualFold(cloud.Text(w["mode"]), "OFF") {
		e.At += fmt.Sprintf(" (flexible window: %s minutes)", cloud.OrNone(cloud.Text(w["maximumWindowInMinutes"])))
	}
	e.How = "EventBridge Scheduler " + scheduleTarget(cloud.Nested(in, "target"), names)
	return e
}

// scheduleTime reads a one-time schedule, at(yyyy-mm-ddThh:mm:ss) in the
// given zone (UTC when empty), as an RFC 3339 time in UTC. Anything else
// (a rate or cron expression, a bad date) is returned as given, and false.
// The zone is looked up in the tz database, which the rule delta's binary
// embeds (time/tzdata) so that it reads the same on any machine.
func scheduleTime(expr, zone string) (string, bool) {
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

// scheduleTarget says what a schedule's universal target does: for the
// SSH expiry, revoke the SSH rules by id, read from the API call's input.
func scheduleTarget(target map[string]any, names cloud.IDNames) string {
	arn := cloud.Text(target["arn"])
	api, ok := strings.CutPrefix(arn, "arn:aws:scheduler:::aws-sdk:")
	if !ok || api != "ec2:revokeSecurityGroupIngress" {
		return "calls " + cloud.OrNone(cloud.Code(arn))
	}
	input := cloud.Text(target["input"])
	if input == cloud.KnownAfterApply {
		// The rule ids are known once the rules exist.
		return "revokes ingress rules (ids known after apply)"
	}
	var req struct {
		GroupId              string
		SecurityGroupRuleIds []string
	}
	if err := json.Unmarshal([]byte(input), &req); err != nil || req.GroupId == "" {
		return "calls " + api + " with " + cloud.OrNone(input)
	}
	ids := make([]string, len(req.SecurityGroupRuleIds))
	for i, id := range req.SecurityGroupRuleIds {
		ids[i] = cloud.Code(id)
	}
	rules := "ingress rule" + cloud.Plural(len(ids), "s", "")
	if len(ids) == 0 {
		rules = "no ingress rules"
	}
	return strings.TrimSpace(fmt.Sprintf("revokes %s %s", rules, strings.Join(ids, ", "))) +
		" of security group " + cloud.Code(names.Named(req.GroupId))
}
