import os

import pytest
from django.conf import settings

from search.engines.database import DatabaseEngine


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request, db):
    """Each contract test runs on both engines; Elasticsearch only where it is configured."""
    if request.param == "database":
        return DatabaseEngine()
    if not settings.ELASTICSEARCH_URL:
        if os.environ.get("TZNR_REQUIRE_ELASTICSEARCH"):
            pytest.fail("ELASTICSEARCH_URL is required for this run")
        pytest.skip("Elasticsearch runs in the PostgreSQL + Elasticsearch pass (make test-full)")
    from search.engines.elasticsearch import ElasticsearchEngine

    return ElasticsearchEngine()
