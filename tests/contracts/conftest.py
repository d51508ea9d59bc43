"""Shared fixtures: the component's payloads, as tests/contracts/dump wrote them.

make contracts-test runs the dump first and passes its file in CONTRACTS_PAYLOADS; the tests read
what the component produced, never hand-written copies of it.
"""
import json
import os

import pytest


def _payloads_path():
    path = os.environ.get("CONTRACTS_PAYLOADS")
    if not path:
        raise pytest.UsageError("CONTRACTS_PAYLOADS is not set: run `make contracts-test`, which writes the payloads first")
    return path


def load_payloads():
    with open(_payloads_path()) as f:
        return json.load(f)


@pytest.fixture(scope="session")
def payloads():
    return load_payloads()


@pytest.fixture(scope="session")
def resources(payloads):
    return payloads["resources"]


def of_type(resources, token):
    """The registrations of one type token."""
    return [r for r in resources if r["type"] == token]
