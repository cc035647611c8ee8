"""Messages for the user that know where they point and can be shown in Danish or English.

A :class:`Message` is a template key in a module's catalogue of Danish texts (``TEXTS`` in
:mod:`lokal.areas`, :mod:`lokal.population`, :mod:`lokal.files`) with its values; the English
comes from :mod:`lokal.i18n`. ``where`` (another Message) points at a row, a column or a feature
and is put in front: "Række 3, kolonne 'voksne': ...".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lokal import i18n


@dataclass(frozen=True)
class Message:
    """A template key and its values; values that are Messages are rendered in the same language."""

    key: str
    args: dict = field(default_factory=dict)
    where: Message | None = None
    texts: dict = field(default_factory=dict, repr=False, compare=False)

    def text(self, lang: str = "da") -> str:
        body = self.body(lang)
        return f"{self.where.text(lang)}: {body}" if self.where else body

    def body(self, lang: str = "da") -> str:
        """The message without the row or feature it points at (for a table that shows those)."""
        args = {k: v.text(lang) if isinstance(v, Message) else i18n.fmt_num(v, 0, lang) if isinstance(v, Count) else v
                for k, v in self.args.items()}
        return i18n.t(self.texts[self.key], lang).format(**args)

    def __str__(self) -> str:
        return self.text()


class Count(int):
    """A count in a message, written with the language's thousands separator (1.048.576 / 1,048,576)."""
