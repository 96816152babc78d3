"""A circuit breaker shared by every process through the default cache.

When a server the site depends on (Elasticsearch) fails, the breaker opens: an entry in
the default cache (the database cache, or Redis in production), so that every worker
process of every machine stops calling that server for `open_seconds` and answers from its
fallback at once instead of waiting for the timeout again. A probe thread, started by each
process that finds the breaker open, checks the server every `probe_seconds` and closes the
breaker as soon as it answers. If nobody closes it, the entry expires and the next request
tries the server again (and opens the breaker anew if it still fails).

pybreaker keeps its state in memory or in Redis only and has no background probe; this
does the one thing we need in the cache every process already shares.
"""

import logging
import threading
import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import connections

logger = logging.getLogger(__name__)


class CircuitBreaker:
    def __init__(
        self,
        key: str,
        *,
        probe: Callable[[], bool],
        open_seconds: float,
        probe_seconds: float,
    ):
        self.key = key
        self.probe = probe
        self.open_seconds = open_seconds
        self.probe_seconds = probe_seconds

    def is_open(self) -> bool:
        """True while the server should be skipped; makes sure this process probes it."""
        try:
            opened = cache.get(self.key) is not None
        except Exception:  # the cache itself failing must not stop the server being used
            logger.exception("Circuit breaker state unreadable: %s", self.key)
            return False
        if opened:
            _start_probe(self)
        return opened

    def trip(self, error: BaseException) -> None:
        logger.warning("%s : disjoncteur ouvert après l'erreur %r", self.key, error)
        try:
            cache.set(self.key, time.time(), timeout=self.open_seconds)
        except Exception:
            logger.exception("Circuit breaker state unwritable: %s", self.key)
            return
        _start_probe(self)

    def close(self) -> None:
        cache.delete(self.key)

    def probe_until_closed(self) -> None:
        """The probe thread's loop: ends once the breaker is closed or has expired."""
        try:
            while True:
                time.sleep(self.probe_seconds)
                if cache.get(self.key) is None:
                    return
                if self.probe():
                    logger.warning("%s : le serveur répond, disjoncteur refermé", self.key)
                    self.close()
                    return
                connections.close_all()  # this thread's connections (database cache)
        except Exception:
            logger.exception("Circuit breaker probe failed: %s", self.key)
        finally:
            connections.close_all()


_probes: dict[str, threading.Thread] = {}
_probes_lock = threading.Lock()


def _start_probe(breaker: CircuitBreaker) -> None:
    """One probe thread per breaker and process."""
    with _probes_lock:
        running = _probes.get(breaker.key)
        if running is not None and running.is_alive():
            return
        thread = threading.Thread(
            target=breaker.probe_until_closed, name=f"probe {breaker.key}", daemon=True
        )
        _probes[breaker.key] = thread
        thread.start()
