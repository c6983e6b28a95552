#!/usr/bin/env python3
"""Writes a deterministic, realistic handbook of N documents that passes `aimsbook check`.

    python3 Benchmarks/generate.py N OUTPUT_FOLDER

All types appear: roles, policies, procedures, AI systems with impact assessments, many risks
and records (the bulk of a large handbook), objectives and one complete SoA. Bodies run
300-1,500 words with headings, lists, tables and links by id, by path and by [[...]].
"""
import json
import os
import random
import sys

WORDS = ("assessment model data risk control owner review system bias drift monitoring evidence "
         "training supplier customer decision threshold approval incident report quality fairness "
         "transparency oversight accuracy robustness security privacy retention lineage validation "
         "deployment procedure record objective measure audit finding action schedule quarterly").split()


def sentence(rng, n=None):
    n = n or rng.randint(8, 20)
    words = [rng.choice(WORDS) for _ in range(n)]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng, sentences=None):
    return " ".join(sentence(rng) for _ in range(sentences or rng.randint(3, 7)))


def main():
    count = int(sys.argv[1])
    root = sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    model = json.load(open(os.path.join(here, "..", "Sources", "AimsbookKit", "Standard", "iso42001.json")))
    clauses = [c["id"] for c in model["clauses"]]
    controls = [c["id"] for c in model["controls"]]
    mandatory = [m["clause"] for m in model["mandatory"]]
    rng = random.Random(42)
    content = os.path.join(root, "content")
    os.makedirs(content, exist_ok=True)
    with open(os.path.join(root, "aimsbook.yml"), "w") as f:
        f.write("title: Benchmark handbook\norganisation: Example Group\n")

    documents = []  # (id, type, folder, slug, title, headings)

    def add(doc_id, doc_type, folder, fields, title):
        documents.append(dict(id=doc_id, type=doc_type, folder=folder, fields=fields, title=title))

    roles = [f"ROLE-{i:03d}" for i in range(1, 21)]
    for i, role in enumerate(roles):
        fields = {"reports_to": roles[0]} if i else {}
        add(role, "role", "roles", fields, f"Role {i + 1}")
    systems = [f"AIS-{i:03d}" for i in range(1, max(2, count // 100) + 1)]
    for i, system in enumerate(systems):
        add(system, "ai-system", "ai-systems", {
            "lifecycle": "deployed", "eu_ai_act_risk": rng.choice(["high", "limited", "minimal"]),
            "provider": rng.choice(["internal", "third-party"]), "impact_assessment": f"IA-{i + 1:03d}",
        }, f"AI system {i + 1}")
        add(f"IA-{i + 1:03d}", "impact-assessment", "impact-assessments",
            {"ai_systems": [system], "date": "2026-03-01"}, f"Impact assessment of AI system {i + 1}")
    fixed = len(documents) + 1  # + the SoA
    remaining = max(0, count - fixed)
    kinds = ["policy"] * 3 + ["procedure"] * 7 + ["risk"] * 45 + ["record"] * 40 + ["objective"] * 5
    for i in range(remaining):
        kind = kinds[i % len(kinds)]
        n = i + 1
        if kind == "risk":
            add(f"RISK-{n:05d}", "risk", "risks", {
                "category": rng.choice(["technical", "legal", "ethical", "security", "reputational", "other"]),
                "likelihood": rng.randint(1, 5), "impact": rng.randint(1, 5),
                "residual_likelihood": rng.randint(1, 3), "residual_impact": rng.randint(1, 3),
                "treatment": "mitigate", "ai_systems": [rng.choice(systems)],
            }, f"Risk {n}")
        elif kind == "record":
            add(f"REC-{n:05d}", "record", "records", {
                "record_kind": rng.choice(["internal-audit", "management-review", "training", "monitoring", "incident"]),
                "date": f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}",
            }, f"Record {n}")
        elif kind == "objective":
            add(f"OBJ-{n:05d}", "objective", "objectives", {"target": "95% within SLA", "due": "2027-06-30"}, f"Objective {n}")
        elif kind == "policy":
            add(f"POL-{n:05d}", "policy", "policies", {}, f"Policy {n}")
        else:
            add(f"PROC-{n:05d}", "procedure", "procedures", {}, f"Procedure {n}")

    ids = [d["id"] for d in documents]
    path_of = {d["id"]: f"{d['folder']}/{d['id'].lower()}.md" for d in documents}
    implemented = set()
    for index, d in enumerate(documents):
        rng.seed(index)
        fields = dict(d["fields"])
        lines = ["---", f"id: {d['id']}", f"type: {d['type']}", f"title: {d['title']}"]
        if d["type"] not in ("role", "record"):
            lines.append(f"owner: {rng.choice(roles)}")
        lines.append(f"approver: {roles[0]}")
        lines.append("status: approved")
        lines.append('version: "1.0"')
        lines.append("review: 2027-09-30")
        cited = [mandatory[index % len(mandatory)], rng.choice(clauses)]
        lines.append(f"clauses: [{', '.join(dict.fromkeys(cited))}]")
        doc_controls = list(dict.fromkeys([controls[index % len(controls)], rng.choice(controls)]))
        implemented.update(doc_controls)
        lines.append(f"controls: [{', '.join(doc_controls)}]")
        related = rng.sample(ids, 2)
        related = [r for r in related if r != d["id"]]
        if related:
            lines.append(f"related: [{', '.join(related)}]")
        for key, value in fields.items():
            if isinstance(value, list):
                lines.append(f"{key}: [{', '.join(value)}]")
            else:
                lines.append(f"{key}: {value}")
        lines.append("---")
        body = [f"# Purpose", "", paragraph(rng), "", "## Scope", "", paragraph(rng), ""]
        target = rng.choice(ids)
        here_path = path_of[d["id"]]
        other_path = path_of[rng.choice(ids)]
        relative = os.path.relpath(other_path, os.path.dirname(here_path))
        body += ["## Responsibilities", "",
                 f"- The owner keeps [the related document]({target}) current.",
                 f"- See [this procedure]({relative}) and [[{rng.choice(ids)}]].",
                 f"- Evidence for [[{rng.choice(clauses)}]] and [[{rng.choice(controls)}|the control]].",
                 "", "| Step | Who | When |", "| --- | --- | --- |"]
        if index % 10 == 0:
            # A tenth of the bodies use strikethrough and an autolink, whose parses take turns.
            body[-3:-3] = ["- Replaces ~~the old form~~; templates at www.example.org/forms."]
        for step in range(1, 5):
            body.append(f"| {step} | {rng.choice(WORDS)} | {rng.choice(['monthly', 'quarterly', 'yearly'])} |")
        body.append("")
        sections = rng.randint(1, 6)
        for section in range(sections):
            body += [f"## Section {section + 1}", "", paragraph(rng), "", paragraph(rng), ""]
        body += ["## Purpose links", "", f"Back to [the purpose](#purpose).", ""]
        folder = os.path.join(content, d["folder"])
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(content, here_path), "w") as f:
            f.write("\n".join(lines) + "\n" + "\n".join(body))

    soa = ["---", "id: SOA-001", "type: soa", "title: Statement of Applicability", f"owner: {roles[0]}",
           "status: approved", "clauses: [6.1.3]", "decisions:"]
    for control in controls:
        if control in implemented:
            soa.append(f'  {control}: {{ applicable: true, status: implemented, justification: "Needed" }}')
        else:
            soa.append(f'  {control}: {{ applicable: false, justification: "Not relevant here" }}')
    soa += ["---", "# Statement of Applicability", "", paragraph(rng), ""]
    with open(os.path.join(content, "soa.md"), "w") as f:
        f.write("\n".join(soa))


if __name__ == "__main__":
    main()
