"""The db layer: PostgreSQL through SQLAlchemy, at DATABASE_URL."""
import logging
import os

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse
from sqlalchemy import create_engine, text

log = logging.getLogger("uvicorn.error")
# postgresql:// URLs use psycopg2, SQLAlchemy's default PostgreSQL driver.
engine = create_engine(os.environ["DATABASE_URL"], pool_pre_ping=True)
router = APIRouter()


def ping() -> None:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def startup() -> None:
    ping()
    log.info("database ready")


@router.get("/health/db", response_class=PlainTextResponse)
def health_db() -> str:
    ping()
    return "ok"
