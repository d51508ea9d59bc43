package standin

import (
	"context"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestCheckRefusesWhatTheSchemaDoesNot(t *testing.T) {
	schedule := pm("scheduleExpression", "at(2030-01-01T00:00:00)",
		"flexibleTimeWindow", map[string]any{"mode": "OFF"},
		"target", map[string]any{"arn": "arn:aws:scheduler:::aws-sdk:ec2:revokeSecurityGroupIngress",
			"roleArn": "arn:aws:iam::123456789012:role/r", "input": "{}",
			"retryPolicy": map[string]any{"maximumRetryAttempts": 3}})
	job := pm("schedule", "0 0 1 1 *", "httpTarget", map[string]any{"uri": "https://compute.googleapis.com/x",
		"httpMethod": "DELETE", "oauthToken": map[string]any{"serviceAccountEmail": "a@p.iam.gserviceaccount.com"}},
		"retryConfig", map[string]any{"retryCount": 3})
	member := pm("project", "p", "role", "projects/p/roles/r", "member", "serviceAccount:a@p.iam.gserviceaccount.com",
		"condition", map[string]any{"title": "t", "expression": "true"})
	roleDef := pm("scope", "/subscriptions/s", "roleName", "n",
		"permissions", []any{map[string]any{"actions": []any{"Microsoft.Network/networkSecurityGroups/securityRules/delete"}}})

	cases := []struct {
		name, token string
		inputs      resource.PropertyMap
		want        []string // failure reasons, in order ("" for none)
	}{
		{"workflow as the component sends it", workflow, workflowInputs(), nil},
		{"misspelt workflow property", workflow, misspeltWorkflowInputs(),
			[]string{`azure-native:logic:Workflow: unknown property "` + misspelt + `"`}},
		{"workflow identity of the wrong shape", workflow, with(workflowInputs(), "identity", map[string]any{"type": "SystemAssigned", "principalId": "x"}),
			[]string{`azure-native:logic:Workflow: unknown property "identity.principalId"`}},
		{"workflow identity without its required type", workflow, with(workflowInputs(), "identity", map[string]any{}),
			[]string{`azure-native:logic:Workflow: missing required property "identity.type"`}},
		{"workflow tags must be strings", workflow, with(workflowInputs(), "tags", map[string]any{"n": 1}),
			[]string{`azure-native:logic:Workflow: property "tags.n" must be a string, not a number`}},
		{"workflow state must be a string", workflow, with(workflowInputs(), "state", true),
			[]string{`azure-native:logic:Workflow: property "state" must be a string, not a boolean`}},
		{"missing required top level", workflow, func() resource.PropertyMap {
			m := workflowInputs()
			delete(m, "resourceGroupName")
			return m
		}(), []string{`azure-native:logic:Workflow: missing required property "resourceGroupName"`}},

		{"schedule as sent", "aws:scheduler/schedule:Schedule", schedule, nil},
		{"schedule target misspelt", "aws:scheduler/schedule:Schedule", with(schedule, "target", map[string]any{
			"arn": "a", "roleArn": "r", "Input": "{}"}), []string{`aws:scheduler/schedule:Schedule: unknown property "target.Input"`}},
		{"schedule retry count must be a number", "aws:scheduler/schedule:Schedule", with(schedule, "target", map[string]any{
			"arn": "a", "roleArn": "r", "retryPolicy": map[string]any{"maximumRetryAttempts": "3"}}),
			[]string{`aws:scheduler/schedule:Schedule: property "target.retryPolicy.maximumRetryAttempts" must be a number, not a string`}},
		{"schedule window without mode", "aws:scheduler/schedule:Schedule", with(schedule, "flexibleTimeWindow", map[string]any{}),
			[]string{`aws:scheduler/schedule:Schedule: missing required property "flexibleTimeWindow.mode"`}},
		{"schedule group", "aws:scheduler/scheduleGroup:ScheduleGroup", pm("name", "g", "tags", map[string]any{"a": "b"}), nil},

		{"job as sent", "gcp:cloudscheduler/job:Job", job, nil},
		{"job oauth token misspelt", "gcp:cloudscheduler/job:Job", with(job, "httpTarget", map[string]any{"uri": "u",
			"oauthToken": map[string]any{"serviceAccount": "a"}}), []string{
			`gcp:cloudscheduler/job:Job: unknown property "httpTarget.oauthToken.serviceAccount"`,
			`gcp:cloudscheduler/job:Job: missing required property "httpTarget.oauthToken.serviceAccountEmail"`}},
		{"job retry config of the wrong type", "gcp:cloudscheduler/job:Job", with(job, "retryConfig", []any{}),
			[]string{`gcp:cloudscheduler/job:Job: property "retryConfig" must be an object, not an array`}},
		{"iam member as sent", "gcp:projects/iAMMember:IAMMember", member, nil},
		{"iam member condition without expression", "gcp:projects/iAMMember:IAMMember", with(member, "condition", map[string]any{"title": "t"}),
			[]string{`gcp:projects/iAMMember:IAMMember: missing required property "condition.expression"`}},
		{"role definition as sent", "azure-native:authorization:RoleDefinition", roleDef, nil},
		{"role definition permissions are a list of objects", "azure-native:authorization:RoleDefinition",
			with(roleDef, "permissions", []any{map[string]any{"actions": "x"}}),
			[]string{`azure-native:authorization:RoleDefinition: property "permissions[0].actions" must be an array, not a string`}},
		{"firewall ports are strings", "gcp:compute/firewall:Firewall", pm("network", "n",
			"allows", []any{map[string]any{"protocol": "tcp", "ports": []any{22}}}),
			[]string{`gcp:compute/firewall:Firewall: property "allows[0].ports[0]" must be a string, not a number`}},

		// Unknown values (computed in a preview) pass, at any depth, and secrets are checked inside.
		{"unknowns pass", "aws:scheduler/schedule:Schedule", with(schedule, "target", map[string]any{
			"arn": "a", "roleArn": unknown(), "input": unknown()}), nil},
		{"unknown object passes", "aws:scheduler/schedule:Schedule", func() resource.PropertyMap {
			m := schedule.Copy()
			m["target"] = unknown()
			return m
		}(), nil},
		{"secret checked inside", workflow, func() resource.PropertyMap {
			m := workflowInputs()
			m["location"] = resource.MakeSecret(resource.NewNumberProperty(1))
			return m
		}(), []string{`azure-native:logic:Workflow: property "location" must be a string, not a number`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			urn := resource.NewURN("dev", "proj", "", tokenType(c.token), "x")
			_, failures := check(lookupSpec(c.token), urn, nil, c.inputs)
			var got []string
			for _, f := range failures {
				got = append(got, f.Reason)
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Fatalf("failures\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// misspelt is the workflow's "definition" misspelt, a property its schema does not have.
const misspelt = "defintion" //nolint:misspell // the misspelling is the test's input

// misspeltWorkflowInputs is workflowInputs with "definition" under its misspelt name.
func misspeltWorkflowInputs() resource.PropertyMap {
	m := workflowInputs()
	m[misspelt] = m["definition"]
	delete(m, "definition")
	return m
}

// Through the gRPC method: the failure names the property and still says it is a stand-in.
func TestServerCheckFailureNamesPropertyAndStandin(t *testing.T) {
	s := New(Clouds["azure-native"], nil)
	news, _ := marshal(misspeltWorkflowInputs())
	urn := resource.NewURN("dev", "proj", "", tokenType(workflow), "x")
	resp, err := s.Check(context.Background(), &pulumirpc.CheckRequest{Urn: string(urn), News: news})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.GetFailures()) != 1 {
		t.Fatalf("failures %v", resp.GetFailures())
	}
	f := resp.GetFailures()[0]
	if f.GetProperty() != misspelt || !strings.Contains(f.GetReason(), `azure-native:logic:Workflow: unknown property "`+misspelt+`"`) ||
		!strings.Contains(f.GetReason(), "offline stand-in azure-native provider") {
		t.Fatalf("failure %v", f)
	}
}

func TestUnknownTypeTokenIsRefused(t *testing.T) {
	s := New(Clouds["azure-native"], nil)
	urn := resource.NewURN("dev", "proj", "", tokenType("azure-native:logic:Workflows"), "x")
	news, _ := marshal(pm("resourceGroupName", "rg"))
	_, err := s.Check(context.Background(), &pulumirpc.CheckRequest{Urn: string(urn), News: news})
	if err == nil || !strings.Contains(err.Error(), `unrecognized resource type "azure-native:logic:Workflows"`) ||
		!strings.Contains(err.Error(), "azure-native:logic:Workflow,") || !strings.Contains(err.Error(), "OFFLINE STAND-IN") {
		t.Fatalf("check: %v", err)
	}
	if _, err := s.Create(context.Background(), &pulumirpc.CreateRequest{Urn: string(urn), Properties: news}); err == nil {
		t.Fatal("create of an unknown type succeeded")
	}
}
