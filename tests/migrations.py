"""What the import tests share: a new site in a temporary folder, an import run as a user
runs it, the build of the result, and reading what came out."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from site_builder.cli import main
from site_builder.content import front_matter

FIXTURES = Path(__file__).parent / "fixtures" / "import"
# 2024-07-03: after every dated fixture article, before the scheduled ones (2099).
MIGRATION_NOW = "1720000000"


@dataclass
class NewSite:
    root: Path

    @property
    def config(self) -> Path:
        return self.root / "config.yaml"

    @property
    def output(self) -> Path:
        return self.root / "output"

    def import_(self, capsys, *args: str) -> tuple[int, str]:  # noqa: ANN001
        code = main(["import", *args, "--config", str(self.config)])
        out = capsys.readouterr()
        return code, out.out + out.err

    def build(self, capsys) -> str:  # noqa: ANN001
        code = main(["build", "--config", str(self.config), "--no-search", "--jobs", "1"])
        out = capsys.readouterr()
        assert code == 0, out.err
        return out.err

    def article(self, name: str) -> tuple[dict[str, object], str]:
        """An imported article's front matter and body, found by its slug."""
        for path in sorted((self.root / "content").rglob("*.md")):
            loaded = front_matter.load(path.read_text(encoding="utf-8"))
            assert isinstance(loaded, tuple), (path, loaded)
            if loaded[1].data.get("slug") == name:
                return loaded[1].data, loaded[0].body
        raise AssertionError(f"no imported article with the slug {name}")

    def page(self, path: str) -> str:
        return (self.output / path).read_text(encoding="utf-8")

    def add_config(self, text: str) -> None:
        with self.config.open("a", encoding="utf-8") as handle:
            handle.write(textwrap.dedent(text))

    def snapshot(self) -> dict[str, bytes]:
        return {
            str(p.relative_to(self.root)): p.read_bytes()
            for p in sorted(self.root.rglob("*"))
            if p.is_file()
        }


def new_site(tmp_path: Path, monkeypatch, base_url: str, **extra: str) -> NewSite:  # noqa: ANN001
    monkeypatch.setenv("SOURCE_DATE_EPOCH", MIGRATION_NOW)
    site = NewSite(tmp_path / "site")
    site.root.mkdir()
    lines = ["title: الموقع الجديد", f"base_url: {base_url}", "timezone: Asia/Riyadh"]
    lines += [f"{key}: {value}" for key, value in extra.items()]
    site.config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return site


def feed_ids(xml: str) -> set[str]:
    """The ids of an RSS feed's items (their guid) or an Atom feed's entries."""
    found = re.findall(r"<guid[^>]*>([^<]+)</guid>", xml)
    found += re.findall(r"<entry>.*?<id>([^<]+)</id>", xml, re.DOTALL)
    return {i.replace("&amp;", "&") for i in found}
