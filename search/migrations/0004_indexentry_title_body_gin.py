"""PostgreSQL: index `title || body` of Wagtail's index entries, as the database engine matches it.

The engine matches a query against title and body together (every word must appear, in
either); without this expression index PostgreSQL scans every entry.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS search_indexentry_title_body_gin"
    " ON wagtailsearch_indexentry USING gin ((title || body))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_indexentry_title_body_gin")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_searchentry_cues"), ("wagtailsearch", "0010_add_text_fields")]
    operations = [migrations.RunPython(create, drop)]
