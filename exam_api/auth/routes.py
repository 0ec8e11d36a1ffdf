from flask.views import MethodView
from flask_jwt_extended import get_jwt, jwt_required

from exam_api import request_examples as examples
from exam_api import response_examples
from exam_api.auth import service
from exam_api.auth.identity import current_session_id, current_user_id, signed_in
from exam_api.auth.schemas import LoginSchema, PasswordChangeSchema, TokenPairSchema
from exam_api.bounds import Blueprint
from exam_api.extensions import limiter
from exam_api.rate_limits import auth_limit, client_address_key
from exam_api.users import service as users
from exam_api.users.schemas import RegistrationSchema, UserSchema

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Sign-up and sessions")


@blp.route("/register")
class Register(MethodView):
    decorators = [limiter.limit(auth_limit, key_func=client_address_key)]

    @blp.doc(security=[])
    @blp.problems(409, 429)
    @blp.arguments(RegistrationSchema, example=examples.REGISTER)
    @blp.response(201, UserSchema, example=response_examples.USER)
    def post(self, body):
        """Create a student account."""
        return users.register(**body)


@blp.route("/login")
class Login(MethodView):
    decorators = [limiter.limit(auth_limit, key_func=client_address_key)]

    @blp.doc(security=[])
    @blp.problems(401, 403, 429)
    @blp.arguments(LoginSchema, example=examples.LOGIN)
    @blp.response(200, TokenPairSchema, example=response_examples.TOKEN_PAIR)
    def post(self, body):
        """Exchange email and password for an access and a refresh token."""
        return service.login(body["email"], body["password"])


@blp.route("/refresh")
class Refresh(MethodView):
    @jwt_required(refresh=True)
    @blp.problems(401, 429)
    @blp.response(200, TokenPairSchema, example=response_examples.TOKEN_PAIR)
    def post(self):
        """Exchange a refresh token (as the Bearer) for new tokens; the old refresh token is spent."""
        claims = get_jwt()
        return service.refresh(claims.get("sid"), claims["jti"])


@blp.route("/logout")
class Logout(MethodView):
    @jwt_required(verify_type=False)
    @blp.problems(401, 429)
    @blp.response(204)
    def post(self):
        """End this session: its access and refresh tokens stop working."""
        service.logout(current_user_id(), current_session_id())


@blp.route("/password")
class Password(MethodView):
    @signed_in
    @blp.problems(401, 403, 429)
    @blp.arguments(PasswordChangeSchema, example=examples.PASSWORD_CHANGE)
    @blp.response(204)
    def post(self, body):
        """Change your password; every other session of yours ends."""
        service.change_password(current_user_id(), current_session_id(), body["current_password"], body["new_password"])
