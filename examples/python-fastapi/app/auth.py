"""The auth layer: bcrypt password hashes (passlib) and HS256 tokens (PyJWT) signed with JWT_SECRET."""
import datetime
import os

import jwt
from fastapi import APIRouter, HTTPException
from fastapi.responses import PlainTextResponse
from passlib.context import CryptContext
from pydantic import BaseModel

SECRET = os.environ["JWT_SECRET"]
ALGORITHM = "HS256"
passwords = CryptContext(schemes=["bcrypt"])
# The one account of this demo: demo / demo.
USERS = {"demo": passwords.hash("demo")}
router = APIRouter()


class Credentials(BaseModel):
    username: str
    password: str


def issue_token(subject: str) -> str:
    expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=15)
    return jwt.encode({"sub": subject, "exp": expires}, SECRET, algorithm=ALGORITHM)


def read_token(token: str) -> str:
    return jwt.decode(token, SECRET, algorithms=[ALGORITHM])["sub"]


@router.post("/auth/token")
def token(credentials: Credentials) -> dict:
    known = USERS.get(credentials.username)
    if known is None or not passwords.verify(credentials.password, known):
        raise HTTPException(status_code=401, detail="wrong username or password")
    return {"access_token": issue_token(credentials.username), "token_type": "bearer"}


@router.get("/auth/selftest", response_class=PlainTextResponse)
def selftest() -> str:
    hashed = passwords.hash("correct horse battery staple")
    if not passwords.verify("correct horse battery staple", hashed) or passwords.verify("wrong", hashed):
        raise HTTPException(status_code=500, detail="password hashing does not round-trip")
    if read_token(issue_token("selftest")) != "selftest":
        raise HTTPException(status_code=500, detail="a token did not decode to its subject")
    return "ok"
