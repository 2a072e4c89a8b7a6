"""Pages from templates: Jinja2 (autoescaped) page shells, static CSS/JS inlined, notebooks via nbconvert.

Templates are in ``site/templates``; ``site.css`` and ``tables.js`` in ``site/static`` are
read once and inlined into every page, so the site works offline, opened from ``file://``.
Every value a template prints is escaped unless it is :class:`markupsafe.Markup` — only
HTML this package made from escaped parts (tables, figures, nbconvert's body of outputs
that the notebook helpers escaped) is passed as Markup.
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

from markupsafe import Markup

from ..notebook import write_file

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
SITE_TITLE = "Labour NEC elections"
_LEAD = re.compile(r'<section class="lead">.*?</section>', re.S)


@functools.cache
def environment():
    """The Jinja2 environment: templates from ``site/templates``, autoescaping on."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=True)


@functools.cache
def static() -> dict[str, Markup]:
    """The stylesheet and script, read once, to be inlined (``</`` cannot end their element early)."""
    out = {}
    for key, name in (("css", "site.css"), ("js", "tables.js")):
        text = (STATIC / name).read_text(encoding="utf-8")
        if "</" in text:
            raise ValueError(f"site/static/{name} must not contain '</' (it is inlined into the page)")
        out[key] = Markup(text)
    return out


def render(template: str, dest: Path, **context: object) -> Path:
    """Render ``template`` with ``context`` (plus the static files) to ``dest``, whole or not at all."""
    context.setdefault("lead", None)
    context.setdefault("about", [])
    context.setdefault("current", None)
    html_text = environment().get_template(template).render(static=static(), **context)
    return write_file(dest, html_text)


def _strip_preprocessors():
    from nbconvert.preprocessors import Preprocessor

    class DropStderr(Preprocessor):
        """Warnings on stderr go to the build log, not to readers."""

        def preprocess_cell(self, cell, resources, index):
            if cell.cell_type == "code":
                for out in cell.get("outputs", []):
                    if out.get("output_type") == "stream" and out.get("name") == "stderr":
                        sys.stderr.write(f"  (notebook stderr, cell {index}) {out.get('text', '')[:500]}\n")
                cell.outputs = [o for o in cell.get("outputs", [])
                                if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
            return cell, resources

    return DropStderr


@functools.cache
def exporter():
    """nbconvert's HTML exporter (its ``basic`` template: the body only), code hidden; made once."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exp = HTMLExporter(template_name="basic")
    exp.exclude_input = True
    exp.exclude_input_prompt = True
    exp.exclude_output_prompt = True
    tags = TagRemovePreprocessor(remove_cell_tags={"headline", "remove-cell"},
                                 remove_all_outputs_tags={"remove-output"}, enabled=True)
    exp.register_preprocessor(tags, enabled=True)
    exp.register_preprocessor(_strip_preprocessors()(), enabled=True)
    return exp


def warm() -> None:
    """Make the exporter, compile its templates and the page templates, read the static files
    (a parent process does this once; every page job it forks inherits them)."""
    import nbformat

    # an entity: BeautifulSoup (under nbconvert) builds its table of HTML entities on the first one
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Warm *up* & go: [a](b)\n\n- c")])
    exporter().from_notebook_node(nb)  # also loads the Markdown renderer and its plugins
    environment().get_template("notebook_page.html.j2")
    static()


def notebook_body(executed: Path) -> tuple[Markup, Markup]:
    """(lead, body) of an executed notebook: the opening markdown cell (the editor's note on
    inputs and outputs) dropped, and the ``lead`` the notebook showed lifted out of the body."""
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    if nb.cells and nb.cells[0].cell_type == "markdown":
        nb.cells = nb.cells[1:]
    for i, cell in enumerate(nb.cells):  # jupytext and papermill make random ids: keep pages reproducible
        cell["id"] = f"cell-{i}"
    body, _ = exporter().from_notebook_node(nb)
    lead = _LEAD.search(body)
    if lead:
        body = body[:lead.start()] + body[lead.end():]
    return Markup(lead.group(0) if lead else ""), Markup(body)
