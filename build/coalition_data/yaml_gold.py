"""Scoring against gold annotations in the development set's YAML format.

The matching rules are those of the development set's scorer (shared/devset/score.py),
carried here unchanged so that `coalition-data evaluate --gold FILE.yaml` measures the
project exactly as that scorer does: meetings on place + date overlap per article
(main meetings give P/R, mentioned ones recall only, neutral and optional ones neither),
persons on a fuzzy surname, states on ISO codes, pledges on article + amount + donor,
resolutions on article + number.
"""
# ruff: noqa
from __future__ import annotations

import argparse
import calendar
import datetime as dt
import difflib
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import polars as pl
import yaml

TABLES = ("meetings", "persons", "states", "pledges", "resolutions")
LEVEL_SAME = {"senior_officials": "political_directors"}
STOP = {"al", "el", "ad", "bin", "ben", "ibn", "abd", "abdul", "abu", "de", "di", "le", "la", "van", "von",
        "mr", "dr", "prince", "general", "gen", "ambassador", "sheikh", "sir", "h", "e", "person"}
CITY_ALIAS = {"washington dc": "washington", "washington d c": "washington", "kuwait city": "kuwait",
              "marrakech": "marrakesh", "quebec city": "quebec", "the hague": "hague", "new york city": "new york"}


# ---------- small helpers ----------
def listify(v):
    if v is None:
        return []
    return list(v) if isinstance(v, (list, tuple, set)) else [v]


def interval(value, end=None):
    """Gold date (YYYY, YYYY-MM, YYYY-MM-DD, date) -> (first day, last day), or None."""
    def one(v, last):
        if v is None:
            return None
        if isinstance(v, dt.date):
            return v
        s = str(v).strip()
        m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", s)
        if not m:
            return None
        y, mo, d = int(m[1]), m[2], m[3]
        if d:
            return dt.date(y, int(mo), int(d))
        if mo:
            mo = int(mo)
            return dt.date(y, mo, calendar.monthrange(y, mo)[1] if last else 1)
        return dt.date(y, 12, 31) if last else dt.date(y, 1, 1)
    a = one(value, False)
    if a is None:
        return None
    b = one(end if end is not None else value, True)
    return a, b


def fold(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", str(s or "")).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def city_key(s) -> str:
    k = fold(s)
    return CITY_ALIAS.get(k, k)


def name_tokens(s) -> list[str]:
    return [t for t in fold(s).split() if t not in STOP and len(t) > 1]


def skeleton(word: str) -> str:
    """Consonant skeleton shared by English spellings and the project's Arabic keys (person:ar-mykl-flwn):
    digraphs to one letter, letters Arabic lacks to their usual stand-in, vowels and w/y dropped, doubles merged."""
    w = word.lower()
    for a, b in (("ch", "k"), ("kh", "k"), ("gh", "g"), ("sh", "s"), ("th", "t"), ("dh", "d"), ("ph", "f"),
                 ("q", "k"), ("c", "k"), ("p", "b"), ("v", "f"), ("x", "ks"), ("z", "s"), ("j", "g")):
        w = w.replace(a, b)
    w = re.sub(r"[aeiouyw]", "", w)
    return re.sub(r"(.)\1+", r"\1", w)


def name_match(gold: str, pred: str) -> bool:
    """Surname match: fuzzy on English names; on consonant skeletons when the prediction is an Arabic key."""
    g, p = name_tokens(gold), name_tokens(pred)
    if not g or not p:
        return False
    sur = g[-1]
    if pred.startswith("ar "):                     # person:ar-... key of a person outside the registry
        p = p[1:]                                                   # drop the "ar" marker
        gs = skeleton(sur.removeprefix("el") if len(sur) > 4 else sur)
        ps = {skeleton(v) for t in p for v in (t, t[1:] if t.startswith("l") and len(t) > 3 else t)}  # al-
        if len(gs) >= 3 and any(difflib.SequenceMatcher(None, gs, t).ratio() >= 0.8 for t in ps):
            return True
        whole = skeleton("".join(g))
        return len(whole) >= 3 and any(
            difflib.SequenceMatcher(None, skeleton("".join(p[i:j])), whole).ratio() >= 0.85
            for i in range(len(p)) for j in range(i + 1, len(p) + 1))
    if any(difflib.SequenceMatcher(None, sur, t).ratio() >= 0.8 for t in p):
        return True
    return difflib.SequenceMatcher(None, " ".join(g), " ".join(p)).ratio() >= 0.85


def prf(tp, fp, hit, fn):
    """Precision over predicted units (tp, fp), recall over gold items (hit, fn); both 1 when there is nothing."""
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = hit / (hit + fn) if hit + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def short(s, n=70):
    s = re.sub(r"\s+", " ", str(s or "")).strip()
    return s if len(s) <= n else s[: n - 1] + "…"


def fmt_date(a, b):
    if a is None:
        return "undated"
    return str(a) if a == b else f"{a}..{b}"


# ---------- loading ----------
def load_gold(path: Path) -> dict:
    g = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): v or {} for k, v in g.items() if not str(k).startswith("_")}


def load_pred(root: Path) -> dict[str, pl.DataFrame]:
    data = root / "data"
    need = ["articles", "meetings", "meeting_reports", "participants", "pledges", "resolutions"]
    missing = [t for t in need if not (data / f"{t}.parquet").exists()]
    if missing:
        from coalition_data.errors import InputError

        raise InputError(f"{data} lacks {', '.join(missing)}.parquet")
    return {t: pl.read_parquet(data / f"{t}.parquet") for t in need}


# ---------- scoring ----------
class Scorer:
    def __init__(self, gold: dict, pred: dict[str, pl.DataFrame]):
        self.gold, self.pred = gold, pred
        self.lines: list[str] = []          # FP / FN lines
        self.attr: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        self.attr_lines: list[str] = []
        self.scores: dict[str, tuple] = {}
        self.linked: list[tuple[str, str, str]] = []  # (article, gold key, predicted meeting_id)
        # not in score.py: each predicted row's outcome (True tp, False fp, None neutral),
        # what the calibration of `confidence` is fitted on
        self.outcomes: dict[str, dict] = {t: {} for t in TABLES}
        arts = set(pred["articles"]["article_id"].to_list())
        self.unknown = sorted(set(gold) - arts)
        self.ungolded = sorted(arts - set(gold))
        self.meet = {r["meeting_id"]: r for r in pred["meetings"].iter_rows(named=True)}
        self.arts_of = defaultdict(set)
        for r in pred["meeting_reports"].iter_rows(named=True):
            self.arts_of[r["meeting_id"]].add(r["article_id"])

    # meetings
    @staticmethod
    def place_ok(g, p) -> bool:
        if g.get("virtual"):
            return bool(p["is_virtual"])
        gc, gk = g.get("city"), g.get("country")
        if not gc and not gk:
            return True
        if p["is_virtual"]:
            return False
        if gc and p["city_en"] and city_key(gc) == city_key(p["city_en"]):
            return True
        return bool(gk and p["country_code"] and gk == p["country_code"])

    @staticmethod
    def date_ok(g, p) -> bool:
        gi = interval(g.get("date"), g.get("date_end"))
        if gi is None:
            return True
        ps, pe = p["date_start"], p["date_end"]
        if ps is None:
            return g.get("resolvable", True) is False
        pe = pe or ps
        return gi[0] <= pe and ps <= gi[1]

    def agree(self, field, gold_vals, pred_val, where):
        gold_vals = [LEVEL_SAME.get(v, v) for v in listify(gold_vals)]
        if not gold_vals:
            return
        pv = LEVEL_SAME.get(pred_val, pred_val)
        ok = pv in gold_vals or (field == "n_states" and pv is not None and float(pv) in [float(x) for x in gold_vals])
        self.attr[field][0] += ok
        self.attr[field][1] += 1
        if not ok:
            self.attr_lines.append(f"ATTR {field:<9} {where}: gold {'|'.join(map(str, gold_vals))} pred {pred_val}")

    def score_meetings(self):
        tp = fp = fn = 0
        men_hit = men_all = 0
        reports = defaultdict(list)
        for r in self.pred["meeting_reports"].iter_rows(named=True):
            reports[r["article_id"]].append(r)
        prio = {"main": 0, "mentioned": 1, "neutral": 2}
        for art in sorted(set(self.gold) | set(reports)):
            golds = [dict(m, _i=i) for i, m in enumerate(self.gold.get(art, {}).get("meetings") or [])]
            golds.sort(key=lambda m: (bool(m.get("optional")), prio.get(m.get("role", "main"), 3)))
            units = reports.get(art, [])
            used: set[int] = set()
            matched: dict[int, dict] = {}
            for g in golds:
                cands = [(i, u) for i, u in enumerate(units) if i not in used
                         and self.place_ok(g, self.meet[u["meeting_id"]]) and self.date_ok(g, self.meet[u["meeting_id"]])]
                if not cands:
                    continue
                def pref(c):
                    m = self.meet[c[1]["meeting_id"]]
                    return (m["body"] not in listify(g.get("body")), LEVEL_SAME.get(m["level"], m["level"]) not in
                            [LEVEL_SAME.get(v, v) for v in listify(g.get("level"))])
                i, u = min(cands, key=pref)
                used.add(i)
                matched[g["_i"]] = u
            for g in golds:
                role, opt = g.get("role", "main"), bool(g.get("optional"))
                desc = (f"{fmt_date(*(interval(g.get('date'), g.get('date_end')) or (None, None)))} "
                        f"{'virtual' if g.get('virtual') else (g.get('city') or '-')} {g.get('country') or ''} "
                        f"{'/'.join(map(str, listify(g.get('body'))))}/{'/'.join(map(str, listify(g.get('level'))))}")
                u = matched.get(g["_i"])
                if u is not None:
                    m = self.meet[u["meeting_id"]]
                    if g.get("key") and role in ("main", "mentioned") and not opt:
                        self.linked.append((art, g["key"], u["meeting_id"]))
                    where = f"{art} {role} {u['meeting_id']}"
                    if role in ("main", "mentioned") and not opt:
                        for f, pv in (("level", m["level"]), ("body", m["body"]), ("status", u["status_in_article"]),
                                      ("n_states", m["n_states"])):
                            self.agree(f, g.get(f), pv, where)
                    self.outcomes["meetings"][(u["meeting_id"], art)] = \
                        True if role in ("main", "mentioned") and not opt else None
                    if role == "main" and not opt:
                        tp += 1
                    if role == "mentioned" and not opt:
                        men_hit += 1
                        men_all += 1
                elif not opt and role in ("main", "mentioned"):
                    if role == "main":
                        fn += 1
                    else:
                        men_all += 1
                    note = f" ({g['date_note']})" if g.get("date_note") else ""
                    self.lines.append(f"FN meetings    {art} {role:<9} {desc}{note}")
            for i, u in enumerate(units):
                if i in used:
                    continue
                self.outcomes["meetings"][(u["meeting_id"], art)] = False
                fp += 1
                m = self.meet[u["meeting_id"]]
                self.lines.append(
                    f"FP meetings    {art} {u['meeting_id']} [{fmt_date(m['date_start'], m['date_end'])} "
                    f"{'virtual' if m['is_virtual'] else (m['city_en'] or '-')} {m['country_code'] or ''} "
                    f"{m['body']}/{m['level']}] «{short(u['quote'])}»")
        self.scores["meetings"] = (tp, fp, tp, fn)
        self.mentioned = (men_hit, men_all)

    # participants
    def score_participants(self, kind: str):
        rows = self.pred["participants"].filter(pl.col("kind") == kind)
        gold_items = []   # (art, value, optional)
        for art, g in self.gold.items():
            if kind == "person":
                for p in g.get("people") or []:
                    gold_items.append((art, p["name_en"], bool(p.get("optional"))))
            else:   # YAML 1.1 reads a bare NO (Norway) as false: take it back
                iso = lambda v: "NO" if v is False else str(v)   # noqa: E731
                gold_items += [(art, iso(s), False) for s in g.get("states") or []]
                gold_items += [(art, iso(s), True) for s in g.get("optional_states") or []]

        def value(r):
            if kind == "person":
                return r["name_en"] or re.sub(r"^person:", "", r["participant_key"]).replace("_", " ").replace("-", " ")
            return (r["represents"] or r["participant_key"].split(":", 1)[-1]).upper()

        def same(gv, pv):
            return name_match(gv, pv) if kind == "person" else gv == pv

        tp = fp = 0
        hit = set()
        for r in rows.iter_rows(named=True):
            arts = self.arts_of.get(r["meeting_id"], set()) | {r["article_id"]}
            pv = value(r)
            ms = [(i, it) for i, it in enumerate(gold_items) if it[0] in arts and same(it[1], pv)]
            for i, _ in ms:
                hit.add(i)
            okey = "persons" if kind == "person" else "states"
            self.outcomes[okey][(r["meeting_id"], r["participant_key"])] = \
                True if any(not it[2] for _, it in ms) else (None if ms else False)
            if any(not it[2] for _, it in ms):
                tp += 1
            elif ms:
                pass     # matches only an optional item: neutral
            else:
                fp += 1
                tag = ""
                if kind == "person":
                    nots = [n for a in arts for n in (self.gold.get(a, {}).get("not_participants") or [])]
                    if any(name_match(n, pv) for n in nots):
                        tag = " (gold: not a participant)"
                self.lines.append(f"FP {kind + 's':<11} {r['article_id']} {pv} [{r['participation']}, "
                                  f"{r['meeting_id']}]{tag} «{short(r['quote'], 50)}»")
        fn = 0
        for i, (art, gv, opt) in enumerate(gold_items):
            if i not in hit and not opt:
                fn += 1
                self.lines.append(f"FN {kind + 's':<11} {art} {gv}")
        got = sum(1 for i, it in enumerate(gold_items) if i in hit and not it[2])
        self.scores["persons" if kind == "person" else "states"] = (tp, fp, got, fn)

    # pledges
    @staticmethod
    def amount_ok(g, p) -> bool:
        v = g.get("amount", g.get("amount_min"))
        if v is None:
            return False
        lo, hi = p["amount_min"], p["amount_max"]
        close = abs((lo or 0) - v) <= 0.01 * v
        return close or (lo is not None and hi is not None and lo <= v <= hi)

    @staticmethod
    def donor_ok(g, p) -> bool:
        d = g.get("donor")
        if not d:
            return True
        if re.fullmatch(r"[A-Z]{2}", str(d)):
            return p["donor"] == d
        return p["donor_kind"] != "state"

    def score_pledges(self):
        tp = fp = 0
        items = [(art, pl_) for art, g in self.gold.items() for pl_ in g.get("pledges") or []]
        hit = set()
        for r in self.pred["pledges"].iter_rows(named=True):
            arts = {r["article_id"]} | (self.arts_of.get(r["meeting_id"], set()) if r["meeting_id"] else set())
            ms = [i for i, (a, g) in enumerate(items) if a in arts and self.amount_ok(g, r) and self.donor_ok(g, r)]
            hit.update(ms)
            self.outcomes["pledges"][r["pledge_id"]] = True if any(
                not items[i][1].get("optional") for i in ms) else (None if ms else False)
            if any(not items[i][1].get("optional") for i in ms):
                tp += 1
                g = next(items[i][1] for i in ms if not items[i][1].get("optional"))
                self.agree("kind", g.get("kind"), r["kind"], f"{r['article_id']} {r['pledge_id']}")
                self.agree("currency", g.get("currency"), r["currency"], f"{r['article_id']} {r['pledge_id']}")
            elif not ms:
                fp += 1
                self.lines.append(f"FP pledges     {r['article_id']} {r['donor']} {r['amount_min']:,.0f}"
                                  f"{'' if r['amount_max'] in (None, r['amount_min']) else '-' + format(r['amount_max'], ',.0f')}"
                                  f" {r['currency']} {r['kind']} «{short(r['quote'], 60)}»")
        fn = 0
        for i, (art, g) in enumerate(items):
            if i not in hit and not g.get("optional"):
                fn += 1
                v = g.get("amount", g.get("amount_min"))
                self.lines.append(f"FN pledges     {art} {g.get('donor')} {v:,.0f} {g.get('currency')} "
                                  f"{'/'.join(listify(g.get('kind')))}")
        got = sum(1 for i, (_, g) in enumerate(items) if i in hit and not g.get("optional"))
        self.scores["pledges"] = (tp, fp, got, fn)

    def score_resolutions(self):
        pred = {(r["article_id"], int(r["resolution_number"])): r for r in self.pred["resolutions"].iter_rows(named=True)}
        gold = {(a, int(n)) for a, g in self.gold.items() for n in g.get("resolutions") or []}
        opt = {(a, int(n)) for a, g in self.gold.items() for n in g.get("optional_resolutions") or []}
        tp = len(set(pred) & gold)
        for k in pred:
            self.outcomes["resolutions"][k] = True if k in gold else (None if k in opt else False)
        fps = sorted(k for k in set(pred) - gold - opt)
        fns = sorted(gold - set(pred))
        for k in fps:
            self.lines.append(f"FP resolutions {k[0]} {k[1]} «{short(pred[k]['quote'], 60)}»")
        for k in fns:
            self.lines.append(f"FN resolutions {k[0]} {k[1]}")
        self.scores["resolutions"] = (tp, len(fps), tp, len(fns))

    def score_linking(self):
        """Pairwise same-meeting decisions over matched gold meetings that carry a key."""
        units = sorted(set(self.linked))
        same_gold = same_pred = both = 0
        for i in range(len(units)):
            for j in range(i + 1, len(units)):
                a, b = units[i], units[j]
                g, p = a[1] == b[1], a[2] == b[2]
                same_gold += g
                same_pred += p
                both += g and p
                if g and not p:
                    self.lines.append(f"FN linking     {a[0]}+{b[0]} {a[1]}: {a[2]} / {b[2]}")
                elif p and not g:
                    self.lines.append(f"FP linking     {a[0]}+{b[0]} {a[2]}: {a[1]} / {b[1]}")
        keys = {k for _, k, _ in units}
        ids = {m for _, _, m in units}
        self.linking = (both, same_pred, same_gold, len(ids), len(keys))

    def run(self):
        self.score_meetings()
        self.score_linking()
        self.score_participants("person")
        self.score_participants("state")
        self.score_pledges()
        self.score_resolutions()
        return self




LABELS = {"persons": "participants(persons)", "states": "participants(states)",
          "meetings": "meetings(main)"}


def evaluate_yaml(gold: Path, root: Path) -> Scorer:
    """Score the package at `root` against a YAML gold file."""
    from coalition_data.errors import InputError

    if not gold.is_file():
        raise InputError(f"{gold}: gold file not found")
    try:
        g = load_gold(gold)
    except yaml.YAMLError as exc:
        raise InputError(f"{gold}: not valid YAML ({exc})") from None
    return Scorer(g, load_pred(root)).run()


def table_lines(s: Scorer) -> list[str]:
    """The scorer's per-table lines (same format as shared/devset/score.py)."""
    out = []
    for t in TABLES:
        tp, fp, hit, fn = s.scores[t]
        p, r, f = prf(tp, fp, hit, fn)
        out.append(f"{LABELS.get(t, t):<22} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   pred tp {tp:>3} "
                   f"fp {fp:>3} | gold found {hit:>3} missed {fn:>3}")
    mh, ma = s.mentioned
    out.append(f"{'meetings(mentioned)':<22} recall {mh / ma if ma else 1:.3f} ({mh}/{ma})")
    both, sp, sg, n_ids, n_keys = s.linking
    if n_keys:
        lp, lr, lf = prf(both, sp - both, both, sg - both)
        out.append(f"{'meetings(linking)':<22} P {lp:.3f}  R {lr:.3f}  F1 {lf:.3f}   pairs same-pred "
                   f"{sp:>3} same-gold {sg:>3} | rows per real meeting {n_ids / n_keys:.2f} "
                   f"({n_ids}/{n_keys})")
    out.append("attributes agree: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in s.attr.items()))
    return out
