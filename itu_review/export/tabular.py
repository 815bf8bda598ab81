"""Decision exports as data: a record per proposal (its verdicts, roll-up and outcome) with its edits,
and the orphans; then as CSV and Markdown."""

from __future__ import annotations

from typing import Any

from ..decisions import EDIT_STATUSES, Decision, Outcome, State, edit_status, proposal_status
from ..model import FRONT_ID, Package, Target
from ..output import change_detail, csv_text, dumps, package_info
from ..proposal_verdicts import outcome_json, summarize, summary_json

#: A formatting edit's subject in a label ("bold added on “…”"): cut to this many characters in the
#: Markdown and .docx reports (a paragraph-format edit's is its whole paragraph); whole in CSV and JSON.
LABEL_SUBJECT = 80


def _decision(d: Decision) -> dict[str, Any]:
    out: dict[str, Any] = {"verdict": d.verdict, "note": d.note, "at": d.at, "user": d.user, "carried": d.how,
           "logged_as": d.logged_id}
    if d.how == "re-attached":  # the texts the verdict was given on, beside the edit's own
        deleted, inserted = d.logged_texts
        out.update(score=round(d.score, 1), logged_deleted=deleted, logged_inserted=inserted)
    return out


def report(pkg: Package, state: State, log: str, fingerprints: bool = True) -> dict[str, Any]:
    """The whole export as one JSON-able document (edit fingerprints only if asked: they cost a
    hash of every edit's texts, and only the JSON export shows them)."""
    reviewers = state.reviewers()
    proposals = []
    for prop in pkg.proposals:
        if prop.id == FRONT_ID and not prop.edits:
            continue
        edits = []
        statuses = []
        for e in prop.edits:
            ds = state.decisions(e.index)
            status = edit_status(ds)
            statuses.append(status)
            carried = sorted({d.how for d in ds.values()} - {"same"})
            entry: dict[str, Any] = {"id": e.id, "kind": e.kind, "deleted": e.deleted, "inserted": e.inserted,
                     "subject": e.subject, "detail": e.detail, "author": e.author, "date": e.date}
            if fingerprints:
                entry["fingerprint"] = e.fingerprint
            entry.update(status=status, carried=carried,
                         decisions={r: _decision(d) for r, d in sorted(ds.items())})
            edits.append(entry)
        summary = summary_json(summarize(state, prop, reviewers))
        proposals.append({"id": prop.id, "action": prop.action,
                          "target": {"kind": prop.target.kind, "number": prop.target.number}, "title": prop.title,
                          "reasons": prop.reasons, "status": proposal_status(statuses), **summary, "edits": edits,
                          "warnings": list(prop.warnings)})
    orphans = [{"reviewer": d.reviewer, "edit": d.logged_id, "verdict": d.verdict, "note": d.note, "at": d.at,
                "user": d.user, "deleted": d.event.get("del", ""), "inserted": d.event.get("ins", ""),
                "fingerprint": d.event.get("fp", ""), "package": d.event.get("package", "")}
               for d in state.orphans]
    proposal_orphans = []
    for o in state.proposal_orphans:
        entry = {"proposal": o.logged_id, "action": o.event.get("action", ""), "title": o.event.get("title", ""),
                 "target": o.event.get("target") or {}, "package": o.event.get("package", "")}
        if isinstance(o, Outcome):
            entry["outcome"] = outcome_json(o)
        else:
            entry.update(reviewer=o.reviewer, verdict=o.verdict, note=o.note, at=o.at, user=o.user)
        proposal_orphans.append(entry)
    return {"package": package_info(pkg), "log": log, "reviewers": reviewers, "proposals": proposals,
            "orphans": orphans, "proposal_orphans": proposal_orphans, "warnings": state.warnings}


def to_json(doc: dict[str, Any]) -> str:
    return dumps(doc)


def target_label(p: dict[str, Any]) -> str:
    """The target as `list` and the app name it: "Resolution 14", "draft new text [B-1]"."""
    t = p.get("target") or {}
    return Target(str(t.get("kind", "")), str(t.get("number", ""))).label()


def outcome_label(o: dict[str, Any] | None) -> str:
    if not o:
        return ""
    status: str = o["status"]
    return status + (f" ({o['ref']})" if o["ref"] else "")


def counts_label(c: dict[str, int]) -> str:
    """"3 accepted, 1 rejected" — the edit statuses that occur."""
    return ", ".join(f"{c[s]} {s}" for s in EDIT_STATUSES if c.get(s))


def to_csv(doc: dict[str, Any]) -> str:
    """A row per proposal (row "proposal"), then its edits (row "edit"), then orphans."""
    reviewers: list[str] = doc["reviewers"]
    header = ["row", "proposal", "action", "target", "title", "decision", "roll-up", "outcome", "outcome ref",
              "outcome note", "edit counts", "edit", "kind", "deleted", "inserted", "subject", "detail", "status",
              "carried", "findings", "warnings", "contradictions", "reasons"]
    for r in reviewers:
        header += [f"{r}: verdict", f"{r}: note", f"{r}: time", f"{r}: roll-up"]
    rows: list[list[Any]] = []
    for p in doc["proposals"]:
        target = target_label(p)
        findings = "; ".join(f"{f['kind']}: {f['message']}" for f in p.get("findings", []) if f["severity"] != "info")
        o = p["outcome"] or {}
        row = ["proposal", p["id"], p["action"], target, p["title"], p["decision"], p["rollup"],
               o.get("status", ""), o.get("ref", ""), o.get("note", ""), counts_label(p["counts"]),
               "", "", "", "", "", "", "", "", findings, "; ".join(p["warnings"]), "; ".join(p["contradictions"]),
               p["reasons"]]
        for r in reviewers:
            v = p["verdicts"].get(r)
            row += [v["verdict"], v["note"], v["at"], v["rollup"]] if v else ["", "", "", ""]
        rows.append(row)
        for e in p["edits"]:
            edit_findings = "; ".join(f"{f['kind']}: {f['message']}" for f in e.get("findings", [])
                                      if f["severity"] != "info")
            row = ["edit", p["id"], p["action"], target, "", "", "", "", "", "", "", e["id"], e["kind"],
                   e["deleted"], e["inserted"], e["subject"], e["detail"], e["status"], ", ".join(e["carried"]),
                   edit_findings, "", "", ""]
            for r in reviewers:
                d = e["decisions"].get(r)
                row += [d["verdict"], d["note"], d["at"], ""] if d else ["", "", "", ""]
            rows.append(row)
    for o in doc["orphans"]:
        row = ["orphan", o["edit"].split("#")[0], "", "", "", "", "", "", "", "", "", o["edit"], "",
               o["deleted"], o["inserted"], "", "", "orphaned", "", "", "", "", ""]
        for r in reviewers:
            row += [o["verdict"], o["note"], o["at"], ""] if r == o["reviewer"] else ["", "", "", ""]
        rows.append(row)
    for o in doc["proposal_orphans"]:
        oc = o.get("outcome") or {}
        row = ["orphan", o["proposal"], o["action"], target_label(o), o["title"], "", "", oc.get("status", ""),
               oc.get("ref", ""), oc.get("note", ""), "", "", "", "", "", "", "", "orphaned", "", "", "", "", ""]
        for r in reviewers:
            row += [o["verdict"], o["note"], o["at"], ""] if r == o.get("reviewer") else ["", "", "", ""]
        rows.append(row)
    return csv_text(header, rows)


def md(text: str) -> str:
    """Text for Markdown, in a table cell or a heading: every character Markdown or HTML could read as
    markup escaped (``<b>`` shows as ``<b>``), line breaks as ``<br>``."""
    if not text:
        return ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "\\|`*_[]~":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\r", "").replace("\n", "<br>")



def _positions(p: dict[str, Any]) -> str:
    out = []
    for r, v in p["verdicts"].items():
        text = f"{md(r)}: {md(v['verdict'] or '—')}"
        if v["rollup"]:
            text += f" (edits: {md(v['rollup'])})"
        if v["note"]:
            text += f" — {md(v['note'])}"
        out.append(text)
    return "<br>".join(out)


def _given_on(d: dict[str, Any]) -> str:
    """For a re-attached decision, the texts it was given on (the edit read otherwise then)."""
    if d["carried"] != "re-attached":
        return ""
    return f" given on −“{md(d['logged_deleted'])}” +“{md(d['logged_inserted'])}”"


def to_markdown(doc: dict[str, Any]) -> str:
    pkg = doc["package"]
    out = [f"# Decisions on {md(pkg['path'])}", "",
           f"Package sha256 {pkg['sha256'][:16]}…, log {md(doc['log'])}, reviewers: "
           f"{', '.join(md(r) for r in doc['reviewers']) or 'none yet'}.", ""]
    for w in doc["warnings"]:
        out.append(f"> {md(w)}")
    out += ["## Proposals", "",
            "| proposal | action | target | title | decision | reviewers (verdict, edits' roll-up, note) | outcome | edits |",
            "|---|---|---|---|---|---|---|---|"]
    for p in doc["proposals"]:
        decision = md(p["decision"])
        if p["contradictions"]:
            decision += "<br>⚠ " + "<br>⚠ ".join(md(c) for c in p["contradictions"])
        o = p["outcome"]
        outcome = md(outcome_label(o)) + (f" — {md(o['note'])}" if o and o["note"] else "")
        edits = "<br>".join([md(counts_label(p["counts"])) or "—", *(f"⚠ {md(w)}" for w in p["warnings"])])
        out.append(f"| {md(p['id'])} | {md(p['action'])} | {md(target_label(p))} | {md(p['title'])} | {decision} | "
                   f"{_positions(p)} | {outcome} | {edits} |")
    for p in doc["proposals"]:
        out += ["", f"## {md(p['action'])} {md(p['id'])} — {md(p['title'])}", ""]
        if p["reasons"]:
            out += [f"Reasons: {md(p['reasons'])}", ""]
        for w in p["warnings"]:
            out.append(f"> **warning** {md(w)}  ")
        for f in p.get("findings", []):
            out.append(f"> **{md(f['severity'])}** {md(f['kind'])}: {md(f['message'])}  ")
        if not p["edits"]:
            continue
        out += ["", "| edit | kind | deleted | inserted | detail | status | decisions |", "|---|---|---|---|---|---|---|"]
        for e in p["edits"]:
            ds = "; ".join(f"{md(r)}: {md(d['verdict'] or 'note')}" + (f" ({md(d['note'])})" if d["note"] else "")
                           + (f" \\[{md(d['carried'])}\\]" if d["carried"] != "same" else "") + _given_on(d)
                           for r, d in e["decisions"].items())
            out.append(f"| {md(e['id'])} | {md(e['kind'])} | {md(e['deleted'])} | {md(e['inserted'])} | "
                       f"{md(change_detail(e['detail'], e['subject'], LABEL_SUBJECT))} | {md(e['status'])} | {ds} |")
    if doc["orphans"] or doc["proposal_orphans"]:
        out += ["", "## Orphaned decisions", "", "Decisions whose edit or proposal is no longer in this package.", "",
                "| logged as | reviewer | verdict | note | deleted | inserted | at |", "|---|---|---|---|---|---|---|"]
        for o in doc["orphans"]:
            out.append(f"| {md(o['edit'])} | {md(o['reviewer'])} | {md(o['verdict'])} | {md(o['note'])} | "
                       f"{md(o['deleted'])} | {md(o['inserted'])} | {md(o['at'])} |")
        for o in doc["proposal_orphans"]:
            oc = o.get("outcome")
            verdict = f"outcome: {outcome_label(oc)}" if oc else o["verdict"]
            who = oc["reviewer"] if oc else o["reviewer"]
            out.append(f"| {md(o['proposal'])} ({md(o['action'])} {md(target_label(o))}) | {md(who)} | {md(verdict)} | "
                       f"{md((oc or o)['note'])} |  |  | {md((oc or o)['at'])} |")
    return "\n".join(out) + "\n"
