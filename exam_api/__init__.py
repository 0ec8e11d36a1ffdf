"""exam-api: a self-hosted exam platform. `exam_api.app.create_app` builds the
Flask app; importing this package alone loads nothing (so `exam_api.rules`
stays free of every framework)."""
