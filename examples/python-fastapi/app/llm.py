"""The llm layer: one chat completion through the official OpenAI client.

The client reads OPENAI_BASE_URL and OPENAI_API_KEY from the environment, so the same code talks to
OpenAI in production and to stagebisect's mock in a check.
"""
import os

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse
from openai import OpenAI

MODEL = os.environ.get("LLM_MODEL", "gpt-4o-mini")
# Fail fast: a check should see the error, not wait through retries.
client = OpenAI(max_retries=0, timeout=10.0)
router = APIRouter()


@router.get("/health/llm", response_class=PlainTextResponse)
def health_llm() -> str:
    completion = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "Are you there?"}],
    )
    return completion.choices[0].message.content or ""
