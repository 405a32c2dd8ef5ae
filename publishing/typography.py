"""French typography, applied when French text is shown (issue 17).

French puts a space before the two-part signs and inside the guillemets, and that space must
not break a line: a narrow no-break space (U+202F) before `;` `!` `?`, after `«` and before
`»`, a no-break space (U+00A0) before `:` (issue 17; README, "French typography"). Editors
type ordinary spaces, or none: the stored text keeps what they typed, pages show it spaced.

- `french_text` works on plain text (a title, a lede, a FAQ question);
- `french_html` on HTML our sanitizer produced: text nodes only, never inside code,
  preformatted text or attributes.

Neither touches URLs (`https://…`, `…?q=1`), times and ratios (`10:30`, `3:2`), a sign
followed by a letter (`a;b`, `!=`) or emoticons (`;)`), and both are idempotent.
"""

import re
from html import escape
from html.parser import HTMLParser

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"

# Every horizontal space an editor may have typed or pasted (a newline is left: in a <pre>
# it would matter, and a sign at the start of a line is no case to guess about).
SPACE = "[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
# What may come before a sign that gets a space: anything but a space, an opening bracket
# or a sign of the same family (`?!` and `!!` are one group, spaced once before it).
BEFORE = r"(?<=[^\s(\[{«/\\=:;!?])"
# What may follow a sign for it to be punctuation rather than part of a token.
AFTER_DOUBLE = r"(?=$|[\s»”\"'’)\].,…*_<])"
AFTER_COLON = r"(?=$|[\s»”\"'’\].,…*_<])"  # not `)`: `:)` is a smiley

# Each sign, what may follow it for it to end a word, and the space it takes before it.
SIGNS = [
    (rf"[!?]+{AFTER_DOUBLE}", NARROW_NBSP),
    (rf";{AFTER_COLON}", NARROW_NBSP),
    (rf":{AFTER_COLON}", NBSP),
]
RULES = [
    # Spaces already there, of whatever kind: one, the right one.
    *((re.compile(rf"{SPACE}+(?={sign})"), space) for sign, space in SIGNS),
    (re.compile(rf"(?<=«){SPACE}+"), NARROW_NBSP),
    (re.compile(rf"{SPACE}+(?=»)"), NARROW_NBSP),
    # No space at all: insert one where the sign closes a word.
    *((re.compile(rf"{BEFORE}(?={sign})"), space) for sign, space in SIGNS),
    (re.compile(r"(?<=«)(?=[^\s»])"), NARROW_NBSP),
    (re.compile(r"(?<=[^\s«])(?=»)"), NARROW_NBSP),
]

# A web address written out in the text: left as it is. Trailing punctuation is the
# sentence's, not the address's (as linkifiers read it).
URL = re.compile(r"""(?:\b(?:https?|ftp)://|\bwww\.|\bmailto:)[^\s<>«»"]*[^\s<>«»".,;:!?)\]'’]""")


def apply_rules(text: str) -> str:
    for pattern, space in RULES:
        text = pattern.sub(space, text)
    return text


def french_text(text: str, before: str = "") -> str:
    """Plain French text with its spaces set; `before` is the character shown just before
    it (the end of the previous text node), so that "<em>mot</em>?" is spaced too."""
    if not text:
        return text
    parts = []
    last = 0
    for url in URL.finditer(text):
        parts.append(spaced(text[last : url.start()], before if last == 0 else text[last - 1]))
        parts.append(url.group())
        last = url.end()
    parts.append(spaced(text[last:], before if last == 0 else text[last - 1]))
    return "".join(parts)


def spaced(text: str, before: str) -> str:
    if not text:
        return text
    # The character before decides whether a sign at the start closes a word; a space there
    # is left alone (it belongs to the previous text node).
    before = before[-1:] if before and not before[-1:].isspace() else ""
    return apply_rules(before + text)[len(before) :]


# Where text is not prose: its characters are shown exactly as typed.
VERBATIM = {"code", "kbd", "pre", "samp", "script", "style", "var"}
# A text node after one of these does not continue the previous one.
BLOCKS = {"blockquote", "br", "dd", "div", "dl", "dt", "hr", "li", "ol", "p", "section", "ul"}
BLOCKS |= {"h1", "h2", "h3", "h4", "h5", "h6", "table", "tbody", "td", "th", "thead", "tr"}


class FrenchHTML(HTMLParser):
    """Copies HTML through, tags as written, setting the spaces of text nodes only."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.verbatim = 0
        self.previous = ""

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        self.enter(tag)

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in BLOCKS:
            self.previous = ""

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag in VERBATIM:
            self.verbatim = max(0, self.verbatim - 1)
        if tag in BLOCKS:
            self.previous = ""

    def enter(self, tag):
        if tag in VERBATIM:
            self.verbatim += 1
        if tag in BLOCKS:
            self.previous = ""

    def handle_data(self, data):
        if self.cdata_elem:  # inside <script> or <style> the parser gives the raw text
            self.out.append(data)
            return
        if not self.verbatim:
            data = french_text(data, self.previous)
        if data:
            self.previous = data[-1]
        self.out.append(escape(data, quote=False))

    # Comments, declarations and processing instructions: the sanitizer leaves none; none
    # is copied through.
    def dropped(self, data):
        pass

    handle_comment = handle_decl = handle_pi = unknown_decl = dropped


def french_html(html: str) -> str:
    """Sanitized HTML with the French spaces set in its text; tags and attributes unchanged."""
    if not html:
        return html
    parser = FrenchHTML()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


def for_language(text: str, language: str) -> str:
    """Plain text as a page in `language` shows it."""
    return french_text(text) if language == "fr" else text


def html_for_language(html: str, language: str) -> str:
    return french_html(html) if language == "fr" else html
