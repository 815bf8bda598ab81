#!/usr/bin/env python3
"""Fetch the test corpus by the facts recorded in tests/corpus-sources.json (repository, commit,
path, SHA-256) into the folder the tests look in, or check a folder against those facts.

    python scripts/fetch_corpus.py                    # into $ITU_REVIEW_CORPUS, else the cache folder
    python scripts/fetch_corpus.py --from ../shared   # copy from a local copy instead of the network
    python scripts/fetch_corpus.py --check ../shared  # is that copy what the record says?

Exit 0 when every file with a known source is in place, 1 otherwise. The seed has no public source:
copy it (--from) or do without the tests that need it (they skip, saying so).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import corpus  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--into", type=Path, help="target folder (default: $ITU_REVIEW_CORPUS, else "
                                                  f"{corpus.fetched_root()})")
    parser.add_argument("--from", dest="copy_from", type=Path, help="copy from this folder (laid out as ../shared)")
    parser.add_argument("--url", help="address template with {repository}, {commit} and {path} "
                                      f"(default {corpus.manifest()['url']})")
    parser.add_argument("--check", type=Path, metavar="DIR", help="only check DIR against the record")
    args = parser.parse_args()
    if args.check:
        problems = corpus.verify(args.check)
        for problem in problems:
            print(problem)
        print(f"{args.check}: {'as recorded' if not problems else f'{len(problems)} problem(s)'}", file=sys.stderr)
        return 1 if problems else 0
    into = args.into or Path(os.environ.get("ITU_REVIEW_CORPUS") or corpus.fetched_root())
    missing = corpus.fetch(into, url=args.url, copy_from=args.copy_from)
    unfetchable = {e["file"] for e in corpus.manifest()["files"] if e["path"] is None}
    failed = [m for m in missing if m not in unfetchable or args.copy_from]
    print(f"{into}: {len(corpus.manifest()['files']) - len(missing)} files in place, {len(missing)} missing"
          + (f" ({len(missing) - len(failed)} without a public source)" if len(missing) != len(failed) else ""),
          file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
