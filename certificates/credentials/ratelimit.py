"""Per-client rate limit of the public verification pages.

Counted in Django's cache, so several app servers share the count when the
cache is shared (production uses Redis or the database cache). A fixed window
per client: simple, one cache key per client and window, and enough to stop
anyone from walking through codes (a code has 160 random bits anyway).

Settings: ``LMS_VERIFY_RATE_LIMIT`` (lookups per window, default 10) and
``LMS_VERIFY_RATE_WINDOW`` (seconds, default 60).
"""

import ipaddress
import time

from axes.helpers import get_client_ip_address
from django.core.cache import cache

from certificates.app_settings import app_settings


def verify_rate_limit() -> tuple[int, int]:
    """(lookups allowed, window in seconds)."""
    return app_settings.VERIFY_RATE_LIMIT, app_settings.VERIFY_RATE_WINDOW


def client_key(request) -> str:
    """The client as the lockout (axes) sees it, so that one proxy setting
    (``AXES_IPWARE_PROXY_COUNT``) serves both. An IPv6 client usually holds a
    whole /64, so it is counted per /64."""
    raw = get_client_ip_address(request) or request.META.get("REMOTE_ADDR") or ""
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw or "unknown"
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def verify_rate_limit_hit(request, *, scope: str) -> bool:
    """Count one request of this client in ``scope``; True when it is over the limit.

    Each scope (the form, the code page) has its own count, so that a lookup
    typed into the form and redirected to the code page costs one in each.
    """
    limit, window = verify_rate_limit()
    bucket = int(time.time() // window)
    key = f"lms:verify-rate:{scope}:{client_key(request)}:{bucket}"
    # add() is atomic: only the first request of the window creates the key.
    if cache.add(key, 1, timeout=window + 5):
        return limit < 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return count > limit


def retry_after_seconds() -> int:
    """Seconds until the current window ends."""
    _, window = verify_rate_limit()
    return window - int(time.time()) % window
