from pathlib import Path


class ContentError(Exception):
    """A problem in one content file, named by file and field so an editor can fix it."""

    def __init__(self, path: Path | str, field: str, message: str):
        self.path = Path(path)
        self.field = field
        self.message = message
        super().__init__(f"{self.path}: field “{field}”: {message}")
