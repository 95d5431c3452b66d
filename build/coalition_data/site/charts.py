"""Vega-Lite specifications of the site's charts, built with Altair.

The specs are plain JSON: the site writes them to a script beside the bundled renderer, so
the charts draw from `file://` with nothing fetched. Marks carry `href`s to the meeting pages.
Every parameter is named explicitly: Altair numbers unnamed ones per process, which would
make the site's bytes depend on what ran before.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import altair as alt

# Names of the mark groups, used by the page's script and the browser tests.
MEETING_MARKS = "meeting_points"
PLEDGE_MARKS = "pledge_points"
VENUE_MARKS = "venue_points"

WIDTH = 780  # concatenated views cannot "fit" their container, so the width is fixed
_UTC = alt.Scale(type="utc", padding=14)
# 2e9 -> "2 bn", 5e8 -> "500 m": the press's units, not SI's "G"
_MONEY_LABEL = ("datum.value >= 1e9 ? format(datum.value / 1e9, '~g') + ' bn' : "
                "datum.value >= 1e6 ? format(datum.value / 1e6, '~g') + ' m' : "
                "format(datum.value, ',~g')")
_TEXT_FONT = "system-ui, 'Noto Sans', 'Noto Sans Arabic', sans-serif"


def _t(titles: dict[str, str] | None, key: str, default: str) -> str:
    return (titles or {}).get(key, default)


def timeline_spec(meetings: list[dict[str, Any]], pledges: list[dict[str, Any]],
                  levels: list[str], bodies: list[str],
                  titles: dict[str, str] | None = None) -> dict[str, Any]:
    """Dated meetings over time (row = level, colour = body, shape = held or planned), with a
    panel of pledged amounts below on the same time axis.

    `meetings` rows need: date_start, date_end, level (a short name), level_label,
    body_label, status, label, date_label, place, n_reports, href. `pledges` rows: date,
    amount, currency, donor, amount_text, meeting, href. `levels`/`bodies`: the label order.
    """
    x = alt.X("date_start:T", title=None, scale=_UTC,
              axis=alt.Axis(format="%Y", tickCount="year"))
    y = alt.Y("level:N", title=None, sort=levels, axis=alt.Axis(labelLimit=200))
    data = alt.Data(values=meetings)
    t = partial(_t, titles)
    tooltip = [alt.Tooltip("label:N", title=t("meeting", "meeting")),
               alt.Tooltip("date_label:N", title=t("date", "date")),
               alt.Tooltip("place:N", title=t("place", "place")),
               alt.Tooltip("level_label:N", title=t("level", "level")),
               alt.Tooltip("status:N", title=t("status", "status")),
               alt.Tooltip("body_label:N", title=t("body", "body")),
               alt.Tooltip("n_reports:Q", title=t("reports", "reports"))]
    color = alt.Color("body_label:N", title=t("body", "body"), sort=bodies,
                      scale=alt.Scale(scheme="tableau10"),
                      legend=alt.Legend(orient="bottom", columns=2, labelLimit=360))
    spans = alt.Chart(data, name="meeting_spans").mark_rule(strokeWidth=3, opacity=0.35).encode(
        x=x, x2="date_end:T", y=y, color=color)
    points = alt.Chart(data, name=MEETING_MARKS).mark_point(
        filled=True, size=110, opacity=0.85, cursor="pointer").encode(
        x=x, y=y, color=color,
        shape=alt.Shape("status:N", title=t("status", "status"), sort=["held", "planned"],
                        scale=alt.Scale(domain=["held", "planned"],
                                        range=["circle", "triangle-up"]),
                        legend=alt.Legend(orient="bottom", labelExpr=(
                            f"datum.label == 'held' ? '{t('held', 'held')}' : "
                            f"'{t('planned', 'planned')}'"))),
        href="href:N", tooltip=tooltip)
    top = alt.layer(spans, points).properties(width=WIDTH, height=max(
        120, 30 * max(1, len({m["level"] for m in meetings}))))
    if not pledges:
        return top.configure_view(stroke=None).configure(font=_TEXT_FONT).to_dict()
    money = alt.Chart(alt.Data(values=pledges), name=PLEDGE_MARKS).mark_circle(
        size=70, opacity=0.8, cursor="pointer").encode(
        x=alt.X("date:T", title=None, scale=_UTC, axis=alt.Axis(format="%Y", tickCount="year")),
        y=alt.Y("amount:Q", title=t("pledged_axis", "pledged (log scale)"),
                scale=alt.Scale(type="log"),
                axis=alt.Axis(values=[10**k for k in range(3, 14)], labelExpr=_MONEY_LABEL)),
        color=alt.Color("currency:N", title=t("currency", "currency"),
                        scale=alt.Scale(scheme="dark2"),
                        legend=alt.Legend(orient="bottom")),
        href="href:N",
        tooltip=[alt.Tooltip("donor:N", title=t("donor", "donor")),
                 alt.Tooltip("amount_text:N", title=t("amount", "amount")),
                 alt.Tooltip("currency:N", title=t("currency", "currency")),
                 alt.Tooltip("meeting:N", title=t("meeting", "meeting"))],
    ).properties(width=WIDTH, height=150)
    chart = alt.vconcat(top, money, spacing=18).resolve_scale(x="shared", color="independent")
    return chart.configure_view(stroke=None).configure(font=_TEXT_FONT).to_dict()


def legend_values(counts: list[int]) -> list[int]:
    """A few distinct whole numbers spanning the counts (1, 3, 6 — never 1, 2, 2, 3, 3)."""
    if not counts:
        return []
    lo, hi = min(counts), max(counts)
    return sorted({lo, round((lo + hi) / 2), hi})


# Europe, where venues crowd together: the inset's frame (longitude, latitude)
EUROPE_CENTER = (10.0, 50.0)
EUROPE_SCALE = 900


def map_spec(venues: list[dict[str, Any]], world: dict[str, Any],
             titles: dict[str, str] | None = None, europe: bool = False) -> dict[str, Any]:
    """Venues on a world map (or, with `europe`, an inset of Europe where they crowd): one
    circle per place, its area the number of meetings.

    `venues` rows need: latitude, longitude, place, country, meetings, first, last, href;
    `world` is a TopoJSON topology with a `countries` object.
    """
    t = partial(_t, titles)
    prefix = "europe_" if europe else ""
    countries = alt.Data(values=world, format=alt.DataFormat(type="topojson",
                                                             feature="countries"))
    base = alt.Chart(countries, name=f"{prefix}countries").mark_geoshape(
        fill="#e9e7e1", stroke="#ffffff", strokeWidth=0.6, clip=True).transform_filter(
        "datum.id !== '010'")  # Antarctica: no venue, a third of the frame
    dots = alt.Chart(alt.Data(values=venues), name=prefix + VENUE_MARKS).mark_circle(
        color="#b3261e", opacity=0.75, stroke="#ffffff", strokeWidth=1, clip=True,
        cursor="pointer").encode(
        longitude="longitude:Q", latitude="latitude:Q",
        size=alt.Size("meetings:Q", title=t("meetings", "meetings"),
                      scale=alt.Scale(range=[40, 900], zero=False),
                      legend=None if europe else alt.Legend(
                          orient="bottom-left", format="d",
                          values=legend_values([v["meetings"] for v in venues]))),
        href="href:N",
        tooltip=[alt.Tooltip("place:N", title=t("place", "venue")),
                 alt.Tooltip("country:N", title=t("state", "country")),
                 alt.Tooltip("meetings:Q", title=t("meetings", "meetings")),
                 alt.Tooltip("first:N", title=t("first", "first")),
                 alt.Tooltip("last:N", title=t("last", "last"))])
    if europe:
        projection = {"type": "mercator", "center": list(EUROPE_CENTER), "scale": EUROPE_SCALE}
        chart = alt.layer(base, dots).project(**projection).properties(width=380, height=300)
        return chart.configure_view(stroke="#cccccc").configure(font=_TEXT_FONT).to_dict()
    chart = alt.layer(base, dots).project(type="equalEarth").properties(
        width="container", height=460)
    return chart.configure_view(stroke=None).configure(font=_TEXT_FONT).to_dict()


RELIABILITY_MARKS = "reliability_points"


def reliability_spec(points: list[dict[str, Any]], tables: list[str],
                     titles: dict[str, str] | None = None) -> dict[str, Any]:
    """A reliability diagram: per table and confidence bin, the rows' mean confidence
    against the share that were right, with the diagonal where the two agree (a point
    below it: rows less often right than their confidence says). One point per bin.

    `points` rows need: table, from, to, rows, mean_confidence, share_correct; `tables`:
    the colour order.
    """
    t = partial(_t, titles)
    unit = alt.Scale(domain=[0, 1], nice=False)
    diagonal = alt.Chart(alt.Data(values=[{"x": 0, "y": 0}, {"x": 1, "y": 1}]),
                         name="reliability_diagonal").mark_line(
        color="#9e9e9e", strokeDash=[4, 4], strokeWidth=1).encode(
        x=alt.X("x:Q", scale=unit), y=alt.Y("y:Q", scale=unit))
    x = alt.X("mean_confidence:Q", scale=unit, title=t("mean_confidence", "mean confidence"),
              axis=alt.Axis(format=".1f", tickCount=5))
    y = alt.Y("share_correct:Q", scale=unit, title=t("share_correct", "share right"),
              axis=alt.Axis(format=".1f", tickCount=5))
    color = alt.Color("table:N", title=t("table", "table"), sort=tables,
                      scale=alt.Scale(scheme="tableau10"), legend=alt.Legend(orient="right"))
    data = alt.Data(values=points)
    dots = alt.Chart(data, name=RELIABILITY_MARKS).mark_circle(opacity=0.85).encode(
        x=x, y=y, color=color,
        size=alt.Size("rows:Q", title=t("rows", "rows"),
                      scale=alt.Scale(range=[30, 400]), legend=None),
        tooltip=[alt.Tooltip("table:N", title=t("table", "table")),
                 alt.Tooltip("from:Q", title=t("from", "from"), format=".1f"),
                 alt.Tooltip("to:Q", title=t("to", "to"), format=".1f"),
                 alt.Tooltip("rows:Q", title=t("rows", "rows")),
                 alt.Tooltip("mean_confidence:Q",
                             title=t("mean_confidence", "mean confidence"), format=".2f"),
                 alt.Tooltip("share_correct:Q", title=t("share_correct", "share right"),
                             format=".2f")])
    chart = alt.layer(diagonal, dots).properties(width=300, height=300)
    return chart.configure_view(stroke="#cccccc").configure(font=_TEXT_FONT).to_dict()
