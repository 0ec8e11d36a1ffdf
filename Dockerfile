# One image for every role: api (the default command), worker, beat and
# flower; docker-compose.yml picks the role with the Procfile's command.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    API_HOST=0.0.0.0 \
    FLOWER_ADDRESS=0.0.0.0

WORKDIR /app

RUN groupadd --system --gid 10001 exam \
    && useradd --system --uid 10001 --gid exam --home-dir /app --shell /usr/sbin/nologin exam

COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY exam_api ./exam_api
COPY worker ./worker
COPY migrations ./migrations
COPY launcher ./launcher
COPY wsgi.py celeryconfig.py gunicorn.conf.py flowerconfig.py Procfile ./
RUN mkdir -p instance/metrics && chown -R exam:exam instance

USER exam

EXPOSE 8000 5555

CMD ["gunicorn", "--config", "gunicorn.conf.py", "wsgi:app"]
