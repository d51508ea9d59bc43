package payload

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The account, subscription and project the mocks answer for.
const (
	AWSAccount        = "123456789012"
	AWSRegion         = "us-east-1"
	AzureSubscription = "00000000-0000-0000-0000-000000000000"
	GCPProject        = "tm-contracts"
)

// cloudMocks answers every registration with the id and the computed
// outputs the real provider would return, in the cloud's own shapes
// (sg-…, sgr-…, ARNs, ARM ids, projects/…/global/firewalls/…), so payloads
// built from ids are checked as they will be in the cloud.
type cloudMocks struct{ record func(Resource) }

var _ pulumi.MockResourceMonitor = cloudMocks{}

func (m cloudMocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	id, computed := cloudShaped(args.TypeToken, args.Name, args.Inputs)
	if strings.HasPrefix(args.TypeToken, "azure-native:") {
		// ARM returns every resource's name: its id's last segment.
		if computed == nil {
			computed = resource.PropertyMap{}
		}
		computed["name"] = resource.NewStringProperty(id[strings.LastIndex(id, "/")+1:])
	}
	outputs := args.Inputs.Copy()
	for k, v := range computed {
		given, ok := outputs[k]
		if ok && given.IsObject() && v.IsObject() {
			// An input the cloud completes, such as a managed identity.
			merged := given.ObjectValue().Copy()
			maps.Copy(merged, v.ObjectValue())
			v = resource.NewObjectProperty(merged)
		}
		outputs[k] = v
	}
	m.record(Resource{Type: args.TypeToken, Name: args.Name, ID: id, Inputs: plain(args.Inputs), Outputs: plain(computed)})
	return id, outputs, nil
}

func (cloudMocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return nil, fmt.Errorf("contracts: unexpected call to %s", args.Token)
}

// cloudShaped is the id and computed outputs of one resource.
func cloudShaped(typ, name string, in resource.PropertyMap) (string, resource.PropertyMap) {
	s := resource.NewStringProperty
	str := func(key string) string {
		if v, ok := in[resource.PropertyKey(key)]; ok && v.IsString() {
			return v.StringValue()
		}
		return ""
	}
	// A name the cloud completes from a prefix keeps the prefix.
	named := func() string {
		if n := str("name"); n != "" {
			return n
		}
		if p := str("namePrefix"); p != "" {
			return p + hexOf(name)[:26]
		}
		return name
	}
	awsID := func(prefix string) string { return prefix + "-" + hexOf(name)[:17] }
	awsARN := func(service, resource string) string {
		return fmt.Sprintf("arn:aws:%s:%s:%s:%s", service, AWSRegion, AWSAccount, resource)
	}
	arm := func(rest string) string {
		return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/%s", AzureSubscription, str("resourceGroupName"), rest)
	}
	project := str("project")
	if project == "" {
		project = GCPProject
	}

	switch typ {
	case "aws:ec2/securityGroup:SecurityGroup":
		id := awsID("sg")
		return id, resource.PropertyMap{"arn": s(awsARN("ec2", "security-group/"+id)), "ownerId": s(AWSAccount)}
	case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":
		id := awsID("sgr")
		return id, resource.PropertyMap{"arn": s(awsARN("ec2", "security-group-rule/"+id)), "securityGroupRuleId": s(id)}
	case "aws:ec2/managedPrefixList:ManagedPrefixList":
		id := awsID("pl")
		return id, resource.PropertyMap{"arn": s(awsARN("ec2", "prefix-list/"+id)), "ownerId": s(AWSAccount)}
	case "aws:ec2/subnet:Subnet":
		id := awsID("subnet")
		return id, resource.PropertyMap{"arn": s(awsARN("ec2", "subnet/"+id))}
	case "aws:ec2/routeTable:RouteTable":
		return awsID("rtb"), nil
	case "aws:ec2/routeTableAssociation:RouteTableAssociation":
		return awsID("rtbassoc"), nil
	case "aws:ec2/route:Route":
		return "r-" + awsID("rtb") + "1080289494", nil
	case "aws:iam/role:Role":
		n := named()
		return n, resource.PropertyMap{"name": s(n), "arn": s(fmt.Sprintf("arn:aws:iam::%s:role/%s", AWSAccount, n)), "uniqueId": s("AROA" + strings.ToUpper(hexOf(name)[:17]))}
	case "aws:iam/rolePolicy:RolePolicy":
		return str("role") + ":" + str("name"), nil
	case "aws:scheduler/scheduleGroup:ScheduleGroup":
		n := named()
		return n, resource.PropertyMap{"name": s(n), "arn": s(awsARN("scheduler", "schedule-group/"+n))}
	case "aws:scheduler/schedule:Schedule":
		n, group := named(), str("groupName")
		if group == "" {
			group = "default"
		}
		return group + "/" + n, resource.PropertyMap{"name": s(n), "groupName": s(group), "arn": s(awsARN("scheduler", "schedule/"+group+"/"+n))}
	case "azure-native:network:NetworkSecurityGroup":
		return arm("Microsoft.Network/networkSecurityGroups/" + str("networkSecurityGroupName")), nil
	case "azure-native:network:SecurityRule":
		return arm("Microsoft.Network/networkSecurityGroups/" + str("networkSecurityGroupName") + "/securityRules/" + str("securityRuleName")), nil
	case "azure-native:network:Subnet":
		return arm("Microsoft.Network/virtualNetworks/" + str("virtualNetworkName") + "/subnets/" + str("subnetName")), nil
	case "azure-native:logic:Workflow":
		identity := resource.PropertyMap{"principalId": s(guid("principal " + name)), "tenantId": s(guid("tenant"))}
		return arm("Microsoft.Logic/workflows/" + str("workflowName")), resource.PropertyMap{"identity": resource.NewObjectProperty(identity)}
	case "azure-native:authorization:RoleDefinition":
		return str("scope") + "/providers/Microsoft.Authorization/roleDefinitions/" + guid(name), nil
	case "azure-native:authorization:RoleAssignment":
		return str("scope") + "/providers/Microsoft.Authorization/roleAssignments/" + guid(name), nil
	case "gcp:compute/firewall:Firewall":
		return "projects/" + project + "/global/firewalls/" + named(), resource.PropertyMap{"project": s(project), "selfLink": s("https://www.googleapis.com/compute/v1/projects/" + project + "/global/firewalls/" + named())}
	case "gcp:compute/subnetwork:Subnetwork":
		return "projects/" + project + "/regions/" + str("region") + "/subnetworks/" + named(), resource.PropertyMap{"project": s(project)}
	case "gcp:serviceaccount/account:Account":
		email := str("accountId") + "@" + project + ".iam.gserviceaccount.com"
		return "projects/" + project + "/serviceAccounts/" + email, resource.PropertyMap{"email": s(email), "member": s("serviceAccount:" + email)}
	case "gcp:projects/iAMCustomRole:IAMCustomRole":
		n := "projects/" + project + "/roles/" + str("roleId")
		return n, resource.PropertyMap{"name": s(n)}
	case "gcp:projects/iAMMember:IAMMember":
		return project + "/" + str("role") + "/" + str("member"), nil
	case "gcp:cloudscheduler/job:Job":
		return "projects/" + project + "/locations/" + str("region") + "/jobs/" + named(), nil
	}
	return "contracts-" + name, nil
}

// hexOf is a stable hex digest of s, for ids derived from names.
func hexOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// guid is a stable GUID derived from s, as Azure spells principal and role ids.
func guid(s string) string {
	h := hexOf(s)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
