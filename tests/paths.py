"""Where the repository and the real service's reference material are, wherever a test module sits."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The real service's documents and captures, beside the repository (../shared/reference).
REFERENCE = REPO.parent / "shared" / "reference"
