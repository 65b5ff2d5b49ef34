"""Images in article bodies: copied beside the page (or once, at their rooted path), sized,
with smaller copies and lazy loading, captioned when titled, absolute in feeds; a file
that is not there is an error with the line; a changed picture is picked up by an
incremental build, as a full one would."""

from __future__ import annotations

from pathlib import Path

import feedparser
import lxml.html
from conftest import SiteFolder
from lxml import etree
from PIL import Image
from test_incremental import full_build


def picture(site: SiteFolder, relative: str, size: tuple[int, int], colour: str = "red") -> None:
    path = site.root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path)


def body_images(site: SiteFolder, page: str) -> list[lxml.html.HtmlElement]:
    tree = lxml.html.fromstring(site.read(page))
    return tree.xpath("//div[@class='body']//img")


def resolves(site: SiteFolder, page: str, address: str) -> Path:
    """The output file an address on a page names (pages link under /news/)."""
    from urllib.parse import unquote, urljoin

    url = urljoin("https://example.org/news/" + page.removesuffix("index.html"), address)
    path = site.output / unquote(url.removeprefix("https://example.org/news/"))
    assert path.is_file(), (address, path)
    return path


def test_an_image_beside_the_article_is_copied_sized_and_resolves(site: SiteFolder) -> None:
    picture(site, "content/2023/images/wafd.jpg", (1200, 800))
    site.write(
        "content/2023/one.md",
        "---\ntitle: خبر\ndate: 2023-08-21\n---\n\nنص.\n\n![الوفد في موسكو](images/wafd.jpg)\n",
    )
    assert site.build() == 0
    page = "articles/one/index.html"
    (image,) = body_images(site, page)
    assert (image.get("width"), image.get("height")) == ("1200", "800")
    assert image.get("loading") == "lazy" and image.get("alt") == "الوفد في موسكو"
    assert (
        resolves(site, page, image.get("src")).read_bytes()
        == (site.root / "content/2023/images/wafd.jpg").read_bytes()
    )
    candidates = [c.strip().split(" ") for c in image.get("srcset").split(",")]
    assert [w for _, w in candidates] == ["480w", "960w", "1200w"]
    with Image.open(resolves(site, page, candidates[0][0])) as small:
        assert small.size == (480, 320)
    assert image.get("sizes")


def test_an_image_with_a_title_becomes_a_figure_with_its_caption(site: SiteFolder) -> None:
    picture(site, "content/a.png", (300, 200))
    site.add("one", body='![صورة الوفد](a.png "الوفد لدى وصوله إلى موسكو")\n\nنص.\n')
    assert site.build() == 0
    tree = lxml.html.fromstring(site.read("articles/one/index.html"))
    (figure,) = tree.xpath("//div[@class='body']/figure")
    assert figure.xpath("img/@alt") == ["صورة الوفد"] and not figure.xpath("img/@title")
    assert figure.xpath("figcaption/text()") == ["الوفد لدى وصوله إلى موسكو"]


def test_a_rooted_image_is_copied_once_at_its_own_path(site: SiteFolder) -> None:
    picture(site, "content/assets/img/logo.png", (100, 50))
    for name in ("one", "two"):
        site.add(
            name,
            title=name,
            body='![شعار](/assets/img/logo.png)\n\n<img src="/assets/img/logo.png" alt="">\n',
        )
    assert site.build() == 0
    for name in ("one", "two"):
        for image in body_images(site, f"articles/{name}/index.html"):
            assert image.get("src") == "/news/assets/img/logo.png"  # under the site's path
            assert image.get("width") == "100"
    assert (site.output / "assets/img/logo.png").is_file()
    assert not list(site.output.glob("articles/*/assets"))


def test_an_article_in_a_folder_of_its_own_has_its_images_beside_it(site: SiteFolder) -> None:
    picture(site, "content/2023/08/wafd/photo.png", (640, 360))
    site.write(
        "content/2023/08/wafd/index.md",
        "---\ntitle: خبر\ndate: 2023-08-21\nimage: photo.png\nimage_alt: صورة\n---\n\n"
        "![صورة](photo.png)\n",
    )
    assert site.build() == 0
    page = "articles/wafd/index.html"
    (image,) = body_images(site, page)
    assert resolves(site, page, image.get("src")) == site.output / "articles/wafd/photo.png"


def test_a_missing_image_is_an_error_with_its_line(site: SiteFolder, capsys) -> None:
    site.add("one", body="نص.\n\n![صورة](images/missing.jpg)\n")
    site.add("two", title="ب", body="![](/assets/gone.png)\n")
    assert site.build() == 1
    err = capsys.readouterr().err
    assert "content/one.md:8: error: the image file 'images/missing.jpg' does not exist" in err
    assert "content/two.md:6: error: the image file '/assets/gone.png' does not exist" in err
    assert not site.output.exists()
    assert site.check() == 1


def test_remote_images_and_the_themes_own_files_are_left_as_written(site: SiteFolder) -> None:
    site.add("one", body="![](https://cdn.example.org/a.jpg) ![](/news/static/favicon.svg)\n")
    assert site.build() == 0
    sources = [i.get("src") for i in body_images(site, "articles/one/index.html")]
    assert sources == ["https://cdn.example.org/a.jpg", "/news/static/favicon.svg"]


def test_feeds_carry_absolute_addresses_for_body_images(site: SiteFolder) -> None:
    picture(site, "content/a.png", (1000, 500))
    picture(site, "content/assets/b.png", (600, 300))
    site.add("one", body="![أ](a.png)\n\n![ب](/assets/b.png)\n")
    assert site.build() == 0
    assert feedparser.parse(site.read("feed.xml")).bozo == 0
    # As the feed holds it (feedparser's own sanitizer would drop srcset).
    content = etree.fromstring(site.read("feed.xml").encode()).findtext(".//{*}encoded")
    images = lxml.html.fromstring(f"<div>{content}</div>").xpath("//img")
    assert images[0].get("src") == "https://example.org/news/articles/one/a.png"
    assert images[1].get("src") == "https://example.org/news/assets/b.png"
    for image in images:
        for candidate in image.get("srcset").split(","):
            assert candidate.strip().startswith("https://example.org/news/")


def test_a_changed_body_image_is_picked_up_as_a_full_build_would(
    site: SiteFolder, tmp_path: Path
) -> None:
    picture(site, "content/a.png", (800, 400), "red")
    site.add("one", body="![أ](a.png)\n")
    site.add("two", title="ب", date="2023-08-20", body="نص.\n")
    assert site.build() == 0
    picture(site, "content/a.png", (1000, 400), "blue")  # the article file is unchanged
    assert site.build() == 0
    (image,) = body_images(site, "articles/one/index.html")
    assert image.get("width") == "1000"
    assert site.snapshot() == full_build(site, tmp_path)


def test_a_changed_lead_image_is_picked_up_as_a_full_build_would(
    site: SiteFolder, tmp_path: Path
) -> None:
    picture(site, "content/lead.png", (800, 400), "red")
    site.add("one", image="lead.png", image_alt="صورة")
    assert site.build() == 0
    picture(site, "content/lead.png", (1200, 400), "green")
    assert site.build() == 0
    assert 'width="1200"' in site.read("articles/one/index.html")
    assert site.snapshot() == full_build(site, tmp_path)


def test_with_keep_going_an_article_whose_image_went_stays_as_published(
    site: SiteFolder, capsys
) -> None:
    picture(site, "content/images/a.png", (600, 300))
    site.add("one", body="نص.\n\n![أ](images/a.png)\n\n[^1]\n\n[^1]: حاشية.\n", toc=True)
    site.add("two", title="ب", date="2023-08-20")
    assert site.build() == 0
    before = site.snapshot()
    (site.root / "content/images/a.png").unlink()
    site.add("two", title="ب معدل", date="2023-08-20")
    assert site.build("--keep-going") == 4
    assert "content/one.md:9: error: the image file 'images/a.png' does not exist" in (
        capsys.readouterr().err
    )
    after = site.snapshot()
    for kept in ("articles/one/index.html", "articles/one/images/a.png"):
        assert after[kept] == before[kept]
    assert "ب معدل" in site.read("articles/two/index.html")
