"""The reference layer as tables of the package: registries published as curated.

A registry declared with `publish_as` in schema/datapackage.toml is copied row by row
into a table of that name (values typed as declared, empty cells null), so that users can
look up the codes the fact tables use (chronology ids, partner ids, person ids,
resolution symbols) and follow each row to its source.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from coalition_data.reference.registry import read_registry, registry_folder
from coalition_data.schema import FieldSpec, TableSpec


def _typed(value: str, f: FieldSpec) -> Any:
    if value == "":
        return None
    if f.type == "integer":
        return int(value)
    if f.type == "number":
        return float(value)
    if f.type == "date":
        return dt.date.fromisoformat(value)
    if f.type == "boolean":
        return value.lower() in ("true", "yes", "1")
    return value


def reference_rows(spec: TableSpec) -> list[dict[str, Any]]:
    """The rows of the registry a reference table publishes, in primary-key order."""
    assert spec.registry is not None
    if spec.optional and not (registry_folder() / f"{spec.registry}.csv").is_file():
        return []
    rows = [{f.name: _typed(r.get(f.name, ""), f) for f in spec.fields}
            for r in read_registry(spec.registry)]
    if spec.add_states:
        listed = {r["code"] for r in rows}
        rows += [r for r in state_rows() if r["code"] not in listed]
    return sorted(rows, key=lambda r: tuple(str(r[k] or "") for k in spec.primary_key))


def state_rows() -> list[dict[str, Any]]:
    """Every state CLDR knows, by ISO 3166-1 alpha-2 code, as a row of a code list."""
    from babel import Locale
    from babel import __version__ as babel_version

    from coalition_data.reference.gazetteer import NOT_STATES

    en, ar = Locale("en").territories, Locale("ar").territories
    return [{"code": code, "label_en": en[code], "label_ar": ar.get(code, en[code]),
             "kind": "state", "description": "A state, by its ISO 3166-1 alpha-2 code.",
             "source": f"Unicode CLDR territory names (Babel {babel_version})"}
            for code in sorted(en)
            if len(code) == 2 and code.isalpha() and code not in NOT_STATES]

