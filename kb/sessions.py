"""Django's database sessions, with the per-request expiry update in one statement.

`SESSION_SAVE_EVERY_REQUEST` writes a member's session on every page: Django wraps that
write in a transaction (BEGIN, UPDATE, COMMIT). A single UPDATE is atomic on its own; only
the creation keeps Django's transaction (it must detect a key already taken).
"""

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import router


class SessionStore(DatabaseSessionStore):
    def save(self, must_create=False):
        if must_create or self.session_key is None:
            return super().save(must_create=must_create)
        obj = self.create_model_instance(self._get_session())
        using = router.db_for_write(self.model, instance=obj)
        updated = (
            self.model.objects.using(using)
            .filter(session_key=obj.session_key)
            .update(session_data=obj.session_data, expire_date=obj.expire_date)
        )
        if not updated:
            raise UpdateError
