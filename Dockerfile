# One image for every process type (Procfile): the web server by default; the worker and the
# release step by overriding the command:
#   docker run --env-file env IMAGE                                  # web on :8000
#   docker run --env-file env IMAGE python manage.py worker          # worker
#   docker run --env-file env IMAGE python manage.py migrate --no-input
# Settings come from the environment at run time (README "Running in production"); the image
# holds no secret. VAR_DIR (/app/var: site build, media without a media bucket) should be a volume.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    CMS_VAR_DIR=/app/var \
    DJANGO_STATIC_ROOT=/app/static \
    BIND=0.0.0.0:8000

RUN groupadd --system thinktank && useradd --system --gid thinktank --home-dir /app thinktank

WORKDIR /app
COPY pyproject.toml ./
COPY cms ./cms
COPY home ./home
COPY people ./people
COPY publications ./publications
COPY deploy ./deploy
COPY manage.py Procfile ./
COPY ops ./ops
RUN pip install .

# Static files are collected once, into the image: production settings need their variables
# to load, so placeholders here (a throwaway key; nothing connects to the database).
RUN DJANGO_SECRET_KEY=collectstatic-only-not-a-secret \
    DJANGO_ALLOWED_HOSTS=localhost \
    SITE_BASE_URL=https://www.example.org \
    WAGTAILADMIN_BASE_URL=https://cms.example.org \
    DATABASE_URL=sqlite:////tmp/collectstatic.sqlite3 \
    python manage.py collectstatic --no-input -v0 \
    && mkdir -p /app/var && chown thinktank:thinktank /app/var

USER thinktank
EXPOSE 8000
CMD ["gunicorn", "-c", "ops/gunicorn.conf.py", "cms.wsgi"]
