"""Publishing the dataset: everything here is generated from ``nec_analysis.schema``.

* ``readme_tables()`` — the column tables of ``data/processed/README.md`` (everything after
  the ``GENERATED`` marker line);
* ``datapackage()`` — ``data/processed/datapackage.json``, a Frictionless Tabular Data
  Package: Table Schema per table with primary and foreign keys, sources, licence, version
  (the newest heading of ``data/processed/CHANGELOG.md``);
* ``datasette_metadata()`` — Datasette's ``metadata.yml`` (titles, descriptions, sources,
  licence, column descriptions);
* ``write_sqlite()`` — ``build/nec.sqlite`` with sqlite-utils (``nec_analysis.etl.sqlite``).

``python -m nec_analysis.etl.publish docs`` rewrites the README tables and the data package;
tests fail when the committed files differ from what this module generates.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from ..paths import processed_dir, project_root
from ..schema import COLUMN_BY_NAME, TABLES, Column, Table

GENERATED = ("<!-- Everything below is generated from nec_analysis/schema.py by "
             "`python -m nec_analysis.etl.publish docs`: edit the schema, not this file. -->")

PACKAGE_NAME = "labour-nec-elections"
PACKAGE_TITLE = "Labour NEC elections: nominations, results and slates"
PACKAGE_DESCRIPTION = (
    "Tidy tables of the Labour Party's National Executive Committee elections (CLP and local "
    "government sections): candidates, nominations (in all and CLP by CLP), results, slates, stated "
    "totals and where sources disagree, read from tables newspapers and blogs printed. Every figure "
    "names its source; unknown values are empty, never guessed.")
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
ATTRIBUTION = "nec-analysis: Labour NEC elections dataset (CC BY 4.0), compiled from the sources in sources.csv"
SOURCES = (
    {"title": "Published tables of nominations, results, slates and totals (one clipping each; "
              "publisher, title, date and address of each in sources.csv)",
     "path": "sources.csv"},
    {"title": "Open Innovations hex layouts of Westminster constituencies (MIT licence)",
     "path": "https://github.com/odileeds/hexmaps"},
    {"title": "Constituency and region names and GSS codes: Office for National Statistics, "
              "Open Government Licence v3.0",
     "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"},
)
# How store writes the CSVs (stated, so readers need not guess: some files fool sniffers).
DIALECT = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "lineTerminator": "\n", "header": True}
TABLE_SOURCES = {"clps": (1, 2)}  # tables that draw on more than the clippings: indexes of SOURCES


def changelog_version(path: Path | None = None) -> str:
    """The dataset's version: the newest ``## x.y.z`` heading of ``CHANGELOG.md``."""
    path = path or processed_dir() / "CHANGELOG.md"
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^## \[?(\d+\.\d+\.\d+)\]?", line)
        if m:
            return m.group(1)
    raise ValueError(f"{path}: no '## <major>.<minor>.<patch>' heading")


# --------------------------------------------------------------------------- Markdown


def _range(col: Column) -> str:
    if col.minimum is not None and col.maximum is not None:
        return f"{col.minimum:g} to {col.maximum:g}"
    if col.minimum is not None:
        return f"≥ {col.minimum:g}"
    return f"≤ {col.maximum:g}" if col.maximum is not None else ""


def _allowed(col: Column) -> str:
    parts = [", ".join(f"`{v}`" for v in col.values)] if col.values else []
    parts += [p for p in (_range(col), col.unit) if p]
    return "; ".join(parts)


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def table_markdown(t: Table) -> str:
    """One table's section of the data dictionary."""
    lines = [f"### `{t.name}.csv` — {t.description} ({t.built_by})", ""]
    if t.primary_key:
        lines.append(f"One row per {', '.join(f'`{c}`' for c in t.primary_key)}.")
    else:
        lines.append(f"No column set is unique; rows are sorted on {', '.join(f'`{c}`' for c in t.order)}.")
    for fk in t.foreign_keys:
        lines.append(f"`{'`, `'.join(fk.fields)}` → `{fk.table}.csv`.")
    lines += ["", "| column | type | required | values | meaning |", "|---|---|---|---|---|"]
    for c in t.columns:
        col = COLUMN_BY_NAME[c]
        lines.append(f"| {c} | {col.type} | {'yes' if c in t.required else ''} | {_md(_allowed(col))} "
                     f"| {_md(t.description_of(c))} |")
    return "\n".join(lines)


def readme_tables() -> str:
    """The generated part of ``data/processed/README.md`` (the marker line and what follows)."""
    return "\n\n".join([GENERATED, "## Tables", *(table_markdown(t) for t in TABLES)]) + "\n"


def readme_with_tables(text: str) -> str:
    """``text`` (the README) with everything from the marker line on regenerated."""
    head = text.split(GENERATED, 1)[0]
    return head.rstrip("\n") + "\n\n" + readme_tables()


# --------------------------------------------------------------------------- Data package


def _pattern(regex: str) -> str:
    """A Python regex as a Table Schema pattern (implicitly anchored, no named groups)."""
    regex = regex.removeprefix("^").removesuffix("$")
    return re.sub(r"\(\?(P<\w+>|:)", "(", regex)


def field(col: Column, t: Table) -> dict:
    """A Table Schema field descriptor."""
    out: dict = {"name": col.name, "type": col.type, "description": t.description_of(col.name)}
    if col.unit:
        out["description"] += f" (unit: {col.unit})"
    if col.type == "boolean":
        out |= {"trueValues": ["True"], "falseValues": ["False"]}
    constraints: dict = {}
    if col.name in t.required:
        constraints["required"] = True
    if col.values:
        constraints["enum"] = list(col.values)
    if col.pattern:
        constraints["pattern"] = _pattern(col.pattern)
    if col.minimum is not None:
        constraints["minimum"] = int(col.minimum) if col.type == "integer" else col.minimum
    if col.maximum is not None:
        constraints["maximum"] = int(col.maximum) if col.type == "integer" else col.maximum
    if constraints:
        out["constraints"] = constraints
    return out


def resource(t: Table) -> dict:
    """A Tabular Data Resource descriptor for one table."""
    schema: dict = {"fields": [field(COLUMN_BY_NAME[c], t) for c in t.columns], "missingValues": [""]}
    if t.primary_key:
        schema["primaryKey"] = list(t.primary_key)
    if t.foreign_keys:
        schema["foreignKeys"] = [{"fields": list(fk.fields),
                                  "reference": {"resource": fk.table, "fields": list(fk.reference)}}
                                 for fk in t.foreign_keys]
    out = {"name": t.name, "path": f"{t.name}.csv", "profile": "tabular-data-resource", "title": t.title,
           "description": f"{t.description[0].upper()}{t.description[1:]}.", "format": "csv",
           "mediatype": "text/csv", "encoding": "utf-8", "dialect": DIALECT, "schema": schema}
    if t.name in TABLE_SOURCES:
        out["sources"] = [SOURCES[0], *(SOURCES[i] for i in TABLE_SOURCES[t.name])]
    return out


def datapackage(version: str | None = None) -> dict:
    """The Frictionless Data Package descriptor of ``data/processed``."""
    return {
        "profile": "tabular-data-package", "name": PACKAGE_NAME, "title": PACKAGE_TITLE,
        "description": PACKAGE_DESCRIPTION, "version": version or changelog_version(),
        "licenses": [LICENCE], "sources": list(SOURCES),
        "keywords": ["Labour Party", "National Executive Committee", "elections", "nominations", "slates"],
        "resources": [resource(t) for t in TABLES],
    }


def datapackage_json(version: str | None = None) -> str:
    """``datapackage.json`` as committed: indented, keys in declaration order, final newline."""
    return json.dumps(datapackage(version), indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- Datasette


def datasette_metadata(database: str = "nec") -> dict:
    """Datasette metadata: the package's title, licence and sources; each table's columns."""
    return {
        "title": PACKAGE_TITLE, "description": PACKAGE_DESCRIPTION,
        "license": LICENCE["title"], "license_url": LICENCE["path"],
        "source": "The newspapers and blogs in the sources table (one row per published table)",
        "databases": {database: {"tables": {
            t.name: {"title": t.title, "description": t.description,
                     "columns": {c: t.description_of(c) for c in t.columns}}
            | ({"source": SOURCES[TABLE_SOURCES[t.name][0]]["title"],
                "source_url": SOURCES[TABLE_SOURCES[t.name][0]]["path"]} if t.name in TABLE_SOURCES else {})
            for t in TABLES}}},
    }


# --------------------------------------------------------------------------- command


def write_docs(folder: Path | None = None) -> list[Path]:
    """Regenerate ``README.md``'s tables and ``datapackage.json`` in ``folder``."""
    folder = folder or processed_dir()
    readme = folder / "README.md"
    readme.write_text(readme_with_tables(readme.read_text(encoding="utf-8")), encoding="utf-8")
    package = folder / "datapackage.json"
    package.write_text(datapackage_json(changelog_version(folder / "CHANGELOG.md")), encoding="utf-8")
    return [readme, package]


def main(argv: list[str] | None = None) -> int:
    """``docs`` (README tables and data package), ``metadata OUT`` (Datasette), ``sqlite OUT``."""
    parser = argparse.ArgumentParser(prog="python -m nec_analysis.etl.publish", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("docs", help="rewrite data/processed/README.md's tables and datapackage.json")
    for name, what in (("metadata", "Datasette metadata.yml"), ("sqlite", "the SQLite database")):
        p = sub.add_parser(name, help=f"write {what} to OUT")
        p.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    if args.command == "docs":
        for path in write_docs():
            print(path.relative_to(project_root()))
    elif args.command == "metadata":
        import yaml

        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(yaml.safe_dump(datasette_metadata("nec"),
                                           sort_keys=False, allow_unicode=True), encoding="utf-8")
    else:
        from .sqlite import write_sqlite

        counts = write_sqlite(args.out)
        print(f"{args.out}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
