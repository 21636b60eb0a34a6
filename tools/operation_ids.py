"""Write src/nettfin/server/operation_ids.json, the real service's operationIds by method and path template, from
the real Visma documents (shared/reference/ beside the repository). nettfin's OpenAPI documents carry these ids
(nettfin/server/operation_ids.py), so clients generated from them name their methods as Visma's do.

Sources, the first that describes an operation wins:
1. the current surface's per-resource documents (visma-openapi/ and visma-openapi-more/): paths `/v1/...` and
   `/v2/...`, as nettfin serves them under either surface prefix;
2. the 2016 legacy swagger (visma-net-swagger-2016.json, base path `/API`), for the operations only it describes
   (journal transactions v1, general ledger balances, the security tokens): `/controller/api/v1/...` is keyed
   `/v1/...` like the current documents, the others (`/security/api/...`) by their full path `/API/...`.

Templates are compared with parameter names and letter case set aside, as nettfin looks them up. Two operations of
one source that compare alike, or one real id on two operations, are ambiguities: they are reported on stderr,
the first (in file and path order) is kept, and the exit status is 1.

    python tools/operation_ids.py [--reference DIR] [--check]

--check writes nothing and exits 1 when the shipped file differs from what the reference gives.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from nettfin.server.operation_ids import HTTP_METHODS, OPERATION_IDS, operation_key  # noqa: E402

REFERENCE = ROOT.parent / "shared" / "reference"
CURRENT_FOLDERS = ("visma-openapi", "visma-openapi-more")
LEGACY_SWAGGER = "visma-net-swagger-2016.json"
LEGACY_CONTROLLER = "/controller/api"


def _operations(document: dict, rekey=lambda path: path):
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            if method in HTTP_METHODS and operation.get("operationId"):
                yield f"{method.upper()} {rekey(path)}", operation["operationId"]


def _legacy_path(path: str) -> str:
    return path.removeprefix(LEGACY_CONTROLLER) if path.startswith(LEGACY_CONTROLLER + "/") else "/API" + path


def sources(reference: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """(source name, ["METHOD template", operationId]) per source, in precedence order."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    current = []
    for folder in CURRENT_FOLDERS:
        for file in sorted((reference / folder).glob("*.yml")):
            with file.open(encoding="utf-8") as handle:
                current += _operations(yaml.load(handle, Loader=loader))  # noqa: S506 - a safe loader
    legacy = json.loads((reference / LEGACY_SWAGGER).read_text(encoding="utf-8"))
    return [("current documents", current), (LEGACY_SWAGGER, list(_operations(legacy, _legacy_path)))]


def operation_ids(reference: Path) -> tuple[dict[str, str], list[str]]:
    """The file's content ("METHOD template" -> operationId, sorted) and the ambiguities found."""
    chosen: dict[str, tuple[str, str]] = {}  # operation_key -> (template, id)
    owners: dict[str, str] = {}  # id -> template
    ambiguities = []
    for source, operations in sources(reference):
        seen: dict[str, str] = {}  # operation_key -> this source's first template
        for template, operation_id in operations:
            key = operation_key(*template.split(" ", 1))
            if key in seen:
                ambiguities.append(f"{source}: {template} ({operation_id}) matches {seen[key]} as well")
                continue
            seen[key] = template
            if key in chosen:
                continue  # an earlier source describes it
            if operation_id in owners:
                ambiguities.append(f"{source}: {operation_id} names {owners[operation_id]} and {template}")
                continue
            chosen[key] = (template, operation_id)
            owners[operation_id] = template
    return dict(sorted(chosen.values())), ambiguities


def render(ids: dict[str, str]) -> str:
    return json.dumps(ids, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, default=REFERENCE, help="the shared/reference folder")
    parser.add_argument("--check", action="store_true", help="compare with the shipped file, write nothing")
    arguments = parser.parse_args(argv)
    ids, ambiguities = operation_ids(arguments.reference)
    for ambiguity in ambiguities:
        print(f"ambiguous: {ambiguity}", file=sys.stderr)
    text = render(ids)
    if arguments.check:
        if OPERATION_IDS.read_text(encoding="utf-8") != text:
            print(
                f"{OPERATION_IDS} is not what {arguments.reference} gives: run tools/operation_ids.py", file=sys.stderr
            )
            return 1
    else:
        OPERATION_IDS.write_text(text, encoding="utf-8")
        print(f"{len(ids)} operationIds written to {OPERATION_IDS.relative_to(ROOT)}")
    return 1 if ambiguities else 0


if __name__ == "__main__":
    sys.exit(main())
