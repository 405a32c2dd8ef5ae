"""The open data pages: the downloads (a page listing them, and the files), and the API's
reference page, generated from its OpenAPI document."""

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from ..api import api
from . import store

MAX_AGE = 300


def downloads(request):
    built = store.current()
    files = [
        {"download": download, "url": reverse("download", args=[download.name]), **built.files[download.name]}
        for download in store.DOWNLOADS
    ]
    context = {
        "files": files,
        "built_at": built.built_at,
        "meta_title": _("Open data: downloads and API"),
        "meta_description": _(
            "The whole encyclopedia to reuse: JSON, CSV, SKOS and TBX files, and a JSON API, under an open licence."
        ),
    }
    response = render(request, "opendata/downloads.html", context)
    # Not kept by the page cache: the page follows the files, which any change rebuilds.
    response["Cache-Control"] = f"public, max-age={MAX_AGE // 5}"
    return response


def file_etag(request, name):
    download = store.BY_NAME.get(name)
    return store.current().etag(name) if download else None


@condition(etag_func=file_etag)
def download(request, name):
    if name not in store.BY_NAME:
        raise Http404(name)
    built, download = store.current(), store.BY_NAME[name]
    response = FileResponse(built.path(name).open("rb"), content_type=download.media_type)
    response["Content-Disposition"] = f'inline; filename="gneurone-{name}"'
    response["Last-Modified"] = http_date(built.built_at.timestamp())
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    response["Access-Control-Allow-Origin"] = "*"
    response["Link"] = f'<{settings.CONTENT_LICENCE["url"]}>; rel="license"'
    return response


# ---------------------------------------------------------------- the API reference


def schema_type(schema: dict) -> str:
    """An OpenAPI schema as a short type: "string", "integer ≥ 1", "fr | en", "date or null"."""
    if "allOf" in schema:
        return schema_type(schema["allOf"][0])
    if "anyOf" in schema:
        return " | ".join(schema_type(option) for option in schema["anyOf"])
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"])
    if schema.get("type") == "array":
        return f"[{schema_type(schema.get('items', {}))}]"
    kind = schema.get("format") or schema.get("type", "object")
    if "minimum" in schema:
        kind += f" ≥ {schema['minimum']}"
    if "maxLength" in schema:
        kind += f" ({schema.get('minLength', 0)}–{schema['maxLength']})"
    return kind


def reference_routes(document: dict) -> list[dict]:
    routes = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            parameters = [
                {
                    "name": p["name"],
                    "where": p["in"],
                    "type": schema_type(p["schema"]),
                    "required": p.get("required", False),
                    "default": p["schema"].get("default"),
                    "description": p.get("description", ""),
                }
                for p in operation.get("parameters", [])
            ]
            responses = [
                {"status": status, "schema": schema_type(answer["content"]["application/json"]["schema"])}
                for status, answer in sorted(operation["responses"].items())
            ]
            example = path.replace("{key}", "llm") + "?language=fr"
            if any(p["name"] == "q" for p in parameters):
                example += "&q=apprentissage"
            routes.append(
                {
                    "id": operation["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": parameters,
                    "responses": responses,
                    "example": example,
                }
            )
    return routes


def reference_schemas(document: dict) -> list[dict]:
    schemas = []
    for name, schema in sorted(document["components"]["schemas"].items()):
        required = set(schema.get("required", ()))
        fields = [
            {"name": field, "type": schema_type(spec), "optional": field not in required}
            for field, spec in schema.get("properties", {}).items()
        ]
        schemas.append({"name": name, "fields": fields})
    return schemas


def api_reference(request):
    document = api.get_openapi_schema(path_prefix="/api/v1")
    context = {
        "routes": reference_routes(document),
        "schemas": reference_schemas(document),
        "openapi_url": reverse("api:openapi-json"),
        "meta_title": _("API reference"),
        "meta_description": _("Every route of the gneurone JSON API, its parameters and the shape of its answers."),
    }
    return render(request, "opendata/api_reference.html", context)
