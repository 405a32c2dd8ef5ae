from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Copy each msgid to its empty msgstr in the English catalogue. The interface is written "
        "in English, so English translations are the source strings; filling them keeps "
        "`msgfmt --statistics` honest (every string is translated in both languages)."
    )

    def handle(self, *args, **options):
        import polib

        path = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(path))
        filled = 0
        for entry in catalogue:
            if entry.obsolete:
                continue
            # A fuzzy entry carries msgmerge's guess from another string: never keep it.
            fuzzy = "fuzzy" in entry.flags
            if entry.msgid_plural:
                if fuzzy or not all(entry.msgstr_plural.values()):
                    entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                    filled += 1
            elif fuzzy or not entry.msgstr:
                entry.msgstr = entry.msgid
                filled += 1
            if fuzzy:
                entry.flags.remove("fuzzy")
                entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        catalogue.save()
        self.stdout.write(f"{filled} English strings filled from their msgid.")
