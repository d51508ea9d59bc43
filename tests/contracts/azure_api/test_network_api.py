"""Each Http action of the expiry workflow against Microsoft.Network's securityRules REST API, as
azure-mgmt-network 24.0.0 (api-version 2023-02-01) carries it: method, URL template, api-version."""
from azure_api import sources
from azure_api.workflow import ARM_ENDPOINT, http_actions, split_arm_uri, ssh_rule_ids, workflows


def test_http_actions_are_security_rules_delete_calls(resources):
    method, template, api_version = sources.network_operation("security_rules_delete")
    assert (method, api_version) == ("DELETE", "2023-02-01"), "azure-mgmt-network 24.0.0 changed under us"
    path_pattern = sources.template_regex(template)
    for workflow in workflows(resources):
        for name, action in http_actions(workflow):
            inputs = action["inputs"]
            host, path, version = split_arm_uri(inputs["uri"])
            where = f"workflow {workflow['name']} action {name}"
            assert host == ARM_ENDPOINT, f"{where}: host {host}, want {ARM_ENDPOINT}"
            assert inputs["method"] == method, f"{where}: method {inputs['method']}, want {method}"
            assert path_pattern.match(path), f"{where}: path {path} is not {template}"
            assert version == api_version, f"{where}: api-version {version}, want {api_version}"


def test_http_actions_delete_only_ssh_rules_of_the_stack(resources):
    ssh = ssh_rule_ids(resources)
    assert ssh, "the stack has no inbound TCP 22 security rule with SSH open"
    for workflow in workflows(resources):
        for name, action in http_actions(workflow):
            _, path, _ = split_arm_uri(action["inputs"]["uri"])
            assert path in ssh, f"workflow {workflow['name']} action {name} deletes {path}, not an SSH rule of the stack {ssh}"
