"""Who a rate limit counts: the signed-in user where there is one, else the
client address (register and login name the address explicitly); and the
limiter's Redis storage, which sends each counter with the request's reads."""

from __future__ import annotations

import functools
import weakref

from flask import Flask, current_app, has_request_context, request
from flask_jwt_extended import decode_token
from flask_jwt_extended.exceptions import JWTExtendedException
from flask_limiter import Limiter
from flask_limiter._manager import LimitManager
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address
from jwt.exceptions import PyJWTError
from limits.storage import RedisStorage
from redis.exceptions import NoScriptError
from werkzeug.local import LocalProxy

from exam_api import read_ahead
from exam_api.auth.session_keys import session_key
from exam_api.problems import render_http_exception

STORAGE_SCHEME_PREFIX = "exam-api+"


def rate_limit_key() -> str:
    """The token's user, once its signature and expiry hold. Whether its
    session is still active is the view's check (it refuses an ended one);
    here the session is only named, so that its answer comes back in the
    round trip of this request's counter."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme != "Bearer" or not token:
        return f"ip:{get_remote_address()}"
    try:
        claims = decode_token(token)
    except (JWTExtendedException, PyJWTError):
        return f"ip:{get_remote_address()}"
    identity = claims.get(current_app.config["JWT_IDENTITY_CLAIM"])
    if isinstance(claims.get("sid"), str):
        read_ahead.want(session_key(claims["sid"]))
    return f"user:{identity}" if identity else f"ip:{get_remote_address()}"


class ReadAheadRedisStorage(RedisStorage):
    """flask-limiter's Redis storage, with the fixed window's counter sent in
    one pipeline with the request's reads (`read_ahead`): a signed-in request
    then makes one Redis round trip for its limit, its session check and the
    cached exam, where it made two. The counter is the library's own script
    (by its SHA, as the library sends it); after a Redis restart has dropped
    the script the library's own path loads it again and the reads go
    separately. Used through `storage_uri` with the `exam-api+` prefix."""

    STORAGE_SCHEME = [f"{STORAGE_SCHEME_PREFIX}{scheme}" for scheme in ("redis", "rediss", "redis+unix")]

    def __init__(self, uri: str, **options) -> None:
        super().__init__(uri.removeprefix(STORAGE_SCHEME_PREFIX), **options)

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        reads = read_ahead.pending() if has_request_context() else []
        if not reads:
            return super().incr(key, expiry, amount)
        with self.get_connection().pipeline(transaction=False) as pipe:
            pipe.evalsha(self.lua_incr_expire.sha, 1, self.prefixed_key(key), expiry, amount)
            pipe.mget(reads)
            try:
                count, values = pipe.execute()
            except NoScriptError:
                return super().incr(key, expiry, amount)
        # The library's client answers in bytes; the app's reads are text.
        read_ahead.remember({name: None if value is None else value.decode() for name, value in zip(reads, values)})
        return int(count)


def _forgets_answers(change):
    @functools.wraps(change)
    def changing(manager: LimitsResolvedOnce, *args, **kwargs):
        manager.answers.clear()
        return change(manager, *args, **kwargs)

    return changing


class LimitsResolvedOnce(LimitManager):
    """flask-limiter's limit manager, answering each app's question "which
    limits apply to this endpoint" once instead of on every request: the
    library walks the default, blueprint and decorated limits and the
    exemptions anew each time (a tenth of a cached exam read). An answer can
    change only when a limit or an exemption is added, which forgets every
    answer, or with the app's routes, which Flask fixes before its first
    request. The limits themselves depend on nothing but the app's settings
    (`default_limit`, `auth_limit`), so keeping them per app keeps them
    right; every request is still counted against them."""

    def __init__(self, **state) -> None:
        super().__init__(**state)
        self.answers: weakref.WeakKeyDictionary[Flask, dict] = weakref.WeakKeyDictionary()

    def answer(self, app: Flask, question: tuple, work_out):
        """The app's answer to `question`, from `work_out()` the first time.
        The library passes `flask.current_app`, a proxy: the answers are the
        app's behind it."""
        answers = self.answers.setdefault(app._get_current_object() if isinstance(app, LocalProxy) else app, {})
        if question not in answers:
            answers[question] = work_out()
        return answers[question]

    def resolve_limits(self, app: Flask, *args):
        resolve = functools.partial(super().resolve_limits, app, *args)
        defaults, decorated = self.answer(app, ("limits", *args), lambda: tuple(map(tuple, resolve())))
        return list(defaults), list(decorated)

    def exemption_scope(self, app: Flask, endpoint: str | None, blueprint: str | None):
        scope = functools.partial(super().exemption_scope, app, endpoint, blueprint)
        return self.answer(app, ("exemption", endpoint, blueprint), scope)

    set_application_limits = _forgets_answers(LimitManager.set_application_limits)
    set_default_limits = _forgets_answers(LimitManager.set_default_limits)
    add_decorated_limit = _forgets_answers(LimitManager.add_decorated_limit)
    add_blueprint_limit = _forgets_answers(LimitManager.add_blueprint_limit)
    add_route_exemption = _forgets_answers(LimitManager.add_route_exemption)
    add_blueprint_exemption = _forgets_answers(LimitManager.add_blueprint_exemption)
    add_endpoint_hint = _forgets_answers(LimitManager.add_endpoint_hint)


_LIMIT_MANAGER_STATE = (
    "application_limits",
    "default_limits",
    "decorated_limits",
    "blueprint_limits",
    "route_exemptions",
    "blueprint_exemptions",
)
"""`LimitManager`'s constructor arguments, each kept as the attribute of its name with a leading underscore."""


class AppLimiter(Limiter):
    """One limiter object serves every app a process makes (its decorators are
    applied at import; the test suite makes many apps), and each `init_app`
    gives it that app's storage. The library keeps the mark "storage
    unreachable" across that: an app made after one whose Redis was down
    counted its limits in process memory until the library's backed-off
    re-check, so they were neither shared between workers nor kept. A new
    storage starts as reachable; a failure marks it again.

    Its limit manager is the library's, built from the same state, answering
    once per app and endpoint (`LimitsResolvedOnce`)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        built = self.limit_manager
        self.limit_manager = LimitsResolvedOnce(**{name: getattr(built, f"_{name}") for name in _LIMIT_MANAGER_STATE})

    def init_app(self, app: Flask) -> None:
        super().init_app(app)
        self._storage_dead = False


def client_address_key() -> str:
    return f"ip:{get_remote_address()}"


def auth_limit() -> str:
    return current_app.extensions["settings"].rate_limit_auth


def default_limit() -> str:
    return current_app.extensions["settings"].rate_limit_default


def init_rate_limit_problems(app: Flask) -> None:
    """A 429 says when to come back. flask-limiter's own headers
    (X-RateLimit-*, Retry-After on every response) are off: they cost two
    Redis round trips per request; a 429's Retry-After is the length of the
    window that was exceeded, which is never too early."""

    @app.errorhandler(RateLimitExceeded)
    def _too_many(error: RateLimitExceeded):
        response = render_http_exception(error)
        response.headers["Retry-After"] = str(error.limit.limit.get_expiry())
        return response
