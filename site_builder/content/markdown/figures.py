"""An image with a title, alone in its paragraph, becomes a figure with its caption.

`![الوفد في موسكو](images/a.jpg "الوفد لدى وصوله")` is how Markdown writes a
caption: the paragraph becomes `<figure><img …><figcaption>الوفد لدى وصوله</figcaption>
</figure>` (the title moves into the caption, so it is not said twice). An image
inside running text stays an image.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor


class _FigureTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, paragraph in enumerate(parent):
                image = _lone_image(paragraph)
                if image is None:
                    continue
                figure = etree.Element("figure")
                caption = image.attrib.pop("title")
                image.tail = None
                figure.append(image)
                etree.SubElement(figure, "figcaption").text = caption
                figure.tail = paragraph.tail
                parent[index] = figure


def _lone_image(paragraph: etree.Element) -> etree.Element | None:
    if paragraph.tag != "p" or len(paragraph) != 1 or (paragraph.text or "").strip():
        return None
    image = paragraph[0]
    if image.tag != "img" or not image.get("title", "").strip() or (image.tail or "").strip():
        return None
    return image


class FigureExtension(Extension):
    """Registers the treeprocessor (priority 18, after the inline patterns made the images)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(_FigureTreeprocessor(md), "figures", 18)
