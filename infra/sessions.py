"""Django's database sessions, with the per-request expiry update kept cheap.

`SESSION_SAVE_EVERY_REQUEST` pushes a member's idle expiry back on every page. Django writes
the whole session each time, in a transaction (BEGIN, UPDATE, COMMIT). Here an unchanged
session is written only when its expiry would move by more than `EXPIRY_SLACK` (so at most
once a minute while a member browses), and then in one UPDATE, atomic on its own; only the
creation keeps Django's transaction (it must detect a key already taken).
"""

import datetime

from django.contrib.sessions.backends.base import UpdateError
from django.db import router

from kb.private_api import SessionStoreKnowingStoredExpiry

EXPIRY_SLACK = datetime.timedelta(minutes=1)


class SessionStore(SessionStoreKnowingStoredExpiry):
    def save(self, must_create=False):
        if must_create or self.session_key is None:
            return super().save(must_create=must_create)
        expiry = self.get_expiry_date()
        if (
            not self.modified
            and self.stored_expiry is not None
            and abs(expiry - self.stored_expiry) < EXPIRY_SLACK
        ):
            return None
        obj = self.create_model_instance(self.current_data())
        using = router.db_for_write(self.model, instance=obj)
        updated = (
            self.model.objects.using(using)
            .filter(session_key=obj.session_key)
            .update(session_data=obj.session_data, expire_date=obj.expire_date)
        )
        if not updated:
            raise UpdateError
        self.stored_expiry = obj.expire_date
        return None
