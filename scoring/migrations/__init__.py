"""The store's schema history as Alembic revisions; `scoring.migrate` applies them.

Upgrades only: a downgrade would drop tables that hold data (figures, their archive, the version
log, accounts), and this project never deletes data outright; restore a backup instead. A change
to a table on `scoring.store.metadata` needs a new revision in `versions/` (tests/test_migrations.py
fails until the migrated schema equals the tables the code declares). From the project folder:

    .venv/bin/alembic revision --autogenerate --rev-id 0004 -m "what changes"

writes one against the database of KEPATUHAN_DATABASE_URL; read and tidy it before committing.
"""
