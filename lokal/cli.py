"""Command line: ``python -m lokal demo [--seed N] [--path P]``.

Subcommands so that more can be added later (backup, import, ...).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from lokal import db


def _demo(args: argparse.Namespace) -> int:
    from lokal import demo

    path = args.path or db.db_path()
    started = time.perf_counter()
    counts = demo.build_demo_db(path, seed=args.seed)
    seconds = time.perf_counter() - started
    print(f"Demodata (seed {args.seed}) skrevet til {path} på {seconds:.1f} s:")
    for table, n in counts.items():
        print(f"  {table:<24} {n:>6}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lokal", description="Lokal – værktøjer til databasen.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    demo = commands.add_parser(
        "demo",
        help="Byg en ny database med demodata (erstatter filen).",
        description="Byg en ny database med demodata for Aalborg Kommune. En eksisterende fil erstattes.",
    )
    demo.add_argument("--seed", type=int, default=42, help="Tilfældighedsfrø (samme frø giver samme data).")
    demo.add_argument("--path", help="Databasefil (standard: $LOKAL_DB eller data/lokal.duckdb).")
    demo.set_defaults(func=_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except db.LokalDbError as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return 1
