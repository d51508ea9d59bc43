"""Microsoft's REST API definitions as its generated Python clients carry them, read as source text
(the packages are installed without their dependencies and never imported): URL templates, HTTP
methods and default api-versions of operations, model attribute maps and enums."""
import ast
import re
import sysconfig
from functools import lru_cache
from pathlib import Path

PACKAGES = Path(sysconfig.get_paths()["purelib"]) / "azure" / "mgmt"


@lru_cache(maxsize=None)
def _tree(relative):
    path = PACKAGES / relative
    assert path.exists(), f"{path} is missing: make contracts-test installs tests/contracts/azure-sources.txt"
    return ast.parse(path.read_text())


def network_operation(name):
    """(HTTP method, URL template, api-version) of azure-mgmt-network's build_<name>_request."""
    fn = next((n for n in ast.walk(_tree("network/operations/_operations.py"))
               if isinstance(n, ast.FunctionDef) and n.name == f"build_{name}_request"), None)
    assert fn, f"azure-mgmt-network has no build_{name}_request"
    method = template = api_version = None
    for node in ast.walk(fn):
        if not isinstance(node, ast.Call):
            continue
        if getattr(node.func, "id", None) == "HttpRequest":
            method = next(k.value.value for k in node.keywords if k.arg == "method")
        strings = [a.value for a in node.args if isinstance(a, ast.Constant)]
        if strings[:1] == ["template_url"]:
            template = strings[1]
        default = node.args[1] if strings[:1] == ["api_version"] and len(node.args) > 1 else None
        if isinstance(default, ast.Call) and isinstance(default.args[-1], ast.Constant):
            api_version = default.args[-1].value  # _params.pop("api-version", "<default>")
    return method, template, api_version


def template_regex(template):
    """The URL template as a full-match pattern: each {parameter} is one path segment."""
    return re.compile("^" + re.sub(r"\\\{[A-Za-z]+\\\}", "[^/]+", re.escape(template)) + "$")


def _class(relative, name):
    cls = next((n for n in _tree(relative).body if isinstance(n, ast.ClassDef) and n.name == name), None)
    assert cls, f"azure-mgmt {relative} has no class {name}"
    return cls


def _class_dict(cls, attribute):
    for node in cls.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == attribute:
            return ast.literal_eval(node.value)
    return {}


def logic_model(name):
    """{wire key: type} of an azure-mgmt-logic model, without the read-only (server-set) members."""
    cls = _class("logic/models/_models_py3.py", name)
    readonly = {k for k, v in _class_dict(cls, "_validation").items() if v.get("readonly")}
    return {v["key"]: v["type"] for k, v in _class_dict(cls, "_attribute_map").items() if k not in readonly}


def logic_enum(name):
    """The values of an azure-mgmt-logic enum."""
    cls = _class("logic/models/_logic_management_client_enums.py", name)
    return {n.value.value for n in cls.body if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant)}


def logic_api_version():
    tree = _tree("logic/_configuration.py")
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and [getattr(a, "value", None) for a in node.args[:1]] == ["api_version"]:
            return node.args[1].value
    raise AssertionError("azure-mgmt-logic names no default api_version")
