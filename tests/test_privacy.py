"""Pseudonyms: keyed, stable, not reversible without the key; IDs normalised."""
import hashlib
import hmac

import pytest

from sweval.errors import ConfigError
from sweval.privacy import is_identifying, load_key, normalise_id, pseudonym


def test_normalise_id():
    assert normalise_id("Ｌ０１７") == "L017"
    assert normalise_id(" l 017 ") == "L017"
    assert normalise_id("1023.0") == "1023"
    assert normalise_id(None) == ""


def test_pseudonym_is_hmac_sha256():
    expected = "P" + hmac.new(b"k", b"L017", hashlib.sha256).hexdigest()[:12]  # RFC 2104 via the stdlib
    assert pseudonym(b"k", "L017") == expected
    assert pseudonym(b"other", "L017") != expected


def test_wrong_key_dictionary_attack_finds_nothing():
    real = {pseudonym(b"the-real-secret-key", f"L{k:03d}") for k in range(1, 51)}
    guesses = {pseudonym(b"a-guessed-key", f"L{k:03d}") for k in range(0, 1000)}
    plain = {"P" + hashlib.sha256(f"L{k:03d}".encode()).hexdigest()[:12] for k in range(0, 1000)}
    assert not real & guesses and not real & plain


def test_key_sources(tmp_path, monkeypatch):
    monkeypatch.delenv("SWEVAL_TEST_KEY", raising=False)
    with pytest.raises(ConfigError, match="secrets.token_hex"):
        load_key("SWEVAL_TEST_KEY", None)
    with pytest.raises(ConfigError, match="does not exist"):
        load_key("SWEVAL_TEST_KEY", str(tmp_path / "nope"))
    f = tmp_path / "key"
    f.write_text("abc\n")
    assert load_key("SWEVAL_TEST_KEY", str(f)) == b"abc"
    monkeypatch.setenv("SWEVAL_TEST_KEY", "env-wins")
    assert load_key("SWEVAL_TEST_KEY", str(f)) == b"env-wins"


@pytest.mark.parametrize("header, expected", [("2、你的姓名", True), ("来自IP", True), ("3、家长联系电话", True),
                                              ("phone", True), ("description", False), ("17(有可以学习的榜样)", False),
                                              ("4、你的微信昵称", True), ("家长联系方式", True), ("7、家庭住址", True),
                                              ("IPAddress", True), ("RecipientLastName", True), ("RecipientEmail", True),
                                              ("phonenumber", True), ("deviceid", True), ("wechat_nickname", True),
                                              ("cyrm_01", False), ("redcap_event_name", False), ("所用时间", False)])
def test_identifying_headers(header, expected):
    assert is_identifying(header) is expected
