"""The directory's models leave kb for the directory app (directory 0001, 0002)."""

import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0001_initial'),
        ('kb', '0008_coordinator_given_family_names'),
    ]

    # State only: the tables now belong to the directory app (directory 0001), unchanged.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='directoryexport',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='invitation',
                    name='invited_by',
                ),
                migrations.RemoveField(
                    model_name='invitation',
                    name='territory',
                ),
                migrations.AlterField(
                    model_name='fichepage',
                    name='contacts',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='Visibles des seuls membres.', related_name='fiches', to='directory.coordinator', verbose_name='personnes à contacter'),
                ),
                migrations.DeleteModel(
                    name='Coordinator',
                ),
                migrations.DeleteModel(
                    name='DirectoryExport',
                ),
                migrations.DeleteModel(
                    name='Invitation',
                ),
            ],
            database_operations=[],
        ),
    ]
