"""A narrow index over the fiche table for the observatory's counts.

The counts read every public fiche's id, axis, state and year (observatory.selectors). The
fiche table's rows are wide (chapô, body, partners): at 100k documents PostgreSQL read about
100 MB of them for four small columns. With this index it reads them from the index alone.
The table is kb's, hence raw SQL (valid on PostgreSQL and SQLite), as kb does for Wagtail's.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("kb", "0006_page_type_indexes")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX tznr_fiche_counts ON kb_fichepage (page_ptr_id, axis_id, status, year)",
            reverse_sql="DROP INDEX tznr_fiche_counts",
        ),
    ]
