#!/usr/bin/env python3
"""Labels a blind set written without the plan: the writer gives the question, its kind and what it is about
(refs, an indicator id, a unit); this fills in what a right answer must contain from knowledge/plan.json, so the
writer never sees the plan. Run from the project root:

  tools/blind-label.py RAW.jsonl OUT.jsonl

RAW lines (see the writers' brief): {"q"|"turns", "kind", "user", "refs"?, "indicator"?, "street"?, "unit"?,
"role"?, "months"?}. OUT lines are tests/eval lines: {"q", "kind", "refs", "lead", "co", "deadline"?, "values",
"noAnswer", "context", "user"}.
"""
import json, re, sys

plan = json.load(open("knowledge/plan.json", encoding="utf-8"))
units = {u["name"]: u for u in json.load(open("knowledge/units.json", encoding="utf-8"))["units"]}
measures = {}
for a in plan["annexes"]:
    for t in a["tasks"]:
        for k, m in enumerate(t["measures"], 1):
            measures[f"附件{a['number']}-{t['number']}-{k}"] = m
seed_names = {s["name"]: s.get("seedName", s["name"]) for s in json.load(open("knowledge/streets.json", encoding="utf-8"))["streets"]}
COLUMNS = {"pm25Annual", "pm25Q1", "goodDaysRatio", "heavyPollutionDays", "heavyPollutionDaysQ1"}
STREET_GROUPS = ("各街道办事处", "相关街道办事处")


def expand(ref):
    if ref in measures:
        return [ref]
    subs = [r for r in measures if r.startswith(ref + "-")]
    if not subs:
        raise ValueError(f"unknown ref {ref}")
    return subs


def due_month(deadline):
    d = deadline
    if "年底前" in d:
        return 12
    for pat in (r"^(\d{1,2})月底前?$", r"^(\d{1,2})月\d{1,2}日前$", r"^\d{1,2}-(\d{1,2})月$"):
        mt = re.match(pat, d)
        if mt:
            return int(mt.group(1))
    return None


def duties(unit, role, months):
    # A street office the tables never name (椿树街道) still has every 各街道办事处 row.
    street = unit in seed_names or units[unit].get("kind") == "street-office"
    out = []
    for ref, m in measures.items():
        cells = m["leadUnits"] if role == "lead" else m["coUnits"]
        if unit in cells or (street and any(g in cells for g in STREET_GROUPS)):
            if months:
                # "10-12" or [10, 12]
                lo, hi = (int(x) for x in (months if isinstance(months, list) else months.split("-") + [months])[:2])
                dm = due_month(m["deadline"])
                if dm is None or not lo <= dm <= hi:
                    continue
            out.append(ref)
    return out


def label(raw):
    kind = raw["kind"]
    turns = raw.get("turns")
    q = turns[-1] if turns else raw["q"]
    item = {"q": q, "kind": kind, "refs": [], "lead": [], "co": [], "values": [], "noAnswer": kind == "none",
            "context": turns[:-1] if turns else [], "user": raw.get("user")}
    refs = [r for ref in raw.get("refs") or [] for r in expand(ref)]
    if kind in ("lead", "deadline", "co", "search"):
        if not refs:
            raise ValueError(f"{kind} needs refs: {q}")
        item["refs"] = raw["refs"]
        rows = [measures[r] for r in refs]
        if kind == "lead":
            item["lead"] = [x for x in rows[0]["leadUnits"] if all(x in r["leadUnits"] for r in rows)]
        elif kind == "co":
            item["co"] = [x for x in rows[0]["coUnits"] if all(x in r["coUnits"] for r in rows)]
        elif kind == "deadline" and len({r["deadline"] for r in rows}) == 1:
            item["deadline"] = rows[0]["deadline"]
    elif kind == "indicator":
        ind = raw["indicator"]
        if ind.startswith("district-"):
            target = plan["districtTargets"][int(ind.split("-")[1]) - 1]
            value = target["value"]
            # As answers write it (and people read it): 15左右 with unit % is "15%左右".
            item["values"] = [value[:-2] + target["unit"] + "左右" if value.endswith("左右") else value]
        else:
            col = ind.split("-", 1)[1]
            assert col in COLUMNS, ind
            row = next(s for s in plan["streetTargets"] if s["street"] in (raw["street"], seed_names.get(raw["street"])))
            item["values"] = [str(row[col])]
    elif kind == "duties":
        item["refs"] = duties(raw["unit"], raw.get("role", "lead"), raw.get("months"))
    elif kind != "none":
        raise ValueError(f"unknown kind {kind}")
    return item


def main(src, dst):
    bad = 0
    with open(dst, "w", encoding="utf-8") as out:
        for n, line in enumerate(open(src, encoding="utf-8"), 1):
            if not line.strip():
                continue
            try:
                out.write(json.dumps(label(json.loads(line)), ensure_ascii=False) + "\n")
            except (ValueError, KeyError, StopIteration, AssertionError) as e:
                bad += 1
                print(f"line {n}: {e!r}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
