"""Template parts are reused across pages only where they cannot differ (irsite.tplmemo).

``tests/test_prerender.py`` shows that the site comes out byte for byte the same with reuse on
and off. These tests cover the cases where reuse must step aside: a theme override that shows
something of the page in a part that is otherwise shared, and a nav that links into a page.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import material

from irsite import tplmemo

from .conftest import MINI, copy_project
from .test_prerender import _assert_same_site, _build, _reused_parts

MATERIAL = Path(material.__file__).resolve().parent / "templates"


def _with_theme_override(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text, n = re.subn(r"(?m)^  name: material$", "  name: material\n  custom_dir: overrides", text)
    assert n == 1
    config.write_text(text, encoding="utf-8")


def test_an_override_that_shows_the_page_is_rendered_for_every_page(tmp_path) -> None:
    project = copy_project(MINI, tmp_path / "project")
    _with_theme_override(project)
    partials = project / "overrides" / "partials"
    partials.mkdir(parents=True)
    nav = (MATERIAL / "partials" / "nav.html").read_text(encoding="utf-8")
    nav = nav.replace("</nav>", '<span class="here">{{ page.title }}</span></nav>')
    (partials / "nav.html").write_text(nav, encoding="utf-8")
    search = (MATERIAL / "partials" / "search.html").read_text(encoding="utf-8")
    search = search.replace("</form>", '<span class="url">{{ page.url }}</span></form>')
    (partials / "search.html").write_text(search, encoding="utf-8")
    site = tmp_path / "site"
    log = _build(project, site, prerendered=True)

    _reused, _rendered, parts = _reused_parts(log)
    assert parts == "base.html#config, partials/palette.html"   # not the overridden nav and search box
    term_pages = [p for p in sorted((site / "glossary").glob("*/index.html")) if p.parent.name != "print"]
    assert [p.parent.name for p in term_pages] == ["irs-1", "nf-kappa-b", "tnf-alpha"]
    for path in term_pages:
        page = path.read_text(encoding="utf-8")
        title = re.search(r"<h1[^>]*>(.*?)<", page).group(1)
        assert f'<span class="here">{title}</span>' in page, path
        assert f'<span class="url">glossary/{path.parent.name}/</span>' in page, path


def test_a_nav_link_into_a_page_keeps_that_page_apart(tmp_path) -> None:
    project = copy_project(MINI, tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    # A link (not a page) to one term page, and to a folder below another.
    text = text.rstrip("\n") + ("\n  - IRS-1: glossary/irs-1/\n  - Deeper: glossary/tnf-alpha/x/\n"
                                "  - Elsewhere: https://example.org/\n")
    text = text.replace("validation:\n", "validation:\n  nav:\n    not_found: info\n    absolute_links: info\n", 1)
    config.write_text(text, encoding="utf-8")
    assert (project / "glossary.yaml").read_text(encoding="utf-8").count("id: tnf-alpha") == 1
    fast, plain = tmp_path / "fast", tmp_path / "plain"
    log = _build(project, fast, prerendered=True)
    _build(project, plain, prerendered=False)
    _assert_same_site(fast, plain)
    reused, _rendered, parts = _reused_parts(log)
    assert "partials/nav.html" in parts and reused > 0
    # what a reader follows from each page: the link reads differently on the linked page
    irs1 = (fast / "glossary" / "irs-1" / "index.html").read_text(encoding="utf-8")
    other = (fast / "glossary" / "nf-kappa-b" / "index.html").read_text(encoding="utf-8")
    assert _nav_links(irs1)["IRS-1"] == "./" and _nav_links(other)["IRS-1"] == "../irs-1/"
    tnf = (fast / "glossary" / "tnf-alpha" / "index.html").read_text(encoding="utf-8")
    assert _nav_links(tnf)["Deeper"] == "x/" and _nav_links(other)["Deeper"] == "../tnf-alpha/x/"
    assert _nav_links(tnf)["Elsewhere"] == "https://example.org/"


def _nav_links(page: str) -> dict[str, str]:
    """The primary nav's links of a built page: label -> href."""
    nav = page.split('<nav class="md-nav md-nav--primary"', 1)[1].split('<nav class="md-nav md-nav--secondary"', 1)[0]
    found = re.findall(r'<a href="([^"]*)" class="md-nav__link[^"]*">\s*(?:<[^>]+>\s*)*([^<]+?)\s*<', nav)
    return {html.unescape(label): href for href, label in found}


def test_folders_holding_other_files_are_not_shared() -> None:
    occupied = tplmemo._occupied_folders(["glossary/a/index.html", "glossary/b/index.html",
                                          "glossary/b/figure.png", "assets/x/site.css", "index.html"])
    assert occupied == {"glossary", "glossary/b", "assets", "assets/x"}
    memo = tplmemo.TemplateMemo(["glossary/a/index.html", "glossary/b/index.html", "glossary/b/figure.png"])
    assert memo._place("glossary/a/") == ("folder", "glossary")
    assert memo._place("glossary/b/") is None              # its figure is linked as "figure.png" from it only
    assert memo._place("glossary/") is None                # holds the term pages
    assert memo._place("404.html") == ("file", "", "404.html")


def _theme(tmp_path: Path, nav_item_extra: str = "", config_extra: str = "") -> tuple[object, Path]:
    """A Jinja environment laid out like a build's: an (empty) override folder, then a theme
    folder holding Material's templates, ``nav_item_extra`` appended to nav-item.html and
    ``config_extra`` to base.html's config block."""
    import jinja2

    theme, custom = tmp_path / "theme", tmp_path / "overrides"
    (theme / "partials").mkdir(parents=True)
    custom.mkdir()
    for name in ("partials/nav.html", "partials/nav-item.html", "partials/search.html",
                 "partials/palette.html", "base.html"):
        text = (MATERIAL / name).read_text(encoding="utf-8")
        if name == "partials/nav-item.html":
            text += nav_item_extra
        if name == "base.html":
            text = text.replace("{% block config %}", "{% block config %}" + config_extra, 1)
        (theme / name).write_text(text, encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(custom), str(theme)]))
    env.filters["url"] = env.filters["script_tag"] = lambda value: value   # MkDocs' filters
    return env, custom


def test_materials_own_nav_templates_are_reused(tmp_path) -> None:
    env, custom = _theme(tmp_path)
    assert tplmemo.TemplateMemo().install(env, "material", custom) == [
        "partials/nav.html", "base.html#config", "partials/search.html", "partials/palette.html"]
    env, custom = _theme(tmp_path / "other")
    assert "partials/nav.html" not in tplmemo.TemplateMemo().install(env, "readthedocs", custom)


def test_nav_templates_that_read_the_page_are_not_reused(tmp_path) -> None:
    env, custom = _theme(tmp_path, "{% if page.meta.wide %}<hr>{% endif %}")
    wrapped = tplmemo.TemplateMemo().install(env, "material", custom)
    assert "partials/nav.html" not in wrapped
    assert "partials/search.html" in wrapped      # the parts that do not read the page still are


def test_a_settings_block_that_reads_the_page_is_not_reused(tmp_path) -> None:
    env, custom = _theme(tmp_path, config_extra="{% if page.meta.beta %}<meta name=beta>{% endif %}")
    assert "base.html#config" not in tplmemo.TemplateMemo().install(env, "material", custom)
