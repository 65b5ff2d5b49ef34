"""Embeds a newsroom uses daily: an address alone on its line becomes a click-to-load
facade (no third-party request until the reader asks), raw iframes stay only on the
allowed hosts, social posts become readable quotes; everything else is removed with
a warning that names the file and the line."""

from __future__ import annotations

import lxml.html
import pytest
from conftest import SiteFolder

from site_builder.content.bodies import BodyRenderer
from site_builder.content.markdown.embeds import match, match_line

NOCOOKIE = "https://www.youtube-nocookie.com/embed/"
PLAYERS = {
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ": NOCOOKIE + "dQw4w9WgXcQ",
    "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=1m30s": NOCOOKIE
    + "dQw4w9WgXcQ?start=90",
    "https://m.youtube.com/watch?v=dQw4w9WgXcQ&list=PL1": NOCOOKIE + "dQw4w9WgXcQ",
    "https://youtu.be/dQw4w9WgXcQ?si=abc&t=42": NOCOOKIE + "dQw4w9WgXcQ?start=42",
    "https://www.youtube.com/shorts/aBcDeFgHiJk": NOCOOKIE + "aBcDeFgHiJk",
    "https://www.youtube.com/live/aBcDeFgHiJk?feature=share": NOCOOKIE + "aBcDeFgHiJk",
    "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ": NOCOOKIE + "dQw4w9WgXcQ",
    "https://vimeo.com/76979871": "https://player.vimeo.com/video/76979871?dnt=1",
    "https://vimeo.com/76979871/a1b2c3d4e5": "https://player.vimeo.com/video/76979871?dnt=1&h=a1b2c3d4e5",
    "https://vimeo.com/channels/staffpicks/76979871": "https://player.vimeo.com/video/76979871?dnt=1",
    "https://player.vimeo.com/video/76979871?h=a1b2c3d4e5": "https://player.vimeo.com/video/76979871?dnt=1&h=a1b2c3d4e5",
    "https://www.dailymotion.com/video/x8abc12": "https://www.dailymotion.com/embed/video/x8abc12",
    "https://www.dailymotion.com/video/x7tgad0_some-title_news": "https://www.dailymotion.com/embed/video/x7tgad0",
    "https://dai.ly/x8abc12": "https://www.dailymotion.com/embed/video/x8abc12",
    "https://soundcloud.com/forss/flickermood": "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fforss%2Fflickermood&visual=false",
    "https://soundcloud.com/artist/sets/my-album?si=1": "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fartist%2Fsets%2Fmy-album&visual=false",
    "https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d3453.1!2d31.23!3d30.04": "https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d3453.1!2d31.23!3d30.04",
    "https://google.com/maps/embed?pb=!1m14": "https://www.google.com/maps/embed?pb=!1m14",
}
POSTS = [
    "https://twitter.com/AJArabic/status/1700000000000000000",
    "https://x.com/AJArabic/status/1700000000000000000?s=20",
    "https://mobile.twitter.com/i/web/status/1700000000000000000",
    "https://www.facebook.com/aljazeerachannel/posts/pfbid02abcDEF",
    "https://www.facebook.com/aljazeerachannel/videos/123456789012345/",
    "https://www.facebook.com/permalink.php?story_fbid=123&id=456",
    "https://www.facebook.com/watch/?v=123456789",
    "https://www.facebook.com/reel/123456789",
    "https://www.facebook.com/share/p/1AbCdEfGh/",
    "https://fb.watch/abcDEF12/",
    "https://www.instagram.com/p/C1a2B3c4D5e/",
    "https://www.instagram.com/reel/C1a2B3c4D5e/?igsh=xyz",
    "https://www.instagram.com/aljazeera/p/C1a2B3c4D5e/",
    "https://www.tiktok.com/@aljazeera/video/7300000000000000000?lang=ar",
    "https://vm.tiktok.com/ZMabc123/",
    "https://www.tiktok.com/t/ZTRabc123/",
]
NOT_EMBEDS = [
    "https://www.youtube.com/watch?v=short",
    "https://www.youtube.com/channel/UC123",
    "https://www.youtube.com/@aljazeera",
    "https://youtu.be.evil.example/dQw4w9WgXcQ",
    "https://evil.example/?u=https://youtu.be/dQw4w9WgXcQ",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQX",
    "https://vimeo.com/about",
    "https://soundcloud.com/forss",
    "https://www.google.com/maps/place/Cairo/@30.04,31.23,12z",
    "https://maps.app.goo.gl/AbCdEf",
    "https://x.com/AJArabic",
    "https://twitter.com/AJArabic/status/abc",
    "https://www.instagram.com/aljazeera/",
    "https://www.facebook.com/aljazeerachannel",
    "https://www.tiktok.com/@aljazeera",
    "javascript:alert(1)",
    "https://soundcloud.com/you/likes",
    "https://soundcloud.com/discover/sets/charts-top",
    "https://www.dailymotion.com/aljazeera",
]


@pytest.mark.parametrize(("url", "player"), sorted(PLAYERS.items()))
def test_a_known_players_address_gives_its_player(url: str, player: str) -> None:
    found = match(url)
    assert found is not None and found.src == player


@pytest.mark.parametrize("url", POSTS)
def test_a_social_posts_address_is_known_as_a_post(url: str) -> None:
    found = match(url)
    assert found is not None and found.src == "" and found.url == url


@pytest.mark.parametrize("url", NOT_EMBEDS)
def test_other_addresses_are_no_embeds(url: str) -> None:
    assert match(url) is None


def test_only_an_address_alone_on_its_line_is_an_embed() -> None:
    assert match_line("https://youtu.be/dQw4w9WgXcQ") and match_line(
        "  <https://youtu.be/dQw4w9WgXcQ> "
    )
    assert match_line("شاهد https://youtu.be/dQw4w9WgXcQ") is None
    assert match_line("[فيديو](https://youtu.be/dQw4w9WgXcQ)") is None
    assert match_line("    https://youtu.be/dQw4w9WgXcQ") is None  # 4 spaces: code


def body_of(site: SiteFolder, name: str = "one") -> lxml.html.HtmlElement:
    return lxml.html.fromstring(site.read(f"articles/{name}/index.html")).xpath(
        "//div[@class='body']"
    )[0]


def test_a_video_address_alone_on_its_line_becomes_a_facade(site: SiteFolder) -> None:
    site.add("one", body="قبل.\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42\n\nبعد.\n")
    assert site.build() == 0
    page = site.read("articles/one/index.html")
    body = body_of(site)
    facade = body.xpath("figure[contains(@class, 'embed')]")[0]
    # Nothing is asked of YouTube until a click: the player waits inside a <template>.
    assert not body.xpath(".//iframe[not(ancestor::template)]")
    assert facade.xpath("template/iframe")
    link = facade.xpath("a[@class='embed-open']")[0]
    assert link.get("href") == "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s"
    assert link.xpath("span[@class='embed-provider']/text()") == ["يوتيوب"]
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=42"' in page
    for attribute in ('loading="lazy"', 'referrerpolicy="strict-origin-when-cross-origin"'):
        assert attribute in page
    assert 'sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"' in page
    assert 'title="فيديو على يوتيوب"' in page
    assert "/static/embeds.js" in page and (site.output / "static/embeds.js").is_file()


def test_a_raw_iframe_on_an_allowed_host_is_kept_as_a_facade(site: SiteFolder) -> None:
    site.add(
        "one",
        body='<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560" '
        'title="مؤتمر صحفي" onload="x()" allow="autoplay; camera"></iframe>\n',
    )
    assert site.build() == 0
    page = site.read("articles/one/index.html")
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in page  # no-cookie
    assert 'title="مؤتمر صحفي"' in page and 'allow="autoplay"' in page
    assert "onload" not in page and "camera" not in page


def test_an_iframe_from_another_host_is_removed_with_a_warning(site: SiteFolder, capsys) -> None:
    site.add("one", body='فقرة.\n\n<iframe src="https://evil.example/x"></iframe>\n')
    assert site.build() == 0
    assert "evil.example" not in site.read("articles/one/index.html")
    err = capsys.readouterr().err
    assert "content/one.md:8: warning: an <iframe> from evil.example was removed" in err
    assert "embed_hosts" in err


def test_embed_hosts_in_the_config_decide_which_players_are_kept(site: SiteFolder) -> None:
    site.set_config(
        "title: م\nbase_url: https://example.org/\nembed_hosts: [datawrapper.dwcdn.net]\n"
    )
    site.add(
        "one",
        body='<iframe src="https://datawrapper.dwcdn.net/abc/1/" title="رسم"></iframe>\n\n'
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ\n",
    )
    assert site.build() == 0
    page = site.read("articles/one/index.html")
    assert (
        'src="https://datawrapper.dwcdn.net/abc/1/"' in page
        and "datawrapper.dwcdn.net</bdi>" in page
    )
    assert "youtube-nocookie" not in page  # YouTube is not on this site's list: the address stays


def test_a_bad_embed_host_in_the_config_is_an_error(site: SiteFolder, capsys) -> None:
    site.set_config("title: م\nbase_url: https://example.org/\nembed_hosts: [https://x.org/]\n")
    assert site.build() == 1
    assert "embed_hosts" in capsys.readouterr().err


def test_a_social_post_is_a_quote_with_its_link_and_no_script(site: SiteFolder) -> None:
    site.add("one", body="https://x.com/AJArabic/status/1700000000000000000\n")
    assert site.build() == 0
    body = body_of(site)
    quote = body.xpath("blockquote[@class='embed-post']")[0]
    assert quote.xpath(".//a/@href") == ["https://x.com/AJArabic/status/1700000000000000000"]
    assert "منشور على إكس" in quote.text_content()
    page = lxml.html.fromstring(site.read("articles/one/index.html"))
    # Only the theme's own scripts: nothing from X.
    assert all(src.startswith("/news/static/") for src in page.xpath("//script/@src"))
    assert not page.xpath("//script[not(@src) and not(@type='application/ld+json')]")


def test_a_pasted_embed_code_keeps_the_post_and_says_the_script_went(
    site: SiteFolder, capsys
) -> None:
    site.add(
        "one",
        body='<blockquote class="twitter-tweet"><p>نص المنشور</p>'
        '<a href="https://twitter.com/x/status/17">رابط</a></blockquote>\n'
        '<script async src="https://platform.twitter.com/widgets.js"></script>\n',
    )
    assert site.build() == 0
    body = body_of(site)
    assert "نص المنشور" in body.text_content() and not body.xpath(".//script")
    err = capsys.readouterr().err
    assert "content/one.md:7: warning: <script> was removed" in err
    assert "the class 'twitter-tweet' was removed" in err


def test_unsafe_html_keeps_an_iframe_as_written(site: SiteFolder) -> None:
    site.set_config("title: م\nbase_url: https://example.org/\nunsafe_html: true\n")
    site.add("one", body='<iframe src="https://evil.example/x"></iframe>\n')
    assert site.build() == 0
    assert '<iframe src="https://evil.example/x"></iframe>' in site.read("articles/one/index.html")


def test_a_facade_in_a_feed_is_its_link() -> None:
    html = BodyRenderer(False).render("https://vimeo.com/76979871\n").html
    tree = lxml.html.fromstring(html)
    assert tree.xpath("//a/@href") == ["https://vimeo.com/76979871"]
    assert "فيميو" in tree.text_content()


def test_an_iframe_inside_a_paragraph_gets_a_facade_that_may_stand_there() -> None:
    html = (
        BodyRenderer(False)
        .render('نص <iframe src="https://player.vimeo.com/video/76979871"></iframe> نص\n')
        .html
    )
    assert html.startswith('<p>نص <span class="embed embed-video">') and "<figure" not in html
