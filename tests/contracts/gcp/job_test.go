package gcp

import (
	"encoding/base64"
	"encoding/json"
	"regexp"
	"slices"
	"testing"

	"github.com/threatmanager/pulumi-threatmanager/tests/contracts/payload"
)

const (
	jobToken      = "gcp:cloudscheduler/job:Job"
	firewallToken = "gcp:compute/firewall:Firewall"
)

// pulumiOnly are pulumi-gcp Job inputs that are not Job fields: the
// provider builds the job's resource name from them (projects/<project>/
// locations/<region>/jobs/<name>) or maps paused to the pause/resume calls.
var pulumiOnly = []string{"project", "region", "paused"}

func load(t *testing.T) (compute, scheduler *Document, jobs []payload.Resource, p payload.Payloads) {
	t.Helper()
	var err error
	if compute, err = LoadDocument("compute/v1/compute-api.json"); err != nil {
		t.Fatal(err)
	}
	if scheduler, err = LoadDocument("cloudscheduler/v1/cloudscheduler-api.json"); err != nil {
		t.Fatal(err)
	}
	if p, err = payload.Build(); err != nil {
		t.Fatal(err)
	}
	jobs = p.OfType(jobToken)
	if len(jobs) == 0 {
		t.Fatal("the component registered no Cloud Scheduler job with SSH open and enforceInCloud")
	}
	t.Logf("compute v1 revision %s, cloudscheduler v1 revision %s (%s)", compute.Revision, scheduler.Revision, GoogleAPIModule)
	return compute, scheduler, jobs, p
}

func httpTarget(job payload.Resource) map[string]any {
	target, _ := job.Inputs["httpTarget"].(map[string]any)
	return target
}

// TestJobTargetIsAComputeMethod: the job's HTTP method and URI are one
// method of compute v1, with path parameters its patterns accept; its body
// sets only fields of that method's request (none when it takes none); its
// OAuth scope is one the method accepts.
func TestJobTargetIsAComputeMethod(t *testing.T) {
	compute, _, jobs, _ := load(t)
	for _, job := range jobs {
		target := httpTarget(job)
		verb, _ := target["httpMethod"].(string)
		uri, _ := target["uri"].(string)
		methods, bound := compute.FindMethod(verb, uri)
		if len(methods) != 1 {
			t.Errorf("job %s: %s %s matches %d compute v1 methods under %s, want one", job.Name, verb, uri, len(methods), compute.BaseURL)
			continue
		}
		m := methods[0]
		t.Logf("job %s: %s %s is %s", job.Name, verb, uri, m.ID)
		for name, value := range bound[0] {
			if p := m.Parameters[name].Pattern; p != "" && !regexp.MustCompile("^(?:"+p+")$").MatchString(value) {
				t.Errorf("job %s: %s %q does not match %s's pattern %s", job.Name, name, value, m.ID, p)
			}
		}
		checkBody(t, compute, job, m, target)
		oauth, _ := target["oauthToken"].(map[string]any)
		if scope, _ := oauth["scope"].(string); !slices.Contains(m.Scopes, scope) {
			t.Errorf("job %s: oauthToken.scope %q is none of %s's scopes %v", job.Name, scope, m.ID, m.Scopes)
		}
	}
}

func checkBody(t *testing.T, compute *Document, job payload.Resource, m Method, target map[string]any) {
	t.Helper()
	encoded, _ := target["body"].(string)
	if encoded == "" {
		return
	}
	if m.Request == nil {
		t.Errorf("job %s: sends a body, and %s takes none", job.Name, m.ID)
		return
	}
	raw, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		t.Errorf("job %s: httpTarget.body is not base64, as pulumi-gcp wants it: %v", job.Name, err)
		return
	}
	var body any
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Errorf("job %s: httpTarget.body is not JSON: %v", job.Name, err)
		return
	}
	for _, bad := range compute.Unknown("body", body, m.Request) {
		t.Errorf("job %s: %s (%s request %s)", job.Name, bad, m.ID, m.Request.Ref)
	}
}

// TestJobTargetsTheSSHFirewall: the URI names the stack's SSH firewall rule
// in the stack's project, and nothing else.
func TestJobTargetsTheSSHFirewall(t *testing.T) {
	compute, _, jobs, p := load(t)
	ssh := map[string]bool{}
	for _, fw := range p.OfType(firewallToken) {
		if allowsTCP22(fw) {
			ssh[fw.ID] = true
		}
	}
	if len(ssh) == 0 {
		t.Fatal("the stack has no firewall rule allowing TCP 22 with SSH open")
	}
	for _, job := range jobs {
		uri, _ := httpTarget(job)["uri"].(string)
		_, bound := compute.FindMethod(httpTarget(job)["httpMethod"].(string), uri)
		if len(bound) != 1 {
			continue // TestJobTargetIsAComputeMethod reports it
		}
		id := "projects/" + bound[0]["project"] + "/global/firewalls/" + bound[0]["firewall"]
		if !ssh[id] {
			t.Errorf("job %s: targets %s, not an SSH firewall rule of the stack %v", job.Name, id, ssh)
		}
	}
}

func allowsTCP22(fw payload.Resource) bool {
	allows, _ := fw.Inputs["allows"].([]any)
	for _, a := range allows {
		rule, _ := a.(map[string]any)
		ports, _ := rule["ports"].([]any)
		if rule["protocol"] == "tcp" && slices.Contains(ports, any("22")) {
			return true
		}
	}
	return false
}

// TestJobFieldsAreCloudSchedulerJobFields: every pulumi-gcp input of the
// job, pulumi-only ones aside, is a field of cloudscheduler v1's Job, with
// the schema's JSON type, recursively.
func TestJobFieldsAreCloudSchedulerJobFields(t *testing.T) {
	_, scheduler, jobs, _ := load(t)
	job := scheduler.Schemas["Job"]
	if job == nil {
		t.Fatal("cloudscheduler v1 has no Job schema")
	}
	for _, j := range jobs {
		fields := map[string]any{}
		for k, v := range j.Inputs {
			if !slices.Contains(pulumiOnly, k) {
				fields[k] = v
			}
		}
		for _, bad := range scheduler.Unknown("job", fields, job) {
			t.Errorf("job %s: %s", j.Name, bad)
		}
	}
}

// TestUnknownFieldsAreCaught is the control: a misspelt field and a body
// field the method's request lacks are reported.
func TestUnknownFieldsAreCaught(t *testing.T) {
	compute, scheduler, _, _ := load(t)
	if bad := scheduler.Unknown("job", map[string]any{"httpTarget": map[string]any{"httpMethode": "DELETE"}}, scheduler.Schemas["Job"]); len(bad) != 1 {
		t.Errorf("a misspelt httpTarget field gave %v, want one finding", bad)
	}
	patch, _ := compute.FindMethod("PATCH", compute.BaseURL+"projects/p/global/firewalls/f")
	if len(patch) != 1 {
		t.Fatalf("PATCH of a firewall matches %d methods, want one", len(patch))
	}
	if bad := compute.Unknown("body", map[string]any{"disabled": true, "disable": true}, patch[0].Request); len(bad) != 1 {
		t.Errorf("a body field Firewall lacks gave %v, want one finding", bad)
	}
}
