"""Build the bundled sample packages and base collection: `python samples/build.py`.

Everything in samples/ except this script, docxgen.py and README.md is generated here and can be
rebuilt at any time. The texts follow the PP-18 Final Acts (Resolutions 71 and 130 quote their
opening paragraphs); the proposals and the administrations' reasons are invented for testing.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from docxgen import Para, Table, text_package, write_docx  # noqa: E402

P = Para
CONF = "The Plenipotentiary Conference of the International Telecommunication Union ({~~Dubai, 2018~>Bucharest, 2022~~}),"

RES130_BASE = [
    ("RESOLUTION 130 (REV. DUBAI, 2018)", "ResNo"),
    ("Strengthening the role of ITU in building confidence and security in the use of information and "
     "communication technologies", "Restitle"),
    ("The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),", ""),
    ("recalling", "Call"),
    ("a)\tUnited Nations General Assembly (UNGA) Resolution 68/198, on information and communication "
     "technologies (ICTs) for development;", ""),
    ("b)\tUNGA Resolution 71/199, on the right to privacy in the digital age;", ""),
    ("c)\tUNGA Resolution 68/243, on developments in the field of information and telecommunications in the "
     "context of international security;", ""),
    ("d)\tUNGA Resolution 57/239, on the creation of a global culture of cybersecurity;", ""),
    ("resolves", "Call"),
    ("1\tto continue to give this work high priority within ITU, in accordance with its competences and "
     "expertise, including promoting common understanding among governments and other stakeholders of "
     "building confidence and security in the use of ICTs at national, regional and international level;", ""),
    ("4\tto promote a culture in which security is seen as a continuous and iterative process, built into "
     "products from the beginning and continuing throughout their lifetime, and is accessible and "
     "understandable for users;", ""),
    # the indicator table, a cell a line as a text collection holds it
    ("Indicator", ""), ("Source", ""), ("Frequency", ""),
    ("National CIRTs established", ""), ("ITU-D", ""), ("Annual", ""),
]

RES71_BASE = [
    ("RESOLUTION 71 (REV. DUBAI, 2018)", "ResNo"),
    ("Strategic plan for the Union for 2020-2023", "Restitle"),
    ("The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),", ""),
    ("considering", "Call"),
    ("a)\tthe provisions of the ITU Constitution and ITU Convention relating to strategic policies and plans;", ""),
    ("b)\tArticle 19 of the Convention, on the participation of Sector Members in the Union's activities;", ""),
    ("noting", "Call"),
    ("the glossary of terms presented in Annex 3 to this resolution,", ""),
    ("resolves", "Call"),
    ("to adopt the strategic plan for 2020-2023, contained in Annex 1 to this resolution,", ""),
]

RES2_BASE = [
    ("RESOLUTION 2 (REV. DUBAI, 2018)", "ResNo"),
    ("World telecommunication/information and communication technology policy forum", "Restitle"),
    ("The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),", ""),
    ("resolves", "Call"),
    ("that the World Telecommunication/ICT Policy Forum (WTPF) shall continue to be convened;", ""),
]


RES41_BASE = [
    ("RESOLUTION 41 (REV. DUBAI, 2018)", "ResNo"),
    ("Arrears and special arrears accounts", "Restitle"),
    ("The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),", ""),
]


def english() -> tuple[list, dict[str, str]]:
    blocks = [
        P("Plenipotentiary Conference (PP-26)", "Proposal"),
        P("Document 12 (Add.1)-E — 1 October 2026 — Original: English"),
        P("African Common Proposals for the work of the Conference"),
        P("MOD\tAFCP/12A1/1", "Proposal"),
        P("RESOLUTION 130 (REV. {~~DUBAI, 2018~>BUCHAREST, 2022~~})", "ResNo"),
        P(RES130_BASE[1][0], "Restitle"),
        P(CONF),
        P("recalling", "Call"),
        P("a)\tUnited Nations General Assembly (UNGA) Resolution 68/198, on information and communication "
          "technologies (ICTs) for development;"),
        P("b)\tUNGA Resolution 71/199, on the right to privacy in the digital age;[[fn:1]]"),
        P("c)\tUNGA Resolution 68/243, on developments in the field of information and telecommunications in the "
          "context of international security;{++ and++}", mark="ins"),
        P("{++d)\tUNGA Resolution 76/19, on developments in the field of information and telecommunications in the "
          "context of international security;++}"),
        P("{--d)\tUNGA Resolution 57/239, on the creation of a global culture of cybersecurity;--}", mark="del"),
        P("resolves", "Call"),
        P("1\tto continue to give this work high priority within ITU, [[mf:move1|in accordance with its competences "
          "and expertise, ]]including promoting common understanding among governments and other stakeholders of "
          "building confidence and security in the use of ICTs at national, regional and international level;"),
        P("4\t[[mt:move1|in accordance with its competences and expertise, ]]to promote a culture in which "
          "security is seen as a continuous and iterative process, built into "
          "products from the beginning and continuing throughout their lifetime, and is [[b|accessible]] and "
          "understandable for {~~users~>all users~~};",
          ppr_change=True),
        P("{++3\tto report annually to the Council on the cybersecurity indicators shown below:++}", mark="ins"),
        Table([["Indicator", "Source", "Frequency"],
               ["National CIRTs established", "ITU-D", "Annual"],
               ["Global Cybersecurity Index published", "ITU-D", "Biennial"]],
              row_marks=["", "", "ins"]),
        P("Reasons:\tTo update the resolution to the latest UNGA resolutions and to strengthen the reporting "
          "to the Council.", "Reasons"),
        P("MOD\tAFCP/12A1/2", "Proposal"),
        P("RESOLUTION 71 (REV. {~~DUBAI, 2018~>BUCHAREST, 2022~~})", "ResNo"),
        P("Strategic plan for the Union for {~~2020-2023~>2024-2027~~}", "Restitle"),
        P(CONF),
        P("considering", "Call"),
        P("a)\tthe provisions of the ITU Constitution and ITU Convention relating to strategic policies and plans;"),
        # the next paragraph carries an untracked change ("Sector Members and Associates" for "Sector Members")
        P("b)\tArticle 19 of the Convention, on the participation of Sector Members and Associates in the Union's "
          "activities;"),
        P("resolves", "Call"),
        P("to adopt the strategic plan for {~~2020-2023~>2024-2027~~}, contained in Annex 1 to this resolution,"),
        P("Reasons:\tTo adopt the strategic plan for the next period.", "Reasons"),
        P("SUP\tAFCP/12A1/3", "Proposal"),
        P("RESOLUTION 2 (REV. DUBAI, 2018)", "ResNo"),
        P("World telecommunication/information and communication technology policy forum", "Restitle"),
        P("Reasons:\tThe forum has been merged into the work of the Council Working Groups.", "Reasons"),
        P("ADD\tAFCP/12A1/4", "Proposal"),
        P("DRAFT NEW RESOLUTION [AFCP-1] (BUCHAREST, 2022)", "ResNo"),
        P("Promoting satellite connectivity for the unconnected", "Restitle"),
        P("The Plenipotentiary Conference of the International Telecommunication Union (Bucharest, 2022),"),
        P("considering", "Call"),
        P("that 2.6 billion people remain offline[[fn:2]],"),
        P("resolves", "Call"),
        P("to instruct the Director of the Telecommunication Development Bureau to assist Member States in "
          "planning satellite connectivity for rural and remote areas."),
        P("Reasons:\tTo bring the unconnected online.", "Reasons"),
        P("NOC\tAFCP/12A1/5", "Proposal"),
        P("RESOLUTION 41 (REV. DUBAI, 2018)", "ResNo"),
        P("Arrears and special arrears accounts", "Restitle"),
        P("Reasons:\tThe resolution remains valid.", "Reasons"),
    ]
    notes = {"1": "See also {++UNGA Resolution 77/211 and ++}Resolution 179 (Rev. Dubai, 2018).",
             "2": "ITU, Facts and Figures 2023."}
    return blocks, notes


def french() -> tuple[list, dict[str, str]]:
    conf = ("La Conférence de plénipotentiaires de l'Union internationale des télécommunications "
            "({~~Dubaï, 2018~>Bucarest, 2022~~}),")
    blocks = [
        P("Conférence de plénipotentiaires (PP-26)", "Proposal"),
        P("Document 15 (Add.2)-F — Propositions européennes communes"),
        P("MOD\tEUR/15A2/1", "Proposal"),
        P("RÉSOLUTION 130 (RÉV. {~~DUBAÏ, 2018~>BUCAREST, 2022~~})", "ResNo"),
        P("Renforcement du rôle de l'UIT dans l'instauration de la confiance et de la sécurité dans l'utilisation "
          "des technologies de l'information et de la communication", "Restitle"),
        P(conf),
        P("rappelant", "Call"),
        P("a)\tla Résolution 68/198 de l'Assemblée générale des Nations Unies (AGNU), sur les technologies de "
          "l'information et de la communication (TIC) au service du développement;"),
        P("b)\tla Résolution 71/199 de l'AGNU, sur le droit à la vie privée à l'ère du numérique{++, et la "
          "Résolution 75/176 de l'AGNU sur le même sujet++};"),
        P("décide", "Call"),
        P("1\tde continuer à accorder un rang de priorité élevé à ces travaux au sein de l'UIT{--, conformément à "
          "ses compétences--};"),
        P("Motifs:\tMettre à jour les références aux résolutions de l'AGNU.", "Reasons"),
        P("SUP\tEUR/15A2/2", "Proposal"),
        P("RÉSOLUTION 2 (RÉV. DUBAÏ, 2018)", "ResNo"),
        P("Forum mondial des politiques de télécommunication/technologies de l'information et de la communication",
          "Restitle"),
        P("Motifs:\tLe Forum est remplacé par les travaux des groupes de travail du Conseil.", "Reasons"),
    ]
    return blocks, {}


def arabic() -> tuple[list, dict[str, str]]:
    A = lambda text, style="", **kw: Para(text, style, rtl=True, **kw)  # noqa: E731
    blocks = [
        A("مؤتمر المندوبين المفوضين (PP-26)", "Proposal"),
        A("الوثيقة 20 (Add.1)-A - مقترحات الدول العربية"),
        A("MOD\tARB/20A1/1", "Proposal"),
        A("القـرار 130 (المراجَع في {~~دبي، 2018~>بوخارست، 2022~~})", "ResNo"),
        A("تعزيز دور الاتحاد في مجال بناء الثقة والأمن في استعمال تكنولوجيا المعلومات والاتصالات", "Restitle"),
        A("إن مؤتمر المندوبين المفوضين للاتحاد الدولي للاتصالات ({~~دبي، 2018~>بوخارست، 2022~~})،"),
        A("إذ يذكِّر", "Call"),
        A("أ )\tبقرار الجمعية العامة للأمم المتحدة 68/198{++ و76/19++}، بشأن تسخير تكنولوجيات المعلومات "
          "والاتصالات (ICT) لأغراض التنمية؛"),
        A("ب)\tبقرار الجمعية العامة للأمم المتحدة 71/199، بشأن الحق في الخصوصية في العصر الرقمي؛"),
        A("يقرر", "Call"),
        A("1\tأن يواصل إيلاء أولوية عالية لهذا العمل في الاتحاد{-- وفقاً لاختصاصاته وخبراته--}؛"),
        A("{++2\tأن يقدم تقريراً سنوياً إلى المجلس بشأن مؤشرات الأمن السيبراني.++}", mark="ins"),
        A("الأسباب:\tتحديث الإشارات إلى قرارات الجمعية العامة وتعزيز تقديم التقارير إلى المجلس.", "Reasons"),
        A("ADD\tARB/20A1/2", "Proposal"),
        A("مشروع قرار جديد [ARB-1]", "ResNo"),
        A("تعزيز التوصيلية الساتلية للمناطق الريفية", "Restitle"),
        A("يقرر", "Call"),
        A("تكليف مدير مكتب تنمية الاتصالات بمساعدة الدول الأعضاء في تخطيط التوصيلية الساتلية."),
        A("الأسباب:\tسد الفجوة الرقمية.", "Reasons"),
    ]
    return blocks, {}


def base_text(entries: list[list[tuple[str, str]]]) -> str:
    return "\n\n".join("\n".join(t for t, _ in e) for e in entries) + "\n"


def reissue(blocks: list) -> list:
    """Rev.1 of the English package: edits added, removed and reworded, text shifted by a new paragraph."""
    out = list(blocks)
    # a new paragraph early on shifts everything after it
    out.insert(3, P("Revision 1: corrects proposal AFCP/12A1/1."))
    for i, b in enumerate(out):
        if isinstance(b, Para) and b.text.startswith("b)\tUNGA Resolution 71/199"):
            out[i] = P("b)\tUNGA Resolution 71/199, on the right to privacy in the digital {~~age~>era~~};[[fn:1]]")
        if isinstance(b, Para) and b.text.startswith("{--d)\tUNGA Resolution 57/239"):
            out[i] = P("d)\tUNGA Resolution 57/239, on the creation of a global culture of cybersecurity;")
        if isinstance(b, Para) and "{~~users~>all users~~}" in b.text:
            out[i] = Para(b.text.replace("{~~users~>all users~~}", "{~~users~>all the users~~}"), ppr_change=True)
        if isinstance(b, Para) and b.text.startswith("to adopt the strategic plan"):
            out[i] = P("to adopt the strategic plan for {~~2020-2023~>2024-2027~~}, contained in Annex 1 to this "
                       "{~~resolution~>Resolution~~},")
    return out


TRICKY = [
    P("MOD\tTST/1/1", "Proposal"),
    P("RESOLUTION 99 (REV. DUBAI, 2018)", "ResNo"),
    P("Markup [bold]that is not bold[/] and [link=https://example.org]a fake link[/link] stay literal"),
    P("Rich markup inside an edit: {++[red]x[/red] [@click=app.quit]quit[/]++}"),
    P("Bidi tricks: {~~abc~>ab\u202ec\u2066d\u2069~~} and a zero-width joiner inside {++co\u200dde++}."),
    P("Reasons:\tTo test that document text is data, never markup or control.", "Reasons"),
]


FORMULA = "The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),"
RES130_TITLE = ("Strengthening the role of ITU in building confidence and security in the use of information and "
                "communication technologies")
RES130_RESOLVES1 = ("1\tto continue to give this work high priority within ITU, in accordance with its competences and "
                    "expertise, including promoting common understanding among governments and other stakeholders "
                    "of building confidence and security in the use of ICTs at {edit} level;")


def check_package() -> list:
    """Proposals on real PP-18 texts, for `check`: clean MODs, an untracked change, a wrong number,
    an outdated edition, a SUP of a text that does not exist, an ADD much like a text in force."""
    return [
        P("Document 30-E — Asia-Pacific Telecommunity"),
        P("MOD\tACP/30/1", "Proposal"),
        P("RESOLUTION 130 (REV. {~~DUBAI, 2018~>BUCHAREST, 2022~~})", "ResNo"),
        P(RES130_TITLE, "Restitle"),
        P(FORMULA.replace("(Dubai, 2018)", "({~~Dubai, 2018~>Bucharest, 2022~~})")),
        P("recalling", "Call"),
        P("a)\tUnited Nations General Assembly (UNGA) Resolution 68/198, on information and communication "
          "technologies (ICTs) for development;"),
        P("b)\tUNGA Resolution 71/199, on the right to privacy in the digital age{++ and Resolution 75/176++};"),
        P("resolves", "Call"),
        P(RES130_RESOLVES1.format(edit="{~~national, regional and international~>all~~}")),
        P("Reasons:\tUpdate.", "Reasons"),
        P("MOD\tACP/30/2", "Proposal"),
        P("RESOLUTION 71 (REV. {~~DUBAI, 2018~>BUCHAREST, 2022~~})", "ResNo"),
        P("Strategic plan for the Union for {~~2020-2023~>2024-2027~~}", "Restitle"),
        P(FORMULA),
        P("considering", "Call"),
        P("a)\tthe provisions of the ITU Constitution and ITU Convention relating to strategic{++, financial++} "
          "policies and plans;"),
        # changed without tracking: the text in force says "Sector Members", not "Sector Members and Associates"
        P("b)\tArticle 19 of the Convention, on the participation of Sector Members and Associates in the Union's "
          "activities;"),
        P("Reasons:\tNew plan period.", "Reasons"),
        P("MOD\tACP/30/3", "Proposal"),
        # the wrong number: the title and text are those of Resolution 130
        P("RESOLUTION 131 (REV. DUBAI, 2018)", "ResNo"),
        P(RES130_TITLE, "Restitle"),
        P("recalling", "Call"),
        P("d)\tUNGA Resolution 57/239, on the creation of a global culture of {~~cybersecurity~>cyber-security~~};"),
        P("Reasons:\tEditorial.", "Reasons"),
        P("SUP\tACP/30/4", "Proposal"),
        P("RESOLUTION 2 (REV. DUBAI, 2018)", "ResNo"),
        P("World telecommunication/information and communication technology policy forum", "Restitle"),
        P("Reasons:\tNo longer needed.", "Reasons"),
        P("SUP\tACP/30/5", "Proposal"),
        P("RESOLUTION 999 (REV. DUBAI, 2018)", "ResNo"),
        P("A resolution that was never adopted", "Restitle"),
        P("Reasons:\tThere is nothing to suppress.", "Reasons"),
        P("ADD\tACP/30/6", "Proposal"),
        P("DRAFT NEW RESOLUTION [ACP-1]", "ResNo"),
        P("Strengthening the role of ITU in building confidence and security in the use of ICTs", "Restitle"),
        P("resolves", "Call"),
        P("to give high priority to building confidence and security in the use of ICTs;"),
        P("Reasons:\tCybersecurity.", "Reasons"),
        P("MOD\tACP/30/7", "Proposal"),
        # drafted on an outdated edition: the text in force is Rev. Dubai, 2018
        P("RESOLUTION 41 (REV. {~~BUSAN, 2014~>BUCHAREST, 2022~~})", "ResNo"),
        P("Arrears and special arrears accounts", "Restitle"),
        P("Reasons:\tUpdate.", "Reasons"),
    ]


def other_check_package() -> list:
    """A second administration amending the same words of Resolution 130: a collision."""
    return [
        P("MOD\tEUR/40/1", "Proposal"),
        P("RESOLUTION 130 (REV. {~~DUBAI, 2018~>BUCHAREST, 2022~~})", "ResNo"),
        P(RES130_TITLE, "Restitle"),
        P("resolves", "Call"),
        P(RES130_RESOLVES1.format(edit="{~~national, regional and international~>national and regional~~}")),
        P("Reasons:\tClarity.", "Reasons"),
    ]


# Resolution 130 (Rev. Dubai, 2018), "recalling" a) to i), as the PP-18 Final Acts word them (labels apart)
PP18_RES130_RECALLING = [
    "United Nations General Assembly (UNGA) Resolution 68/198, on information and communication technologies (ICTs) "
    "for development;",
    "UNGA Resolution 71/199, on the right to privacy in the digital age;",
    "UNGA Resolution 68/243, on developments in the field of information and telecommunications in the context of "
    "international security;",
    "UNGA Resolution 57/239, on the creation of a global culture of cybersecurity;",
    "UNGA Resolution 64/211, on the creation of a global culture of cybersecurity and taking stock of national efforts "
    "to protect critical information infrastructures;",
    "the WSIS+10 statement on the implementation of outcomes of the World Summit on the Information Society (WSIS) and "
    "vision for WSIS beyond 2015, which were adopted at the ITU-coordinated WSIS+10 High-Level Event (Geneva, 2014), "
    "based on the Multistakeholder Preparatory Platform (MPP) platform, together with other United Nations agencies "
    "and inclusive of all WSIS stakeholders, were endorsed by the Plenipotentiary Conference (Busan, 2014) and were "
    "submitted to the UNGA overall review;",
    "UNGA Resolution 70/125, on the outcome document of the UNGA high- level meeting on the overall review of the "
    "implementation of the WSIS outcomes;",
    "Resolution 174 (Rev. Busan, 2014) of the Plenipotentiary Conference, on ITU's role with regard to international "
    "public policy issues relating to the risk of illicit use of ICTs;",
    "Resolution 179 (Rev. Dubai, 2018) of this conference, on ITU's role in child online protection;",
]
RES130_RESOLVES4 = ("4\tto promote a culture in which security is seen as a continuous and iterative process, built into "
                    "products from the beginning and continuing throughout their lifetime, and is accessible and "
                    "understandable for {edit};")


def pp18_package() -> list:
    """Drafted on the real PP-18 Final Acts as a Word user drafts: the items of "recalling" numbered by
    Word (no typed label), one word of Resolution 130 changed without revision marks (d): "global"
    became "worldwide"), and an editorial slip in Resolution 71 (a comma for a semicolon) — for `check`,
    `show --base` and the app against ../shared/corpus/akn4itu/pp18_final_acts_akn.xml."""
    recalling = list(PP18_RES130_RECALLING)
    recalling[1] = recalling[1].replace("digital age;", "digital age{++ and UNGA Resolution 75/176++};")
    recalling[3] = recalling[3].replace("a global culture", "a worldwide culture")  # untracked
    return [
        P("Document 50-E — Inter-American Proposals for the work of the Conference"),
        P("MOD\tIAP/50/1", "Proposal"),
        P("RESOLUTION 130 (REV. {~~DUBAI, 2018~>BUCHAREST, 2022~~})", "ResNo"),
        P(RES130_TITLE, "Restitle"),
        P(FORMULA.replace("(Dubai, 2018)", "({~~Dubai, 2018~>Bucharest, 2022~~})")),
        P("recalling", "Call"),
        *[Para(t, numbered=True) for t in recalling],
        P("resolves", "Call"),
        P(RES130_RESOLVES1.format(edit="{~~national, regional and international~>all~~}")),
        P(RES130_RESOLVES4.format(edit="{~~users~>all users~~}")),
        P("Reasons:\tTo refer to the latest UNGA resolution on the right to privacy and to reach all users.", "Reasons"),
        P("MOD\tIAP/50/2", "Proposal"),
        P("RESOLUTION 71 (REV. {~~DUBAI, 2018~>BUCHAREST, 2022~~})", "ResNo"),
        P("Strategic plan for the Union for {~~2020-2023~>2024-2027~~}", "Restitle"),
        P(FORMULA),
        P("considering", "Call"),
        # editorial: the text in force ends this item with a semicolon
        P("a)\tthe provisions of the ITU Constitution and ITU Convention relating to strategic{++, financial++} "
          "policies and plans,"),
        P("b)\tArticle 19 of the Convention, on the participation of Sector Members in the Union's activities;"),
        P("Reasons:\tThe plan for the next period.", "Reasons"),
    ]


FR_BASE = [
    "RÉSOLUTION 130 (RÉV. DUBAÏ, 2018)",
    "Renforcement du rôle de l'UIT dans l'instauration de la confiance et de la sécurité dans l'utilisation des "
    "technologies de l'information et de la communication",
    "La Conférence de plénipotentiaires de l'Union internationale des télécommunications (Dubaï, 2018),",
    "rappelant",
    "a)\tla Résolution 68/198 de l'Assemblée générale des Nations Unies (AGNU), sur les technologies de "
    "l'information et de la communication (TIC) au service du développement;",
    "b)\tla Résolution 71/199 de l'AGNU, sur le droit à la vie privée à l'ère du numérique;",
    "décide",
    "1\tde continuer à accorder un rang de priorité élevé à ces travaux au sein de l'UIT, conformément à ses "
    "compétences;",
    "RÉSOLUTION 2 (RÉV. DUBAÏ, 2018)",
    "Forum mondial des politiques de télécommunication/technologies de l'information et de la communication",
]


def main() -> None:
    out = HERE
    en, en_notes = english()
    write_docx(out / "en-proposals.docx", en, en_notes, title="PP-26 Document 12 (Add.1)")
    write_docx(out / "en-proposals-rev1.docx", reissue(en), en_notes, title="PP-26 Document 12 (Add.1)(Rev.1)")
    fr, fr_notes = french()
    write_docx(out / "fr-propositions.docx", fr, fr_notes, title="PP-26 Document 15 (Add.2)")
    ar, ar_notes = arabic()
    write_docx(out / "ar-proposals.docx", ar, ar_notes, title="PP-26 Document 20 (Add.1)", rtl=True)
    write_docx(out / "tricky.docx", TRICKY, title="Hostile text")
    write_docx(out / "en-check.docx", check_package(), title="PP-26 Document 30")
    write_docx(out / "en-check-other.docx", other_check_package(), title="PP-26 Document 40")
    write_docx(out / "en-pp18.docx", pp18_package(), title="PP-26 Document 50")
    # XML cannot carry C0 controls, a text package can: escape sequences and a bell
    hostile = text_package(TRICKY).replace(
        "Reasons:", "An escape \x1b[31mred\x1b[0m sequence and a bell\x07 are shown, not obeyed: "
        "{++\x1b[2Jclear\x9b1m++}\nReasons:")
    (out / "tricky.critic.md").write_text(hostile, encoding="utf-8")
    (out / "en-proposals.critic.md").write_text(text_package(en), encoding="utf-8")
    base = out / "base"
    base.mkdir(exist_ok=True)
    write_docx(base / "fr-resolutions.docx", [P(t) for t in FR_BASE], title="Résolutions en vigueur")
    (base / "en-resolutions.txt").write_text(base_text([RES71_BASE, RES130_BASE, RES2_BASE, RES41_BASE]), encoding="utf-8")
    print(f"samples written to {out}")


if __name__ == "__main__":
    main()
