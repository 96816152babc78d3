"""An index on the file name of Wagtail's image renditions: every image request looks its
rendition up by that name (`kb.selectors.rendition_get`), which Wagtail does not index.

Wagtail's `Rendition` model is not ours, hence raw SQL (valid on PostgreSQL and SQLite).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0009_directory_moves_out"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX tznr_rendition_file ON wagtailimages_rendition (file)",
            reverse_sql="DROP INDEX tznr_rendition_file",
        ),
    ]
