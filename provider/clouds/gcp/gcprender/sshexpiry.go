package gcprender

import (
	"fmt"
	"strings"
	"time"

	"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/cloudscheduler"
	"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/compute"
	"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/projects"
	"github.com/pulumi/pulumi-gcp/sdk/v7/go/gcp/serviceaccount"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/render"
	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// DeleteFirewallPermissions are what firewalls.delete needs, and all the
// expiry's service account holds: "compute.firewalls.delete" on the rule
// and "compute.networks.updatePolicy" on its network, which Compute Engine
// checks for every change to a network's firewall rules
// (https://cloud.google.com/compute/docs/reference/rest/v1/firewalls/delete,
// "IAM Permissions"; https://cloud.google.com/compute/docs/access/iam-permissions).
// Deleting an allow rule can only take access away: no permission here
// creates or widens a rule (that needs compute.firewalls.create or
// .update), and the condition holds both to the one rule and its network.
var DeleteFirewallPermissions = []string{"compute.firewalls.delete", "compute.networks.updatePolicy"}

// SSHExpiryOutputs are the ids of what closes SSH on GCP.
type SSHExpiryOutputs struct {
	JobID               pulumi.StringOutput
	ServiceAccountEmail pulumi.StringOutput
}

// newSSHExpiry has a Cloud Scheduler job delete exactly the SSH firewall
// rule when the window closes, calling the Compute API as a dedicated
// service account. Firewall rules have no IAM policy of their own, so the
// custom role is granted on the project with a condition that limits it to
// the one rule and its network.
//
// project and network come from the subnetwork, not the SSH rule: a new
// window replaces the rule (deleting it first), and nothing that reads
// the rule's outputs may be replaced with it.
func newSSHExpiry(ctx *pulumi.Context, plan rules.Plan, in Inputs, subnetwork *compute.Subnetwork, opts []pulumi.ResourceOption) (*SSHExpiryOutputs, error) {
	e := layout(plan).SSHExpiry
	name := render.ChildName(plan.Name, "ssh-expiry")
	closes := plan.SSH.ClosesAt.UTC()

	account, err := serviceaccount.NewAccount(ctx, name, &serviceaccount.AccountArgs{
		AccountId:   pulumi.String(e.AccountID),
		Project:     in.Project,
		DisplayName: pulumi.String("Threat Manager SSH expiry"),
		Description: pulumi.String("Deletes the troubleshooting SSH firewall rule " + e.Firewall.Name + " when its window closes."),
	}, opts...)
	if err != nil {
		return nil, err
	}
	// The subnetwork's project is the provider's when the block names none.
	project := subnetwork.Project
	role, err := projects.NewIAMCustomRole(ctx, name, &projects.IAMCustomRoleArgs{
		Project:     project,
		RoleId:      pulumi.String(e.RoleID),
		Title:       pulumi.String("Threat Manager SSH expiry " + closes.Format(time.RFC3339)),
		Description: pulumi.String("Deletes one troubleshooting SSH firewall rule, " + e.Firewall.Name + ", at " + closes.Format(time.RFC3339) + "."),
		Permissions: pulumi.ToStringArray(DeleteFirewallPermissions),
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
			Expression:  subnetwork.Network.ApplyT(func(network string) string { return ExpandCondition(e.Firewall.Name, network) }).(pulumi.StringOutput),
		},
	}, opts...)
	if err != nil {
		return nil, err
	}

	job, err := cloudscheduler.NewJob(ctx, name, &cloudscheduler.JobArgs{
		Name:            pulumi.String(e.JobName),
		Project:         in.Project,
		Region:          pulumi.String(layout(plan).Region),
		Description:     pulumi.String("Threat Manager: delete the troubleshooting SSH firewall rule " + e.Firewall.Name + " at " + closes.Format(time.RFC3339)),
		Schedule:        pulumi.String(ExpandCron(closes)),
		TimeZone:        pulumi.String("Etc/UTC"),
		AttemptDeadline: pulumi.String("60s"),
		RetryConfig:     cloudscheduler.JobRetryConfigArgs{RetryCount: pulumi.Int(5)},
		HttpTarget: cloudscheduler.JobHttpTargetArgs{
			HttpMethod: pulumi.String("DELETE"),
			Uri:        pulumi.Sprintf("https://compute.googleapis.com/compute/v1/projects/%s/global/firewalls/%s", project, e.Firewall.Name),
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

// ExpandCron pins a cron line to t's minute, read in Etc/UTC. Cloud
// Scheduler has no one-shot schedule and cron has no year, so the job would
// fire again a year later: a second delete finds nothing (404) and changes
// nothing, and the first deployment after expiry deletes the job anyway.
func ExpandCron(t time.Time) string {
	t = t.UTC()
	return fmt.Sprintf("%d %d %d %d *", t.Minute(), t.Hour(), t.Day(), int(t.Month()))
}

// ExpandCondition limits the grant to the one firewall rule and to its
// network, by name. Compute Engine resource names read
// "projects/<project>/global/firewalls/<name>" and ".../global/networks/<name>"
// (https://cloud.google.com/iam/docs/conditions-resource-attributes); the
// binding is on this project already, so the suffix is enough. network may
// be a name, a self link or an id: its last segment is the name.
func ExpandCondition(firewall, network string) string {
	network = network[strings.LastIndex(network, "/")+1:]
	return fmt.Sprintf(`(resource.type == "compute.googleapis.com/Firewall" && resource.name.endsWith("/global/firewalls/%s")) || (resource.type == "compute.googleapis.com/Network" && resource.name.endsWith("/global/networks/%s"))`, firewall, network)
}
