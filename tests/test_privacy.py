"""Pseudonyms: keyed, stable, not reversible without the key; IDs normalised."""
import hashlib
import hmac
from pathlib import Path

import pytest

from sweval.errors import ConfigError
from sweval.privacy import (DEMO_KEY_FINGERPRINT, is_identifying, key_bytes, key_fingerprint, load_key,
                            normalise_id, pseudonym, study_key_fingerprint)

ROOT = Path(__file__).resolve().parents[1]
LONG = "a-long-enough-test-key-0123456789"


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
    f.write_text(LONG + "\n")
    assert load_key("SWEVAL_TEST_KEY", str(f)) == LONG.encode()
    monkeypatch.setenv("SWEVAL_TEST_KEY", "env-wins-" + LONG)
    assert load_key("SWEVAL_TEST_KEY", str(f)) == b"env-wins-" + LONG.encode()


@pytest.mark.parametrize("text, n_bytes", [("0" * 32, 16), ("ab" * 15, 15), ("abc", 3), ("完全不符合合", 18),
                                           ("0123456789abcdef0", 17), ("secret passphrase", 17)])
def test_key_material_is_measured_as_hex_when_it_is_hex(text, n_bytes):
    assert key_bytes(text) == n_bytes


@pytest.mark.parametrize("text", ["abc", "ab" * 15, "short-key-15byte"[:15], "  " + "f" * 30 + "  "])
def test_keys_shorter_than_128_bits_are_refused_in_one_sentence(text, tmp_path, monkeypatch):
    monkeypatch.delenv("SWEVAL_TEST_KEY", raising=False)
    f = tmp_path / "key"
    f.write_text(text)
    for source in ("file", "env"):
        if source == "env":
            monkeypatch.setenv("SWEVAL_TEST_KEY", text)
        with pytest.raises(ConfigError) as err:
            load_key("SWEVAL_TEST_KEY", str(f))
        message = str(err.value)
        assert "fewer than the 16 (128 bits)" in message and "token_hex(32)" in message
        assert message.count(". ") == 0 and text.strip() not in message  # one sentence; the key never shown
        assert ("SWEVAL_TEST_KEY" in message) == (source == "env")


def test_the_fingerprint_tells_keys_apart_and_is_not_the_key():
    a, b = key_fingerprint(LONG.encode()), key_fingerprint(LONG.encode() + b"!")
    assert a != b and len(a) == 16 and LONG not in a
    assert a == hmac.new(LONG.encode(), b"sweval key fingerprint", hashlib.sha256).hexdigest()[:16]


def test_demo_key_fingerprint_is_that_of_the_shipped_demo_key():
    demo = (ROOT / "data/raw/example/demo_pseudonym_key.txt").read_text(encoding="utf-8").strip()
    assert key_fingerprint(demo.encode()) == DEMO_KEY_FINGERPRINT


def _study(simulated, key_file, **study):
    return {"study": {"simulated": simulated, **study} if simulated is not None else {},
            "privacy": {"key_env": "SWEVAL_TEST_KEY", "key_file": str(key_file)}}


@pytest.mark.parametrize("simulated", [False, None])
def test_a_real_study_refuses_the_demo_key_wherever_it_lies(simulated, tmp_path, monkeypatch):
    monkeypatch.delenv("SWEVAL_TEST_KEY", raising=False)
    demo = ROOT / "data/raw/example/demo_pseudonym_key.txt"
    copy = tmp_path / "my_key.txt"  # copied next to a study's data: compared by fingerprint, not path
    copy.write_bytes(demo.read_bytes())
    for key_file in (demo, copy):
        with pytest.raises(ConfigError) as err:
            study_key_fingerprint(_study(simulated, key_file))
        assert "public demo key" in str(err.value) and "study.simulated" in str(err.value)
        assert str(err.value).count(". ") == 0
    monkeypatch.setenv("SWEVAL_TEST_KEY", demo.read_text(encoding="utf-8"))
    with pytest.raises(ConfigError, match="public demo key"):
        study_key_fingerprint(_study(simulated, tmp_path / "absent"))
    assert study_key_fingerprint(_study(True, copy)) == DEMO_KEY_FINGERPRINT


def test_the_fingerprint_follows_the_key_actually_used(tmp_path, monkeypatch):
    monkeypatch.delenv("SWEVAL_TEST_KEY", raising=False)
    f = tmp_path / "key"
    f.write_text(LONG)
    from_file = study_key_fingerprint(_study(False, f))
    assert from_file == key_fingerprint(LONG.encode())
    monkeypatch.setenv("SWEVAL_TEST_KEY", "another-" + LONG)  # the environment variable wins
    assert study_key_fingerprint(_study(False, f)) == key_fingerprint(("another-" + LONG).encode())


@pytest.mark.parametrize("header, expected", [("2、你的姓名", True), ("来自IP", True), ("3、家长联系电话", True),
                                              ("phone", True), ("description", False), ("17(有可以学习的榜样)", False),
                                              ("4、你的微信昵称", True), ("家长联系方式", True), ("7、家庭住址", True),
                                              ("IPAddress", True), ("RecipientLastName", True), ("RecipientEmail", True),
                                              ("phonenumber", True), ("deviceid", True), ("wechat_nickname", True),
                                              ("cyrm_01", False), ("redcap_event_name", False), ("所用时间", False)])
def test_identifying_headers(header, expected):
    assert is_identifying(header) is expected
