"""The expiry's Logic App workflows and their Http actions, as the component registers them."""
from urllib.parse import parse_qs, urlsplit

from conftest import of_type

WORKFLOW = "azure-native:logic:Workflow"
SECURITY_RULE = "azure-native:network:SecurityRule"

# The Workflow Definition Language's top-level attributes and schema URL, from Microsoft's
# "Schema reference guide for the Workflow Definition Language in Azure Logic Apps"
# (learn.microsoft.com/azure/logic-apps/logic-apps-workflow-definition-language). The schema file
# itself is not published in any package this machine can install (README.md says what that leaves).
DEFINITION_ATTRIBUTES = {"$schema", "actions", "contentVersion", "outputs", "parameters", "staticResults", "triggers"}
DEFINITION_SCHEMA = "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#"
ARM_ENDPOINT = "management.azure.com"


def workflows(resources):
    found = of_type(resources, WORKFLOW)
    assert found, "the component registered no Logic App workflow with SSH open and enforceInCloud"
    return found


def http_actions(workflow):
    """(name, action) of every Http action of the workflow's definition."""
    actions = workflow["inputs"]["definition"].get("actions", {})
    found = [(name, a) for name, a in actions.items() if a.get("type") == "Http"]
    assert found, f"workflow {workflow['name']} has no Http action"
    return found


def split_arm_uri(uri):
    """(host, path, api-version) of an ARM request URI."""
    parts = urlsplit(uri)
    assert parts.scheme == "https", f"{uri}: not https"
    versions = parse_qs(parts.query).get("api-version", [])
    assert len(versions) == 1, f"{uri}: want one api-version, got {versions}"
    return parts.hostname, parts.path, versions[0]


def ssh_rule_ids(resources):
    """ARM ids of the stack's inbound security rules that admit TCP 22."""
    ids = []
    for rule in of_type(resources, SECURITY_RULE):
        i = rule["inputs"]
        ports = [i.get("destinationPortRange")] + list(i.get("destinationPortRanges") or [])
        if i.get("direction") == "Inbound" and i.get("access") == "Allow" and str(i.get("protocol")).lower() == "tcp" and "22" in ports:
            ids.append(rule["id"])
    return ids
