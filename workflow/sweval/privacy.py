"""Pseudonyms and identifier hygiene.

Participant IDs are normalised (full-width to half-width, spaces removed, upper case) and replaced
by a keyed hash: HMAC-SHA256(key, normalised ID), shown as ``P`` + the first 12 hex digits. Without
the key the pseudonym cannot be reversed by trying plausible IDs.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re
import unicodedata
from pathlib import Path

from .errors import ConfigError

MAKE_KEY = "python -c \"import secrets; print(secrets.token_hex(32))\" > ~/.sweval_key"
KEY_HELP = (f"Make a key once and keep it outside the repository, e.g. {MAKE_KEY}, then set "
            "privacy.key_file: ~/.sweval_key in your config (or export SWEVAL_PSEUDONYM_KEY=...). "
            "Keep the same key for every wave, or the waves will not match.")

# Column headers (or question texts) that identify a child; such columns never leave the clean
# step, and the quality log records that they were dropped. Chinese: names, phones, contact
# fields, WeChat/QQ accounts and nicknames, e-mail, addresses, ID-card numbers, IP; English and
# platform metadata: Qualtrics Recipient*/IPAddress/Location*, Kobo phonenumber/deviceid/username.
IDENTIFYING_PATTERN = re.compile(
    r"姓名|名字|称呼|电话|手机|联系方式|联系人|微信|昵称|QQ|邮箱|地址|住址|住在|身份证|(?-i:IP)|"
    r"\b(?:name|first_?name|last_?name|full_?name|phone|mobile|wechat|e-?mail|address|ip_?address|"
    r"contact|nickname|telephone|tel)\b|"
    r"(?:recipient|first|last|user)_?name|e_?mail|address|phone_?number|nick_?name|"
    r"location_?(?:latitude|longitude)|deviceid|imei|simserial|subscriberid",
    re.IGNORECASE)


MIN_KEY_BYTES = 16  # 128 bits of key material
# HMAC-SHA256(key, FINGERPRINT_MESSAGE): says which key was used without revealing it (finding the
# key from it is as hard as from any pseudonym), so the rules that pseudonymise can take it as a
# param and re-run when the key changes.
FINGERPRINT_MESSAGE = b"sweval key fingerprint"
# The fingerprint of data/raw/example/demo_pseudonym_key.txt, the public key of the simulated
# example study (tests/test_privacy.py checks it against the file).
DEMO_KEY_FINGERPRINT = "145aa772597bab71"


def load_key(key_env: str = "SWEVAL_PSEUDONYM_KEY", key_file: str | None = None) -> bytes:
    """The pseudonymisation key: the environment variable wins over the key file.

    Leading and trailing whitespace is stripped; the key is used as the bytes of its text (a hex
    key is not decoded, so pseudonyms do not depend on how the key is written). Too short a key
    (see :func:`key_bytes`) is refused.
    """
    value = os.environ.get(key_env, "").strip()
    if value:
        return _long_enough(value, f"the environment variable {key_env}")
    if key_file:
        path = Path(key_file).expanduser()
        if path.is_file():
            text = path.read_text(encoding="utf-8").strip()
            if text:
                return _long_enough(text, f"the key file {path}")
            raise ConfigError(f"The pseudonymisation key file {path} is empty. {KEY_HELP}")
        raise ConfigError(f"The pseudonymisation key file {path} (privacy.key_file) does not exist. "
                          f"{KEY_HELP}")
    raise ConfigError(f"No pseudonymisation key: set the environment variable {key_env} or "
                      f"privacy.key_file in the config. {KEY_HELP}")


def key_bytes(text: str) -> int:
    """How much key material a key holds: a string of hex digits of even length counts as the
    bytes it encodes (64 hex digits = 32 bytes), any other text as its UTF-8 bytes."""
    if len(text) % 2 == 0 and re.fullmatch(r"[0-9a-fA-F]+", text):
        return len(text) // 2
    return len(text.encode("utf-8"))


def _long_enough(text: str, source: str) -> bytes:
    if key_bytes(text) < MIN_KEY_BYTES:
        raise ConfigError(f"The pseudonymisation key in {source} holds {key_bytes(text)} bytes, fewer than "
                          f"the {MIN_KEY_BYTES} (128 bits) that keep pseudonyms secret; make a longer one with "
                          f"{MAKE_KEY}.")
    return text.encode("utf-8")


def key_fingerprint(key: bytes) -> str:
    """First 16 hex digits of HMAC-SHA256(key, FINGERPRINT_MESSAGE): tells keys apart, never the key."""
    return hmac.new(key, FINGERPRINT_MESSAGE, hashlib.sha256).hexdigest()[:16]


def study_key_fingerprint(config: dict) -> str:
    """The fingerprint of the key a study's run will use (environment variable over file).

    A study not marked ``study.simulated: true`` may not use the example's public demo key: with
    it anyone can recompute the pseudonyms of every plausible ID.
    """
    fingerprint = key_fingerprint(load_key(**config["privacy"]))
    if fingerprint == DEMO_KEY_FINGERPRINT and not (config.get("study") or {}).get("simulated"):
        raise ConfigError("The pseudonymisation key is the example study's public demo key, which may only "
                          f"pseudonymise simulated data (study.simulated: true); make a key of your own with "
                          f"{MAKE_KEY} and set privacy.key_file: ~/.sweval_key.")
    return fingerprint


def normalise_id(raw) -> str:
    """Full-width to half-width (NFKC), all whitespace removed, upper case; '' if empty."""
    if raw is None:
        return ""
    text = unicodedata.normalize("NFKC", str(raw))
    text = "".join(text.split()).upper()
    return text[:-2] if re.fullmatch(r"\d+\.0", text) else text  # Excel turned 1023 into 1023.0


def describe_id_repair(raw: str, normalised: str) -> str:
    """Say what normalisation changed, without repeating the identifier itself."""
    text = str(raw)
    changes = []
    if unicodedata.normalize("NFKC", text) != text:
        changes.append("full-width characters made half-width")
    if "".join(text.split()) != text:
        changes.append("spaces removed")
    if "".join(unicodedata.normalize("NFKC", text).split()) != normalised:
        changes.append("letters upper-cased")
    return "; ".join(changes) or "normalised"


def pseudonym(key: bytes, normalised_id: str) -> str:
    """``P`` + first 12 hex digits of HMAC-SHA256(key, normalised ID)."""
    digest = hmac.new(key, normalised_id.encode("utf-8"), hashlib.sha256).hexdigest()
    return "P" + digest[:12]


def is_identifying(header: str) -> bool:
    """Does a column header (or question text) name personal data? See IDENTIFYING_PATTERN."""
    return bool(IDENTIFYING_PATTERN.search(str(header)))
