"""Reading and writing the Markdown files: TOML front matter and fixed `##` sections.

tomllib reads TOML; tomli-w writes it, in one canonical layout (one array item a line).
"""

import tomllib
from pathlib import Path

import tomli_w

from .errors import ContentError

FENCE = "+++"


def split_front_matter(path: Path, text: str) -> tuple[dict, str]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        raise ContentError(path, "front matter", "the file must start with a “+++” line")
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == FENCE)
    except StopIteration:
        raise ContentError(path, "front matter", "no closing “+++” line") from None
    try:
        front = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as error:
        raise ContentError(path, "front matter", f"invalid TOML ({error})") from None
    return front, "\n".join(lines[end + 1 :])


def split_sections(path: Path, body: str, allowed: tuple[str, ...]) -> dict[str, str]:
    """`## name` headings → {name: text}; unknown or repeated headings are errors."""
    sections: dict[str, list[str]] = {}
    current = None
    in_code = False
    for line in body.split("\n"):
        if line.lstrip().startswith("```"):
            in_code = not in_code
        if not in_code and line.startswith("## "):
            current = line[3:].strip()
            if current not in allowed:
                raise ContentError(path, current, f"unknown section; expected one of: {', '.join(allowed)}")
            if current in sections:
                raise ContentError(path, current, "section appears twice")
            sections[current] = []
        elif current is None:
            if line.strip():
                raise ContentError(path, "body", "text before the first “## section” heading")
        else:
            sections[current].append(line)
    return {name: "\n".join(lines).strip() for name, lines in sections.items()}


def parse_bullets(path: Path, field: str, text: str) -> list[str]:
    items = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if not line.startswith("- "):
            raise ContentError(path, field, f"each line must be a “- ” bullet, got: {line[:60]!r}")
        items.append(line[2:].strip())
    return items


def parse_questions(path: Path, text: str) -> list[tuple[str, str]]:
    """`### Question?` followed by its Markdown answer."""
    faqs: list[tuple[str, list[str]]] = []
    for line in text.split("\n"):
        if line.startswith("### "):
            faqs.append((line[4:].strip(), []))
        elif faqs:
            faqs[-1][1].append(line)
        elif line.strip():
            raise ContentError(path, "faq", "text before the first “### question” heading")
    result = []
    for question, answer_lines in faqs:
        answer = "\n".join(answer_lines).strip()
        if not question or not answer:
            raise ContentError(path, "faq", f"question {question!r} needs a question and an answer")
        result.append((question, answer))
    return result


def dump_toml(data: dict) -> str:
    """tomli-w's layout, keys in the dict's order, None left out (TOML has no null).

    Arrays of tables are always `[[name]]` sections: tomli-w would write a short one inline,
    and a file's layout would then flip with the length of its data.
    """
    scalars = {key: value for key, value in data.items() if value is not None and not is_table_array(value)}
    parts = [tomli_w.dumps(scalars)]
    for key, rows in data.items():
        if is_table_array(rows):
            for row in rows:
                parts += ["\n", f"[[{key}]]\n", tomli_w.dumps({k: v for k, v in row.items() if v is not None})]
    return "".join(parts)


def is_table_array(value) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], dict)


def dump_document(front: dict, sections: list[tuple[str, str]]) -> str:
    parts = [FENCE, dump_toml(front).rstrip("\n"), FENCE]
    for name, text in sections:
        if text:
            parts += ["", f"## {name}", "", text]
    return "\n".join(parts) + "\n"


def bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def questions(faqs) -> str:
    return "\n\n".join(f"### {faq.question}\n\n{faq.answer}" for faq in faqs)


def write_entry(folder: Path, head: dict, texts: dict):
    """One entry's folder: `entry.toml` (its language-neutral facts), one `<language>.md` each."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "entry.toml").write_text(dump_toml(head), encoding="utf-8")
    for language, text in texts.items():
        (folder / f"{language}.md").write_text(text.document(), encoding="utf-8")
