"""Swagger UI's scripts and styles, served by the app from the pinned
swagger-ui-bundle-v2 package: `/api/docs` works offline and on networks
that block public CDNs, and the page loads nothing from another origin."""

from __future__ import annotations

from flask import Blueprint, send_from_directory
from swagger_ui_bundle import swagger_ui_path

ASSETS_PATH = "/api/docs/assets/"
_ONE_DAY = 86400

blp = Blueprint("docs_assets", __name__)


@blp.get(f"{ASSETS_PATH}<path:filename>")
def asset(filename: str):
    """Public, like the page that loads them; a name outside the bundle is a 404."""
    return send_from_directory(str(swagger_ui_path), filename, max_age=_ONE_DAY)
