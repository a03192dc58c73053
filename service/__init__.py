"""The qa-engine HTTP service (FastAPI): scoring, uploads, scorecards, alerts, review, appeals.

Start it with ``qa serve``; ``service.main.create_app()`` builds the ASGI app.
"""
