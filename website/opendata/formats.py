"""The bulk files, built from the records (website.opendata.records): JSON and CSV per kind
and language, the glossary as SKOS (Turtle, RDF/XML) and as TBX. Each builder takes the
`Snapshot` of one build and returns the file's bytes.

Every file carries the content licence: a `license` member (JSON), a `licence` column
(CSV), `dcterms:license` on each scheme (SKOS), the header's publication statement (TBX).
"""

import csv
import io
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone, translation
from lxml import etree
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS, XSD

from encyclopedia.models import Category
from publishing.terminology import Authority, DesignationStatus

from . import records

LANGUAGES = [code for code, _name in settings.LANGUAGES]
LICENCE = settings.CONTENT_LICENCE


@dataclass
class Snapshot:
    """What one build reads, once: the live versions of each kind in each language."""

    terms: dict[str, list] = field(default_factory=dict)
    careers: dict[str, list] = field(default_factory=dict)
    built_at: object = None

    @classmethod
    def read(cls) -> "Snapshot":
        snapshot = cls(built_at=timezone.now())
        for language in LANGUAGES:
            snapshot.terms[language] = list(records.live_terms(language))
            snapshot.careers[language] = list(records.live_careers(language))
        return snapshot

    def by_key(self, kind: str) -> dict[str, dict[str, object]]:
        """{entry key: {language: version}} for "terms" or "careers"."""
        entries: dict[str, dict[str, object]] = {}
        for language, versions in getattr(self, kind).items():
            for version in versions:
                entries.setdefault(version.entry.key, {})[language] = version
        return dict(sorted(entries.items()))


# ---------------------------------------------------------------- JSON and CSV


def as_json(snapshot: Snapshot, kind: str, language: str) -> bytes:
    record = records.term_record if kind == "terms" else records.career_record
    data = {
        "license": LICENCE,
        "built": snapshot.built_at,
        "language": language,
        "count": len(getattr(snapshot, kind)[language]),
        kind: [record(v, records.site_absolute) for v in getattr(snapshot, kind)[language]],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=str).encode()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    """A CSV cell a spreadsheet shows as text: one starting like a formula gets a leading
    apostrophe (OWASP's advice on CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def joined(values) -> str:
    return " | ".join(str(v) for v in values)


def term_row(version) -> list:
    record = records.term_record(version, records.site_absolute)
    designations = [f"{d['term']} ({d['status']}, {d['authority'] or '-'})" for d in record["designations"]]
    return [
        record["key"], record["language"], record["label"], record["title"], record["category"],
        record["description"], record["url"], record["updated"].isoformat(), joined(record["tags"]),
        joined(designations), joined(record["related_terms"]), joined(record["related_careers"]),
        joined(s["url"] or s["title"] for s in record["sources"]),
    ]  # fmt: skip


def career_row(version) -> list:
    record = records.career_record(version, records.site_absolute)
    phases = [f"{p['title']} ({p['weeks'][0]}-{p['weeks'][1]})" for p in record["phases"]]
    codes = [f"{c['classification']} {c['code']}" for c in record["occupations"]]
    needed = sorted({t for p in record["phases"] for t in p["terms"]})
    return [
        record["key"], record["language"], record["label"], record["description"], record["url"],
        record["updated"].isoformat(), joined(phases), joined(needed),
        joined(codes), len(record["salary_bands"]), joined(record["related_careers"]),
        joined(s["url"] or s["title"] for s in record["sources"]),
    ]  # fmt: skip


CSV_COLUMNS = {
    "terms": (
        "key", "language", "name", "title", "category", "short_answer", "url", "updated", "tags",
        "designations", "related_terms", "related_careers", "sources",
    ),
    "careers": (
        "key", "language", "title", "summary", "url", "updated", "phases", "terms_needed",
        "occupation_codes", "salary_bands", "related_careers", "sources",
    ),
}  # fmt: skip


def as_csv(snapshot: Snapshot, kind: str, language: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*CSV_COLUMNS[kind], "licence"])
    row = term_row if kind == "terms" else career_row
    for version in getattr(snapshot, kind)[language]:
        writer.writerow([cell(value) for value in row(version)] + [LICENCE["url"]])
    return out.getvalue().encode("utf-8-sig")  # the byte-order mark: spreadsheets then read UTF-8


# ---------------------------------------------------------------- SKOS


def concept(kind: str, key: str) -> URIRef:
    """A concept's address: its API record (stable: keys never change, slugs may)."""
    return URIRef(records.site_absolute(f"/api/v1/{kind}/{key}"))


def category_concept(key: str) -> URIRef:
    return URIRef(records.site_absolute(f"/api/v1/terms/?category={key}"))


def skos_graph(snapshot: Snapshot) -> Graph:
    """The glossary as SKOS: the terms (under their categories, `skos:broader`) as one
    scheme, the career guides as another. Per language: the name as `prefLabel`, the
    preferred and admitted designations as `altLabel`, the deprecated ones as
    `hiddenLabel` (found, never shown as the term to use), the short answer as
    `definition`."""
    graph = Graph()
    graph.bind("skos", SKOS)
    graph.bind("dcterms", DCTERMS)
    schemes = {"terms": URIRef(records.site_absolute("/api/v1/terms/")),
               "careers": URIRef(records.site_absolute("/api/v1/careers/"))}  # fmt: skip
    titles = {"terms": {"fr": "gneurone : glossaire de l’IA", "en": "gneurone: AI glossary"},
              "careers": {"fr": "gneurone : métiers de l’IA", "en": "gneurone: AI careers"}}  # fmt: skip
    for kind, scheme in schemes.items():
        graph.add((scheme, RDF.type, SKOS.ConceptScheme))
        graph.add((scheme, DCTERMS.license, URIRef(LICENCE["url"])))
        graph.add((scheme, DCTERMS.modified, Literal(snapshot.built_at.isoformat(), datatype=XSD.dateTime)))
        for language, title in titles[kind].items():
            graph.add((scheme, DCTERMS.title, Literal(title, lang=language)))
    terms, careers = snapshot.by_key("terms"), snapshot.by_key("careers")
    used_categories = {v.term.category_id for versions in terms.values() for v in versions.values()}
    for category in Category.objects.filter(pk__in=used_categories):
        node = category_concept(category.key)
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.topConceptOf, schemes["terms"]))
        graph.add((schemes["terms"], SKOS.hasTopConcept, node))
        for language in LANGUAGES:
            graph.add((node, SKOS.prefLabel, Literal(category.name(language), lang=language)))
    for key, versions in terms.items():
        node = add_concept(graph, "terms", key, schemes["terms"])
        entry = next(iter(versions.values())).term
        graph.add((node, SKOS.broader, category_concept(entry.category.key)))
        relate(graph, node, "terms", entry.related_terms.all(), terms)
        relate(graph, node, "careers", entry.related_careers.all(), careers)
        for language, version in versions.items():
            add_labels(graph, node, version)
            for designation in version.designations.all():
                if designation.term.casefold() == version.name.casefold():
                    continue
                label = SKOS.hiddenLabel if designation.status == DesignationStatus.DEPRECATED else SKOS.altLabel
                graph.add((node, label, Literal(designation.term, lang=language)))
    for key, versions in careers.items():
        node = add_concept(graph, "careers", key, schemes["careers"])
        graph.add((node, SKOS.topConceptOf, schemes["careers"]))
        relate(graph, node, "careers", next(iter(versions.values())).career.related_careers.all(), careers)
        for version in versions.values():
            add_labels(graph, node, version)
            relate(graph, node, "terms", [t for phase in version.phases.all() for t in phase.terms.all()], terms)
    return graph


def add_concept(graph: Graph, kind: str, key: str, scheme: URIRef) -> URIRef:
    node = concept(kind, key)
    graph.add((node, RDF.type, SKOS.Concept))
    graph.add((node, SKOS.inScheme, scheme))
    return node


def relate(graph: Graph, node: URIRef, kind: str, entries, published: dict) -> None:
    """`skos:related` from `node` to each of `entries` (of `kind`) that is published."""
    for entry in entries:
        if entry.key in published:
            graph.add((node, SKOS.related, concept(kind, entry.key)))


def add_labels(graph: Graph, node: URIRef, version) -> None:
    language = version.language
    graph.add((node, SKOS.prefLabel, Literal(version.label, lang=language)))
    graph.add((node, SKOS.definition, Literal(version.description, lang=language)))
    graph.add((node, RDFS.seeAlso, URIRef(records.site_absolute(version.get_absolute_url()))))


def as_turtle(snapshot: Snapshot) -> bytes:
    return skos_graph(snapshot).serialize(format="turtle", encoding="utf-8")


def as_rdfxml(snapshot: Snapshot) -> bytes:
    return skos_graph(snapshot).serialize(format="pretty-xml", encoding="utf-8")


# ---------------------------------------------------------------- TBX

TBX = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX_STATUS = {
    DesignationStatus.PREFERRED: "preferredTerm-admn-sts",
    DesignationStatus.ADMITTED: "admittedTerm-admn-sts",
    DesignationStatus.DEPRECATED: "deprecatedTerm-admn-sts",
}


def sub(parent, tag: str, text: str = "", **attributes):
    """A TBX element under `parent`; `lang=` is written `xml:lang`."""
    if "lang" in attributes:
        attributes[XML_LANG] = attributes.pop("lang")
    element = etree.SubElement(parent, f"{{{TBX}}}{tag}", attributes)
    if text:
        element.text = text
    return element


def as_tbx(snapshot: Snapshot) -> bytes:
    """The glossary as TBX-Basic (ISO 30042:2019, DCA style): one concept entry a term, a
    language section per published language with the short answer as definition, and a
    term section per designation with its `administrativeStatus`, region
    (`geographicalUsage`), authority and date (`source`) and record (`externalCrossReference`)."""
    root = etree.Element(f"{{{TBX}}}tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "fr"}, nsmap={None: TBX})
    header = sub(sub(root, "tbxHeader"), "fileDesc")
    sub(sub(header, "titleStmt"), "title", "gneurone: AI glossary / glossaire de l’IA")
    sub(sub(header, "publicationStmt"), "p", f"{LICENCE['name']}: {LICENCE['url']}")
    sub(sub(header, "sourceDesc"), "p", f"{records.site_absolute('/')} ({snapshot.built_at.date().isoformat()})")
    body = sub(sub(root, "text"), "body")
    for key, versions in snapshot.by_key("terms").items():
        entry = sub(body, "conceptEntry", id=f"term-{key}")
        sub(entry, "descrip", next(iter(versions.values())).term.category.key, type="subjectField")
        for language, version in versions.items():
            section = sub(entry, "langSec", lang=language)
            sub(section, "descrip", version.description, type="definition")
            designations = list(version.designations.all())
            if not any(d.term.casefold() == version.name.casefold() for d in designations):
                sub(sub(section, "termSec"), "term", version.name)  # the entry's name, no authority's status
            with translation.override(language):
                for designation in designations:
                    add_designation(section, designation)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def add_designation(section, designation) -> None:
    term = sub(section, "termSec")
    sub(term, "term", designation.term)
    sub(term, "termNote", TBX_STATUS[designation.status], type="administrativeStatus")
    if designation.region:
        sub(term, "termNote", designation.region, type="geographicalUsage")
    if designation.authority:
        source = str(Authority(designation.authority).label)
        if designation.date:
            source += f", {designation.date.isoformat()}"
        sub(term, "admin", source, type="source")
    if designation.url:
        sub(term, "xref", designation.url, type="externalCrossReference", target=designation.url)
