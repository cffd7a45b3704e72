"""Alembic's environment: the migrations run on the connection `scoring.migrate.upgrade` hands
over, inside its transaction; from the `alembic` command line (to write a revision), on the
database of KEPATUHAN_DATABASE_URL. Autogenerate compares with the tables the code declares."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from scoring import store
from scoring.migrate import CONNECTION, declared_metadata


def _run(connection: sa.Connection) -> None:
    context.configure(connection=connection, target_metadata=declared_metadata())
    with context.begin_transaction():
        context.run_migrations()


_given = context.config.attributes.get(CONNECTION)
if _given is not None:
    _run(_given)
else:
    with store.engine().connect() as _own:
        _run(_own)
        _own.commit()
