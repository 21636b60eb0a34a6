"""docs/testing.md's complete test file, copied into an empty directory and run with pytest as its reader would:
the plugin comes with nettfin, so the file needs nothing else."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

DOC = Path(__file__).parents[2] / "docs" / "testing.md"


def test_the_guides_test_file_passes_as_written(tmp_path):
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(), re.S)
    example = next(block for block in blocks if block.startswith("# test_invoicing.py"))
    (tmp_path / "test_invoicing.py").write_text(example)
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = -p no:cacheprovider\n")
    env = {**os.environ, "NETTFIN_TEST_CACHE": str(tmp_path / "cache")}
    env.pop("NETTFIN_URL", None)
    finished = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "test_invoicing.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert finished.returncode == 0, (finished.stdout + finished.stderr)[-3000:]
    assert "4 passed" in finished.stdout
