package gcp

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/cloud"
)

// ruleDelta is how the rule delta reads GCP's resources: VPC firewalls,
// and the Cloud Scheduler job that deletes the SSH firewall at its expiry.
var ruleDelta = cloud.Delta{
	Rules: map[string]func(map[string]any, cloud.IDNames) *cloud.Rule{
		firewallType: func(in map[string]any, _ cloud.IDNames) *cloud.Rule { return decodeFirewall(in) },
	},
	Expiries: map[string]func(map[string]any, cloud.IDNames) *cloud.Expiry{
		"gcp:cloudscheduler/job:Job": func(in map[string]any, _ cloud.IDNames) *cloud.Expiry { return decodeJob(in) },
	},
	Inert: map[string]func(map[string]any, map[string]any) bool{
		firewallType: disabledFirewall,
	},
}

// decodeFirewall reads a VPC firewall.
func decodeFirewall(in map[string]any) *cloud.Rule {
	r := &cloud.Rule{Description: cloud.Text(in["description"])}
	ingress := !strings.EqualFold(cloud.Text(in["direction"]), "EGRESS")
	r.Direction = "egress"
	if ingress {
		r.Direction = "ingress"
	}
	matches, _ := in["allows"].([]any)
	if denies, _ := in["denies"].([]any); len(denies) > 0 {
		matches = denies
		r.Direction += ", deny"
	}
	// One firewall may match several protocols; the ports column is
	// labelled per protocol only when they differ.
	var protos, ports, labelled []string
	samePorts := true
	for _, m := range matches {
		mm, _ := m.(map[string]any)
		p := cloud.Protocol(cloud.Text(mm["protocol"]))
		ps := "all"
		if list, _ := mm["ports"].([]any); len(list) > 0 {
			ps = cloud.JoinValues(nil, list)
		}
		protos = append(protos, p)
		ports = append(ports, ps)
		labelled = append(labelled, p+": "+ps)
		samePorts = samePorts && ps == ports[0]
	}
	r.Protocol = strings.Join(protos, ", ")
	if len(ports) > 0 {
		r.Ports = ports[0]
		if !samePorts {
			r.Ports = strings.Join(labelled, "; ")
		}
	}
	if ingress {
		r.Peer = cloud.JoinValues(nil, in["sourceRanges"])
		if tags := cloud.JoinValues(nil, in["sourceTags"]); tags != "" {
			r.Peer = strings.TrimPrefix(r.Peer+", tags "+tags, ", ")
		}
	} else {
		r.Peer = cloud.JoinValues(nil, in["destinationRanges"])
	}
	r.Other = cloud.Others(in, "description", "direction", "allows", "denies", "sourceRanges", "sourceTags", "destinationRanges")
	return r
}

// decodeJob reads a Cloud Scheduler job that calls the Compute API.
func decodeJob(in map[string]any) *cloud.Expiry {
	e := &cloud.Expiry{Inputs: in}
	e.At, _ = cronTime(cloud.Text(in["schedule"]), cloud.Text(in["timeZone"]))
	e.How = "Cloud Scheduler " + jobTarget(cloud.Nested(in, "httpTarget"))
	return e
}

// cronTime reads a cron pinned to one minute of one day, "0 18 1 12 *",
// as "18:00 UTC on 1 December". Cron has no year, so none is shown, nor is
// it guessed from elsewhere; the cron itself goes along. Anything else is
// returned as given, and false.
func cronTime(cron, zone string) (string, bool) {
	if cron == cloud.KnownAfterApply {
		return cron, false
	}
	given := fmt.Sprintf("cron %q", cron)
	if zone != "" {
		given += ", " + zone
	}
	f := strings.Fields(cron)
	if len(f) != 5 || f[4] != "*" {
		return given, false
	}
	// minute hour day month: time.Parse checks each range, and the day
	// against the month (year 0 is a leap year, so 29 February passes).
	t, err := time.Parse("4 15 2 1", strings.Join(f[:4], " "))
	if err != nil {
		return given, false
	}
	label := zone
	switch zone {
	case "", "UTC", "Etc/UTC":
		label = "UTC" // Cloud Scheduler's default
	}
	return fmt.Sprintf("%s %s on %s (%s)", t.Format("15:04"), label, t.Format("2 January"), given), true
}

// jobTarget says what a job's HTTP target does: for the SSH expiry, DELETE
// the SSH firewall; a PATCH with {"disabled":true} is read as disabling it.
func jobTarget(h map[string]any) string {
	method := cloud.Text(h["httpMethod"])
	uri := cloud.Text(h["uri"])
	firewall := ""
	if uri == cloud.KnownAfterApply {
		firewall = uri
	} else if u, err := url.Parse(uri); err == nil {
		if _, name, ok := strings.Cut(u.Path, "/global/firewalls/"); ok && name != "" && !strings.Contains(name, "/") {
			firewall = name
		}
	}
	body := cloud.Text(h["body"])
	if b, err := base64.StdEncoding.DecodeString(body); err == nil {
		body = string(b)
	}
	var patch map[string]any
	_ = json.Unmarshal([]byte(body), &patch)
	switch {
	case firewall != "" && strings.EqualFold(method, "PATCH") && patch["disabled"] == true: //nolint:revive // a JSON value: only the boolean true counts, not "true"
		return "disables firewall " + cloud.Code(firewall)
	case firewall != "" && strings.EqualFold(method, "DELETE"):
		return "deletes firewall " + cloud.Code(firewall)
	}
	how := "sends " + cloud.OrNone(method) + " to " + cloud.OrNone(cloud.Code(uri))
	if body != "" {
		how += " with " + body
	}
	return how
}
