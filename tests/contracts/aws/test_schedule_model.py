"""Each schedule's universal target against botocore's EC2 service model: the action names an EC2
operation, and the Input validates against that operation's input shape, as the Scheduler passes
it to the API unchanged."""
import botocore.session
import pytest
from botocore.exceptions import ParamValidationError
from botocore.validate import validate_parameters

from aws.stack import schedules, target


@pytest.fixture(scope="module")
def ec2_model():
    return botocore.session.get_session().get_service_model("ec2")


def operation(ec2_model, service, op):
    assert service == "ec2", f"the target calls {service}, not ec2"
    assert op in ec2_model.operation_names, f"{op} is no operation of the EC2 model (botocore {botocore.__version__})"
    return ec2_model.operation_model(op)


def camel_keys(value):
    """The same document with every key's first letter lowered: the SDKs' spelling, not the API's."""
    if isinstance(value, dict):
        return {k[0].lower() + k[1:]: camel_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel_keys(v) for v in value]
    return value


def test_every_target_is_an_ec2_operation_and_its_input_validates(resources, ec2_model):
    for schedule in schedules(resources):
        service, op, params = target(schedule)
        model = operation(ec2_model, service, op)
        # Raises ParamValidationError naming each unknown or mistyped parameter.
        validate_parameters(params, model.input_shape)
        missing = [m for m in model.input_shape.required_members if m not in params]
        assert not missing, f"schedule {schedule['name']}: {op} input lacks required {missing}"


def test_targets_revoke_ingress_rules_by_id(resources, ec2_model):
    # What makes one revocation independent of the others: rule ids, not
    # IpPermissions that must all match.
    for schedule in schedules(resources):
        _, op, params = target(schedule)
        assert op == "RevokeSecurityGroupIngress", f"schedule {schedule['name']} calls {op}"
        assert params.get("SecurityGroupRuleIds"), f"schedule {schedule['name']}: input names no SecurityGroupRuleIds"
        assert "IpPermissions" not in params, f"schedule {schedule['name']}: input revokes by IpPermissions"


def test_camel_case_input_is_refused_by_the_model(resources, ec2_model):
    # The proof that the check above reads names: the same input spelt as
    # the SDKs spell it fails, as the Scheduler's ValidationException does.
    for schedule in schedules(resources):
        service, op, params = target(schedule)
        with pytest.raises(ParamValidationError, match="Unknown parameter"):
            validate_parameters(camel_keys(params), operation(ec2_model, service, op).input_shape)
