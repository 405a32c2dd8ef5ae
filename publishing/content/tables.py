"""What a row of a language file's `[[name]]` tables (sources, designations) does between the
file and the database: read from a row, written back as a table, made an unsaved row."""

from typing import ClassVar


class TableText:
    """A dataclass of the table's fields (`fields`, in file order)."""

    fields: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def from_row(cls, row):
        return cls(**{name: getattr(row, name) for name in cls.fields})

    def as_table(self) -> dict:
        """The table as the exporter writes it: empty fields left out."""
        return {name: getattr(self, name) or None for name in self.fields}

    def row(self, model, position: int):
        """An unsaved row of the kind's model (its version is set by the writer)."""
        return model(position=position, **{name: getattr(self, name) for name in self.fields})
