"""The schedules' exact Inputs, fired on moto against a security group that holds the same rules as
the stack's appliance group: SSH ingress goes, everything else stays. Then the acceptance case of
issue 17: one SSH rule removed by hand first, and still no SSH may remain."""
import boto3
import botocore
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from aws import emulated_group
from conftest import load_payloads
from aws.stack import appliance_group_id, group_rules, is_ssh_ingress, rule_id, schedules, target


@pytest.fixture
def ec2(payloads):
    with mock_aws():
        yield boto3.client("ec2", region_name=payloads["awsRegion"])


def fire_every_schedule(ec2, resources, ids):
    """Calls each schedule's operation with its Input, ids pointed at moto's; returns the errors,
    one line per schedule that failed, as the Scheduler would log them."""
    errors = []
    for schedule in schedules(resources):
        _, op, params = target(schedule)
        try:
            getattr(ec2, botocore.xform_name(op))(**emulated_group.substitute(params, ids))
        except ClientError as e:
            errors.append(f"{schedule['name']}: {op} {e.response['Error']['Code']}: {e.response['Error']['Message']}")
    return errors


def expectations(resources, group_id, ids):
    """(moto ids of the SSH rules, moto ids of every other rule)."""
    ssh, others = [], []
    for egress, rule in group_rules(resources, group_id):
        (ssh if is_ssh_ingress(egress, rule) else others).append(ids[rule_id(rule)])
    assert ssh, "the appliance group has no SSH ingress rule with SSH open"
    return ssh, others


def assert_only_ssh_gone(ec2, ids, group_id, others, errors):
    left = emulated_group.remaining(ec2, ids[group_id])
    ssh_left = [rid for rid, (egress, proto, lo, hi) in left.items() if not egress and proto == "tcp" and lo <= 22 <= hi]
    assert not ssh_left, f"SSH ingress rules {ssh_left} remain after every schedule fired; errors: {errors or 'none'}"
    assert sorted(left) == sorted(others), f"other rules changed: kept {sorted(left)}, want {sorted(others)}"


def test_schedules_remove_ssh_ingress_and_nothing_else(ec2, resources):
    group_id = appliance_group_id(resources)
    ids = emulated_group.build(ec2, resources, group_id)
    _, others = expectations(resources, group_id, ids)
    errors = fire_every_schedule(ec2, resources, ids)
    assert not errors, "schedules failed on moto:\n" + "\n".join(errors)
    assert_only_ssh_gone(ec2, ids, group_id, others, errors)


def pytest_generate_tests(metafunc):
    # One case per SSH rule of the stack: each is the one removed by hand.
    if "removed" in metafunc.fixturenames:
        resources = load_payloads()["resources"]
        group_id = appliance_group_id(resources)
        count = sum(is_ssh_ingress(e, r) for e, r in group_rules(resources, group_id))
        metafunc.parametrize("removed", range(count), ids=[f"ssh-rule-{i}-removed" for i in range(count)])


def test_one_ssh_rule_removed_by_hand_first_still_closes_ssh(ec2, resources, removed):
    # Issue 17's acceptance: closing one SSH rule must not depend on another
    # still existing (a revocation by hand, or an earlier firing).
    group_id = appliance_group_id(resources)
    ids = emulated_group.build(ec2, resources, group_id)
    ssh, others = expectations(resources, group_id, ids)
    ec2.revoke_security_group_ingress(GroupId=ids[group_id], SecurityGroupRuleIds=[ssh[removed]])
    errors = fire_every_schedule(ec2, resources, ids)
    assert_only_ssh_gone(ec2, ids, group_id, others, errors)
