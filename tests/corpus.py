"""The real test documents: where the tests find them, where they come from, and which tests need them.

The corpus (``corpus/…``) and the seed (``seeds/…``) are not in this repository. They are looked for
in ``$ITU_REVIEW_CORPUS`` if it is set (a folder laid out as ``../shared`` is: ``corpus/``, ``seeds/``),
else in ``../shared`` beside the repository, else in the folder ``scripts/fetch_corpus.py`` fills
(``test-data`` in the platform's cache directory). ``corpus-sources.json`` records where each file
comes from: repository, commit, path and SHA-256.

A test that uses the corpus or the seed is found by reading its module: it names ``CORPUS`` or
``SEED``, directly or through a module-level name, helper or fixture defined from them (so a test
written tomorrow needs no marker to be right). Such a test is marked ``corpus`` and skips with one
reason when its data is absent; where the data must be there (CI, with ``../shared``), it fails.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
import urllib.request
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MANIFEST = Path(__file__).resolve().parent / "corpus-sources.json"
SEED_NAME = "000_e310e85665603d26.txt"
#: The names through which a test reaches the data, and what each needs.
DATA_NAMES = {"CORPUS": "corpus", "SEED": "seed", "SHARED": "corpus"}


def fetched_root() -> Path:
    """Where scripts/fetch_corpus.py puts the data when $ITU_REVIEW_CORPUS is not set."""
    from platformdirs import user_cache_path

    return user_cache_path("itu-review") / "test-data"


def candidate_roots() -> list[Path]:
    given = os.environ.get("ITU_REVIEW_CORPUS")
    if given:
        return [Path(given)]
    return [SHARED, fetched_root()]


def _first(relative: str) -> Path | None:
    for root in candidate_roots():
        if (root / relative).exists():
            return root
    return None


def corpus_dir() -> Path:
    """The corpus folder; where it would be if it is nowhere (its globs then find nothing)."""
    root = _first("corpus")
    return (root or candidate_roots()[0]) / "corpus"


def seed_file() -> Path:
    root = _first(f"seeds/{SEED_NAME}")
    return (root or candidate_roots()[0]) / "seeds" / SEED_NAME


def available() -> dict[str, bool]:
    return {"corpus": corpus_dir().is_dir() and any(corpus_dir().glob("*/*")), "seed": seed_file().is_file()}


def must_be_present() -> bool:
    """CI with ../shared beside the repository (or ITU_REVIEW_REQUIRE_CORPUS=1): nothing may skip."""
    if os.environ.get("ITU_REVIEW_REQUIRE_CORPUS") == "1":
        return True
    return os.environ.get("CI", "").lower() in ("1", "true", "yes") and SHARED.is_dir()


# -- which tests need the data ------------------------------------------------------------------------

def _names(node: ast.AST) -> set[str]:
    """Every name a piece of code uses, imported names included."""
    found: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            found.add(sub.id)
        elif isinstance(sub, ast.alias):
            found.add(sub.asname or sub.name)
    return found


def _body(node: ast.AST) -> list[ast.AST]:
    """What a definition runs: a function's arguments and body without its decorators (a test's
    parameters are judged one by one, see ``item_needs``)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return [node.args, *node.body]
    return [node]


@cache
def module_needs(path: str) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """For each module-level name of a test module (function, method, class, assignment), the data
    it needs, followed through names to a fixed point: ``FILES = sorted(CORPUS.glob(…))`` needs the
    corpus, so does a helper that returns ``FILES``, and so does every test calling that helper. And
    for each function, the data its decorators (its parameter lists) name."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    defs: dict[str, list[ast.AST]] = {}
    decorators: dict[str, set[str]] = {}

    def define(name: str, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        defs.setdefault(name, []).extend(_body(node))
        decorators[name] = set().union(set(), *(_names(d) for d in node.decorator_list))

    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            define(node.name, node)
        elif isinstance(node, ast.ClassDef):
            defs.setdefault(node.name, []).extend(node.bases)
            for sub in node.body:
                if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    define(f"{node.name}.{sub.name}", sub)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in _names(target):
                    defs.setdefault(name, []).append(node)
    uses = {name: set().union(set(), *(_names(n) for n in nodes)) - {name} for name, nodes in defs.items()}
    needs: dict[str, set[str]] = {name: {DATA_NAMES[u] for u in used if u in DATA_NAMES}
                                  for name, used in uses.items()}
    changed = True
    while changed:
        changed = False
        for name, used in uses.items():
            more = set().union(set(), *(needs.get(u, set()) for u in used)) - needs[name]
            if more:
                needs[name] |= more
                changed = True

    def data_of(names: set[str]) -> frozenset[str]:
        direct = {DATA_NAMES[n] for n in names if n in DATA_NAMES}
        return frozenset(direct.union(*(needs.get(n, set()) for n in names)))

    return ({name: frozenset(n) for name, n in needs.items() if n},
            {name: data_of(names) for name, names in decorators.items() if data_of(names)})


def path_needs(value: object) -> frozenset[str]:
    """What a test parameter needs: a path in the corpus needs the corpus, the seed's path the seed."""
    if not isinstance(value, Path):
        return frozenset()
    if value == seed_file():
        return frozenset({"seed"})
    corpus = corpus_dir()
    return frozenset({"corpus"}) if value == corpus or corpus in value.parents else frozenset()


def item_needs(path: str, function: str, cls: str | None, fixtures: Iterable[str], params: dict[str, object],
               empty_parameter_set: bool) -> frozenset[str]:
    """The data one collected test needs: its function's (and class's), its fixtures', its own
    parameters' and, when the absent corpus left its parameter list empty, what that list was made of."""
    table, decorated = module_needs(path)
    name = f"{cls}.{function}" if cls else function
    found = set(table.get(name, frozenset())) | set(table.get(cls or "", frozenset()))
    for fixture in fixtures:
        found |= table.get(fixture, frozenset())
    for value in params.values():
        found |= path_needs(value)
    if empty_parameter_set:
        found |= decorated.get(name, frozenset())
    return frozenset(found)


# -- fetching -----------------------------------------------------------------------------------------

def manifest() -> dict:  # type: ignore[type-arg]
    return json.loads(MANIFEST.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(into: Path, url: str | None = None, copy_from: Path | None = None,
          say: Callable[[str], None] = print, doc: dict | None = None) -> list[str]:  # type: ignore[type-arg]
    """Put every file of the manifest under ``into`` (``corpus/…``, ``seeds/…``), from a local copy laid
    out the same way or from the repositories (``url`` is a template with {repository}, {commit},
    {path}); each file is kept only if its SHA-256 is the recorded one. The files not obtained."""
    doc = doc or manifest()
    template = url or doc["url"]
    missing: list[str] = []
    for entry in doc["files"]:
        target = into / entry["file"]
        if target.is_file() and sha256(target) == entry["sha256"]:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        try:
            if copy_from is not None:
                shutil.copyfile(copy_from / entry["file"], partial)
            elif entry["path"] is None:
                raise LookupError(entry.get("note", "no known source"))
            else:
                source = doc["sources"][entry["source"]]
                address = template.format(repository=source["repository"], commit=source["commit"],
                                          path=urllib.request.pathname2url(entry["path"]).lstrip("/"))
                with urllib.request.urlopen(address, timeout=60) as response, open(partial, "wb") as fh:
                    shutil.copyfileobj(response, fh)
            if sha256(partial) != entry["sha256"]:
                raise ValueError(f"SHA-256 differs from the recorded {entry['sha256'][:16]}…")
            partial.replace(target)
            say(f"fetched  {entry['file']}")
        except (OSError, LookupError, ValueError) as exc:
            partial.unlink(missing_ok=True)
            missing.append(entry["file"])
            say(f"missing  {entry['file']}: {exc}")
    return missing


def verify(root: Path) -> list[str]:
    """Problems with a data folder: recorded files absent or different, files present but not recorded."""
    doc = manifest()
    recorded = {e["file"]: e["sha256"] for e in doc["files"]}
    problems = []
    for name, digest in recorded.items():
        path = root / name
        if not path.is_file():
            problems.append(f"{name}: absent")
        elif sha256(path) != digest:
            problems.append(f"{name}: SHA-256 differs from the record")
    for path in sorted(root.glob("corpus/*/*")) + sorted(root.glob("seeds/*.txt")):
        name = path.relative_to(root).as_posix()
        if name not in recorded:
            problems.append(f"{name}: not recorded in {MANIFEST.name}")
    return problems
