from pathlib import Path


class ContentError(Exception):
    """A problem in one content file, named by file and field so an editor can fix it."""

    def __init__(self, path: Path | str, field: str, message: str):
        self.path = Path(path)
        self.field = field
        self.message = message
        super().__init__(f"{self.path}: field “{field}”: {message}")


class Once:
    """What the `[[tables]]` of one file have named so far (a source's key, a designation, a
    band's place, an occupation code): naming the same thing twice is an error of that row."""

    def __init__(self):
        self.seen = set()

    def check(self, fields, name: str, identity, message: str) -> None:
        """`identity` of the row read by `fields`: an error on its field `name` if met before."""
        if identity in self.seen:
            raise fields.error(name, message)
        self.seen.add(identity)
