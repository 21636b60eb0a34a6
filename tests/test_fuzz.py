"""Schemathesis against nettfin in process: generated requests, valid and invalid, to every operation of nettfin's
own OpenAPI document, under both path prefixes, as a tenant of the demo company, on each database.

Fails on any 5xx and on any response the document does not allow (status code, content type, body schema).
`NETTFIN_FUZZ_EXAMPLES` is the budget per operation and prefix; the default keeps a run near a minute per
database. The campaign of docs/test-suite.md raises it, adds schemathesis's coverage phase
(`NETTFIN_FUZZ_COVERAGE=1`: boundary and type-mutated values for every parameter and body member) and the real
Visma.net documents of the current /v1 and /v2 surface (`NETTFIN_FUZZ_VISMA=1`), checked for server errors only
(their response schemas forbid nulls nettfin still sends, a separate matter; operations nettfin does not serve
answer 404).
"""

from __future__ import annotations

import copy
import os
import zlib
from collections import Counter
from contextlib import ExitStack, nullcontext
from pathlib import Path

import pytest
import schemathesis
import yaml
from _pytest.nodes import Node, coerce_node_id
from schemathesis.checks import not_a_server_error
from schemathesis.python.asgi import shutdown_lifespans
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from nettfin.server.app import LEGACY_PREFIX
from nettfin.server.docs import OPENAPI_URL
from tests.demo_keys import DEMO_KEYS
from tests.party_factories import seeded_demo
from tests.test_visma_contract import REFERENCE

if not hasattr(Node, "_nodeid"):
    # schemathesis 4.32 names each operation's subtest by rewriting `node._nodeid`, which pytest 9.2 keeps as
    # `node._id`: the same attribute under its old name.
    Node._nodeid = property(lambda node: node.nodeid, lambda node, value: setattr(node, "_id", coerce_node_id(value)))

EXAMPLES = int(os.environ.get("NETTFIN_FUZZ_EXAMPLES", "10"))
COVERAGE = os.environ.get("NETTFIN_FUZZ_COVERAGE", "") == "1"
VISMA = os.environ.get("NETTFIN_FUZZ_VISMA", "") == "1"
# The same cases each run; a campaign may give another seed to explore others.
SEED = int(os.environ.get("NETTFIN_FUZZ_SEED", "20260101"))
DOCUMENT_CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
VISMA_DOCUMENTS = {
    path.name.removeprefix("visma-").removesuffix("-api-openapi.yml"): path
    for folder in ("visma-openapi", "visma-openapi-more")
    for path in sorted((REFERENCE / folder).glob("visma-*.yml"))
}


@pytest.fixture(scope="module")
def fuzz_demo(database_url, tmp_path_factory):
    """The demo company in a database of its own, on the backend of this run: what the fuzzer writes stays
    there."""
    with ExitStack() as stack:
        client = stack.enter_context(seeded_demo(tmp_path_factory.mktemp("fuzz"), database_url))
        # schemathesis keeps the app it called started until the process exits: release it with its database.
        stack.callback(shutdown_lifespans)
        yield client


@pytest.fixture
def sent(request):
    """Responses by status code, printed when the test ends: the number of requests the run made."""
    statuses = Counter()
    yield statuses
    errors = sum(count for status, count in statuses.items() if status >= 500)
    by_status = ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items()))
    line = f"{request.node.name}: {statuses.total()} requests, {errors} 5xx ({by_status})"
    request.node.user_properties.append(("requests", line))
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:  # none in a pytest-xdist worker: the line is then in the test's user_properties
        with capture.global_and_fixture_disabled() if capture is not None else nullcontext():
            reporter.write_line(line)


def _call(case, sent):
    """Send the case, about half the time naming a demo record (tests/demo_keys.py) in its path instead of what
    was generated (chosen by a hash of the generated value, so a case and its replays agree), and count the
    response."""
    for name, value in list(case.path_parameters.items()):
        keys = DEMO_KEYS.get(name.lower())
        digest = zlib.crc32(repr(value).encode())
        if keys and digest % 2:
            case.path_parameters[name] = keys[digest // 2 % len(keys)]
    response = case.call()
    sent[response.status_code] += 1
    return response


def _schema(document: dict, client) -> schemathesis.BaseSchema:
    config = schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "suppress-health-check": ["all"],
            # As the demo company's tenant; no generated credentials.
            "headers": {name: client.headers[name] for name in ("Authorization", "ipp-company-id")},
            "generation": {
                "mode": "all",
                "max-examples": EXAMPLES,
                "deterministic": True,
                "database": "none",
                "with-security-parameters": False,
            },
            "phases": {"coverage": {"enabled": COVERAGE}, "stateful": {"enabled": False}},
        }
    )
    schema = schemathesis.openapi.from_dict(document, config=config)
    schema.app = client.app
    return schema


@pytest.fixture(scope="module", params=["legacy", "current"])
def nettfin_schema(request, fuzz_demo):
    """nettfin's document as served, or with every controller path under `/v1/...` (`/v2/...`) instead of the
    legacy prefix: nettfin serves both."""
    document = copy.deepcopy(fuzz_demo.get(OPENAPI_URL).json())
    if request.param == "current":
        document["paths"] = {
            path.removeprefix(LEGACY_PREFIX): item
            for path, item in document["paths"].items()
            if path.startswith(LEGACY_PREFIX + "/")
        }
    return _schema(document, fuzz_demo)


# Revoking the token the run uses would leave every later request a 401.
nettfin_document = schemathesis.pytest.from_fixture("nettfin_schema").exclude(
    method="DELETE", path="/API/security/api/v1/token"
)


@pytest.mark.slow
@nettfin_document.parametrize()
def test_nettfin_document(case, sent):
    response = _call(case, sent)
    case.validate_response(response, checks=DOCUMENT_CHECKS)


# --- the real documents -------------------------------------------------------------------------------------


def _yaml(path: Path) -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)  # noqa: S506 - a safe loader


@pytest.fixture(scope="module", params=sorted(VISMA_DOCUMENTS) if VISMA else ["visma"])
def visma_schema(request, fuzz_demo):
    if not VISMA:
        pytest.skip("the real documents are fuzzed in the campaign: NETTFIN_FUZZ_VISMA=1")
    return _schema(_yaml(VISMA_DOCUMENTS[request.param]), fuzz_demo)


visma_document = schemathesis.pytest.from_fixture("visma_schema")


@pytest.mark.slow
@visma_document.parametrize()
def test_visma_document(case, sent):
    response = _call(case, sent)
    case.validate_response(response, checks=[not_a_server_error])
