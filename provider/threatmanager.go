package provider

import (
	"fmt"
	"maps"
	"strings"
	"time"

	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumix"

	"github.com/threatmanager/pulumi-threatmanager/provider/rules"
)

// Token is the component's type token; tests and mocks register with it
// because a mocked provider's GetTypeToken is empty.
const Token = "threatmanager:index:ThreatManager"

// ThreatManager is the appliance network stack: subnets, security groups,
// network security groups and firewall rules that carry exactly the
// documented rules, on each cloud whose block is set.
type ThreatManager struct {
	pulumi.ResourceState

	Rules              pulumix.Output[[]RuleRow] `pulumi:"rules"`
	SshOpen            pulumi.BoolOutput         `pulumi:"sshOpen"`
	SshExpiresAt       pulumi.StringOutput       `pulumi:"sshExpiresAt"`
	SshClosedByCloudAt pulumi.StringOutput       `pulumi:"sshClosedByCloudAt"`

	AwsSubnetIds                 pulumi.StringArrayOutput `pulumi:"awsSubnetIds"`
	AwsRouteTableIds             pulumi.StringArrayOutput `pulumi:"awsRouteTableIds"`
	AwsApplianceSecurityGroupId  pulumi.StringOutput      `pulumi:"awsApplianceSecurityGroupId"`
	AwsAgentSecurityGroupId      pulumi.StringOutput      `pulumi:"awsAgentSecurityGroupId"`
	AwsAgentPrefixListId         pulumi.StringOutput      `pulumi:"awsAgentPrefixListId"`
	AwsSshExpiryScheduleGroupArn pulumi.StringOutput      `pulumi:"awsSshExpiryScheduleGroupArn"`
	AwsSshExpiryScheduleArns     pulumi.StringArrayOutput `pulumi:"awsSshExpiryScheduleArns"`
	AwsSshExpiryRoleArn          pulumi.StringOutput      `pulumi:"awsSshExpiryRoleArn"`

	AzureSubnetId                  pulumi.StringOutput      `pulumi:"azureSubnetId"`
	AzureNetworkSecurityGroupId    pulumi.StringOutput      `pulumi:"azureNetworkSecurityGroupId"`
	AzureSecurityRuleNames         pulumi.StringArrayOutput `pulumi:"azureSecurityRuleNames"`
	AzureSshExpiryWorkflowId       pulumi.StringOutput      `pulumi:"azureSshExpiryWorkflowId"`
	AzureSshExpiryRoleAssignmentId pulumi.StringOutput      `pulumi:"azureSshExpiryRoleAssignmentId"`

	GcpSubnetworkId                 pulumi.StringOutput      `pulumi:"gcpSubnetworkId"`
	GcpFirewallNames                pulumi.StringArrayOutput `pulumi:"gcpFirewallNames"`
	GcpTargetTag                    pulumi.StringOutput      `pulumi:"gcpTargetTag"`
	GcpSshExpiryJobId               pulumi.StringOutput      `pulumi:"gcpSshExpiryJobId"`
	GcpSshExpiryServiceAccountEmail pulumi.StringOutput      `pulumi:"gcpSshExpiryServiceAccountEmail"`
}

func (t *ThreatManager) Annotate(an infer.Annotator) {
	an.Describe(t, "The network stack for Threat Manager IDS appliances on AWS, Azure and GCP: subnets and security groups, network security groups or firewall rules that carry exactly the documented ingress and egress rules, with optional SSH for troubleshooting that expires.")
	an.Describe(&t.Rules, "The effective rule table, one row per rule and direction, for reviewers: what the appliances may send and receive.")
	an.Describe(&t.SshOpen, "Whether troubleshooting SSH rules exist after this deployment.")
	an.Describe(&t.SshExpiresAt, "When the SSH window closes (RFC 3339), or an empty string when SSH was not asked for.")
	an.Describe(&t.SshClosedByCloudAt, "When each cloud's scheduler removes the SSH rules by itself (RFC 3339, `expiresAt` rounded up to the whole minute), or an empty string when no scheduler is set: SSH closed, expired, or `sshAccess.enforceInCloud` false.")
	an.Describe(&t.AwsSubnetIds, "AWS: the appliance subnet ids, in availability zone order. Empty without an `aws` block.")
	an.Describe(&t.AwsRouteTableIds, "AWS: the route table ids, in availability zone order. Empty without an `aws` block.")
	an.Describe(&t.AwsApplianceSecurityGroupId, "AWS: the security group to attach to the appliances. Empty without an `aws` block.")
	an.Describe(&t.AwsAgentSecurityGroupId, "AWS: the security group to attach to monitored instances, so their agents reach the appliances. Empty without an `aws` block.")
	an.Describe(&t.AwsAgentPrefixListId, "AWS: the managed prefix list holding the agent CIDRs. Empty without an `aws` block.")
	an.Describe(&t.AwsSshExpiryScheduleGroupArn, "AWS: the EventBridge Scheduler schedule group that holds the SSH expiry's schedules, the only source the role trusts. Empty unless the cloud closes SSH.")
	an.Describe(&t.AwsSshExpiryScheduleArns, "AWS: the EventBridge Scheduler schedules that revoke the SSH rules at expiry, one per rule, so that a rule removed early never keeps another open. Empty unless the cloud closes SSH.")
	an.Describe(&t.AwsSshExpiryRoleArn, "AWS: the IAM role the schedules use: only EventBridge Scheduler, for the expiry's schedule group, may assume it, and it may only revoke ingress rules of the appliance security group. Empty unless the cloud closes SSH.")
	an.Describe(&t.AzureSubnetId, "Azure: the appliance subnet id. Empty without an `azure` block.")
	an.Describe(&t.AzureNetworkSecurityGroupId, "Azure: the network security group id. Empty without an `azure` block.")
	an.Describe(&t.AzureSecurityRuleNames, "Azure: the security rule names, by priority. Empty without an `azure` block.")
	an.Describe(&t.AzureSshExpiryWorkflowId, "Azure: the Logic App workflow that deletes the SSH security rule at expiry. Empty unless the cloud closes SSH.")
	an.Describe(&t.AzureSshExpiryRoleAssignmentId, "Azure: the role assignment, scoped to the SSH security rule itself, that lets the workflow's identity delete that rule and nothing else. Empty unless the cloud closes SSH.")
	an.Describe(&t.GcpSubnetworkId, "GCP: the appliance subnetwork id. Empty without a `gcp` block.")
	an.Describe(&t.GcpFirewallNames, "GCP: the firewall rule names. Empty without a `gcp` block.")
	an.Describe(&t.GcpTargetTag, "GCP: the network tag to put on appliance instances; the firewall rules target it. Empty without a `gcp` block.")
	an.Describe(&t.GcpSshExpiryJobId, "GCP: the Cloud Scheduler job that deletes the SSH firewall rule at expiry. Empty unless the cloud closes SSH.")
	an.Describe(&t.GcpSshExpiryServiceAccountEmail, "GCP: the service account the job calls the Compute API as, allowed only to delete the SSH firewall rule. Empty unless the cloud closes SSH.")
}

// Clock tells the time; the provider uses time.Now, tests a fixed instant.
type Clock func() time.Time

// NewThreatManager returns the component's constructor reading time from
// clock, so that SSH expiry is testable without the wall clock.
func NewThreatManager(clock Clock) func(ctx *pulumi.Context, name string, args ThreatManagerArgs, opts ...pulumi.ResourceOption) (*ThreatManager, error) {
	return func(ctx *pulumi.Context, name string, args ThreatManagerArgs, opts ...pulumi.ResourceOption) (*ThreatManager, error) {
		// Everything is validated before the component registers, so bad
		// input leaves nothing behind.
		in, err := convert(ctx, args)
		if err != nil {
			return nil, err
		}
		plan, err := rules.Build(name, in.rules, clock())
		if err != nil {
			return nil, err
		}
		agents := canonicalAgents(plan, in)

		comp := &ThreatManager{}
		if err := ctx.RegisterComponentResource(Token, name, comp, opts...); err != nil {
			return nil, err
		}
		for _, w := range plan.Warnings {
			_ = ctx.Log.Warn(w, &pulumi.LogArgs{Resource: comp})
		}
		if err := onShortStack(func() error { return renderClouds(ctx, comp, plan, agents, in) }); err != nil {
			return nil, err
		}
		return comp, nil
	}
}

// onShortStack runs f on a goroutine of its own and waits for it. The Go
// SDK records the registering goroutine's whole stack with every resource,
// and the engine keeps it in the state, which backends rewrite after every
// step: registered from Construct's goroutine, each child carried the gRPC
// server's and pulumi-go-provider's frames (2.7 KB), and a 580-child `up`
// took a third longer than the same resources declared by hand
// (docs/performance.md). From a fresh goroutine the trace is the
// renderer's frames, which say where the child is declared.
func onShortStack(f func() error) error {
	type outcome struct {
		err      error
		panicked any
	}
	done := make(chan outcome, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- outcome{panicked: r}
			}
		}()
		done <- outcome{err: f()}
	}()
	o := <-done
	if o.panicked != nil {
		panic(o.panicked)
	}
	return o.err
}

// canonicalAgents is the agent CIDRs every renderer and the rule table
// take: checked and sorted once. Build did it for known values; values that
// were unknown are done here as they resolve, before anything uses them.
// Both stay Outputs of the given ones, so secrecy and dependencies carry.
func canonicalAgents(plan rules.Plan, in converted) pulumi.StringArrayOutput {
	if in.rules.AgentCIDRs.Known {
		return in.agents.ApplyT(func([]string) []string { return plan.AgentCIDRs }).(pulumi.StringArrayOutput)
	}
	return in.agents.ApplyT(plan.CanonicalAgentCIDRs).(pulumi.StringArrayOutput)
}

// renderClouds runs the renderer of each cloud whose block is set and fills the
// outputs; a cloud without a block gets empty outputs so every SDK sees the
// same shape.
func renderClouds(ctx *pulumi.Context, comp *ThreatManager, plan rules.Plan, agents pulumi.StringArrayOutput, in converted) error {
	exports := map[string]pulumi.Output{
		"rules":              ruleTable(plan, agents),
		"sshOpen":            pulumi.Bool(plan.SSH.Open).ToBoolOutput(),
		"sshExpiresAt":       pulumi.String(formatTime(plan.SSH.Requested, plan.SSH.ExpiresAt)).ToStringOutput(),
		"sshClosedByCloudAt": pulumi.String(formatTime(plan.SSH.ClosedByCloud, plan.SSH.ClosesAt)).ToStringOutput(),
	}
	for _, r := range in.renderers {
		out, err := r.render(ctx, comp, plan, agents)
		if err != nil {
			return fmt.Errorf("%s: %w", strings.ToLower(r.title), err)
		}
		maps.Copy(exports, out)
	}
	return setOutputs(comp, exports)
}

// formatTime is t in RFC 3339, or "" when it does not apply.
func formatTime(applies bool, t time.Time) string {
	if !applies || t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
