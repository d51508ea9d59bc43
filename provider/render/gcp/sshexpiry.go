package gcp

import (
	"encoding/base64"
	"fmt"
	"time"

	"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/cloudscheduler"
	"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/compute"
	"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/projects"
	"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/serviceaccount"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/render"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// DisableFirewallPermissions are what firewalls.patch needs, and all the
// expiry's service account holds: "compute.firewalls.update" on the rule and
// "compute.networks.updatePolicy" on its network, per the Compute Engine API
// reference (https://cloud.google.com/compute/docs/reference/rest/v1/firewalls/patch,
// "Authorization requires the following IAM permission") and the Compute
// Engine IAM permissions list (https://cloud.google.com/compute/docs/access/iam-permissions).
var DisableFirewallPermissions = []string{"compute.firewalls.update", "compute.networks.updatePolicy"}

// disabledBody is the PATCH that makes the rule inert. Disabling rather than
// deleting makes a second firing (cron repeats a year later) a no-op, and
// leaves the rule for the next deployment to delete.
const disabledBody = `{"disabled":true}`

// SSHExpiryOutputs are the ids of what closes SSH on GCP.
type SSHExpiryOutputs struct {
	JobID               pulumi.StringOutput
	ServiceAccountEmail pulumi.StringOutput
}

// newSSHExpiry has a Cloud Scheduler job disable exactly the SSH firewall
// rule when the window closes, calling the Compute API as a dedicated
// service account. Firewall rules have no IAM policy of their own, so the
// custom role is granted on the project with a condition that limits it to
// the one rule (and its network, for updatePolicy).
func newSSHExpiry(ctx *pulumi.Context, plan rules.Plan, in Inputs, firewall *compute.Firewall, opts []pulumi.ResourceOption) (*SSHExpiryOutputs, error) {
	e := plan.GCP.SSHExpiry
	name := render.ChildName(plan.Name, "ssh-expiry")
	closes := plan.SSH.ClosesAt.UTC().Format(time.RFC3339)

	account, err := serviceaccount.NewAccount(ctx, name, &serviceaccount.AccountArgs{
		AccountId:   pulumi.String(e.AccountID),
		Project:     in.Project,
		DisplayName: pulumi.String("Threat Manager SSH expiry"),
		Description: pulumi.String("Disables the troubleshooting SSH firewall rule " + e.Firewall.Name + " when its window closes."),
	}, opts...)
	if err != nil {
		return nil, err
	}
	// The firewall's project is the provider's when the block names none.
	project := firewall.Project
	role, err := projects.NewIAMCustomRole(ctx, name, &projects.IAMCustomRoleArgs{
		Project:     project,
		RoleId:      pulumi.String(e.RoleID),
		Title:       pulumi.String("Threat Manager SSH expiry"),
		Description: pulumi.String("Disables one troubleshooting SSH firewall rule."),
		Permissions: pulumi.ToStringArray(DisableFirewallPermissions),
	}, opts...)
	if err != nil {
		return nil, err
	}
	member, err := projects.NewIAMMember(ctx, name, &projects.IAMMemberArgs{
		Project: project,
		Role:    role.Name,
		Member:  pulumi.Sprintf("serviceAccount:%s", account.Email),
		Condition: projects.IAMMemberConditionArgs{
			Title:       pulumi.String("only " + e.Firewall.Name),
			Description: pulumi.String("The SSH firewall rule and the network it belongs to."),
			Expression:  pulumi.String(ExpandCondition(e.Firewall.Name)),
		},
	}, opts...)
	if err != nil {
		return nil, err
	}

	job, err := cloudscheduler.NewJob(ctx, name, &cloudscheduler.JobArgs{
		Name:            pulumi.String(e.JobName),
		Project:         in.Project,
		Region:          pulumi.String(plan.GCP.Region),
		Description:     pulumi.String("Threat Manager: disable the troubleshooting SSH firewall rule " + e.Firewall.Name + " at " + closes),
		Schedule:        pulumi.String(e.Schedule),
		TimeZone:        pulumi.String("Etc/UTC"),
		AttemptDeadline: pulumi.String("60s"),
		RetryConfig:     cloudscheduler.JobRetryConfigArgs{RetryCount: pulumi.Int(5)},
		HttpTarget: cloudscheduler.JobHttpTargetArgs{
			HttpMethod: pulumi.String("PATCH"),
			Uri:        pulumi.Sprintf("https://compute.googleapis.com/compute/v1/projects/%s/global/firewalls/%s", project, e.Firewall.Name),
			Body:       pulumi.String(base64.StdEncoding.EncodeToString([]byte(disabledBody))),
			Headers:    pulumi.StringMap{"Content-Type": pulumi.String("application/json")},
			OauthToken: cloudscheduler.JobHttpTargetOauthTokenArgs{
				ServiceAccountEmail: account.Email,
				Scope:               pulumi.String("https://www.googleapis.com/auth/compute"),
			},
		},
		// The account must hold its role before the job can fire.
	}, append(opts, pulumi.DependsOn([]pulumi.Resource{member}))...)
	if err != nil {
		return nil, err
	}
	return &SSHExpiryOutputs{JobID: job.ID().ToStringOutput(), ServiceAccountEmail: account.Email}, nil
}

// ExpandCondition limits the grant to the one firewall rule, and to
// networks, which firewalls.patch also checks (updatePolicy). Compute
// Engine resource names read "projects/<project>/global/firewalls/<name>"
// (https://cloud.google.com/iam/docs/conditions-resource-attributes); the
// binding is on this project already, so the suffix is enough.
func ExpandCondition(firewall string) string {
	return fmt.Sprintf(`resource.name.endsWith("/global/firewalls/%s") || resource.type == "compute.googleapis.com/Network"`, firewall)
}
