from flask.views import MethodView

from exam_api import response_examples
from exam_api.auth.identity import current_user_id, signed_in
from exam_api.bounds import Blueprint
from exam_api.users import service
from exam_api.users.schemas import UserSchema

blp = Blueprint("users", __name__, url_prefix="/api/v1/users", description="Accounts")


@blp.route("/me")
class Me(MethodView):
    @signed_in
    @blp.problems(401, 429)
    @blp.response(200, UserSchema, example=response_examples.USER)
    def get(self):
        """The signed-in user's account."""
        return service.get(current_user_id())
