"""The service's error texts live once, in kit/messages.py: their wording, and a check that the common ones are
not spelled out again elsewhere in the server."""

from __future__ import annotations

import re

from nettfin.server.kit import messages
from tests.paths import REPO

SERVER = REPO / "src" / "nettfin" / "server"

# Texts that differ from the common pattern on purpose, each with its reason.
OWN_WORDING = {
    # The knowledge base's article title, quoted without its final period.
    "tax/determination.py": "TaxID '{vat_id}' cannot be found in the system\"",
    # The reference says what a POST's refNbr is for; the message says it too.
    "timecards/cards.py": "cannot be found in the system (a POST's refNbr names a card to correct).",
    # A record under two keys: the segment number and its dimension.
    "ledger/dimensions.py": "Segment {segment_id} of dimension '{dimension_id}' not found.",
}


def test_the_texts_are_the_services():
    assert messages.not_found("Department", "X") == "Department 'X' not found."
    assert (
        messages.cannot_be_found("Expense account", "9999") == "Expense account '9999' cannot be found in the system."
    )
    assert messages.cannot_be_empty("Department ID") == "'Department ID' cannot be empty."
    assert messages.already_exists("Customer ID", "K1", numbered=True) == (
        "'Customer ID' 'K1' already exists; choose another number or omit it to use the number series."
    )
    assert messages.already_exists("Account", "3000") == "'Account' '3000' already exists; choose another."
    assert messages.inactive("Account", "3000") == "Account '3000' is inactive."


def test_no_server_module_spells_out_a_text_that_has_a_home():
    spelled = re.compile(r"""f"[^"\n]*(cannot be found in the system|' not found\.)""")
    found = []
    for path in sorted(SERVER.rglob("*.py")):
        relative = path.relative_to(SERVER).as_posix()
        if relative.startswith("db/migrations/") or relative == "kit/messages.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if spelled.search(line) and not (relative in OWN_WORDING and OWN_WORDING[relative] in line):
                found.append(f"{relative}:{number}: {line.strip()}")
    assert not found, "use kit.messages for these texts:\n" + "\n".join(found)
