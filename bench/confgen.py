"""A generated conference: packages in six languages on a shared collection, with planted collisions
and identical changes, and the ground truth to check them against.

Used by the benchmark (600 packages on 300 texts) and by the tests (a few packages in three
languages). Packages are written with ``samples/docxgen.py`` and the vocabularies of
``samples/synthetic.py``. Each text in force is, in every language, a heading, a title and numbered
paragraphs of words; a MOD reproduces some paragraphs and changes words at fixed *slots* (every
fourth word, so two edits never touch unless they share a slot). A slot another package already
changed is reused now and then, the same way (an identical change) or another way (a collision);
every other edit has a slot of its own. Headings are left unchanged, so nothing but the planted
slots is shared.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "samples"))

import synthetic  # noqa: E402
from docxgen import Para, write_docx  # noqa: E402

LANGS = ("en", "fr", "es", "ru", "zh", "ar")
VOCAB = {
    "en": synthetic.EN,
    "ar": synthetic.AR,
    "fr": ("le les des la de et pour une dans sur union coopération membres états secteur développement "
           "télécommunications technologies information communication tous pays particulier attention "
           "renforcement capacités sécurité conseil secrétaire général directeur bureau rapport mise œuvre").split(),
    "es": ("el los las la de y para una en sobre unión cooperación miembros estados sector desarrollo "
           "telecomunicaciones tecnologías información comunicación todos países particular atención "
           "fortalecimiento capacidades seguridad consejo secretario general director oficina informe").split(),
    "ru": ("союз продолжает содействовать сотрудничеству между государствами членами секторов развитии "
           "электросвязи информационно коммуникационных технологий для всех людей включая развивающиеся "
           "страны особым вниманием созданию потенциала безопасности совет генеральный секретарь доклад").split(),
    "zh": ("国际电联 继续 促进 成员国 部门成员 之间 合作 发展 电信 信息通信技术 所有人 包括 发展中国家 特别 关注 "
           "能力建设 安全 理事会 秘书长 主任 报告 实施 区域 国家 国际 层面 网络 标准 频谱 卫星").split(),
}
HEADING = {"en": "RESOLUTION {n} (REV. DUBAI, 2018)", "fr": "RÉSOLUTION {n} (RÉV. DUBAÏ, 2018)",
           "es": "RESOLUCIÓN {n} (REV. DUBÁI, 2018)", "ru": "РЕЗОЛЮЦИЯ {n} (Пересм. Дубай, 2018 г.)",
           "zh": "第{n}号决议（2018年，迪拜，修订版）", "ar": "القرار {n} (المراجَع في دبي، 2018)"}
DRAFT = {"en": "DRAFT NEW RESOLUTION [{tag}]", "fr": "PROJET DE NOUVELLE RÉSOLUTION [{tag}]",
         "es": "PROYECTO DE NUEVA RESOLUCIÓN [{tag}]", "ru": "ПРОЕКТ НОВОЙ РЕЗОЛЮЦИИ [{tag}]",
         "zh": "新决议草案 [{tag}]", "ar": "مشروع قرار جديد [{tag}]"}
REASONS = {"en": "Reasons:\t", "fr": "Motifs:\t", "es": "Motivos:\t", "ru": "Основания:\t", "zh": "理由：",
           "ar": "الأسباب:\t"}
SOURCES = ("B", "J", "MEX", "INS", "USA", "CAN", "CLM", "F", "D", "G", "I", "E", "RUS", "CHN", "ARS", "EGY",
           "KEN", "NIG", "AUS", "IND", "KOR", "ARG", "CHL", "PRU", "TUR", "IRN", "UAE", "QAT", "ALG", "MRC",
           "ACP", "EUR", "IAP", "AFCP", "ARB", "RCC", "B/CAN/CLM/USA", "ARG/B/PRU", "J/KOR")
PARAS = 12  # numbered paragraphs of each text in force
WORDS = 20  # words of each paragraph after its number
SLOTS = (2, 6, 10, 14, 18)  # the words edits change


def sep(lang: str) -> str:
    return "" if lang == "zh" else " "


def in_force(n: int, lang: str) -> list[list[str]]:
    """The text in force as word lists: heading, title, then numbered paragraphs (number first)."""
    rng = random.Random(f"text-{n}-{lang}")
    vocab = VOCAB[lang]
    heading = [HEADING[lang].format(n=n)]
    title = [rng.choice(vocab) for _ in range(6)]
    return [heading, title] + [[f"{k})"] + [rng.choice(vocab) for _ in range(WORDS)] for k in range(1, PARAS + 1)]


def paragraph_text(words: list[str], lang: str) -> str:
    return sep(lang).join(words)


def write_collection(folder: Path, n_texts: int, langs: tuple[str, ...] = LANGS) -> list[Path]:
    """One text file per language with every text in force."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for lang in langs:
        lines = []
        for n in range(1, n_texts + 1):
            lines.extend(paragraph_text(p, lang) for p in in_force(n, lang))
            lines.append("")
        path = folder / f"collection-{lang}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        out.append(path)
    return out


@dataclass
class Change:
    """One planted edit: where (text, language, paragraph of the text in force, slot) and what."""

    pid: str
    source: str
    kind: str  # replace | delete | insert
    new: str

    def what(self) -> tuple[str, str]:
        return self.kind, self.new


@dataclass
class Truth:
    """What was planted, to check a conference's findings against."""

    packages: list[Path] = field(default_factory=list)
    #: (text number, language, paragraph of the text in force, slot) -> the changes made there
    slots: dict[tuple[int, str, int, int], list[Change]] = field(default_factory=dict)

    def collisions(self) -> set[tuple[int, str, int, int]]:
        return {k for k, cs in self.slots.items() if len({c.what() for c in cs}) > 1}

    def identical(self) -> set[tuple[int, str, int, int]]:
        return {k for k, cs in self.slots.items() if len(cs) > 1 and len({c.what() for c in cs}) == 1}

    def expected(self, n: int, lang: str) -> list[str]:
        """The text in force with every change applied that collides with nothing."""
        paras = [list(p) for p in in_force(n, lang)]
        texts = []
        for j, words in enumerate(paras):
            out = list(words)
            for slot in sorted((s for (tn, tl, tj, s) in self.slots if (tn, tl, tj) == (n, lang, j)), reverse=True):
                changes = self.slots[(n, lang, j, slot)]
                if len({c.what() for c in changes}) != 1:
                    continue
                c = changes[0]
                if c.kind == "replace":
                    out[slot] = c.new
                elif c.kind == "delete":
                    del out[slot]
                else:
                    out.insert(slot, c.new)
            texts.append(paragraph_text(out, lang))
        return texts


def _mark(words: list[str], slot: int, change: Change, lang: str) -> list[str]:
    """The paragraph's words with one slot marked as a tracked change (CriticMarkup for docxgen)."""
    out = list(words)
    s = sep(lang)
    old = out[slot]
    if change.kind == "replace":
        out[slot] = "{~~" + old + "~>" + change.new + "~~}"
    elif change.kind == "delete":  # the word and the space after it
        out[slot] = "{--" + old + s + "--}" + out[slot + 1]
        del out[slot + 1]
        return out
    else:
        out[slot] = "{++" + change.new + s + "++}" + old
    return out


def generate(folder: Path, n_packages: int, n_texts: int, langs: tuple[str, ...] = LANGS, props: int = 10,
             mods: int = 8, paras_per_mod: int = 4, edits_per_para: int = 3, plant: float = 0.06,
             seed: int = 7) -> Truth:
    """Write ``n_packages`` packages into ``folder`` (languages in turn); return what was planted."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    truth = Truth()
    for k in range(n_packages):
        lang = langs[k % len(langs)]
        vocab = VOCAB[lang]
        rtl = lang == "ar"
        source = SOURCES[k % len(SOURCES)]
        doc = f"{k + 1}A{k % 3 + 1}" if k % 4 == 0 else str(k + 1)
        blocks: list[Para] = [Para(f"Document {doc} ({lang})", rtl=rtl)]
        serial = 0
        for p in range(props):
            serial += 1
            pid = f"{source}/{doc}/{serial}"
            n = rng.randint(1, n_texts)
            text = in_force(n, lang)
            if p < mods:
                blocks.append(Para(f"MOD\t{pid}", "Proposal", rtl=rtl))
                blocks.append(Para(paragraph_text(text[0], lang), "ResNo", rtl=rtl))
                blocks.append(Para(paragraph_text(text[1], lang), "Restitle", rtl=rtl))
                chosen = sorted(rng.sample(range(2, len(text)), paras_per_mod))
                for j in chosen:
                    edits: list[tuple[int, Change]] = []
                    free = [s for s in SLOTS if (n, lang, j, s) not in truth.slots]
                    for slot in rng.sample(free, min(edits_per_para, len(free))):
                        change = Change(pid, source, rng.choice(("replace", "replace", "delete", "insert")),
                                        rng.choice(vocab))
                        truth.slots[(n, lang, j, slot)] = [change]
                        edits.append((slot, change))
                    # now and then a slot another package changed: the same change, or another
                    package = pid.rsplit("/", 1)[0]
                    theirs = [s for s in SLOTS if s not in dict(edits) and (n, lang, j, s) in truth.slots
                              and all(c.pid.rsplit("/", 1)[0] != package for c in truth.slots[(n, lang, j, s)])]
                    if theirs and rng.random() < plant:
                        slot = rng.choice(theirs)
                        first = truth.slots[(n, lang, j, slot)][0]
                        if rng.random() < 0.5:
                            change = Change(pid, source, first.kind, first.new)
                        else:
                            change = Change(pid, source, "replace", rng.choice([w for w in vocab if w != first.new]))
                        truth.slots[(n, lang, j, slot)].append(change)
                        edits.append((slot, change))
                    marked = list(text[j])
                    for slot, change in sorted(edits, key=lambda e: -e[0]):
                        marked = _mark(marked, slot, change, lang)
                    blocks.append(Para(paragraph_text(marked, lang), rtl=rtl))
            elif p == mods:
                action = "SUP" if k % 2 else "NOC"
                blocks.append(Para(f"{action}\t{pid}", "Proposal", rtl=rtl))
                blocks.append(Para(paragraph_text(text[0], lang), "ResNo", rtl=rtl))
                blocks.append(Para(paragraph_text(text[1], lang), "Restitle", rtl=rtl))
            else:
                blocks.append(Para(f"ADD\t{pid}", "Proposal", rtl=rtl))
                blocks.append(Para(DRAFT[lang].format(tag=f"{source.split('/')[0]}-{serial}"), "ResNo", rtl=rtl))
                trng = random.Random(f"draft-{lang}-{(k // len(langs)) % 3}")
                title = [trng.choice(vocab) for _ in range(7)]
                if k % 2:
                    title.append(rng.choice(vocab))  # much like the others with this title: one draft text
                blocks.append(Para(paragraph_text(title, lang), "Restitle", rtl=rtl))
                blocks.append(Para(paragraph_text([rng.choice(vocab) for _ in range(20)], lang), rtl=rtl))
            blocks.append(Para(REASONS[lang] + paragraph_text([rng.choice(vocab) for _ in range(6)], lang), "Reasons",
                               rtl=rtl))
        path = folder / f"{k + 1:04d}-{source.replace('/', '-')}-{lang}.docx"
        write_docx(path, blocks, title=f"Document {doc}", author=source, rtl=rtl)
        truth.packages.append(path)
    return truth


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Write a generated conference: packages and their collection.",
                                     epilog="example: python bench/confgen.py /tmp/conf --packages 600 --texts 300")
    parser.add_argument("folder", type=Path, help="writes FOLDER/packages and FOLDER/base")
    parser.add_argument("--packages", type=int, default=600)
    parser.add_argument("--texts", type=int, default=300)
    args = parser.parse_args()
    generate(args.folder / "packages", args.packages, args.texts, paras_per_mod=5)
    write_collection(args.folder / "base", args.texts)
    print(f"{args.folder}/packages: {args.packages} packages; {args.folder}/base: the collection of {args.texts} texts")
