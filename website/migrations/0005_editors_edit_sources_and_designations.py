"""Editors may edit the sources (issue 17), the designations of a version and a guide's
occupation codes (issue 18): the models
came after the group (0001), whose permissions were set once."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
NEW_MODELS = {"encyclopedia": ["termsource", "termdesignation"], "careers": ["careersource", "occupationcode"]}
ACTIONS = ["add", "change", "delete", "view"]


def permissions(apps):
    codenames = [f"{action}_{model}" for models in NEW_MODELS.values() for model in models for action in ACTIONS]
    permission = apps.get_model("auth", "Permission")
    return permission.objects.filter(content_type__app_label__in=NEW_MODELS, codename__in=codenames)


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():  # created after all migrations otherwise (post_migrate)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group, _created = apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)
    group.permissions.add(*permissions(apps).values_list("pk", flat=True))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group")
    wanted = permissions(apps).values("pk")  # by id: the state's models, not instances of another state
    group.permissions.through.objects.filter(group__name=GROUP, permission_id__in=wanted).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0004_title_search_indexes"),
        ("encyclopedia", "0009_designations"),
        ("careers", "0011_wage_provenance_and_crosswalk"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
