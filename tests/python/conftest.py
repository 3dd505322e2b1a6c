import json
import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(os.environ.get("TENET_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
WELD = ROOT / "rulesets" / "colorado" / "weld.tenet"
SAMPLE = ROOT / "rulesets" / "colorado" / "caseload" / "weld_sample.jsonl"
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def weld():
    import tenet
    return tenet.load(WELD)


@pytest.fixture(scope="session")
def sample_cases():
    with open(SAMPLE) as f:
        return [json.loads(line) for line in f]
