"""The demo content as loaded at the start of the session, serialized per database alias.

Django restores it before each `serialized_rollback=True` test (the browser tests), from an
attribute of the connection object. That object can be replaced during the session, so the
snapshot is also kept in pytest's stash and attached again before each such test."""

import pytest
from django.db import connections

KEY = pytest.StashKey[dict[str, str]]()


def take(config: pytest.Config) -> None:
    config.stash[KEY] = {
        connection.alias: connection.creation.serialize_db_to_string()
        for connection in connections.all()
    }
    attach(config)


def attach(config: pytest.Config) -> None:
    for alias, contents in config.stash.get(KEY, {}).items():
        connections[alias]._test_serialized_contents = contents
