"""Published versions without a publication date get their last update as one.

"Published" now means status published *and* a publication date that has come; a row
saved through save() always had one, but rows written in bulk may not. The reverse
cannot know which dates were filled here, so it leaves them (they are true enough).
"""

from django.db import migrations
from django.db.models import F


def fill_publication_dates(apps, schema_editor):
    model = apps.get_model("encyclopedia", "TermVersion")
    model.objects.filter(status="published", published_at__isnull=True).update(published_at=F("updated_at"))


class Migration(migrations.Migration):
    dependencies = [("encyclopedia", "0003_editorial_workflow")]

    operations = [migrations.RunPython(fill_publication_dates, migrations.RunPython.noop)]
