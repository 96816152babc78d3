"""Two indexes on Wagtail's page table for the lists of pages, which grow to tens of thousands.

- (title, id): the fiche list's order. PostgreSQL walks the titles in order and stops after
  the 12 cards shown, instead of sorting every fiche.
- the pages with children: `kb.selectors.public_pages` reads the restricted sections among
  them on every list; without it that is a scan of the whole page table.

Wagtail's `Page` model is not ours, hence raw SQL (valid on PostgreSQL and SQLite).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("kb", "0004_role_permissions")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX tznr_page_title_id ON wagtailcore_page (title, id)",
            reverse_sql="DROP INDEX tznr_page_title_id",
        ),
        migrations.RunSQL(
            "CREATE INDEX tznr_page_with_children ON wagtailcore_page (id) WHERE numchild > 0",
            reverse_sql="DROP INDEX tznr_page_with_children",
        ),
    ]
