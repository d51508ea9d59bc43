package provider

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// The bad-input catalogue: what the component refuses, and why. Every case
// goes through the provider's own Construct path from a valid three-cloud
// input with one change, and must fail naming the field and the reason
// before anything is registered. Read the names as the list of what is
// refused.
//
// A change is a path to set ("aws.subnets[0].cidrBlock") and a value; the
// value del removes the field.
var catalogue = []struct {
	name   string
	set    map[string]any
	field  string
	reason string
}{
	// Ranges that cover too much of the internet, however they are spelled.
	{"agent CIDR 0.0.0.0/0", set("agentCidrs", list("0.0.0.0/0")), "agentCidrs[0]", "is the whole internet"},
	{"agent CIDR ::/0", set("agentCidrs", list("::/0")), "agentCidrs[0]", "is the whole internet"},
	{"agent CIDRs that halve the internet", set("agentCidrs", list("0.0.0.0/1", "128.0.0.0/1")), "agentCidrs[0]", "covers 1/2 of the internet"},
	{"agent CIDR of a /2", set("agentCidrs", list("64.0.0.0/2")), "agentCidrs[0]", "covers 1/4 of the internet; name ranges of /8 or narrower"},
	{"agent CIDR of a /7", set("agentCidrs", list("10.0.0.0/7")), "agentCidrs[0]", "covers 1/128 of the internet"},
	{"agent CIDRs of five /8s", set("agentCidrs", list("1.0.0.0/8", "2.0.0.0/8", "3.0.0.0/8", "4.0.0.0/8", "5.0.0.0/8")), "agentCidrs", "together cover 83886080 addresses"},
	{"SSH sources that halve the internet, even when allowed outside the datacenter", set("sshAccess", sshWith("sources", list("0.0.0.0/1", "128.0.0.0/1"), "allowSourcesOutsideDatacenter", true)), "sshAccess.sources[0]", "covers 1/2 of the internet"},
	{"SSH sources of five /8s", set("sshAccess", sshWith("sources", list("1.0.0.0/8", "2.0.0.0/8", "3.0.0.0/8", "4.0.0.0/8", "5.0.0.0/8"), "allowSourcesOutsideDatacenter", true)), "sshAccess.sources", "together cover"},
	{"SSH source 0.0.0.0/0", set("sshAccess", sshWith("sources", list("0.0.0.0/0"), "allowSourcesOutsideDatacenter", true)), "sshAccess.sources[0]", "is the whole internet"},
	{"DNS server 0.0.0.0/0", set("dnsServers", list("0.0.0.0/0")), "dnsServers[0]", "is the whole internet"},
	{"DNS servers of a /2", set("dnsServers", list("0.0.0.0/2")), "dnsServers[0]", "covers 1/4 of the internet"},
	{"datacenter ranges that halve the internet", set("datacenterRanges", list("0.0.0.0/1", "128.0.0.0/1")), "datacenterRanges[0]", "covers 1/2 of the internet"},
	{"datacenter ranges of five /8s", set("datacenterRanges", list("1.0.0.0/8", "2.0.0.0/8", "3.0.0.0/8", "4.0.0.0/8", "5.0.0.0/8")), "datacenterRanges", "together cover"},
	{"datacenter NTP range of a /4", set("datacenterNtpRanges", list("0.0.0.0/4")), "datacenterNtpRanges[0]", "covers 1/16 of the internet"},
	{"extra NTP ranges that make the NTP ranges too wide", set("extraNtpRanges", list("1.0.0.0/8", "2.0.0.0/8", "3.0.0.0/8", "4.0.0.0/8")), "extraNtpRanges", "together cover"},

	// Present but empty is missing.
	{"VPC id empty", set("aws.vpcId", ""), "aws.vpcId", "is required"},
	{"VPC id missing", set("aws.vpcId", del), "aws.vpcId", "is required"},
	{"NAT gateway empty", set("aws.natGatewayId", ""), "aws.subnets[0].natGatewayId", "no NAT gateway for the default route"},
	{"NAT gateway missing", set("aws.natGatewayId", del), "aws.subnets[0].natGatewayId", "no NAT gateway for the default route"},
	{"a subnet's own NAT gateway empty", set("aws.natGatewayId", del, "aws.subnets[0].natGatewayId", "", "aws.subnets[1].natGatewayId", "nat-b"), "aws.subnets[0].natGatewayId", "no NAT gateway"},
	{"resource group empty", set("azure.resourceGroupName", ""), "azure.resourceGroupName", "is required"},
	{"resource group missing", set("azure.resourceGroupName", del), "azure.resourceGroupName", "is required"},
	{"virtual network empty", set("azure.virtualNetworkName", ""), "azure.virtualNetworkName", "is required"},
	{"virtual network missing", set("azure.virtualNetworkName", del), "azure.virtualNetworkName", "is required"},
	{"Azure location empty", set("azure.location", ""), "azure.location", "is empty; leave it unset for the resource group's location"},
	{"GCP network empty", set("gcp.network", ""), "gcp.network", "is required"},
	{"GCP network missing", set("gcp.network", del), "gcp.network", "is required"},
	{"GCP project empty", set("gcp.project", ""), "gcp.project", "is empty; leave it unset for the provider's project"},
	{"AWS name prefix empty", set("aws.namePrefix", ""), "aws.namePrefix", "is empty; leave it unset for the component's name"},
	{"Azure name prefix empty", set("azure.namePrefix", ""), "azure.namePrefix", "is empty"},
	{"GCP name prefix empty", set("gcp.namePrefix", ""), "gcp.namePrefix", "is empty"},
	{"SSH expiry empty", set("sshAccess", sshWith("expiresAt", "")), "sshAccess.expiresAt", "is required"},
	{"agent CIDR empty", set("agentCidrs", list("")), "agentCidrs[0]", "is empty"},
	{"DNS server empty", set("dnsServers", list("")), "dnsServers[0]", "is empty"},
	{"SSH source empty", set("sshAccess", sshWith("sources", list(""))), "sshAccess.sources[0]", "is empty"},
	{"availability zone empty", set("aws.subnets[0].availabilityZone", ""), "aws.subnets[0].availabilityZone", "is required"},
	{"AWS subnet CIDR empty", set("aws.subnets[0].cidrBlock", ""), "aws.subnets[0].cidrBlock", "is required"},
	{"Azure subnet prefix empty", set("azure.subnetAddressPrefix", ""), "azure.subnetAddressPrefix", "is required"},
	{"GCP subnet CIDR empty", set("gcp.subnetCidr", ""), "gcp.subnetCidr", "is required"},
	{"GCP region empty", set("gcp.region", ""), "gcp.region", "is required"},
	{"tag key empty", set("tags", map[string]any{"": "x"}), "tags", "a tag key is empty"},

	// Cloud limits on names and tags.
	{"49 tags besides AWS's Name and the marker", set("tags", tags(49)), "tags", "49 tags and the Name and threatmanager:role tags the component sets make 51, over AWS's 50"},
	{"a Name tag on AWS", set("tags", map[string]any{"Name": "x"}), "tags[Name]", "the component sets Name on AWS"},
	{"the threatmanager:role marker", set("tags", map[string]any{"threatmanager:role": "appliances"}), "tags[threatmanager:role]", "the component sets threatmanager:role on every child that takes tags (appliances, agents or ssh-expiry); leave it out"},
	{"the marker in other case on Azure, which ignores case", set("aws", del, "tags", map[string]any{"ThreatManager:Role": "x"}), "tags[ThreatManager:Role]", "the component sets threatmanager:role"},
	{"an aws: tag", set("tags", map[string]any{"aws:owner": "x"}), "tags[aws:owner]", `the prefix "aws:", which AWS reserves`},
	{"a 129-character tag key", set("tags", map[string]any{strings.Repeat("k", 129): "x"}), "tags[" + strings.Repeat("k", 129) + "]", "the key is 129 characters; AWS allows 128"},
	{"a 257-character tag value", set("tags", map[string]any{"k": strings.Repeat("v", 257)}), "tags[k]", "the value is 257 characters; AWS allows 256"},
	{"a tag value IAM refuses", set("tags", map[string]any{"k": "a#b"}), "tags[k]", "AWS tags take letters, digits, spaces and _.:/=+-@ only"},
	{"an Azure tag name with '<'", set("aws", del, "tags", map[string]any{"a<b": "x"}), "tags[a<b]", `Azure tag names may not contain any of <>%&\?/`},
	{"an Azure tag name with '/'", set("aws", del, "tags", map[string]any{"team/app": "x"}), "tags[team/app]", "Azure tag names may not contain"},
	{"50 tags besides Azure's marker", set("aws", del, "tags", tags(50)), "tags", "50 tags and the threatmanager:role tag the component sets make 51, over Azure's 50 per resource"},
	{"a 257-character Azure tag value", set("aws", del, "tags", map[string]any{"k": strings.Repeat("v", 257)}), "tags[k]", "the value is 257 characters; Azure allows 256"},
	{"AWS name prefix starting with sg-", set("aws.namePrefix", "sg-prod"), "aws.namePrefix", `starts with "sg-", which AWS reserves`},
	{"AWS name prefix starting with com.amazonaws", set("aws.namePrefix", "com.amazonaws.tm"), "aws.namePrefix", `starts with "com.amazonaws", which AWS reserves`},
	{"AWS name prefix too long for the security groups", set("aws.namePrefix", strings.Repeat("n", 218)), "aws.namePrefix", "is 218 characters; at most 217"},
	{"AWS name prefix with a character AWS refuses", set("aws.namePrefix", "tm|prod"), "aws.namePrefix", "characters AWS does not allow"},
	{"Azure name prefix too long", set("azure.namePrefix", strings.Repeat("n", 66)), "azure.namePrefix", "at most 65"},
	{"Azure name prefix ending with a dash", set("azure.namePrefix", "tm-"), "azure.namePrefix", "not a valid Azure name start"},
	{"GCP name prefix in capitals", set("gcp.namePrefix", "TM"), "gcp.namePrefix", "not a valid GCP name start"},
	{"GCP name prefix too long", set("gcp.namePrefix", strings.Repeat("t", 64)), "gcp.namePrefix", "is 64 characters; GCP names have at most 63"},
	{"availability zone misspelt", set("aws.subnets[0].availabilityZone", "useast1a"), "aws.subnets[0].availabilityZone", "is not an availability zone name"},
	{"availability zone twice", set("aws.subnets[1].availabilityZone", "us-east-1a"), "aws.subnets[1].availabilityZone", "repeats aws.subnets[0]"},
	{"AWS subnet wider than /16", set("aws.subnets[0].cidrBlock", "10.0.0.0/8"), "aws.subnets[0].cidrBlock", "between /16 and /28"},
	{"AWS subnets overlapping", set("aws.subnets[1].cidrBlock", "10.0.100.0/25"), "aws.subnets[1].cidrBlock", "overlaps aws.subnets[0].cidrBlock"},
	{"no AWS subnets", set("aws.subnets", list()), "aws.subnets", "at least one subnet"},
	{"Azure subnet narrower than /29", set("azure.subnetAddressPrefix", "10.1.240.0/30"), "azure.subnetAddressPrefix", "between /8 and /29"},
	{"GCP subnet wider than /8", set("gcp.subnetCidr", "10.0.0.0/7"), "gcp.subnetCidr", "between /8 and /29"},
	{"GCP zone given as the region", set("gcp.region", "us-central1-a"), "gcp.region", `is a zone; use its region "us-central1"`},
	{"GCP region misspelt", set("gcp.region", "central"), "gcp.region", "is not a GCP region name"},

	// Integers: explicit ranges, and 0 is a value, not the default.
	{"SSH window of 0 hours", set("sshAccess", sshWith("maxWindowHours", 0)), "sshAccess.maxWindowHours", "0 is outside 1-8760 hours; leave it unset for 168"},
	{"SSH window negative", set("sshAccess", sshWith("maxWindowHours", -5)), "sshAccess.maxWindowHours", "-5 is outside 1-8760 hours"},
	{"SSH window too large for a whole number", set("sshAccess", sshWith("maxWindowHours", 1<<40)), "sshAccess.maxWindowHours", "1099511627776 is too large a number for this input"},
	{"SSH window that would overflow a duration", set("sshAccess", sshWith("maxWindowHours", 1<<30)), "sshAccess.maxWindowHours", "1073741824 is outside 1-8760 hours"},

	// Values of the wrong type name their whole path.
	{"SSH expiry given as a number", set("sshAccess", sshWith("expiresAt", 5)), "sshAccess.expiresAt", "expected a string, got a number"},
	{"VPC id given as a number", set("aws.vpcId", 5), "aws.vpcId", "expected a string, got a number"},
	{"a subnet given as a string", set("aws.subnets", list("us-east-1a")), "aws.subnets[0]", "expected an object, got a string"},
	{"a switch given as a string", set("egressHttp", "no"), "egressHttp", "expected true or false, got a string"},
	{"a fractional priority", set("azure.firstPriority", 100.5), "azure.firstPriority", "expected a whole number, got 100.5"},
	{"a tag value given as a number", set("tags", map[string]any{"team": 7}), "tags[team]", "expected a string, got a number"},
	{"a misspelt field", set("aws.natGatewayID", "nat-1"), "aws.natGatewayID", "is not an input of aws"},
	{"a misspelt top-level field", set("agentCidr", list("10.0.0.0/16")), "agentCidr", "is not an input of ThreatManager"},
	{"prefix list of 0 entries", set("aws.agentCidrsMaxEntries", 0), "aws.agentCidrsMaxEntries", "0 is outside 1-1000 entries; leave it unset for 20"},
	{"prefix list over AWS's 1000 entries", set("aws.agentCidrsMaxEntries", 1001), "aws.agentCidrsMaxEntries", "1001 is outside 1-1000 entries"},
	{"prefix list too big for the rule quota", set("aws.agentCidrsMaxEntries", 40), "aws.agentCidrsMaxEntries", "over AWS's default quota of 60 rules per security group"},
	{"prefix list too big for a raised rule quota", set("aws.agentCidrsMaxEntries", 200, "aws.rulesPerSecurityGroup", 300), "aws.agentCidrsMaxEntries", "over the quota of 300 rules per security group in aws.rulesPerSecurityGroup"},
	{"prefix list too big for any rule quota", set("aws.agentCidrsMaxEntries", 600, "aws.rulesPerSecurityGroup", 1000), "aws.agentCidrsMaxEntries", "AWS allows at most 1000 rules per security group even with a raised quota"},
	{"rule quota of 0", set("aws.rulesPerSecurityGroup", 0), "aws.rulesPerSecurityGroup", "0 is outside 1-1000 rules; leave it unset for 60"},
	{"rule quota over AWS's maximum", set("aws.rulesPerSecurityGroup", 1001), "aws.rulesPerSecurityGroup", "1001 is outside 1-1000 rules"},
	{"Azure first priority 0", set("azure.firstPriority", 0), "azure.firstPriority", "0 is below Azure's first priority 100"},
	{"Azure first priority that exhausts the band", set("azure.firstPriority", 3950), "azure.firstPriority", "priority band exhausted"},

	// SSH windows.
	{"SSH expiry not a timestamp", set("sshAccess", sshWith("expiresAt", "soon")), "sshAccess.expiresAt", "is not an RFC 3339 timestamp"},
	{"SSH expiry beyond the window", set("sshAccess", sshWith("expiresAt", "2027-01-01T00:00:00Z")), "sshAccess.expiresAt", "beyond the maximum SSH window of 168h"},
	{"SSH expiry too close for the cloud's scheduler", set("sshAccess", sshWith("expiresAt", now.Add(2*time.Minute).Format(time.RFC3339))), "sshAccess.expiresAt", "too close for the cloud to schedule closing SSH"},
	{"SSH sources empty list", set("sshAccess", sshWith("sources", list())), "sshAccess.sources", "is empty; leave it unset"},
	{"SSH source outside the datacenter", set("sshAccess", sshWith("sources", list("198.51.100.0/24"))), "sshAccess.sources[0]", "lies outside datacenter \"us\"'s ranges"},
	{"SSH source with host bits", set("sshAccess", sshWith("sources", list("208.71.209.33/27"))), "sshAccess.sources[0]", `use "208.71.209.32/27"`},
	{"SSH source twice", set("sshAccess", sshWith("sources", list("208.71.209.32/27", "208.71.209.32/27"))), "sshAccess.sources[1]", "repeats sshAccess.sources[0]"},

	// Agent CIDRs.
	{"no agent CIDRs", set("agentCidrs", list()), "agentCidrs", "at least one agent CIDR is required"},
	{"agent CIDRs missing", set("agentCidrs", del), "agentCidrs", "at least one agent CIDR is required"},
	{"agent CIDR with host bits", set("agentCidrs", list("10.0.0.1/16")), "agentCidrs[0]", `has host bits set; use "10.0.0.0/16"`},
	{"agent CIDR twice", set("agentCidrs", list("10.0.0.0/16", "10.0.0.0/16")), "agentCidrs[1]", "repeats agentCidrs[0]"},
	{"agent CIDR in IPv6", set("agentCidrs", list("fd00::/8")), "agentCidrs[0]", "is not IPv4"},
	{"agent CIDR malformed", set("agentCidrs", list("10.0.0.0/33")), "agentCidrs[0]", "is not a CIDR"},
	{"more agent CIDRs than the prefix list holds", set("agentCidrs", manyCIDRs(21)), "agentCidrs", "21 CIDRs do not fit the agents' prefix list of 20 entries"},
	{"more agent CIDRs than the default rule quota leaves room for", set("agentCidrs", manyCIDRs(100)), "agentCidrs", `raise the quota "Inbound or outbound rules per security group" (Service Quotas, Amazon VPC, L-0EA8095F) to at least 200`},
	{"more agent CIDRs than any rule quota leaves room for", set("agentCidrs", manyCIDRs(1000), "aws.rulesPerSecurityGroup", 1000), "agentCidrs", "over 1000, the most AWS allows per security group even with a raised quota"},
	{"more agent CIDRs than GCP's ranges per firewall rule", set("aws", del, "azure", del, "agentCidrs", manyCIDRs(5001)), "agentCidrs", "over GCP's limit of 5000 ranges per firewall rule"},
	{"more agent CIDRs than Azure's prefix quota", set("aws", del, "agentCidrs", manyCIDRs(1400)), "agentCidrs", "over Azure's limit of 4000 per network security group"},

	// Datacenter, overrides and DNS.
	{"unknown datacenter", set("datacenter", "apac"), "datacenter", `"apac" is not a known datacenter`},
	{"datacenter empty", set("datacenter", ""), "datacenter", `is empty; leave it unset for "us"`},
	{"datacenter override with no ranges", set("datacenterRanges", list()), "datacenterRanges", "an override needs at least one range"},
	{"datacenter range with host bits", set("datacenterRanges", list("198.51.100.1/24")), "datacenterRanges[0]", `use "198.51.100.0/24"`},
	{"datacenter NTP range malformed", set("datacenterNtpRanges", list("198.51.100")), "datacenterNtpRanges[0]", "is not a CIDR"},
	{"extra NTP range already the datacenter's", set("extraNtpRanges", list("208.71.209.32/27")), "extraNtpRanges[0]", `is already an NTP range of datacenter "us"`},
	{"extra NTP range twice", set("extraNtpRanges", list("198.51.100.0/24", "198.51.100.0/24")), "extraNtpRanges[1]", "repeats extraNtpRanges[0]"},
	{"DNS server malformed", set("dnsServers", list("8.8.8")), "dnsServers[0]", "is not a CIDR"},
	{"DNS server twice", set("dnsServers", list("8.8.8.8", "8.8.8.8/32")), "dnsServers[1]", "repeats dnsServers[0]"},
	{"DNS server in IPv6", set("dnsServers", list("2001:4860:4860::8888")), "dnsServers[0]", "is not IPv4"},
	{"no cloud block", set("aws", del, "azure", del, "gcp", del), "aws, azure, gcp", "set at least one cloud block"},
}

// del as a value removes the field.
var del = struct{ deleted bool }{true}

func set(pathsAndValues ...any) map[string]any {
	out := map[string]any{}
	for i := 0; i < len(pathsAndValues); i += 2 {
		out[pathsAndValues[i].(string)] = pathsAndValues[i+1]
	}
	return out
}

func list(items ...any) []any { return items }

// sshWith is a valid sshAccess (a day ahead) with fields replaced.
func sshWith(fieldsAndValues ...any) map[string]any {
	ssh := map[string]any{"expiresAt": now.Add(24 * time.Hour).Format(time.RFC3339)}
	for i := 0; i < len(fieldsAndValues); i += 2 {
		ssh[fieldsAndValues[i].(string)] = fieldsAndValues[i+1]
	}
	return ssh
}

func tags(n int) map[string]any {
	out := map[string]any{}
	for i := range n {
		out[fmt.Sprintf("tag%02d", i)] = "x"
	}
	return out
}

func manyCIDRs(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = fmt.Sprintf("10.%d.%d.0/24", i/256, i%256)
	}
	return out
}

// catalogueInput is a valid input for all three clouds.
func catalogueInput() map[string]any {
	return map[string]any{
		"agentCidrs": list("10.0.0.0/16"),
		"aws": map[string]any{
			"vpcId":        "vpc-1",
			"natGatewayId": "nat-1",
			"subnets": list(
				map[string]any{"availabilityZone": "us-east-1a", "cidrBlock": "10.0.100.0/24"},
				map[string]any{"availabilityZone": "us-east-1b", "cidrBlock": "10.0.101.0/24"},
			),
		},
		"azure": map[string]any{"resourceGroupName": "rg-1", "virtualNetworkName": "vnet-1", "subnetAddressPrefix": "10.1.240.0/24"},
		"gcp":   map[string]any{"region": "us-central1", "network": "default", "subnetCidr": "10.2.240.0/24"},
	}
}

// setPath sets a dotted path with [i] indexes in nested maps and lists.
func setPath(root map[string]any, path string, value any) {
	parts := strings.Split(path, ".")
	var cur any = root
	for i, part := range parts {
		key, index := part, -1
		if before, after, ok := strings.Cut(part, "["); ok {
			key = before
			index, _ = strconv.Atoi(strings.TrimSuffix(after, "]"))
		}
		m := cur.(map[string]any)
		last := i == len(parts)-1
		switch {
		case last && index < 0 && value == del:
			delete(m, key)
		case last && index < 0:
			m[key] = value
		case last:
			panic("catalogue: paths end in a field, not an index: " + path)
		case index >= 0:
			cur = m[key].([]any)[index]
		default:
			cur = m[key]
		}
	}
}

func toProperty(v any) property.Value {
	switch v := v.(type) {
	case map[string]any:
		m := map[string]property.Value{}
		for k, e := range v {
			m[k] = toProperty(e)
		}
		return property.New(property.NewMap(m))
	case []any:
		vs := make([]property.Value, len(v))
		for i, e := range v {
			vs[i] = toProperty(e)
		}
		return property.New(vs)
	case string:
		return property.New(v)
	case bool:
		return property.New(v)
	case int:
		return property.New(float64(v))
	case float64:
		return property.New(v)
	}
	panic(fmt.Sprintf("catalogue: no property for %T", v))
}

func TestCatalogueOfRefusedInputs(t *testing.T) {
	if len(catalogue) < 80 {
		t.Errorf("the catalogue has %d cases; keep at least 80", len(catalogue))
	}
	base := map[string]property.Value{}
	for k, v := range catalogueInput() {
		base[k] = toProperty(v)
	}
	if _, _, err := construct(t, now, false, base); err != nil {
		t.Fatalf("the catalogue's base input is refused: %v", err)
	}
	for _, tt := range catalogue {
		t.Run(tt.name, func(t *testing.T) {
			in := catalogueInput()
			for path, value := range tt.set {
				setPath(in, path, value)
			}
			inputs := map[string]property.Value{}
			for k, v := range in {
				inputs[k] = toProperty(v)
			}
			_, rec, err := construct(t, now, false, inputs)
			if !namesFieldAndReason(err, tt.field, tt.reason) {
				t.Fatalf("err = %v\nwant a problem of %s saying %q", err, tt.field, tt.reason)
			}
			if n := rec.list(); len(n) != 0 {
				t.Errorf("registered before failing: %v", n)
			}
		})
	}
}

// namesFieldAndReason reports whether one of the problems in err is about
// field and says reason.
func namesFieldAndReason(err error, field, reason string) bool {
	if err == nil {
		return false
	}
	for line := range strings.SplitSeq(err.Error(), "\n") {
		_, problem, ok := strings.Cut(line, "invalid ThreatManager input: ")
		if !ok {
			problem = strings.TrimSpace(line)
		}
		if strings.HasPrefix(problem, field+": ") && strings.Contains(problem, reason) {
			return true
		}
	}
	return false
}

// A secret agent CIDR is refused without being printed.
func TestSecretAgentCIDRsStaySecretInErrors(t *testing.T) {
	for name, cidrs := range map[string][]string{
		"host bits":         {"10.9.8.7/16"},
		"the internet":      {"0.0.0.0/0"},
		"half the internet": {"0.0.0.0/1", "128.0.0.0/1"},
		"repeated":          {"10.9.0.0/16", "10.9.0.0/16"},
	} {
		t.Run(name, func(t *testing.T) {
			in := defaultInputs()
			vs := make([]property.Value, len(cidrs))
			for i, c := range cidrs {
				vs[i] = property.New(c)
			}
			in["agentCidrs"] = property.New(vs).WithSecret(true)
			_, rec, err := construct(t, now, false, in)
			if err == nil || !strings.Contains(err.Error(), "agentCidrs") {
				t.Fatalf("err = %v, want one naming agentCidrs", err)
			}
			for _, c := range cidrs {
				if addr, _, _ := strings.Cut(c, "/"); strings.Contains(err.Error(), addr) {
					t.Errorf("the error prints the secret %q: %v", c, err)
				}
			}
			if len(rec.list()) != 0 {
				t.Errorf("registered before failing: %v", rec.list())
			}
		})
	}
}
