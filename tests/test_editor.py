"""The web editor (cms: sveltia): admin/ with a Sveltia CMS configuration made from the
front-matter table, checked against Sveltia's own JSON schema, and opened in Chromium
with Sveltia's script served from its npm package (no request leaves the machine)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import lxml.html
import pytest
import yaml
from checks import JS_DIR, MissingTool, or_fail
from checks.browser import chromium, require_browser, serve
from conftest import SiteFolder, run_cli

from site_builder.content.fields import FIELDS
from site_builder.render import editor

PACKAGE = JS_DIR / "node_modules" / "@sveltia" / "cms"
CMS_CONFIG = "title: أخبار التحرير\nbase_url: https://example.org/news/\ncms: sveltia\n"
CMS_CONFIG += "cms_repo: news-org/site\ntimezone: Africa/Cairo\n"


def _package() -> Path:
    if not (PACKAGE / "dist" / "sveltia-cms.js").is_file():
        raise MissingTool(f"@sveltia/cms ({PACKAGE})")
    return PACKAGE


def _editor_site(site: SiteFolder) -> dict[str, Any]:
    site.set_config(CMS_CONFIG)
    site.add("a", title="خبر سياسي", section="سياسة")
    site.add("b", title="خبر بقسم آخر", section="سِياسة")  # a spelling variant: one section
    site.add("c", title="مسودة اقتصادية", section="اقتصاد", draft=True)
    site.add("d", title="خبر بلا قسم")
    site.write("pages/about.md", "---\ntitle: من نحن\n---\nنص.\n")
    assert site.build() == 0
    text = site.read("admin/config.yml")
    assert text.startswith("# yaml-language-server: $schema=")
    return yaml.safe_load(text)


def test_the_editor_config_passes_sveltias_own_schema(site: SiteFolder) -> None:
    schema = json.loads((or_fail(_package) / "schema" / "sveltia-cms.json").read_bytes())
    settings = _editor_site(site)
    errors = [
        f"{'/'.join(map(str, e.path))}: {e.message}"
        for e in jsonschema.Draft7Validator(schema).iter_errors(settings)
    ]
    assert errors == []
    assert settings["backend"] == {"name": "github", "repo": "news-org/site"}
    assert settings["site_url"] == "https://example.org/news/"
    assert settings["app_title"] == "أخبار التحرير"
    assert (settings["media_folder"], settings["public_folder"]) == ("content/media", "/media")


def test_every_front_matter_key_is_a_field_with_its_widget_and_required_flag(
    site: SiteFolder,
) -> None:
    settings = _editor_site(site)
    articles = [c for c in settings["collections"] if c["name"] != "pages"]
    for collection in articles:
        fields = {f["name"]: f for f in collection["fields"]}
        assert list(fields) == [f.key for f in FIELDS] + ["body"], collection["name"]
        assert fields["body"]["widget"] == "markdown"
        for field in FIELDS:
            made = fields[field.key]
            if made["widget"] == "hidden":  # a section's own collection sets its section
                assert field.key == "section" and collection.get("filter")
                continue
            assert made["widget"] == field.editor_widget, field.key
            assert made["required"] is field.required, field.key
            assert made["label"] and not re.search("[A-Za-z]", made["label"]), field.key
    widgets = {f["name"]: f["widget"] for f in articles[-1]["fields"]}
    assert widgets["date"] == widgets["updated"] == "datetime"
    assert (widgets["draft"], widgets["breaking"]) == ("boolean", "boolean")
    assert (widgets["image"], widgets["summary"], widgets["id"]) == ("image", "text", "uuid")
    corrections = next(f for f in articles[-1]["fields"] if f["name"] == "corrections")
    assert [(f["name"], f["widget"]) for f in corrections["fields"]] == [
        ("date", "datetime"),
        ("text", "text"),
    ]


def test_articles_are_listed_by_section_drafts_included(site: SiteFolder) -> None:
    collections = _editor_site(site)["collections"]
    by_label = {c["label"]: c for c in collections}
    # Alphabetical, as the site lists its sections; the draft's section is there too.
    assert [c["label"] for c in collections] == ["اقتصاد", "سياسة", "أخبار بلا قسم", "صفحات الموقع"]
    politics = by_label["سياسة"]
    assert politics["filter"] == {"field": "section", "value": ["سياسة", "سِياسة"]}
    assert {"name": "section", "widget": "hidden", "default": "سياسة"} in politics["fields"]
    assert by_label["أخبار بلا قسم"]["filter"] == {"field": "section", "value": None}
    assert politics["folder"] == "content" and politics["path"] == "{{year}}/{{month}}/{{slug}}"
    assert by_label["صفحات الموقع"]["folder"] == "pages"
    draft = next(f for f in politics["fields"] if f["name"] == "draft")
    assert draft["default"] is True


def test_the_admin_page_loads_the_pinned_script_with_its_hash(site: SiteFolder) -> None:
    _editor_site(site)
    tree = lxml.html.fromstring(site.read("admin/index.html"))
    script = tree.xpath("//script[@src]")[0]
    assert script.get("src") == (
        f"https://unpkg.com/@sveltia/cms@{editor.SVELTIA_VERSION}/dist/sveltia-cms.js"
    )
    assert script.get("integrity") == editor.SVELTIA_SRI
    assert tree.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert (tree.get("lang"), tree.get("dir")) == ("ar", "rtl")


def test_the_pinned_hash_is_the_hash_of_the_installed_package() -> None:
    package = or_fail(_package)
    digest = hashlib.sha384((package / "dist" / "sveltia-cms.js").read_bytes()).digest()
    assert "sha384-" + base64.b64encode(digest).decode() == editor.SVELTIA_SRI
    installed = json.loads((package / "package.json").read_bytes())["version"]
    assert installed == editor.SVELTIA_VERSION
    wanted = json.loads((JS_DIR / "package.json").read_bytes())["devDependencies"]
    assert wanted["@sveltia/cms"] == editor.SVELTIA_VERSION


def test_without_cms_no_admin_folder_and_without_a_repo_a_clear_error(
    site: SiteFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    site.add("a")
    assert site.build() == 0
    assert not (site.output / "admin").exists()
    site.set_config("title: t\nbase_url: https://example.org/\ncms: sveltia\n")
    assert site.build() == 1
    err = capsys.readouterr().err
    assert "config.yaml:3: error:" in err and "fix: add a line 'cms_repo: OWNER/NAME'" in err


def test_init_with_cms_makes_a_site_whose_build_has_the_editor(tmp_path: Path) -> None:
    done = run_cli("init", str(tmp_path / "new"), "--cms")
    assert done.returncode == 0, done.stderr
    config = (tmp_path / "new" / "config.yaml").read_text(encoding="utf-8")
    assert "cms: sveltia" in config and "cms_repo:" in config
    built = run_cli("build", "--config", str(tmp_path / "new" / "config.yaml"), "--no-search")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "new" / "output" / "admin" / "config.yml").is_file()


# --- in the browser -------------------------------------------------------------------


def _from_package(package: Path, route: Any) -> None:
    """The CDN's files from the npm package: unpkg and jsDelivr, pinned or not."""
    path = route.request.url.split("://", 1)[1].split("/", 1)[1].split("?", 1)[0]
    match = re.match(r"(?:npm/)?@sveltia/cms(?:@[^/]+)?/(.*)", path)
    if match and (package / match.group(1)).is_file():
        file = package / match.group(1)
        kind = "text/javascript" if file.suffix in (".js", ".mjs") else "application/json"
        route.fulfill(
            body=file.read_bytes(),
            headers={"Access-Control-Allow-Origin": "*", "Content-Type": kind},
        )
        return
    font = re.match(r"fontsource/fonts/([a-z0-9-]+):", path)
    if font:
        file = next((package / "npm" / "assets").glob(font.group(1) + "-*.woff2"))
        route.fulfill(
            body=file.read_bytes(),
            headers={"Access-Control-Allow-Origin": "*", "Content-Type": "font/woff2"},
        )
        return
    route.fulfill(status=404, body="")


@pytest.mark.slow  # Chromium
def test_the_editor_opens_in_arabic_right_to_left_with_no_error(site: SiteFolder) -> None:
    or_fail(require_browser)
    package = or_fail(_package)
    _editor_site(site)
    errors: list[str] = []
    with serve(site.output, "/news/") as root, chromium() as browser:
        # An English browser: the page itself makes the editor Arabic.
        context = browser.new_context(locale="en-US")
        origin = root.split("/news/")[0]
        # Playwright tries the route registered last first: the catch-all goes first.
        context.route(lambda url: not url.startswith(origin), lambda route: route.abort())
        context.route("https://unpkg.com/**", lambda route: _from_package(package, route))
        context.route("https://cdn.jsdelivr.net/**", lambda route: _from_package(package, route))
        context.route(
            "https://www.githubstatus.com/**",
            lambda route: route.fulfill(
                json={"status": {"indicator": "none"}},
                headers={"Access-Control-Allow-Origin": "*"},
            ),
        )
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
        page.goto(root + "admin/")
        github = page.get_by_role("button", name=re.compile("GitHub"))
        github.wait_for(state="visible", timeout=30_000)
        shown = page.evaluate("document.body.innerText").replace("\u2068", "").replace("\u2069", "")
        html = page.locator("html")
        assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
        assert page.locator("h1").inner_text() == "أخبار التحرير"
        assert "تسجيل الدخول باستخدام GitHub" in shown
        assert "Sign In" not in shown
        context.close()
    assert errors == []


def test_the_default_theme_names_every_key_for_the_editor() -> None:
    from site_builder.config import default_theme_dir

    words = yaml.safe_load((default_theme_dir() / "strings" / "ar.yaml").read_text("utf-8"))
    assert [f.key for f in FIELDS if f"cms_{f.key}" not in words] == []
