"""Render a care plan as Markdown, HTML (Jinja2 templates, package data) or PDF (reportlab platypus)."""

from __future__ import annotations

import io
import re
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from hamstring_dx.care.loader import CareData, load_care
from hamstring_dx.care.planner import CarePlan
from hamstring_dx.care.summary import summary_sections

FORMATS = ("json", "markdown", "html", "pdf")


@cache
def _env(autoescape: bool) -> Environment:
    return Environment(
        loader=PackageLoader("hamstring_dx.care", "templates"),
        autoescape=select_autoescape(["html"]) if autoescape else False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _context(plan: CarePlan, audience: str, care: CareData) -> dict:
    return {
        "plan": plan.to_dict(),
        "audience": audience,
        "sections": summary_sections(plan, care),
        "headings": care.texts.headings,
    }


def render_markdown(plan: CarePlan, audience: str | None = None, care: CareData | None = None) -> str:
    care = care or load_care()
    audience = audience or plan.audience
    name = "plan_patient.md.j2" if audience == "patient" else "plan_clinician.md.j2"
    text = _env(False).get_template(name).render(**_context(plan, audience, care))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def render_html(plan: CarePlan, audience: str | None = None, care: CareData | None = None) -> str:
    care = care or load_care()
    audience = audience or plan.audience
    return _env(True).get_template("plan.html.j2").render(**_context(plan, audience, care))


def render_pdf(plans: CarePlan | list[CarePlan], audience: str | None = None, care: CareData | None = None) -> bytes:
    """The plan(s) as PDF bytes (one plan per page run), through reportlab platypus (no system deps)."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        ListFlowable,
        ListItem,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    care = care or load_care()
    plan_list = plans if isinstance(plans, list) else [plans]
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontSize=10, leading=13)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10)
    story: list = []

    def para(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text), style)

    def bullets(items: list[str]) -> None:
        if items:
            story.append(ListFlowable([ListItem(para(i)) for i in items], bulletType="bullet", leftIndent=12))

    def table(header: list[str], rows: list[list[str]], widths: list[float]) -> None:
        data = [[para(h, small) for h in header]] + [[para(c, small) for c in r] for r in rows]
        t = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(t)

    for n, plan in enumerate(plan_list):
        if n:
            story.append(PageBreak())
        aud = audience or plan.audience
        if aud == "patient":
            story.append(Paragraph("Your care plan", styles["Title"]))
            for heading, paras in summary_sections(plan, care):
                if heading:
                    story.append(Paragraph(escape(heading), styles["Heading2"]))
                bullets(paras)
            if plan.exercise_programme:
                story.append(Paragraph("All the stages of your exercise plan", styles["Heading2"]))
                for ph in plan.exercise_programme.phases:
                    story.append(Paragraph(escape(ph.name), styles["Heading3"]))
                    bullets(
                        [ph.goal]
                        + [f"{e.name}: {e.instructions} How much: {e.dose}." for e in ph.exercises]
                        + ["Move on when: " + " ".join(ph.progress_when)]
                    )
                story.append(Paragraph("Back to sport or full activity when", styles["Heading3"]))
                bullets(plan.exercise_programme.return_criteria)
        else:
            title = "Care plan" + (f": {plan.case_id}" if plan.case_id else "")
            story.append(Paragraph(escape(title), styles["Title"]))
            story.append(para(f"Triage: {plan.triage['level']}. {plan.triage['text']}"))
            bullets([r["text"] for r in plan.triage["reasons"]])
            wd = plan.working_diagnosis
            story.append(Paragraph("Working diagnosis", styles["Heading2"]))
            story.append(para(f"{wd.name} (p = {wd.probability:.2f}); phase: {plan.phase}"))
            bullets([f"{c.role.replace('_', ' ')}: {c.name} (p = {c.probability:.2f})" for c in plan.conditions[1:]])
            if plan.withheld:
                story.append(para("Exercise and home care withheld: " + "; ".join(plan.withheld)))
            story.append(Paragraph("Work-up", styles["Heading2"]))
            table(
                ["Test", "When", "Why", "Source"],
                [[w.name, f"{w.timing.replace('_', ' ')}: {w.when}", w.why, w.source] for w in plan.workup],
                [35, 40, 60, 45],
            )
            story.append(Paragraph("Referral", styles["Heading2"]))
            table(
                ["To", "Urgency", "When", "Why", "Source"],
                [[r.name, r.urgency, f"{r.timing}: {r.when}", r.why, r.source] for r in plan.referrals],
                [32, 18, 40, 50, 40],
            )
            story.append(Paragraph("Medicines", styles["Heading2"]))
            table(
                ["Medicine", "Class", "Recommendation", "Why", "Source"],
                [
                    [
                        m.name,
                        m.drug_class,
                        m.recommendation.replace("_", " "),
                        f"{m.why} {m.note}".strip(),
                        m.source,
                    ]
                    for m in plan.medications
                ],
                [32, 22, 22, 64, 40],
            )
            story.append(Paragraph("Other treatments", styles["Heading2"]))
            table(
                ["Treatment", "Recommendation", "Why", "Source"],
                [[t.name, t.recommendation.replace("_", " "), t.why, t.source] for t in plan.treatments],
                [50, 22, 68, 40],
            )
            for s in plan.surgery:
                story.append(
                    Paragraph(
                        escape(f"Surgery: {s.procedure} ({s.recommendation.replace('_', ' ')})"),
                        styles["Heading3"],
                    )
                )
                bullets(
                    [
                        f"Indications: {s.indications.text} [{s.indications.source}]",
                        f"Timing: {s.timing.text} [{s.timing.source}]",
                    ]
                    + [f"Outcome: {o.text} [{o.source}]" for o in s.outcomes]
                    + [f"Risk: {r.text} [{r.source}]" for r in s.risks]
                )
            story.append(Paragraph("Rehabilitation", styles["Heading2"]))
            if plan.exercise_programme:
                prog = plan.exercise_programme
                story.append(para(f"{prog.name} [{prog.source}]"))
                for ph in prog.phases:
                    story.append(Paragraph(escape(ph.name), styles["Heading3"]))
                    table(["Exercise", "Dose"], [[e.name, e.dose] for e in ph.exercises], [60, 120])
                    story.append(para("Progress when: " + " ".join(ph.progress_when) + f" [{ph.source}]", small))
                story.append(para("Return to activity or sport:"))
                bullets(prog.return_criteria)
            else:
                story.append(para(plan.exercise_note))
            pr = plan.prognosis
            story.append(Paragraph("Prognosis", styles["Heading2"]))
            days = f"Expected recovery: {pr.expected_days[0]}-{pr.expected_days[1]} days. " if pr.expected_days else ""
            story.append(para(f"{days}{pr.text} [{pr.source}]"))
            bullets(
                [f"{f.text} [{f.source}]" for f in pr.factors]
                + [f"Recurrence: {pr.recurrence.text} [{pr.recurrence.source}]"]
            )
            if plan.prevention:
                story.append(Paragraph("Prevention", styles["Heading2"]))
                bullets([f"{p.title}: {p.text} [{p.source}]" for p in plan.prevention])
            story.append(Paragraph("Safety-netting", styles["Heading2"]))
            bullets([f"{s.action}: {s.clinician_text} [{s.source}]" for s in plan.safety_net])
            story.append(Spacer(1, 4 * mm))
            bullets(plan.notes)

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title="Care plan",
        author="hamstring-dx",
        invariant=1,
    )
    doc.build(story)
    return buf.getvalue()
