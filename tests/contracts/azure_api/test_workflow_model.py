"""The token-registered workflow against Microsoft.Logic's REST API (azure-mgmt-logic 10.0.0,
api-version 2019-05-01, the version azure-native v2.92.0 uses), and its definition against what the
Workflow Definition Language documents."""
from datetime import datetime

from azure_api import sources
from azure_api.workflow import DEFINITION_ATTRIBUTES, DEFINITION_SCHEMA, http_actions, workflows

# azure-native takes the ARM path's parameters as inputs, and flattens "properties.*".
PATH_PARAMETERS = {"resourceGroupName", "workflowName"}


def test_workflow_inputs_are_properties_of_the_logic_api(resources):
    assert sources.logic_api_version() == "2019-05-01"
    model = {key.removeprefix("properties."): typ for key, typ in sources.logic_model("Workflow").items()}
    for workflow in workflows(resources):
        unknown = sorted(set(workflow["inputs"]) - set(model) - PATH_PARAMETERS)
        assert not unknown, f"workflow {workflow['name']}: {unknown} are no writable Microsoft.Logic/workflows properties (have {sorted(model)})"
        assert workflow["inputs"].get("definition"), f"workflow {workflow['name']}: no definition"
        assert workflow["inputs"].get("state", "Enabled") in sources.logic_enum("WorkflowState")


def test_workflow_identity_is_a_managed_identity(resources):
    allowed = set(sources.logic_model("ManagedServiceIdentity"))
    for workflow in workflows(resources):
        identity = workflow["inputs"].get("identity")
        assert identity, f"workflow {workflow['name']}: no identity, so its Http action cannot authenticate"
        assert set(identity) <= allowed, f"workflow {workflow['name']}: identity keys {sorted(identity)}, allowed {sorted(allowed)}"
        assert identity["type"] in sources.logic_enum("ManagedServiceIdentityType")


def test_recurrence_triggers_match_the_logic_api_model(resources):
    allowed = sources.logic_model("WorkflowTriggerRecurrence")
    frequencies = sources.logic_enum("RecurrenceFrequency")
    for workflow in workflows(resources):
        triggers = workflow["inputs"]["definition"].get("triggers", {})
        assert triggers, f"workflow {workflow['name']}: no trigger"
        for name, trigger in triggers.items():
            if trigger.get("type") != "Recurrence":
                continue
            recurrence = trigger["recurrence"]
            where = f"workflow {workflow['name']} trigger {name}"
            assert set(recurrence) <= set(allowed), f"{where}: {sorted(set(recurrence) - set(allowed))} are no recurrence fields ({sorted(allowed)})"
            assert recurrence["frequency"] in frequencies, f"{where}: frequency {recurrence['frequency']!r} not in {sorted(frequencies)}"
            assert isinstance(recurrence["interval"], int) and recurrence["interval"] > 0, f"{where}: interval {recurrence['interval']!r}"
            datetime.fromisoformat(recurrence["startTime"].replace("Z", "+00:00"))


def test_definition_follows_the_definition_language(resources):
    for workflow in workflows(resources):
        definition = workflow["inputs"]["definition"]
        where = f"workflow {workflow['name']}"
        assert set(definition) <= DEFINITION_ATTRIBUTES, f"{where}: {sorted(set(definition) - DEFINITION_ATTRIBUTES)} are no definition attributes"
        assert definition.get("$schema") == DEFINITION_SCHEMA, f"{where}: $schema {definition.get('$schema')!r}"
        actions = definition.get("actions", {})
        for name, action in actions.items():
            for after in action.get("runAfter", {}):
                assert after in actions, f"{where} action {name}: runAfter names {after}, no action of the workflow"
        for name, action in http_actions(workflow):
            inputs = action["inputs"]
            assert {"method", "uri"} <= set(inputs), f"{where} action {name}: an Http action needs method and uri"
            auth = inputs.get("authentication", {})
            assert auth.get("type") == "ManagedServiceIdentity", f"{where} action {name}: authenticates as {auth.get('type')!r}, not the workflow's identity"
            assert auth.get("audience", "").rstrip("/") == "https://management.azure.com", f"{where} action {name}: token audience {auth.get('audience')!r}"
