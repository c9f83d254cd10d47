"""The shipped gazetteer is exactly what scripts/build_gazetteer.py makes from its sources."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from uprising.geo.gazetteer import load_gazetteer, parse_gazetteer

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_gazetteer.py"


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_gazetteer", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rebuilt() -> tuple[ModuleType, dict[str, object]]:
    module = _builder()
    return module, module.build()


def test_shipped_gazetteer_matches_a_fresh_build(
    rebuilt: tuple[ModuleType, dict[str, object]],
) -> None:
    module, data = rebuilt
    shipped = module.OUTPUT.read_text(encoding="utf-8")
    assert shipped == module.dumps(data), (
        "src/uprising/geo/data/gazetteer.json drifted from its sources; "
        "run: python scripts/build_gazetteer.py"
    )


def test_rebuilt_gazetteer_parses_and_keeps_all_provinces(
    rebuilt: tuple[ModuleType, dict[str, object]],
) -> None:
    _, data = rebuilt
    gazetteer = parse_gazetteer(json.loads(json.dumps(data)))
    assert len(gazetteer.provinces) == 31
    assert gazetteer.provinces == load_gazetteer().provinces


def test_shipped_gazetteer_stays_small() -> None:
    size = (ROOT / "src" / "uprising" / "geo" / "data" / "gazetteer.json").stat().st_size
    assert size < 2_000_000
