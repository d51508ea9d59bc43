package standin

// The aws stand-in's EC2 instance: the appliance the examples launch in the component's subnet.

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// awsInstanceReplaces are an EC2 instance's value-dependent replacements (see its table entry).
var awsInstanceReplaces = replaceRules(
	nestedReplace("ebsBlockDevices", false, "deleteOnTermination", "deviceName", "encrypted", "iops", "kmsKeyId",
		"snapshotId", "throughput", "volumeSize", "volumeType"),
	nestedReplace("rootBlockDevice", false, "encrypted", "kmsKeyId"),
	func(oldInputs, news resource.PropertyMap) []string {
		var out []string
		if v := news["userDataReplaceOnChange"]; v.IsBool() && v.BoolValue() {
			out = append(out, "userData", "userDataBase64")
		}
		if o, n := oldInputs["enablePrimaryIpv6"], news["enablePrimaryIpv6"]; o.IsBool() && o.BoolValue() && !(n.IsBool() && n.BoolValue()) {
			out = append(out, "enablePrimaryIpv6")
		}
		return out
	},
)

// awsInstance launches an EC2 instance: "i-" and 17 hex, the instance ARN, running, with a private
// address and its primary network interface (the stand-in does not read the subnet's range, so the
// address is a fixed-looking 10.x one derived from the URN).
func awsInstance(cfg Config, urn resource.URN, inputs, out resource.PropertyMap) string {
	s := resource.NewStringProperty
	id := "i-" + hexOf(17, string(urn))
	region := awsRegion(cfg)
	out["arn"] = s(fmt.Sprintf("arn:aws:ec2:%s:%s:instance/%s", region, awsAccount(cfg), id))
	out["instanceState"], out["tagsAll"] = s("running"), awsTagsAll(inputs)
	out["primaryNetworkInterfaceId"] = s("eni-" + hexOf(17, string(urn), "eni"))
	h := hexOf(4, string(urn), "ip")
	n, _ := strconv.ParseUint(h, 16, 32)
	setIfAbsent(out, "privateIp", s(fmt.Sprintf("10.%d.%d.%d", (n>>8)%256, n%256, 4+n%250)))
	ip := strings.ReplaceAll(str(out, "privateIp"), ".", "-")
	out["privateDns"] = s("ip-" + ip + "." + region + ".compute.internal")
	setIfAbsent(out, "availabilityZone", s(region+"a"))
	for _, k := range []string{"publicIp", "publicDns", "passwordData", "outpostArn", "instanceLifecycle", "spotInstanceRequestId"} {
		setIfAbsent(out, k, s(""))
	}
	return id
}
