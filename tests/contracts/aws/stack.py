"""What the AWS contract tests read from the component's payloads: the expiry schedules, their
universal target, the appliance security group and every rule it holds.

Everything is found by shape (every schedule, every rule of the group a schedule names), so the
tests follow the renderer as it changes: one schedule for all SSH rules or one per rule.
"""
import json
import re

from conftest import of_type

SCHEDULE = "aws:scheduler/schedule:Schedule"
SCHEDULE_GROUP = "aws:scheduler/scheduleGroup:ScheduleGroup"
SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup"
INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
PREFIX_LIST = "aws:ec2/managedPrefixList:ManagedPrefixList"
ROLE = "aws:iam/role:Role"
ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"

# arn:aws:scheduler:::aws-sdk:<service>:<apiAction>, the universal target's form.
UNIVERSAL_TARGET = re.compile(r"^arn:aws:scheduler:::aws-sdk:(?P<service>[a-z0-9-]+):(?P<action>[a-z][A-Za-z0-9]+)$")


def schedules(resources):
    found = of_type(resources, SCHEDULE)
    assert found, "the component registered no EventBridge schedule with SSH open and enforceInCloud"
    return found


def target(schedule):
    """(service, PascalCase operation, Input as parsed JSON) of a schedule's universal target."""
    t = schedule["inputs"]["target"]
    m = UNIVERSAL_TARGET.match(t["arn"])
    assert m, f"schedule {schedule['name']}: target.arn {t['arn']!r} is not a universal target arn:aws:scheduler:::aws-sdk:<service>:<action>"
    action = m.group("action")
    return m.group("service"), action[0].upper() + action[1:], json.loads(t["input"])


def by_id(resources, token, rid):
    for r in of_type(resources, token):
        if r["id"] == rid:
            return r
    return None


def rule_id(rule):
    """The rule id AWS gives the rule (sgr-…), which the schedules name."""
    return rule["outputs"].get("securityGroupRuleId") or rule["id"]


def group_rules(resources, group_id):
    """Every ingress and egress rule resource of one security group, as (is_egress, rule)."""
    out = []
    for token, egress in ((INGRESS_RULE, False), (EGRESS_RULE, True)):
        out += [(egress, r) for r in of_type(resources, token) if r["inputs"].get("securityGroupId") == group_id]
    return out


def is_ssh_ingress(egress, rule):
    """TCP ingress whose port range holds 22."""
    i = rule["inputs"]
    if egress or str(i.get("ipProtocol")).lower() not in ("tcp", "6"):
        return False
    return int(i.get("fromPort", -1)) <= 22 <= int(i.get("toPort", -1))


def appliance_group_id(resources):
    """The one security group the schedules revoke from."""
    ids = {target(s)[2].get("GroupId") for s in schedules(resources)}
    assert len(ids) == 1 and None not in ids, f"the schedules name {sorted(map(str, ids))} as GroupId, want one security group"
    (gid,) = ids
    assert by_id(resources, SECURITY_GROUP, gid), f"GroupId {gid} is no security group of the stack"
    return gid
