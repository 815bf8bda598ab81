"""Decision exports as data: one record per edit, a summary per proposal, and the orphans."""

from __future__ import annotations

from typing import Any

from ..decisions import Decision, State, edit_status, proposal_status
from ..model import Package
from ..output import csv_text, dumps, package_info


def _decision(d: Decision) -> dict[str, Any]:
    return {"verdict": d.verdict, "note": d.note, "at": d.at, "user": d.user, "carried": d.how,
            "logged_as": d.logged_id, **({"score": round(d.score, 1)} if d.how == "re-attached" else {})}


def report(pkg: Package, state: State, log: str, fingerprints: bool = True) -> dict[str, Any]:
    """The whole export as one JSON-able document (edit fingerprints only if asked: they cost a
    hash of every edit's texts, and only the JSON export shows them)."""
    reviewers = state.reviewers()
    proposals = []
    for prop in pkg.proposals:
        edits = []
        statuses = []
        for e in prop.edits:
            ds = state.verdicts(e.index)
            status = edit_status(ds)
            statuses.append(status)
            carried = sorted({d.how for d in ds.values()} - {"same"})
            entry = {"id": e.id, "kind": e.kind, "deleted": e.deleted, "inserted": e.inserted,
                     "subject": e.subject, "author": e.author, "date": e.date}
            if fingerprints:
                entry["fingerprint"] = e.fingerprint
            entry.update(status=status, carried=carried,
                         decisions={r: _decision(d) for r, d in sorted(ds.items())})
            edits.append(entry)
        counts = {s: statuses.count(s) for s in ("accepted", "rejected", "flagged", "disagreement", "pending")}
        if prop.id == "DOC" and not prop.edits:
            continue
        proposals.append({"id": prop.id, "action": prop.action,
                          "target": {"kind": prop.target.kind, "number": prop.target.number}, "title": prop.title,
                          "status": proposal_status(statuses), "counts": counts, "edits": edits,
                          "warnings": list(prop.warnings)})
    orphans = [{"reviewer": d.reviewer, "edit": d.logged_id, "verdict": d.verdict, "note": d.note, "at": d.at,
                "user": d.user, "deleted": d.event.get("del", ""), "inserted": d.event.get("ins", ""),
                "fingerprint": d.event.get("fp", ""), "package": d.event.get("package", "")}
               for d in state.orphans]
    return {"package": package_info(pkg), "log": log, "reviewers": reviewers, "proposals": proposals,
            "orphans": orphans, "warnings": state.warnings}


def to_json(doc: dict[str, Any]) -> str:
    return dumps(doc)


def to_csv(doc: dict[str, Any]) -> str:
    reviewers: list[str] = doc["reviewers"]
    header = ["proposal", "action", "target", "proposal status", "edit", "kind", "deleted", "inserted", "status",
              "carried", "findings"]
    for r in reviewers:
        header += [f"{r}: verdict", f"{r}: note", f"{r}: time"]
    rows: list[list[Any]] = []
    for p in doc["proposals"]:
        target = f"{p['target']['kind']} {p['target']['number']}".strip()
        for e in p["edits"]:
            findings = "; ".join(f"{f['kind']}: {f['message']}" for f in e.get("findings", [])
                                 if f["severity"] != "info")
            row = [p["id"], p["action"], target, p["status"], e["id"], e["kind"], e["deleted"] or e["subject"],
                   e["inserted"], e["status"], ", ".join(e["carried"]), findings]
            for r in reviewers:
                d = e["decisions"].get(r)
                row += [d["verdict"], d["note"], d["at"]] if d else ["", "", ""]
            rows.append(row)
    for o in doc["orphans"]:
        row = [o["edit"].split("#")[0], "", "", "", o["edit"], "", o["deleted"], o["inserted"], "orphaned", "", ""]
        for r in reviewers:
            row += [o["verdict"], o["note"], o["at"]] if r == o["reviewer"] else ["", "", ""]
        rows.append(row)
    return csv_text(header, rows)


def _md(text: str) -> str:
    """A table cell: pipes escaped, line breaks as <br>, nothing else interpreted."""
    if not text:
        return ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`").replace("*", "\\*")
    return text.replace("_", "\\_").replace("[", "\\[").replace("]", "\\]").replace("\r", "").replace("\n", "<br>")


def to_markdown(doc: dict[str, Any]) -> str:
    pkg = doc["package"]
    out = [f"# Decisions on {pkg['path']}", "",
           f"Package sha256 `{pkg['sha256'][:16]}…`, log `{doc['log']}`, reviewers: "
           f"{', '.join(doc['reviewers']) or 'none yet'}.", ""]
    for w in doc["warnings"]:
        out.append(f"> {_md(w)}")
    out += ["## Summary", "", "| proposal | action | target | status | accepted | rejected | flagged | disagree | pending |",
            "|---|---|---|---|---|---|---|---|---|"]
    for p in doc["proposals"]:
        c = p["counts"]
        target = f"{p['target']['kind']} {p['target']['number']}".strip()
        out.append(f"| {p['id']} | {p['action']} | {_md(target)} | {p['status']} | {c['accepted']} | "
                   f"{c['rejected']} | {c['flagged']} | {c['disagreement']} | {c['pending']} |")
    for p in doc["proposals"]:
        if not p["edits"]:
            continue
        out += ["", f"## {p['action']} {p['id']} — {_md(p['title'])}", ""]
        for f in p.get("findings", []):
            out.append(f"> **{f['severity']}** {f['kind']}: {_md(f['message'])}  ")
        out += ["", "| edit | kind | deleted | inserted | status | decisions |", "|---|---|---|---|---|---|"]
        for e in p["edits"]:
            ds = "; ".join(f"{r}: {d['verdict']}" + (f" ({_md(d['note'])})" if d["note"] else "")
                           + (f" [{d['carried']}]" if d["carried"] != "same" else "")
                           for r, d in e["decisions"].items())
            out.append(f"| {e['id']} | {e['kind']} | {_md(e['deleted'] or e['subject'])} | {_md(e['inserted'])} | "
                       f"{e['status']} | {ds} |")
    if doc["orphans"]:
        out += ["", "## Orphaned decisions", "", "Decisions whose edit is no longer in this package.", "",
                "| logged edit | reviewer | verdict | note | deleted | inserted | at |", "|---|---|---|---|---|---|---|"]
        for o in doc["orphans"]:
            out.append(f"| {o['edit']} | {_md(o['reviewer'])} | {o['verdict']} | {_md(o['note'])} | "
                       f"{_md(o['deleted'])} | {_md(o['inserted'])} | {o['at']} |")
    return "\n".join(out) + "\n"
