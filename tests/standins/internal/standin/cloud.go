package standin

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Fixed, obviously fake account data: nothing here refers to a real cloud account.
const (
	fakeAWSAccount        = "123456789012"
	fakeAzureSubscription = "00000000-0000-0000-0000-000000000000"
	fakeGCPProject        = "offline-standin-project"
	fakeTimestamp         = "2000-01-01T00:00:00.000-00:00"
	fakeRFC3339           = "2000-01-01T00:00:00Z"
	fakeAzureTenant       = "00000000-0000-0000-0000-000000000001"
)

// providerConfig is the part of the provider configuration the stand-ins use to shape ids.
type providerConfig struct {
	AWSRegion      string
	SubscriptionID string
	GCPProject     string
	GCPRegion      string
}

func (c providerConfig) awsRegion() string { return orDefault(c.AWSRegion, "us-east-1") }
func (c providerConfig) subscription() string {
	return orDefault(c.SubscriptionID, fakeAzureSubscription)
}
func (c providerConfig) gcpProject() string { return orDefault(c.GCPProject, fakeGCPProject) }
func (c providerConfig) gcpRegion() string  { return orDefault(c.GCPRegion, "us-central1") }

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// hexOf is a deterministic hex digest of the parts, n characters long.
func hexOf(n int, parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h[:])[:n]
}

// autoName derives the physical name the real provider would pick, deterministically from the URN.
func autoName(style autoNameStyle, urn resource.URN) string {
	name := urn.Name()
	switch style {
	case autoNameDashed:
		return name + "-" + hexOf(7, string(urn))
	case autoNameLower:
		return strings.ToLower(name) + "-" + hexOf(7, string(urn))
	case autoNameSuffix:
		return name + hexOf(8, string(urn))
	case autoNameUUID:
		return uuidOf(string(urn))
	}
	return name
}

func str(m resource.PropertyMap, k string) string {
	if v, ok := m[resource.PropertyKey(k)]; ok && v.IsString() {
		return v.StringValue()
	}
	return ""
}

// setIfAbsent sets a computed output unless the inputs already carry the property.
func setIfAbsent(m resource.PropertyMap, k string, v resource.PropertyValue) {
	if cur, ok := m[resource.PropertyKey(k)]; !ok || cur.IsNull() {
		m[resource.PropertyKey(k)] = v
	}
}

func tagsAll(m resource.PropertyMap) resource.PropertyValue {
	if t, ok := m["tags"]; ok && t.IsObject() {
		return t
	}
	return resource.NewObjectProperty(resource.PropertyMap{})
}

// createOutputs returns the id and the full output state a recording cloud would report for a new
// resource: the inputs plus the computed, id-like properties the real resource has.
func createOutputs(cfg providerConfig, urn resource.URN, inputs resource.PropertyMap) (string, resource.PropertyMap) {
	token := string(urn.Type())
	out := inputs.Copy()
	h17 := hexOf(17, string(urn))
	region, acct := cfg.awsRegion(), fakeAWSAccount
	arn := func(kind, id string) resource.PropertyValue {
		return resource.NewStringProperty(fmt.Sprintf("arn:aws:ec2:%s:%s:%s/%s", region, acct, kind, id))
	}
	s := resource.NewStringProperty

	switch token {
	case "aws:ec2/subnet:Subnet":
		id := "subnet-" + h17
		out["arn"], out["ownerId"], out["tagsAll"] = arn("subnet", id), s(acct), tagsAll(inputs)
		setIfAbsent(out, "availabilityZone", s(region+"a"))
		setIfAbsent(out, "ipv6CidrBlockAssociationId", s(""))
		return id, out
	case "aws:ec2/routeTable:RouteTable":
		id := "rtb-" + h17
		out["arn"], out["ownerId"], out["tagsAll"] = arn("route-table", id), s(acct), tagsAll(inputs)
		setIfAbsent(out, "routes", resource.NewArrayProperty(nil))
		setIfAbsent(out, "propagatingVgws", resource.NewArrayProperty(nil))
		return id, out
	case "aws:ec2/route:Route":
		// The real id is "r-" + route table id + a hash code of the destination.
		dest := str(inputs, "destinationCidrBlock") + str(inputs, "destinationIpv6CidrBlock") +
			str(inputs, "destinationPrefixListId")
		n, _ := strconv.ParseUint(hexOf(8, dest), 16, 64)
		id := fmt.Sprintf("r-%s%d", str(inputs, "routeTableId"), n%10000000000)
		out["origin"], out["state"] = s("CreateRoute"), s("active")
		setIfAbsent(out, "instanceId", s(""))
		setIfAbsent(out, "instanceOwnerId", s(""))
		return id, out
	case "aws:ec2/routeTableAssociation:RouteTableAssociation":
		return "rtbassoc-" + h17, out
	case "aws:ec2/securityGroup:SecurityGroup":
		id := "sg-" + h17
		out["arn"], out["ownerId"], out["tagsAll"] = arn("security-group", id), s(acct), tagsAll(inputs)
		setIfAbsent(out, "ingress", resource.NewArrayProperty(nil))
		setIfAbsent(out, "egress", resource.NewArrayProperty(nil))
		setIfAbsent(out, "namePrefix", s(""))
		return id, out
	case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
		"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":
		id := "sgr-" + h17
		out["arn"], out["securityGroupRuleId"], out["tagsAll"] = arn("security-group-rule", id), s(id), tagsAll(inputs)
		return id, out
	case "aws:ec2/managedPrefixList:ManagedPrefixList":
		id := "pl-" + h17
		out["arn"], out["ownerId"], out["tagsAll"] = arn("prefix-list", id), s(acct), tagsAll(inputs)
		out["version"] = resource.NewNumberProperty(1)
		setIfAbsent(out, "entries", resource.NewArrayProperty(nil))
		return id, out

	case "aws:iam/role:Role":
		// IAM is global: the ARN has no region.
		name := str(inputs, "name")
		out["arn"] = s(fmt.Sprintf("arn:aws:iam::%s:role%s%s", acct, iamPath(inputs), name))
		out["uniqueId"] = s("AROA" + strings.ToUpper(hexOf(17, string(urn), "roleid")))
		out["createDate"] = s(fakeRFC3339)
		out["tagsAll"] = tagsAll(inputs)
		setIfAbsent(out, "namePrefix", s(""))
		setIfAbsent(out, "managedPolicyArns", resource.NewArrayProperty(nil))
		setIfAbsent(out, "inlinePolicies", resource.NewArrayProperty(nil))
		return name, out
	case "aws:iam/rolePolicy:RolePolicy":
		// The TF id is "<role name>:<policy name>".
		setIfAbsent(out, "namePrefix", s(""))
		return str(inputs, "role") + ":" + str(inputs, "name"), out
	case "aws:scheduler/schedule:Schedule":
		setIfAbsent(out, "groupName", s("default"))
		name, group := str(inputs, "name"), str(out, "groupName")
		out["arn"] = s(fmt.Sprintf("arn:aws:scheduler:%s:%s:schedule/%s/%s", region, acct, group, name))
		setIfAbsent(out, "namePrefix", s(""))
		// The TF id is "<group name>/<schedule name>".
		return group + "/" + name, out
	case "aws:scheduler/scheduleGroup:ScheduleGroup":
		// schedule_group.go: the id is the name; state ACTIVE once created.
		name := str(inputs, "name")
		out["arn"] = s(fmt.Sprintf("arn:aws:scheduler:%s:%s:schedule-group/%s", region, acct, name))
		out["creationDate"], out["lastModificationDate"] = s(fakeRFC3339), s(fakeRFC3339)
		out["state"], out["tagsAll"] = s("ACTIVE"), tagsAll(inputs)
		setIfAbsent(out, "namePrefix", s(""))
		return name, out

	case "azure-native:logic:Workflow":
		name := str(inputs, "workflowName")
		id := azureProviderID(cfg, inputs, "Microsoft.Logic", "workflows/"+name)
		out["name"], out["type"] = s(name), s("Microsoft.Logic/workflows")
		out["provisioningState"] = s("Succeeded")
		out["createdTime"], out["changedTime"] = s(fakeRFC3339), s(fakeRFC3339)
		out["version"] = s(decimalOf(20, string(urn), "version"))
		loc := strings.ToLower(strings.ReplaceAll(orDefault(str(inputs, "location"), "westus2"), " ", ""))
		out["accessEndpoint"] = s(fmt.Sprintf("https://prod-00.%s.logic.azure.com:443/workflows/%s", loc, hexOf(32, string(urn), "endpoint")))
		setIfAbsent(out, "state", s("Enabled"))
		out["sku"] = resource.NewObjectProperty(resource.PropertyMap{"name": s("Standard")})
		if ident, ok := inputs["identity"]; ok && ident.IsObject() {
			m := ident.ObjectValue().Copy()
			if t := str(m, "type"); strings.Contains(t, "SystemAssigned") {
				m["principalId"] = s(uuidOf(string(urn) + "\x00principalId"))
				m["tenantId"] = s(fakeAzureTenant)
			}
			out["identity"] = resource.NewObjectProperty(m)
		}
		return id, out
	case "azure-native:authorization:RoleDefinition":
		guid := str(inputs, "roleDefinitionId")
		id := strings.TrimSuffix(str(inputs, "scope"), "/") + "/providers/Microsoft.Authorization/roleDefinitions/" + guid
		out["name"], out["type"] = s(guid), s("Microsoft.Authorization/roleDefinitions")
		setIfAbsent(out, "roleType", s("CustomRole"))
		azureAudit(out)
		return id, out
	case "azure-native:authorization:RoleAssignment":
		guid := str(inputs, "roleAssignmentName")
		id := strings.TrimSuffix(str(inputs, "scope"), "/") + "/providers/Microsoft.Authorization/roleAssignments/" + guid
		out["name"], out["type"] = s(guid), s("Microsoft.Authorization/roleAssignments")
		setIfAbsent(out, "principalType", s("User")) // the API's default
		azureAudit(out)
		return id, out

	case "azure-native:network:Subnet":
		name := str(inputs, "subnetName")
		id := azureID(cfg, inputs, "virtualNetworks/"+str(inputs, "virtualNetworkName")+"/subnets/"+name)
		azureCommon(out, urn, name, "Microsoft.Network/virtualNetworks/subnets")
		return id, out
	case "azure-native:network:NetworkSecurityGroup":
		name := str(inputs, "networkSecurityGroupName")
		id := azureID(cfg, inputs, "networkSecurityGroups/"+name)
		azureCommon(out, urn, name, "Microsoft.Network/networkSecurityGroups")
		out["resourceGuid"] = s(uuidOf(string(urn) + "guid"))
		return id, out
	case "azure-native:network:SecurityRule":
		name := str(inputs, "securityRuleName")
		id := azureID(cfg, inputs, "networkSecurityGroups/"+str(inputs, "networkSecurityGroupName")+"/securityRules/"+name)
		azureCommon(out, urn, name, "Microsoft.Network/networkSecurityGroups/securityRules")
		return id, out

	case "gcp:compute/subnetwork:Subnetwork":
		project, region := orDefault(str(inputs, "project"), cfg.gcpProject()), orDefault(str(inputs, "region"), cfg.gcpRegion())
		id := fmt.Sprintf("projects/%s/regions/%s/subnetworks/%s", project, region, str(inputs, "name"))
		out["project"], out["region"] = s(project), s(region)
		out["selfLink"] = s("https://www.googleapis.com/compute/v1/" + id)
		out["creationTimestamp"], out["fingerprint"] = s(fakeTimestamp), s(hexOf(16, string(urn), "fp"))
		out["gatewayAddress"] = s(firstHost(str(inputs, "ipCidrRange")))
		setIfAbsent(out, "purpose", s("PRIVATE"))
		setIfAbsent(out, "stackType", s("IPV4_ONLY"))
		return id, out
	case "gcp:compute/firewall:Firewall":
		project := orDefault(str(inputs, "project"), cfg.gcpProject())
		id := fmt.Sprintf("projects/%s/global/firewalls/%s", project, str(inputs, "name"))
		out["project"] = s(project)
		out["selfLink"] = s("https://www.googleapis.com/compute/v1/" + id)
		out["creationTimestamp"] = s(fakeTimestamp)
		setIfAbsent(out, "direction", s("INGRESS"))
		setIfAbsent(out, "disabled", resource.NewBoolProperty(false))
		return id, out
	case "gcp:serviceaccount/account:Account":
		project := orDefault(str(inputs, "project"), cfg.gcpProject())
		email := str(inputs, "accountId") + "@" + project + ".iam.gserviceaccount.com"
		id := "projects/" + project + "/serviceAccounts/" + email
		out["project"], out["email"], out["name"] = s(project), s(email), s(id)
		out["member"] = s("serviceAccount:" + email)
		out["uniqueId"] = s("1" + decimalOf(20, string(urn), "uniqueId"))
		return id, out
	case "gcp:projects/iAMCustomRole:IAMCustomRole":
		project := orDefault(str(inputs, "project"), cfg.gcpProject())
		id := "projects/" + project + "/roles/" + str(inputs, "roleId")
		out["project"], out["name"], out["deleted"] = s(project), s(id), resource.NewBoolProperty(false)
		return id, out
	case "gcp:projects/iAMMember:IAMMember":
		// TF id: "<project>/<role>/<member>", plus "/<title>/<description>/<expression>" with a condition.
		id := str(inputs, "project") + "/" + str(inputs, "role") + "/" + str(inputs, "member")
		if c, ok := inputs["condition"]; ok && c.IsObject() {
			cm := c.ObjectValue()
			id += "/" + str(cm, "title") + "/" + str(cm, "description") + "/" + str(cm, "expression")
		}
		out["etag"] = s("BwY" + hexOf(9, string(urn), "etag"))
		return id, out
	case "gcp:cloudscheduler/job:Job":
		project, region := orDefault(str(inputs, "project"), cfg.gcpProject()), orDefault(str(inputs, "region"), cfg.gcpRegion())
		id := fmt.Sprintf("projects/%s/locations/%s/jobs/%s", project, region, str(inputs, "name"))
		out["project"], out["region"] = s(project), s(region)
		setIfAbsent(out, "paused", resource.NewBoolProperty(false))
		out["state"] = s(gcpJobState(out))
		return id, out
	}

	// Check and Create refuse types without a spec, so this is a programming error.
	panic("standin: no outputs for supported type " + token)
}

func azureID(cfg providerConfig, inputs resource.PropertyMap, rest string) string {
	return azureProviderID(cfg, inputs, "Microsoft.Network", rest)
}

func azureProviderID(cfg providerConfig, inputs resource.PropertyMap, namespace, rest string) string {
	return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/%s/%s",
		cfg.subscription(), str(inputs, "resourceGroupName"), namespace, rest)
}

// azureAudit sets the created/updated audit outputs of Microsoft.Authorization resources.
func azureAudit(out resource.PropertyMap) {
	for _, k := range []resource.PropertyKey{"createdBy", "updatedBy"} {
		out[k] = resource.NewStringProperty(fakeAzureSubscription)
	}
	for _, k := range []resource.PropertyKey{"createdOn", "updatedOn"} {
		out[k] = resource.NewStringProperty(fakeRFC3339)
	}
}

// iamPath is an IAM role's path as it appears in its ARN ("/" by default).
func iamPath(inputs resource.PropertyMap) string {
	p := orDefault(str(inputs, "path"), "/")
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// gcpJobState is a Cloud Scheduler job's state: PAUSED when paused, else ENABLED.
func gcpJobState(m resource.PropertyMap) string {
	if v, ok := m["paused"]; ok && v.IsBool() && v.BoolValue() {
		return "PAUSED"
	}
	return "ENABLED"
}

// decimalOf is a deterministic string of n decimal digits.
func decimalOf(n int, parts ...string) string {
	h := hexOf(64, parts...)
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteByte('0' + byte(h[i%len(h)])%10)
	}
	return b.String()
}

func azureCommon(out resource.PropertyMap, urn resource.URN, name, typ string) {
	out["name"] = resource.NewStringProperty(name)
	out["type"] = resource.NewStringProperty(typ)
	out["etag"] = resource.NewStringProperty(`W/"` + uuidOf(string(urn)) + `"`)
	out["provisioningState"] = resource.NewStringProperty("Succeeded")
}

func uuidOf(s string) string {
	h := hexOf(32, s)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// firstHost returns the first usable address of an IPv4 CIDR (GCP's gateway address).
func firstHost(cidr string) string {
	p, err := netip.ParsePrefix(cidr)
	if err != nil || !p.Addr().Is4() {
		return ""
	}
	return p.Masked().Addr().Next().String()
}

// updateOutputs merges new inputs into the old state: inputs that were removed disappear, computed
// outputs are kept, and a managed prefix list's version moves on when its entries change.
func updateOutputs(token string, oldState, oldInputs, news resource.PropertyMap) resource.PropertyMap {
	out := oldState.Copy()
	for k := range oldInputs {
		if _, still := news[k]; !still {
			delete(out, k)
		}
	}
	for k, v := range news {
		out[k] = v
	}
	if token == "gcp:cloudscheduler/job:Job" {
		if _, ok := news["paused"]; !ok {
			out["paused"] = resource.NewBoolProperty(false)
		}
		out["state"] = resource.NewStringProperty(gcpJobState(out))
	}
	if token == "azure-native:logic:Workflow" {
		// identity is an input whose computed parts (principalId, tenantId) survive an update.
		if o, n := oldState["identity"], news["identity"]; o.IsObject() && n.IsObject() &&
			str(o.ObjectValue(), "type") == str(n.ObjectValue(), "type") {
			m := n.ObjectValue().Copy()
			for _, k := range []resource.PropertyKey{"principalId", "tenantId"} {
				if v, ok := o.ObjectValue()[k]; ok {
					m[k] = v
				}
			}
			out["identity"] = resource.NewObjectProperty(m)
		}
	}
	if token == "aws:ec2/managedPrefixList:ManagedPrefixList" && !oldInputs["entries"].DeepEquals(news["entries"]) {
		v := 1.0
		if old := oldState["version"]; old.IsNumber() {
			v = old.NumberValue() + 1
		}
		out["version"] = resource.NewNumberProperty(v)
	}
	if _, ok := out["tagsAll"]; ok {
		out["tagsAll"] = tagsAll(news)
	}
	return out
}
