#!/usr/bin/env python3
"""The evaluation gate: extract the development set, score it, and fail below the floors.

    python scripts/eval_gate.py [--detail] [--shared PATH]

Runs `uprising extract` on the documents of shared/eval/dev/gold.*.jsonl (the gold answers are
stripped first: the extractor never sees them), scores with shared/eval/score.py, prints the
figures and exits 1 when any figure is below its floor in eval/floors.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUT_FIELDS = ("id", "text", "published", "url", "publisher", "language")


def strip_gold(gold: Path, out: Path) -> None:
    with gold.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            if line.strip():
                record = json.loads(line)
                doc = {k: record.get(k) for k in INPUT_FIELDS}
                dst.write(json.dumps(doc, ensure_ascii=False) + "\n")


def score(shared: Path, gold: Path, pred: Path, detail: bool) -> dict[str, object]:
    scorer = [sys.executable, str(shared / "eval" / "score.py"), "--gold", str(gold),
              "--pred", str(pred)]
    if detail:
        print(subprocess.run([*scorer, "--detail"], capture_output=True, text=True,
                             check=True).stdout)
    run = subprocess.run([*scorer, "--json"], capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(run.stdout)
    return result


def figures(result: dict[str, object]) -> dict[str, float]:
    """Flatten the scorer's JSON into names like claims_f1 and claims_place."""
    flat: dict[str, float] = {"overall": float(result["overall"])}  # type: ignore[arg-type]
    for kind in ("claims", "persons", "incidents"):
        part = result[kind]
        assert isinstance(part, dict)
        flat[f"{kind}_f1"] = float(part["f1"])
        for name, value in part["attributes"].items():
            flat[f"{kind}_{name}"] = float(value)
    return flat


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detail", action="store_true", help="print every miss and extra")
    parser.add_argument("--shared", type=Path,
                        default=Path(os.environ.get("UPRISING_SHARED", ROOT.parent / "shared")))
    parser.add_argument("--floors", type=Path, default=ROOT / "eval" / "floors.json")
    args = parser.parse_args()
    floors = json.loads(args.floors.read_text(encoding="utf-8"))
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("en", "fa"):
            gold = args.shared / "eval" / "dev" / f"gold.{lang}.jsonl"
            if not gold.exists():
                failures.append(f"{gold} is missing")
                continue
            docs, pred = Path(tmp) / f"in.{lang}.jsonl", Path(tmp) / f"pred.{lang}.jsonl"
            strip_gold(gold, docs)
            subprocess.run([sys.executable, "-m", "uprising", "extract", str(docs), "-o",
                            str(pred)], check=True)
            got = figures(score(args.shared, gold, pred, args.detail))
            shown = " ".join(f"{k}={v:.3f}" for k, v in sorted(got.items()))
            print(f"dev {lang}: {shown}")
            for name, floor in floors.get(lang, {}).items():
                if got.get(name, 0.0) + 1e-9 < floor:
                    failures.append(f"dev {lang}: {name} = {got.get(name, 0.0):.3f} is below "
                                    f"its floor {floor:.3f}")
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    if not failures:
        print("evaluation gate: every figure is at or above its floor")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
