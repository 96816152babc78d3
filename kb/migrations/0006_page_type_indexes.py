"""Two partial indexes on Wagtail's page table, over the live pages, by page type.

- (content_type_id, first_published_at DESC, title): the home page's latest fiches. Without
  it PostgreSQL walks every page by publication date, the newest events and recordings first,
  and joins each to the fiche table until it finds six fiches.
- (content_type_id, path, depth, id): the fiche list's count. `kb.selectors.fiche_count_filtered`
  counts the live fiches below the list from this index alone, without reading the fiche table.

Wagtail's `Page` model is not ours, hence raw SQL (valid on PostgreSQL and SQLite).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("kb", "0005_page_list_indexes")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX tznr_page_live_type_published ON wagtailcore_page "
            "(content_type_id, first_published_at DESC, title) WHERE live",
            reverse_sql="DROP INDEX tznr_page_live_type_published",
        ),
        migrations.RunSQL(
            "CREATE INDEX tznr_page_live_type_path ON wagtailcore_page "
            "(content_type_id, path, depth, id) WHERE live",
            reverse_sql="DROP INDEX tznr_page_live_type_path",
        ),
    ]
