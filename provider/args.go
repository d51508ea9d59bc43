package provider

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/aws/awsrender"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/azure/azurerender"
	"github.com/threatmanager/pulumi-threatmanager/provider/clouds/gcp/gcprender"
)

// ThreatManagerArgs is the one input that builds the appliance network on
// every cloud whose block is set.
type ThreatManagerArgs struct {
	Datacenter          *Datacenter             `pulumi:"datacenter,optional"`
	AgentCidrs          pulumi.StringArrayInput `pulumi:"agentCidrs"`
	SshAccess           *SshAccess              `pulumi:"sshAccess,optional"`
	EgressHttp          *bool                   `pulumi:"egressHttp,optional"`
	ActiveScanning      *bool                   `pulumi:"activeScanning,optional"`
	DenyOtherInbound    *bool                   `pulumi:"denyOtherInbound,optional"`
	DnsServers          []string                `pulumi:"dnsServers,optional"`
	ExtraNtpRanges      []string                `pulumi:"extraNtpRanges,optional"`
	DatacenterRanges    []string                `pulumi:"datacenterRanges,optional"`
	DatacenterNtpRanges []string                `pulumi:"datacenterNtpRanges,optional"`
	Tags                map[string]string       `pulumi:"tags,optional"`
	Aws                 *awsrender.Aws          `pulumi:"aws,optional"`
	Azure               *azurerender.Azure      `pulumi:"azure,optional"`
	Gcp                 *gcprender.Gcp          `pulumi:"gcp,optional"`
}

func (a *ThreatManagerArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.Datacenter, "The Alert Logic datacenter the appliances report to, as directed by your PDR team. Defaults to `us`.")
	an.Describe(&a.AgentCidrs, "The networks where Threat Manager agents run (for example your VPC's CIDR). Agents reach the appliances on TCP 443 and 7777, and active scanning reaches them. Values may be outputs of other resources, and secret ones stay out of error messages. At least one; canonical IPv4 CIDRs, each a /8 or narrower, together at most four /8s' worth of addresses (active scanning sends them everything).")
	an.Describe(&a.SshAccess, "Time-boxed SSH from the datacenter for troubleshooting during provisioning. Off when unset. The rules exist until `expiresAt`: each cloud removes them then by itself, with a scheduler (see `enforceInCloud`), and the first deployment after that removes them and the scheduler.")
	an.Describe(&a.EgressHttp, "Allow egress TCP 80 to 0.0.0.0/0 for appliance updates. Defaults to true; PCI deployments often turn it off.")
	an.Describe(&a.ActiveScanning, "Allow egress of all traffic to the agent CIDRs, for active scanning. Defaults to true.")
	an.Describe(&a.DenyOtherInbound, "On Azure and GCP, add a deny-all inbound rule below the allows, so the appliances accept only the documented inbound traffic: it blocks what the network admits by default from inside (Azure's `AllowVnetInBound` and `AllowAzureLoadBalancerInBound`, GCP's VPC-wide allows such as `default-allow-internal`). Defaults to true. AWS needs no such rule: a security group admits only what it lists.")
	an.Describe(&a.DnsServers, "The DNS resolvers the appliances may query on TCP and UDP 53, as addresses or CIDRs (each a /8 or narrower, together at most four /8s' worth). Defaults to 8.8.8.8 and 8.8.4.4; an empty list adds no DNS rules.")
	an.Describe(&a.ExtraNtpRanges, "NTP ranges added to the datacenter's. The seed lists only two of the three US ranges for NTP; add 204.110.218.96/27 here if your PDR team asks for it.")
	an.Describe(&a.DatacenterRanges, "Replaces the datacenter's ranges for updates (TCP 443), event transport (TCP 4138) and SSH sources. Defaults to the documented ranges.")
	an.Describe(&a.DatacenterNtpRanges, "Replaces the datacenter's NTP ranges (UDP 123). Defaults to the documented ranges.")
	an.Describe(&a.Tags, "Tags merged onto every child resource that takes them (none on GCP, where the children take no labels). The component adds `threatmanager:role` to each, `appliances`, `agents` or `ssh-expiry` by what the child is for, so that key may not be given in any casing. With an `aws` block: at most 48 (the component also sets `Name`, which may not be given), keys up to 128 and values up to 256 characters of letters, digits, spaces and `_.:/=+-@`, no `aws:` keys. With an `azure` block: at most 49, names up to 512 characters without `<>%&\\?/`, values up to 256.")
	an.Describe(&a.Aws, "Build the appliance network in an AWS VPC.")
	an.Describe(&a.Azure, "Build the appliance network in an Azure virtual network.")
	an.Describe(&a.Gcp, "Build the appliance network in a GCP VPC network.")
}

// Datacenter is an Alert Logic datacenter.
type Datacenter string

const (
	DatacenterUS Datacenter = "us"
	DatacenterEU Datacenter = "eu"
)

func (Datacenter) Values() []infer.EnumValue[Datacenter] {
	return []infer.EnumValue[Datacenter]{
		{Name: "Us", Value: DatacenterUS, Description: "The standard US Alert Logic datacenter."},
		{Name: "Eu", Value: DatacenterEU, Description: "The EU Alert Logic datacenter (185.54.124.0/24), only when your PDR team says so."},
	}
}

// SshAccess opens troubleshooting SSH until a deadline.
type SshAccess struct {
	ExpiresAt                     string   `pulumi:"expiresAt"`
	Sources                       []string `pulumi:"sources,optional"`
	AllowSourcesOutsideDatacenter *bool    `pulumi:"allowSourcesOutsideDatacenter,optional"`
	MaxWindowHours                *int     `pulumi:"maxWindowHours,optional"`
	EnforceInCloud                *bool    `pulumi:"enforceInCloud,optional"`
}

func (a *SshAccess) Annotate(an infer.Annotator) {
	an.Describe(&a.ExpiresAt, "When the SSH rules stop being wanted, as an RFC 3339 timestamp (`YYYY-MM-DDThh:mm:ssZ`) at most `maxWindowHours` ahead: compute it when deploying rather than writing a fixed time, which goes stale. Deployments before then keep the rules; the first one after removes them and logs a warning. A new value replaces the AWS and GCP SSH rules, deleting the old ones first (the cloud may have removed them already), and updates the Azure rule in place.")
	an.Describe(&a.Sources, "The ranges SSH may come from. Defaults to the datacenter's ranges; each must lie within them unless `allowSourcesOutsideDatacenter` is set, and even then each is a /8 or narrower, together at most four /8s' worth.")
	an.Describe(&a.AllowSourcesOutsideDatacenter, "Allow `sources` outside the datacenter's ranges, when your PDR team asks for it. Defaults to false.")
	an.Describe(&a.MaxWindowHours, "How far in the future `expiresAt` may be, in hours, from 1 to 8760 (a year). Defaults to 168 (7 days); 0 is refused, not read as the default.")
	an.Describe(&a.EnforceInCloud, "Have each cloud close SSH at `expiresAt` by itself, even if nobody deploys: EventBridge Scheduler schedules revoke the AWS SSH rules (one schedule per rule), a Logic App workflow deletes the Azure SSH rule, a Cloud Scheduler job deletes the GCP SSH firewall rule, each as an identity that can only remove access (see the README for exactly what each may do). The time is rounded up to the whole minute and must be at least 5 minutes ahead. Defaults to true; set false where the deployer may not create schedulers, roles or identities (SSH then closes only at the first deployment after expiry).")
}
