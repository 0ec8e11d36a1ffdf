"""Flask extensions, created unbound here and bound to an app in `create_app`.

Nothing here opens a connection: each extension connects lazily, inside the
process that uses it, so Celery's and gunicorn's forks never share a socket.
"""

from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase

from exam_api.auth.verified_tokens import VerifiedTokenJWTManager
from exam_api.problems import ProblemApi
from exam_api.rate_limits import AppLimiter, default_limit, rate_limit_key


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
jwt = VerifiedTokenJWTManager()
api = ProblemApi()
limiter = AppLimiter(key_func=rate_limit_key, default_limits=[default_limit])
