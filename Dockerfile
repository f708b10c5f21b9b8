FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY pyproject.toml ./
COPY accounts ./accounts
COPY config ./config
COPY programmes ./programmes
COPY tracking ./tracking
RUN pip install --no-cache-dir -e .  # gunicorn is a dependency (pyproject.toml)
COPY . .
RUN DJANGO_STATIC_MANIFEST=1 DATABASE_URL=postgres://x/x REDIS_URL=redis://x \
    python manage.py collectstatic --no-input
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
