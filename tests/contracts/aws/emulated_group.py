"""The stack's appliance security group rebuilt on moto: a VPC, the managed prefix lists and other
groups its rules reference, the group, and each rule authorized as its rule resource says. Returns
the map from the stack's ids (sg-…, sgr-…, pl-…) to moto's, so the schedules' exact Inputs can be
pointed at the emulated group."""
from aws.stack import PREFIX_LIST, SECURITY_GROUP, by_id, group_rules, rule_id


def build(ec2, resources, group_id):
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    ids = {}

    def emulated_group(stack_id):
        if stack_id not in ids:
            g = by_id(resources, SECURITY_GROUP, stack_id)["inputs"]
            ids[stack_id] = ec2.create_security_group(
                GroupName=g.get("name") or g.get("namePrefix", "") + stack_id,
                Description=g.get("description", "contracts"), VpcId=vpc)["GroupId"]
            # pulumi-aws removes AWS's default allow-all egress from a group
            # created without inline egress; so does the emulated one.
            for r in ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [ids[stack_id]]}])["SecurityGroupRules"]:
                ec2.revoke_security_group_egress(GroupId=ids[stack_id], SecurityGroupRuleIds=[r["SecurityGroupRuleId"]])
        return ids[stack_id]

    def emulated_prefix_list(stack_id):
        if stack_id not in ids:
            pl = by_id(resources, PREFIX_LIST, stack_id)["inputs"]
            ids[stack_id] = ec2.create_managed_prefix_list(
                PrefixListName=pl["name"], AddressFamily=pl["addressFamily"], MaxEntries=int(pl["maxEntries"]),
                Entries=[{"Cidr": e["cidr"], "Description": e.get("description", "")} for e in pl.get("entries", [])],
            )["PrefixList"]["PrefixListId"]
        return ids[stack_id]

    emulated_group(group_id)
    for egress, rule in group_rules(resources, group_id):
        ids[rule_id(rule)] = authorize(ec2, ids[group_id], egress, rule["inputs"], emulated_group, emulated_prefix_list)
    return ids


def authorize(ec2, group_id, egress, rule, emulated_group, emulated_prefix_list):
    """Authorizes one rule resource's permission; returns moto's rule id."""
    permission = {"IpProtocol": str(rule["ipProtocol"])}
    if permission["IpProtocol"] != "-1":
        permission["FromPort"], permission["ToPort"] = int(rule["fromPort"]), int(rule["toPort"])
    description = rule.get("description", "")
    peers = [k for k in ("cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId") if rule.get(k)]
    assert len(peers) == 1, f"rule {rule} names {peers}: a rule resource takes exactly one peer"
    peer = peers[0]
    if peer == "cidrIpv4":
        permission["IpRanges"] = [{"CidrIp": rule[peer], "Description": description}]
    elif peer == "cidrIpv6":
        permission["Ipv6Ranges"] = [{"CidrIpv6": rule[peer], "Description": description}]
    elif peer == "prefixListId":
        permission["PrefixListIds"] = [{"PrefixListId": emulated_prefix_list(rule[peer]), "Description": description}]
    else:
        permission["UserIdGroupPairs"] = [{"GroupId": emulated_group(rule[peer]), "Description": description}]
    call = ec2.authorize_security_group_egress if egress else ec2.authorize_security_group_ingress
    created = call(GroupId=group_id, IpPermissions=[permission])["SecurityGroupRules"]
    assert len(created) == 1, f"authorizing {rule} created {len(created)} rules"
    return created[0]["SecurityGroupRuleId"]


def substitute(value, ids):
    """value with every stack id that has an emulated twin replaced by it."""
    if isinstance(value, dict):
        return {k: substitute(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, ids) for v in value]
    return ids.get(value, value) if isinstance(value, str) else value


def remaining(ec2, group_id):
    """moto's rules of the group: {rule id: (is_egress, protocol, from, to)}."""
    rules = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [group_id]}])["SecurityGroupRules"]
    return {r["SecurityGroupRuleId"]: (r["IsEgress"], r["IpProtocol"], r.get("FromPort"), r.get("ToPort")) for r in rules}
