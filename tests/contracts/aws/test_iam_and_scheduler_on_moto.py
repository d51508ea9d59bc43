"""moto's IAM accepts the expiry role's trust and permission documents (it validates policy
grammar), and moto's EventBridge Scheduler accepts each schedule group and schedule as the
component declares them, after botocore has checked every parameter against the Scheduler model."""
import json

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from aws.stack import ROLE, ROLE_POLICY, SCHEDULE_GROUP, schedules
from conftest import of_type

# pulumi-aws's Schedule inputs as the CreateSchedule API names them. An input
# missing here fails the test, naming it, rather than being dropped.
SCHEDULE_FIELDS = {
    # The provider makes Name from namePrefix; the payload's outputs hold the result.
    "name": "Name", "namePrefix": None, "groupName": "GroupName", "description": "Description", "state": "State",
    "scheduleExpression": "ScheduleExpression", "scheduleExpressionTimezone": "ScheduleExpressionTimezone",
    "startDate": "StartDate", "endDate": "EndDate", "kmsKeyArn": "KmsKeyArn",
    "flexibleTimeWindow": ("FlexibleTimeWindow", {"mode": "Mode", "maximumWindowInMinutes": "MaximumWindowInMinutes"}),
    "target": ("Target", {
        "arn": "Arn", "roleArn": "RoleArn", "input": "Input",
        "retryPolicy": ("RetryPolicy", {"maximumEventAgeInSeconds": "MaximumEventAgeInSeconds", "maximumRetryAttempts": "MaximumRetryAttempts"}),
        "deadLetterConfig": ("DeadLetterConfig", {"arn": "Arn"}),
    }),
}


def to_api(inputs, fields, where):
    out = {}
    for key, value in inputs.items():
        assert key in fields, f"{where}.{key}: no CreateSchedule field known for this pulumi-aws input"
        spec = fields[key]
        if spec is None:
            continue
        if isinstance(spec, tuple):
            out[spec[0]] = to_api(value, spec[1], f"{where}.{key}")
        else:
            out[spec] = value
    return out


@pytest.fixture
def aws(payloads):
    with mock_aws():
        region = payloads["awsRegion"]
        yield boto3.client("iam", region_name=region), boto3.client("scheduler", region_name=region)


def create_roles(iam, resources):
    """Creates every role and its inline policies as declared; returns {stack role name: moto ARN}."""
    arns = {}
    for role in of_type(resources, ROLE):
        name = role["outputs"]["name"]
        arns[name] = iam.create_role(RoleName=name, AssumeRolePolicyDocument=role["inputs"]["assumeRolePolicy"],
                                     Description=role["inputs"].get("description", ""))["Role"]["Arn"]
    for policy in of_type(resources, ROLE_POLICY):
        iam.put_role_policy(RoleName=policy["inputs"]["role"], PolicyName=policy["inputs"]["name"],
                            PolicyDocument=policy["inputs"]["policy"])
    return arns


def test_iam_accepts_the_trust_and_permission_documents(aws, resources):
    iam, _ = aws
    assert of_type(resources, ROLE) and of_type(resources, ROLE_POLICY), "no expiry role or policy registered"
    create_roles(iam, resources)
    for policy in of_type(resources, ROLE_POLICY):
        got = iam.get_role_policy(RoleName=policy["inputs"]["role"], PolicyName=policy["inputs"]["name"])
        assert got["PolicyDocument"] == json.loads(policy["inputs"]["policy"])


def test_iam_validation_is_on(aws):
    # A control: moto refuses a malformed document, so acceptance above means something.
    iam, _ = aws
    iam.create_role(RoleName="control", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "scheduler.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
    with pytest.raises(ClientError, match="MalformedPolicyDocument"):
        iam.put_role_policy(RoleName="control", PolicyName="bad", PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allw", "Action": "ec2:RevokeSecurityGroupIngress", "Resource": "*"}]}))


def test_trust_policy_trusts_the_scheduler_for_this_account(resources, payloads):
    for role in of_type(resources, ROLE):
        doc = json.loads(role["inputs"]["assumeRolePolicy"])
        for st in doc["Statement"]:
            assert st["Principal"] == {"Service": "scheduler.amazonaws.com"}, f"role {role['name']} trusts {st['Principal']}"
            equals = st.get("Condition", {}).get("StringEquals", {})
            assert equals.get("aws:SourceAccount") == payloads["awsAccount"], f"role {role['name']}: no aws:SourceAccount condition"
            # Where the trust names the schedule group or schedules, they must be the stack's own.
            source_arns = equals.get("aws:SourceArn") or st.get("Condition", {}).get("ArnLike", {}).get("aws:SourceArn")
            if source_arns:
                known = {r["outputs"].get("arn") for r in of_type(resources, SCHEDULE_GROUP) + schedules(resources)}
                for arn in [source_arns] if isinstance(source_arns, str) else source_arns:
                    assert arn in known, f"role {role['name']}: aws:SourceArn {arn} is no schedule group or schedule of the stack"


def test_scheduler_accepts_every_group_and_schedule(aws, resources):
    iam, scheduler = aws
    role_arns = create_roles(iam, resources)
    for group in of_type(resources, SCHEDULE_GROUP):
        scheduler.create_schedule_group(Name=group["outputs"]["name"])
    for schedule in schedules(resources):
        params = to_api(schedule["inputs"], SCHEDULE_FIELDS, schedule["name"])
        params["Name"] = schedule["outputs"]["name"]
        assert params["Target"]["RoleArn"] in role_arns.values(), f"schedule {schedule['name']}: roleArn {params['Target']['RoleArn']} is no role of the stack"
        scheduler.create_schedule(**params)
        got = scheduler.get_schedule(Name=params["Name"], GroupName=params.get("GroupName", "default"))
        assert got["Target"]["Input"] == params["Target"]["Input"]
        assert got["ScheduleExpression"] == params["ScheduleExpression"]
