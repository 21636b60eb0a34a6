"""The app as `nettfin serve` runs it (`served_app`): in a process of its own, the objects its building made are
frozen out of the garbage collector's full collections, and young collections come less often. Run in a child
process: frozen objects are never collected, which a test process that builds and drops apps must not do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from nettfin.server.app import YOUNG_COLLECTION_THRESHOLD

_CHILD = """
import gc, json, sys
from nettfin.server.db.migrate import upgrade
upgrade(sys.argv[1])
before = gc.get_freeze_count()
from nettfin.server.app import served_app
app = served_app()
print(json.dumps({"before": before, "frozen": gc.get_freeze_count(), "threshold": gc.get_threshold(),
                  "app": type(app).__name__}))
"""


def test_a_served_apps_process_freezes_what_building_it_made(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'served.db'}"
    env = {**os.environ, "NETTFIN_DATABASE_URL": url, "NETTFIN_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", _CHILD, url], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["app"] == "NettfinApp"
    assert found["before"] == 0
    # Routes, models, schemas and mappers: hundreds of thousands of objects (1.4 million with the demo served).
    assert found["frozen"] > 100_000
    assert found["threshold"][0] == YOUNG_COLLECTION_THRESHOLD
